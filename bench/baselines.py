"""Two baselines on the same provisions and the same queries as vnlex, in the same run.

* **plain FTS5**, set up the way sqlite-utils / Datasette do it: a copy of the provisions'
  ``heading`` and ``text`` with an external-content FTS5 table over them
  (``tokenize='unicode61 remove_diacritics 2'``), queried with the user's words quoted as
  Datasette's ``escape_fts`` does, ranked by ``bm25``, top 10, with ``snippet()``. Filters are
  plain column filters (a Datasette facet): ``section`` is a path prefix, so the articles of
  a law's chapter (``d5`` under ``ch1``) are out of its reach.
* **naive scan**: ``rapidfuzz.process.extract`` over every provision's heading and text, top
  10, no index at all. The scorer is ``token_set_ratio`` (the query's words found in the
  text): ``WRatio``, the default, was 3× slower and ranked wrong provisions first on the same
  queries. Texts are lower-cased and stripped once, before the timed queries. It costs
  seconds per query at a million provisions (about 1.3 s at 50 000 here), so it runs on a
  small fixed subset of the mix (the first query of each unfiltered class) and ignores
  filters.

The copy lives in its own SQLite file, so the database vnlex measured is never touched.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from app.db import packed_text
from bench.queries import CLASSES, TOP, Query, is_correct
from bench.stats import summary_ms

# Datasette's escape_fts: every whitespace-separated bit (or "quoted phrase") quoted.
_FTS_BITS = re.compile(r'\s+|(".*?")')
NAIVE_PER_CLASS = 1


def escape_fts(query: str) -> str:
    if query.count('"') % 2:
        query += '"'
    bits = [b for b in _FTS_BITS.split(query) if b and b != '""']
    return " ".join(f'"{b}"' if not b.startswith('"') else b for b in bits if b.strip())


COLUMNS = "pk, id, document_id, path, kind, role, heading, text"


def build_fts(vnlex_db: Path | str, path: Path) -> float:
    """Create the plain FTS5 copy at ``path`` of a vnlex SQLite file (or of any store, given
    its URL: PostgreSQL's rows are copied over); return the seconds it took."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "CREATE TABLE provisions (rowid INTEGER PRIMARY KEY, id TEXT, document_id TEXT,"
            " path TEXT, kind TEXT, role TEXT, heading TEXT, text TEXT)")
        if isinstance(vnlex_db, str):
            _copy_rows(vnlex_db, connection)
        else:
            _attach(connection, vnlex_db)
            packed_text.register(connection)  # vnlex keeps its texts deflated on SQLite
            printed = COLUMNS.replace(" text", f" {packed_text.SQL_FUNCTION}(text)")
            connection.execute(f"INSERT INTO provisions SELECT {printed} FROM src.provisions")
        connection.execute(
            "CREATE VIRTUAL TABLE provisions_fts USING fts5(heading, text, content='provisions',"
            " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')")
        connection.execute("INSERT INTO provisions_fts(provisions_fts) VALUES ('rebuild')")
    connection.close()
    return time.perf_counter() - started


def _attach(connection: sqlite3.Connection, vnlex_db: Path) -> None:
    try:
        connection.execute("ATTACH DATABASE ? AS src", (f"file:{vnlex_db}?mode=ro",))
    except sqlite3.OperationalError:  # a build without URI filenames: attach it plainly
        connection.execute("ATTACH DATABASE ? AS src", (str(vnlex_db),))


def _copy_rows(url: str, connection: sqlite3.Connection, batch: int = 20_000) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as source:
            result = source.execution_options(yield_per=batch).execute(
                text(f"SELECT {COLUMNS} FROM provisions ORDER BY pk"))
            for rows in result.partitions():
                connection.executemany("INSERT INTO provisions VALUES (?,?,?,?,?,?,?,?)",
                                       [tuple(row) for row in rows])
    finally:
        engine.dispose()


def fts_search(connection: sqlite3.Connection, query: Query) -> list[str]:
    """Top-10 ids of the plain FTS5 baseline, bm25 order, with snippets computed."""
    where, args = ["provisions_fts MATCH ?"], [escape_fts(query.q)]
    for key, column in (("doc", "document_id"), ("kind", "kind"), ("role", "role")):
        if key in query.filters:
            where.append(f"p.{column} = ?")
            args.append(query.filters[key])
    if "section" in query.filters:
        where.append("(p.path = ? OR p.path LIKE ? || '.%')")
        args += [query.filters["section"]] * 2
    sql = ("SELECT p.id, snippet(provisions_fts, -1, '<mark>', '</mark>', '…', 16)"
           " FROM provisions_fts JOIN provisions p ON p.rowid = provisions_fts.rowid"
           f" WHERE {' AND '.join(where)} ORDER BY bm25(provisions_fts) LIMIT {TOP}")
    try:
        return [row[0] for row in connection.execute(sql, args)]
    except sqlite3.OperationalError:  # a query FTS5 cannot parse answers nothing
        return []


def run_fts(path: Path, queries: list[Query], repeat: int,
            source_of: Mapping[str, str]) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        answers = {q.qid: fts_search(connection, q) for q in queries}
        samples: dict[str, list[float]] = {k: [] for k in CLASSES}
        for _ in range(repeat):
            for query in queries:
                started = time.perf_counter()
                fts_search(connection, query)
                samples[query.klass].append(time.perf_counter() - started)
    finally:
        connection.close()
    every = [s for values in samples.values() for s in values]
    return {
        "answers": answers,
        "correct": {q.qid: is_correct(q, answers[q.qid], source_of) for q in queries},
        "ms": summary_ms(every),
        "ms_by_class": {k: summary_ms(v) for k, v in samples.items() if v},
    }


def naive_subset(queries: list[Query], per_class: int = NAIVE_PER_CLASS) -> list[Query]:
    """The first ``per_class`` queries of every class without filters, in file order."""
    taken: dict[str, int] = {}
    subset = []
    for query in queries:
        if query.filters or taken.get(query.klass, 0) >= per_class:
            continue
        taken[query.klass] = taken.get(query.klass, 0) + 1
        subset.append(query)
    return subset


def run_naive(path: Path, queries: list[Query], source_of: Mapping[str, str]) -> dict[str, Any]:
    """rapidfuzz over every provision, once per query of the subset (it is slow)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT id, coalesce(heading, '') || ' ' || text FROM provisions").fetchall()
    finally:
        connection.close()
    ids = [row[0] for row in rows]
    started = time.perf_counter()
    texts = [utils.default_process(row[1]) for row in rows]
    prepare_s = time.perf_counter() - started
    answers: dict[str, list[str]] = {}
    samples = []
    for query in queries:
        started = time.perf_counter()
        hits = process.extract(utils.default_process(query.q), texts,
                               scorer=fuzz.token_set_ratio, processor=None, limit=TOP)
        samples.append(time.perf_counter() - started)
        answers[query.qid] = [ids[index] for _, _, index in hits]
    return {
        "queries": [q.qid for q in queries],
        "answers": answers,
        "correct": {q.qid: is_correct(q, answers[q.qid], source_of) for q in queries},
        "ms": summary_ms(samples),
        "prepare_s": round(prepare_s, 2),
        "scorer": "token_set_ratio",
    }
