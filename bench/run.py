"""The scaled benchmark, stage by stage: build, parse, ingest, search, baselines, HTTP.

Each stage is its own module; this one only sequences them, keeps the database between
stages (``--only search`` reuses the last ingest of the same build) and assembles the
figures into one dictionary for ``bench.report``.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text

from app.db.session import session_scope
from bench import baselines, build, http, ingest, latency, parse, queries, report
from bench.stats import ratio

STAGES = ("parse", "ingest", "search", "http")
# The document uploaded and replaced while /search is loaded (bench.http.during_reingest).
REINGEST_SOURCE = Path(__file__).resolve().parents[1] / "corpus" / "02-NQ-TW-2021.md"


@dataclass
class Options:
    folders: list[Path]
    scale: float
    repeat: int = 5
    parse_repeat: int = 3
    duration: float = 10.0
    only: str | None = None
    queries_file: Path = queries.QUERIES
    cache: Path = build.CACHE
    results: Path | None = report.RESULTS
    clients: tuple[int, ...] = http.CLIENTS
    workers: tuple[int, ...] = http.WORKERS
    # None: a SQLite file in the cache; else the PostgreSQL database the bench recreates.
    pg_url: str | None = None
    naive_per_class: int = baselines.NAIVE_PER_CLASS
    log: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr))


def run(opts: Options) -> dict[str, Any]:
    """Run the stages ``opts`` asks for; return the figures (and write them on a full run)."""
    started = time.perf_counter()
    out: dict[str, Any] = {"scale": opts.scale, "machine": report.machine(),
                           "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                           "command": " ".join(shlex.quote(a) for a in sys.argv)}
    wanted = (opts.only,) if opts.only else STAGES
    if "parse" in wanted:
        opts.log("bench: parse …")
        out["parse"] = parse.figures(build.source_files(opts.folders), opts.parse_repeat)
    if wanted == ("parse",):
        return out
    opts.log(f"bench: building the corpus (SCALE={opts.scale:g}) …")
    corpus = build.build(opts.folders, opts.scale, opts.cache)
    out["build"] = {"folder": str(corpus.folder), "files": len(corpus.copies),
                    "sources": len(corpus.sources), "estimated_provisions": corpus.provisions}
    opts.log(f"bench: {len(corpus.copies)} files, ~{corpus.provisions:,} provisions in "
             f"{corpus.folder}")
    stored = _stored(corpus, opts, fresh="ingest" in wanted)
    out["ingest"] = stored
    if "search" in wanted or "http" in wanted:
        mix = queries.load(opts.queries_file)
        out["missing_expected_ids"] = [
            {"qid": qid, "id": pid} for qid, pid in queries.missing_ids(mix, _known(stored, mix))]
        for row in out["missing_expected_ids"]:
            opts.log(f"bench: query {row['qid']}: expected id {row['id']} is not in the corpus")
    if "search" in wanted:
        out.update(_search(corpus, stored, mix, opts))
    if "http" in wanted:
        opts.log(f"bench: HTTP, {opts.duration:g} s per run …")
        out["http"] = http.run(stored["url"], mix, _sample_ids(stored), corpus.folder / "http",
                               opts.duration, opts.clients, reingest=REINGEST_SOURCE,
                               workers=opts.workers)
    out["elapsed_s"] = round(time.perf_counter() - started, 1)
    if opts.only is None:
        out = {**headline(out), **out}
        if opts.results is not None:
            opts.log(f"bench: wrote {report.write(out, opts.results, results_name(opts))}")
    return out


def results_name(opts: Options) -> str:
    """``latest``, or ``latest-postgresql`` when PostgreSQL is the store."""
    return "latest" if opts.pg_url is None else "latest-postgresql"


def _stored(corpus: build.Build, opts: Options, fresh: bool) -> dict[str, Any]:
    """Ingest figures: measured now, or those of the last ingest of this build."""
    marker = corpus.folder / "db" / "ingest.json"
    if not fresh and marker.is_file():
        kept = dict(json.loads(marker.read_text("utf-8")))
        if kept["url"] == (opts.pg_url or kept["url"]) and kept["url"].startswith(
                "postgresql" if opts.pg_url else "sqlite"):
            return kept
    opts.log("bench: vnlex db upgrade, ingest, reindex …")
    figures = ingest.measure(corpus.files, corpus.folder / "db", corpus.source_bytes,
                             opts.pg_url)
    marker.write_text(json.dumps(figures), "utf-8")
    opts.log(f"bench: {figures['provisions']:,} provisions at "
             f"{figures['ingest_provisions_per_s']:,.0f}/s")
    return figures


def _db_path(stored: dict[str, Any]) -> Path | str:
    """The SQLite file of the store, or its URL when it is not a SQLite file."""
    url = str(stored["url"])
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else url


def _known(stored: dict[str, Any], mix: list[queries.Query]) -> set[str]:
    """The expected ids of the mix that are provisions of the database."""
    wanted = sorted({pid for q in mix for pid in q.expected})
    found: set[str] = set()
    with session_scope(stored["url"]) as session:
        for i in range(0, len(wanted), 500):
            found.update(session.scalars(
                text("SELECT id FROM provisions WHERE id IN :ids").bindparams(
                    bindparam("ids", expanding=True)), {"ids": wanted[i:i + 500]}))
    return found


def _sample_ids(stored: dict[str, Any], count: int = 1000) -> list[str]:
    """Provision ids spread over the whole table, for ``/provisions/{id}``."""
    step = max(1, int(stored["provisions"]) // count)
    with session_scope(stored["url"]) as session:
        return list(session.scalars(
            text("SELECT id FROM provisions WHERE pk % :step = 0 ORDER BY pk LIMIT :n"),
            {"step": step, "n": count}))


def _search(corpus: build.Build, stored: dict[str, Any], mix: list[queries.Query],
            opts: Options) -> dict[str, Any]:
    source_of = corpus.source_of()
    opts.log(f"bench: vnlex search, {len(mix)} queries × {opts.repeat} …")
    ours = latency.run(stored["url"], mix, opts.repeat, source_of)
    opts.log("bench: plain FTS5 baseline …")
    fts_db = corpus.folder / "baseline" / "plain-fts.db"
    fts_db.parent.mkdir(exist_ok=True)
    build_s = baselines.build_fts(_db_path(stored), fts_db)
    fts = baselines.run_fts(fts_db, mix, opts.repeat, source_of)
    subset = baselines.naive_subset(mix, opts.naive_per_class)
    opts.log(f"bench: naive rapidfuzz scan, {len(subset)} queries …")
    naive = baselines.run_naive(fts_db, subset, source_of)
    return {
        "search": {"vnlex": _trim(ours), "fts": {**_trim(fts), "build_s": round(build_s, 2)},
                   "naive": _trim(naive)},
        "scores": {"vnlex": queries.scores(mix, ours["correct"]),
                   "fts": queries.scores(mix, fts["correct"]),
                   "naive": queries.scores(subset, naive["correct"]),
                   "vnlex_on_naive_subset": queries.scores(
                       subset, {q.qid: ours["correct"][q.qid] for q in subset})},
        "latency": {"vnlex": ours["ms_by_class"], "fts": fts["ms_by_class"]},
    }


def _throughput_clients(runs: dict[str, Any]) -> str:
    """8 clients (what issue 8 compares), or the nearest count that was run."""
    return min(runs, key=lambda n: abs(int(n) - 8))


def _trim(result: dict[str, Any]) -> dict[str, Any]:
    """Answers kept only where they were wrong (first three ids): what a reader checks."""
    wrong = {qid: result["answers"][qid][:3] for qid, ok in result["correct"].items() if not ok}
    return {**{k: v for k, v in result.items() if k not in ("answers", "correct")},
            "wrong": wrong}


def _uncached_headline(http_runs: dict[str, Any], clients: str,
                       health8: dict[str, Any]) -> dict[str, Any]:
    """The same /search figures from the server without the answer cache."""
    runs = http_runs.get("search_uncached") or {}
    if not runs:
        return {}
    at, one = runs.get(clients, {}), runs[min(runs, key=int)]
    return {
        "http_search_uncached_rps": at.get("rps"),
        "http_search_uncached_to_trivial": ratio(at.get("rps", 0), health8.get("rps", 0)),
        "http_search_uncached_ms_p50": one.get("ms", {}).get("p50"),
        "http_search_uncached_ms_p99": one.get("ms", {}).get("p99"),
    }


def headline(r: dict[str, Any]) -> dict[str, Any]:
    """The keys issue 8 names, first in the JSON: the figures to compare between runs."""
    stored, parsed = r["ingest"], r["parse"]
    vn, fts, naive = r["search"]["vnlex"], r["search"]["fts"], r["search"]["naive"]
    by_class = vn["ms_by_class"]
    http_runs = r["http"]
    clients = _throughput_clients(http_runs["search"])
    search8, health8 = http_runs["search"][clients], http_runs["health"][clients]
    search1 = http_runs["search"][min(http_runs["search"], key=int)]
    rebuild = http_runs.get("node_rebuild") or {}
    return {
        "engine": str(stored["url"]).split(":", 1)[0].split("+", 1)[0],
        "provisions": stored["provisions"],
        "documents": stored["documents"],
        "source_mb": stored["source_mb"],
        "parse_docs_per_s": parsed["docs_per_s"],
        "parse_mb_per_s": parsed["mb_per_s"],
        "ingest_provisions_per_s": stored["ingest_provisions_per_s"],
        "ingest_s": stored["ingest_s"],
        "reindex_s": stored["reindex_s"],
        "db_mb": stored["db_mb"],
        "index_mb": stored["index_mb"],
        "stored_to_source_ratio": stored["stored_to_source_ratio"],
        "search_ms_p50": vn["ms"]["p50"],
        "search_ms_p99": vn["ms"]["p99"],
        "typo_search_ms_p50": by_class.get("typo", {}).get("p50"),
        "typo_search_ms_p99": by_class.get("typo", {}).get("p99"),
        "common_search_ms_p50": by_class.get("common", {}).get("p50"),
        "common_search_ms_p99": by_class.get("common", {}).get("p99"),
        "baseline_fts_ms_p50": fts["ms"]["p50"],
        "baseline_fts_ms_p99": fts["ms"]["p99"],
        "search_to_fts_p50": ratio(vn["ms"]["p50"], fts["ms"]["p50"]),
        "search_to_fts_p99": ratio(vn["ms"]["p99"], fts["ms"]["p99"]),
        "vnlex_correct": r["scores"]["vnlex"]["all"],
        "vnlex_correct_held_out": r["scores"]["vnlex"]["held_out"],
        "baseline_fts_correct": r["scores"]["fts"]["all"],
        "baseline_fts_correct_held_out": r["scores"]["fts"]["held_out"],
        "naive_scan_ms_p50": naive["ms"]["p50"],
        "naive_scan_correct": r["scores"]["naive"]["all"],
        "vnlex_correct_on_naive_subset": r["scores"]["vnlex_on_naive_subset"]["all"],
        "http_search_rps": search8.get("rps"),
        "http_trivial_rps": health8.get("rps"),
        "http_search_to_trivial": ratio(search8.get("rps", 0), health8.get("rps", 0)),
        "http_rps_clients": int(clients),
        "http_search_ms_p50": search1.get("ms", {}).get("p50"),
        "http_search_ms_p99": search1.get("ms", {}).get("p99"),
        **_uncached_headline(http_runs, clients, health8),
        "http_errors": sum(run["errors"] for endpoint in ("health", "search", "provisions")
                           for run in http_runs[endpoint].values()),
        "rss_mb": http_runs["rss_mb"],
        "node_rebuild_ready_s": rebuild.get("ready_s"),
        "node_rebuild_rows_ready_s": (http_runs.get("node_rebuild_rows") or {}).get("ready_s"),
        **_workers_headline(http_runs.get("search_uncached_by_workers") or {}, clients),
        **_reingest_headline(http_runs.get("search_during_reingest") or {}),
    }


def _workers_headline(by_workers: dict[str, Any], clients: str) -> dict[str, Any]:
    """/search without the answer cache, req/s at ``clients`` clients per worker count."""
    rps = {n: runs.get(clients, {}).get("rps") for n, runs in by_workers.items()}
    one, two = rps.get("1"), rps.get("2")
    # What a second worker could gain: the cores the server and the load generator used.
    cores = {n: {"server": runs.get(clients, {}).get("server_cores"),
                 "client": runs.get(clients, {}).get("client_cores")}
             for n, runs in by_workers.items()}
    return {"http_search_uncached_rps_by_workers": rps,
            "http_search_uncached_cores_by_workers": cores,
            "http_2_workers_to_1": ratio(two, one) if one and two else None}


def _reingest_headline(run: dict[str, Any]) -> dict[str, Any]:
    """``/search`` while a document is uploaded and replaced (issue 12)."""
    if not run:
        return {}
    return {"http_reingest_rps": run["rps"], "http_reingest_ms_p99": run["ms"]["p99"],
            "http_reingest_errors": run["errors"],
            "http_reingest_writes": [w["status"] for w in run["writes"]]}
