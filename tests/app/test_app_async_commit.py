"""A batch ingest on PostgreSQL commits each document without waiting for the disk, and
makes them all durable before it returns (``app/db/session.py``, ``flush_commits``); a
single upload still waits for the disk."""

from __future__ import annotations

import pytest
from factories_app import CORPUS
from sqlalchemy import text
from statements import statements

from app.db.session import flush_commits, session_scope
from app.services.ingest import ingest_file, ingest_paths

pytestmark = pytest.mark.postgres


def test_write_sessions_wait_for_the_disk_unless_asked(pg_url: str) -> None:
    with session_scope(pg_url, write=True) as session:
        assert session.scalar(text("SHOW synchronous_commit")) == "on"
    with session_scope(pg_url, write=True, durable=False) as session:
        assert session.scalar(text("SHOW synchronous_commit")) == "off"
    with session_scope(pg_url) as session:  # SET LOCAL: the next transaction is back to on
        assert session.scalar(text("SHOW synchronous_commit")) == "on"


def test_flush_commits_reaches_the_last_async_commit(pg_url: str) -> None:
    with session_scope(pg_url, write=True, durable=False) as session:
        session.execute(text("CREATE TABLE scratch (x int)"))
        session.execute(text("INSERT INTO scratch SELECT generate_series(1, 1000)"))
        # Where the WAL stood after the inserts: the commit record comes after it. (Not
        # read later: other databases of the server may be writing records meanwhile.)
        written = session.scalar(text("SELECT pg_current_wal_insert_lsn()::text"))
    flush_commits(pg_url)
    with session_scope(pg_url) as session:
        assert session.scalar(text("SELECT pg_current_wal_flush_lsn() >= CAST(:lsn AS pg_lsn)"),
                              {"lsn": written})


def test_batch_ingest_commits_async_then_flushes(pg_url: str) -> None:
    with statements(pg_url) as seen:
        summary = ingest_paths(pg_url, [CORPUS], jobs=1)
    assert not summary.refused and len(summary.results) >= 5
    async_begins = [i for i, s in enumerate(seen) if "synchronous_commit TO OFF" in s]
    assert len(async_begins) == len(summary.results)  # one per document
    last_flush = max(i for i, s in enumerate(seen) if "pg_logical_emit_message" in s)
    assert last_flush > async_begins[-1]


def test_one_file_ingest_waits_for_the_disk(pg_url: str) -> None:
    with statements(pg_url) as seen:
        ingest_file(pg_url, sorted(CORPUS.glob("*.md"))[0])
    assert not any("synchronous_commit" in s for s in seen)
