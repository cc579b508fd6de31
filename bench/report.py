"""The results: ``bench/results/latest.json`` (every figure) and ``latest.md`` (for the README)."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "system": f"{platform.system()} {platform.release()}",
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def write(results: dict[str, Any], folder: Path = RESULTS, name: str = "latest") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (folder / f"{name}.md").write_text(markdown(results), "utf-8")
    return folder / f"{name}.json"


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _score(score: dict[str, int] | None) -> str:
    return f"{score['correct']} of {score['of']}" if score else "–"


def markdown(r: dict[str, Any]) -> str:
    """The table the README shows, with the machine and the command that produced it."""
    m = r["machine"]
    rows = [
        ("store", f"{r.get('engine', 'sqlite')}"),
        ("corpus", f"{_fmt(r['provisions'])} provisions, {_fmt(r['documents'])} documents "
                   f"(SCALE={r['scale']:g}; {_fmt(r.get('source_mb'))} MB of source text)"),
        ("parse (sources)", f"{_fmt(r['parse_docs_per_s'])} docs/s, "
                            f"{_fmt(r['parse_mb_per_s'])} MB/s"),
        ("ingest (`vnlex ingest`)", f"{_fmt(r['ingest_provisions_per_s'])} provisions/s "
                                    f"({_fmt(r.get('ingest_s'))} s); reindex "
                                    f"{_fmt(r.get('reindex_s'))} s"),
        ("on disk", f"db {_fmt(r['db_mb'])} MB + index {_fmt(r.get('index_mb'))} MB = "
                    f"{_fmt(r.get('stored_to_source_ratio'))}× the source text"),
        ("search in process (no answer cache), p50 / p99", f"{_fmt(r['search_ms_p50'])} / "
                                         f"{_fmt(r['search_ms_p99'])} ms"),
        ("… typo queries", f"{_fmt(r['typo_search_ms_p50'])} / "
                           f"{_fmt(r.get('typo_search_ms_p99'))} ms"),
        ("… common-word queries", f"{_fmt(r.get('common_search_ms_p50'))} / "
                                  f"{_fmt(r.get('common_search_ms_p99'))} ms"),
        ("plain FTS5 baseline, p50 / p99", f"{_fmt(r['baseline_fts_ms_p50'])} / "
                                           f"{_fmt(r.get('baseline_fts_ms_p99'))} ms "
                                           f"(vnlex p50 = {_fmt(r.get('search_to_fts_p50'))}×)"),
        ("correct in top 10: vnlex / FTS5", f"{_score(r['vnlex_correct'])} / "
                                            f"{_score(r['baseline_fts_correct'])}"),
        ("… held-out queries only", f"{_score(r['scores']['vnlex']['held_out'])} / "
                                    f"{_score(r['scores']['fts']['held_out'])}"),
        ("naive rapidfuzz scan (subset)", f"p50 {_fmt(r['naive_scan_ms_p50'])} ms; correct "
                                          f"{_score(r.get('naive_scan_correct'))} (vnlex "
                                          f"{_score(r.get('vnlex_correct_on_naive_subset'))})"),
        (f"HTTP /search, {r.get('http_rps_clients', 8)} clients",
         f"{_fmt(r['http_search_rps'])} req/s = "
                                    f"{_fmt(r.get('http_search_to_trivial'))} × /health "
                                    f"({_fmt(r['http_trivial_rps'])} req/s)"),
        ("HTTP /search, 1 client, p50 / p99", f"{_fmt(r.get('http_search_ms_p50'))} / "
                                              f"{_fmt(r['http_search_ms_p99'])} ms"),
        (f"… without the answer cache, {r.get('http_rps_clients', 8)} clients",
         f"{_fmt(r.get('http_search_uncached_rps'))} req/s = "
         f"{_fmt(r.get('http_search_uncached_to_trivial'))} × /health"),
        ("… without the answer cache, 1 client, p50 / p99",
         f"{_fmt(r.get('http_search_uncached_ms_p50'))} / "
         f"{_fmt(r.get('http_search_uncached_ms_p99'))} ms"),
        ("peak server RSS", f"{_fmt(r['rss_mb'])} MB"),
        ("a new node gets its index from the store (start to /ready 200; on PostgreSQL it "
         "restores the copy `vnlex reindex` published)",
         f"{_fmt(r.get('node_rebuild_ready_s'))} s"),
        ("… rebuilding from the rows instead (PostgreSQL, the copy set aside)",
         f"{_fmt(r.get('node_rebuild_rows_ready_s'))} s"),
        (f"… /search without the answer cache, {r.get('http_rps_clients', 8)} clients, "
         "by workers", ", ".join(f"{n}: {_fmt(v)} req/s" for n, v in
                                 (r.get("http_search_uncached_rps_by_workers") or {}).items())
         + f" (2 ÷ 1 = {_fmt(r.get('http_2_workers_to_1'))})"),
        ("… cores used meanwhile, by workers: server + load generator",
         ", ".join(f"{n}: {_fmt(c.get('server'))} + {_fmt(c.get('client'))}" for n, c in
                   (r.get("http_search_uncached_cores_by_workers") or {}).items())),
    ]
    lines = [
        f"Benchmark of {r['date']}: `{r['command']}`",
        "",
        f"Machine: {m['cores']} cores, {m['cpu']}, Python {m['python']}, "
        f"SQLite {m['sqlite']}, {m['system']}.",
        "",
        "| what | measured |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
        *_class_table(r),
        "",
        *_http_table(r),
    ]
    return "\n".join(lines) + "\n"


def _class_table(r: dict[str, Any]) -> list[str]:
    lines = ["| query class | vnlex p50 / p99 ms | FTS5 p50 / p99 ms | correct vnlex | "
             "correct FTS5 |", "|---|---|---|---|---|"]
    vn, fts = r["latency"]["vnlex"], r["latency"]["fts"]
    for klass, score in r["scores"]["vnlex"]["by_class"].items():
        a, b = vn.get(klass, {}), fts.get(klass, {})
        lines.append(
            f"| {klass} | {_fmt(a.get('p50'))} / {_fmt(a.get('p99'))} | {_fmt(b.get('p50'))} / "
            f"{_fmt(b.get('p99'))} | {_score(score)} | "
            f"{_score(r['scores']['fts']['by_class'].get(klass))} |")
    return lines


def _http_table(r: dict[str, Any]) -> list[str]:
    http = r.get("http") or {}
    lines = ["| HTTP endpoint | clients | req/s | p50 ms | p99 ms | errors |",
             "|---|---|---|---|---|---|"]
    for endpoint in ("health", "search", "search_uncached", "provisions"):
        for clients, run in (http.get(endpoint) or {}).items():
            lines.append(f"| {endpoint} | {clients} | {_fmt(run['rps'])} | "
                         f"{_fmt(run['ms']['p50'])} | {_fmt(run['ms']['p99'])} | "
                         f"{run['errors']} |")
    for workers, runs in (http.get("search_uncached_by_workers") or {}).items():
        for clients, run in runs.items():
            lines.append(f"| search_uncached, {workers} worker(s) | {clients} | "
                         f"{_fmt(run['rps'])} | {_fmt(run['ms']['p50'])} | "
                         f"{_fmt(run['ms']['p99'])} | {run['errors']} |")
    during = http.get("search_during_reingest")
    if during:
        writes = ", ".join(f"{w['status']} in {w['s']} s" for w in during["writes"])
        lines.append(f"| search while a document is uploaded and replaced "
                     f"{len(during['writes'])} times ({writes}), {_fmt(during['seconds'])} s "
                     f"| {during['clients']} | {_fmt(during['rps'])} | "
                     f"{_fmt(during['ms']['p50'])} | {_fmt(during['ms']['p99'])} | "
                     f"{during['errors']} |")
    return lines
