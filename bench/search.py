"""Search benchmark: latency of ``/search`` on the corpus and on a corpus scaled to 100 000+.

For each database (the corpus as ingested, then the same documents copied under other ids
until there are at least ``SCALED_PROVISIONS`` provisions) it measures, over a fixed set of
queries typed the ways people type them:

* **service**: ``app.services.search.search`` in process (query parsing, typo expansion,
  FTS, ranking, facets, snippets), limit 20;
* **http**: ``GET /search`` against a real uvicorn on 127.0.0.1, JSON decoded;
* **baseline**: a plain FTS5 table over the raw ``heading + text`` (``unicode61
  remove_diacritics 2``, no normalization of our own), queried with the words as typed,
  bm25 order, limit 20, plus a ``count(*)`` for the total, on a bare ``sqlite3`` connection.

It reports median and p99 (milliseconds) per mode, and the ratio of medians to the baseline,
measured in the same run on the same machine: the ratio is what compares across machines.
The baseline is not equivalent (it misses đ, tone placement, typos, citations, facets); it
is the floor of what an FTS5 query costs here.
"""

from __future__ import annotations

import math
import re
import socket
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import insert, select

from app.core.config import Settings, index_dir_for
from app.db import models
from app.db.migrate import upgrade
from app.db.session import dispose, new_session, session_scope
from app.main import create_app
from app.services.flatten import document_row, provision_rows
from app.services.ingest import collect_files, ingest_paths, parse_file
from app.services.maintenance import reindex
from app.services.search import SearchParams, search

SCALED_PROVISIONS = 100_000
LIMIT = 20
QUERIES = [
    "thoa uoc lao dong tap the",  # no diacritics
    "thoả ước lao động tập thể",  # as printed
    "thỏa ước lao động",  # old tone placement
    "CÔNG ĐOÀN CƠ SỞ",  # upper case
    "cong doan",  # very common words
    "đoàn viên",
    "Ban Tổ chức Trung ương",
    "chuyen doi so",
    '"tập thể"',  # phrase
    "16,5 triệu",  # number
    "02-NQ/TW",  # citation
    "Điều 5",
    "khoản 2 điều 11",
    "nguoi lao dongg",  # typo
    "khoa hocc cong nghe",  # typos
    "doi moi sang tao",
    "tai chinh cong doan",
    "hội nhập quốc tế",
    "kinh te tu nhan",
    "giám sát, phản biện xã hội",
]


def run(corpus_dir: Path, repeat: int = 5, scale_to: int = SCALED_PROVISIONS) -> list[str]:
    """Benchmark search on ``corpus_dir`` and on it scaled to ``scale_to`` provisions or
    more; one report line per string."""
    repeat = max(1, repeat)
    lines = [
        f"search benchmark: {corpus_dir} ({len(QUERIES)} queries × {repeat} runs, limit {LIMIT}; "
        "ms; ratio = median / baseline median)"
    ]
    with tempfile.TemporaryDirectory(prefix="vnlex-bench-") as tmp:
        small = f"sqlite:///{Path(tmp) / 'corpus.db'}"
        summary = ingest_paths(small, [corpus_dir])
        for refused in summary.refused:
            lines.append(f"  refused {refused.path}: {refused.error}")
        if not summary.reports:
            dispose(small)
            return [*lines, f"  no document of {corpus_dir} could be ingested"]
        lines += _measure_db("corpus", small, repeat)
        big = f"sqlite:///{Path(tmp) / 'scaled.db'}"
        started = time.perf_counter()
        copies = _build_scaled(big, corpus_dir, scale_to)
        lines.append(f"  (scaled database: {copies} copies of each document, built in "
                     f"{time.perf_counter() - started:.1f} s)")
        lines += _measure_db("scaled", big, repeat)
        dispose(small)
        dispose(big)
    return lines


def _measure_db(label: str, url: str, repeat: int) -> list[str]:
    provisions = _count(url)
    path = url.removeprefix("sqlite:///")
    _build_baseline(path)
    service = _timings(lambda q: _service(url, q), repeat)
    with _server(url) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        http = _timings(lambda q: _http(client, q), repeat)
    connection = sqlite3.connect(path)
    try:
        baseline = _timings(lambda q: _baseline(connection, q), repeat)
    finally:
        connection.close()
    base_median = statistics.median(baseline)
    ours, plain = _hit_counts(url, path)
    out = [f"  {label}: {provisions} provisions; hits summed over the queries: vnlex {ours}, "
           f"baseline {plain}"]
    for mode, samples in (("service", service), ("http", http), ("baseline", baseline)):
        median = statistics.median(samples)
        out.append(
            f"    {mode:<9} median {median * 1000:8.2f}  p99 {_p99(samples) * 1000:8.2f}"
            f"  ratio {median / base_median:6.1f}×"
        )
    return out


def _timings(call: Callable[[str], object], repeat: int) -> list[float]:
    samples = []
    for query in QUERIES:
        call(query)  # warm-up: caches, vocabulary, page cache
        for _ in range(repeat):
            started = time.perf_counter()
            call(query)
            samples.append(time.perf_counter() - started)
    return samples


def _hit_counts(url: str, path: str) -> tuple[int, int]:
    """Total hits per query summed: the baseline is cheaper partly because it finds less."""
    with new_session(url) as session:
        ours = sum(search(session, SearchParams(q=q, limit=1))["total"] for q in QUERIES)
    connection = sqlite3.connect(path)
    try:
        plain = sum(
            connection.execute(
                "SELECT count(*) FROM bench_plain_fts WHERE bench_plain_fts MATCH ?",
                (" ".join(f'"{w}"' for w in _WORD.findall(q)),),
            ).fetchone()[0]
            for q in QUERIES
        )
    finally:
        connection.close()
    return ours, plain


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def _service(url: str, query: str) -> None:
    with new_session(url) as session:
        search(session, SearchParams(q=query, limit=LIMIT))


def _http(client: httpx.Client, query: str) -> None:
    response = client.get("/search", params={"q": query, "limit": LIMIT})
    response.raise_for_status()
    response.json()


# ---- the plain FTS5 baseline -------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _build_baseline(path: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DROP TABLE IF EXISTS bench_plain_fts")
        connection.execute(
            "CREATE VIRTUAL TABLE bench_plain_fts USING fts5(body, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        connection.execute(
            "INSERT INTO bench_plain_fts(rowid, body) "
            "SELECT pk, coalesce(heading, '') || ' ' || text FROM provisions"
        )
    connection.close()


def _baseline(connection: sqlite3.Connection, query: str) -> None:
    # The least any FTS search must do: quote the words as typed so the query parses.
    match = " ".join(f'"{w}"' for w in _WORD.findall(query))
    connection.execute(
        "SELECT rowid, bm25(bench_plain_fts) FROM bench_plain_fts "
        "WHERE bench_plain_fts MATCH ? ORDER BY bm25(bench_plain_fts) LIMIT ?",
        (match, LIMIT),
    ).fetchall()
    connection.execute(
        "SELECT count(*) FROM bench_plain_fts WHERE bench_plain_fts MATCH ?", (match,)
    ).fetchone()


# ---- the scaled corpus -------------------------------------------------------------------


def _build_scaled(url: str, corpus_dir: Path, scale_to: int) -> int:
    """Copies of every parsed document under ids ``<id>-copyN`` until ``scale_to``+ provisions.

    Rows are flattened once per document and bulk-inserted per copy, so building the scaled
    database costs inserts and index updates, not re-parsing.
    """
    upgrade(url)
    parsed = []
    for path in collect_files([corpus_dir]):
        try:
            doc, doc_id = parse_file(path)
        except Exception:  # noqa: BLE001  (a refused file was reported for the corpus run)
            continue
        parsed.append((doc, doc_id, provision_rows(doc, doc_id)))
    per_copy = sum(len(rows) for _, _, rows in parsed)
    copies = max(1, math.ceil(scale_to / max(1, per_copy)))
    for n in range(copies):
        with session_scope(url) as session:
            for doc, doc_id, rows in parsed:
                _insert_copy(session, doc, doc_id, rows, f"{doc_id}-copy{n}")
    # Rows went in without ingest's change log: count the vocabulary and build the index.
    reindex(url, index_dir_for(url))
    return copies


def _insert_copy(session, doc, doc_id: str, rows: list[dict], new_id: str) -> None:  # noqa: ANN001
    prefix, new_prefix = f"{doc_id}/", f"{new_id}/"

    def moved(value: str | None) -> str | None:
        return new_prefix + value[len(prefix):] if value and value.startswith(prefix) else value

    document = document_row(doc, new_id, None)
    document["provision_count"] = len(rows)
    session.execute(insert(models.Document.__table__).values(**document))
    copied = [
        {**row, "id": moved(row["id"]), "parent_id": moved(row["parent_id"]),
         "document_id": new_id,
         "breadcrumbs": [{**c, "id": moved(c["id"])} for c in row["breadcrumbs"]]}
        for row in rows
    ]
    if copied:
        session.execute(insert(models.Provision.__table__), copied)


def _count(url: str) -> int:
    with new_session(url) as session:
        return len(session.execute(select(models.Provision.pk)).all())


# ---- a real server -----------------------------------------------------------------------


class _server:  # noqa: N801  (used as a context manager, reads like a function)
    """uvicorn on 127.0.0.1 and a free port, in a thread, for the duration of a block."""

    def __init__(self, url: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        app = create_app(Settings(database_url=url))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
