"""Planner statistics after a bulk write: a PostgreSQL store loaded by one batch is
analysed at its end (autovacuum may be off, and is late when on); a small write into a
large store is not; SQLite is left to plan from its indexes."""

from __future__ import annotations

import sqlite3

import pytest
from factories_app import CORPUS
from sqlalchemy import text

from app.db import statistics
from app.db.session import get_engine
from app.services.copy import copy_store
from app.services.ingest import ingest_paths


@pytest.mark.parametrize(("written", "known", "expected"), [
    (1, -1, True),  # never analysed
    (50, 0, False), (51, 0, True),  # autovacuum's base of 50 rows
    (100_050, 1_000_000, False), (100_051, 1_000_000, True),  # and its tenth
    (3, 20, False),
])
def test_statistics_go_stale_by_autovacuums_rule(written: int, known: float,
                                                 expected: bool) -> None:
    assert statistics.stale(written, known) is expected


def _known_rows(url: str, table: str) -> float:
    with get_engine(url).connect() as connection:
        return float(connection.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"),
            {"t": table}))


@pytest.mark.postgres
def test_a_batch_that_loads_a_store_leaves_it_analysed(pg_url: str) -> None:
    assert _known_rows(pg_url, "provisions") < 0  # a new store: never analysed
    summary = ingest_paths(pg_url, [CORPUS])
    assert not summary.refused
    with get_engine(pg_url).connect() as connection:
        provisions = connection.scalar(text("SELECT count(*) FROM provisions"))
    assert _known_rows(pg_url, "provisions") == provisions
    assert _known_rows(pg_url, "duties") > 0
    assert _known_rows(pg_url, "index_snapshot_parts") < 0  # skipped: read whole by key
    # A few rows more into that store are not worth a pass.
    assert statistics.refresh_after(pg_url, 10) is False


@pytest.mark.postgres
def test_a_copy_into_postgresql_leaves_it_analysed(sqlite_corpus_url: str,
                                                   pg_url: str) -> None:
    copy_store(sqlite_corpus_url, pg_url)
    assert _known_rows(pg_url, "provisions") > 500
    assert _known_rows(pg_url, "relations") > 0


def test_sqlite_is_left_to_its_indexes(db_url: str) -> None:
    ingest_paths(db_url, [CORPUS])
    assert statistics.refresh_after(db_url, 10**6) is False
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() == (0,)
