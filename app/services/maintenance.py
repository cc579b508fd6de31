"""Database upkeep the CLI offers: migrations and index rebuilds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db import migrate
from app.db.session import get_engine, session_scope
from app.search import rows, sync
from app.search.index import State
from app.search.vocab import rebuild_terms
from app.services import status

__all__ = ["ensure_schema", "publish_index", "recompute_status", "refresh_index", "reindex",
           "shares_index", "upgrade", "vacuum"]

# The revision that began storing in-force facts: its migration cannot resolve relations.
STATUS_REVISION = "0013"


def upgrade(url: str, revision: str = "head") -> None:
    """``migrate.upgrade``; when that crosses ``STATUS_REVISION`` on a store with
    documents, the in-force facts are recomputed too (the migration filled only the dates).
    """
    before = migrate.current_revision(url)
    migrate.upgrade(url, revision)
    after = migrate.current_revision(url)
    if before is not None and before < STATUS_REVISION <= (after or ""):
        recompute_status(url)


def ensure_schema(url: str) -> None:
    """Upgrade (as ``upgrade``) only when the database is behind (an empty one is)."""
    if migrate.current_revision(url) != migrate.head_revision(url):
        upgrade(url)


def recompute_status(url: str) -> int:
    """Rebuild every document's stored in-force facts; how many documents."""
    with session_scope(url, write=True) as session:
        return status.recompute(session)


def reindex(url: str, index_dir: Path, *, vocabulary: bool = False) -> State:
    """Rebuild this node's search index from the store (to compact it, or after a manual
    edit of the tables); with ``vocabulary``, recount the typo vocabulary too (ingest keeps
    it, so that is only needed after editing the tables by hand)."""
    ensure_schema(url)
    if vocabulary:
        with session_scope(url) as session:
            rebuild_terms(session, rows.all_rows(session), sync.head_seq(session))
    with session_scope(url) as session:
        state = sync.rebuild_now(session, index_dir)
    if shares_index(url):
        publish_index(url, index_dir)
    return state


def refresh_index(url: str, index_dir: Path) -> State:
    """Apply the changes the index has not seen yet (after an ingest); on a shared store
    with no published copy of this index yet, publish it for the next node."""
    with session_scope(url) as session:
        state = sync.fresh_index(session, index_dir, wait=True).state
        unpublished = shares_index(url) and not sync.published(session, state.store_id)
    if unpublished:
        publish_index(url, index_dir)
    return state


def shares_index(url: str) -> bool:
    """A store many nodes use (PostgreSQL) keeps a published copy of the index; a SQLite
    file's one node has it beside the file."""
    return get_engine(url).dialect.name == "postgresql"


def publish_index(url: str, index_dir: Path) -> tuple[State, int]:
    """Publish this node's index in the store (``app/search/snapshots.py``): the state it
    holds and the archive's bytes."""
    with session_scope(url, write=True) as session:
        published = sync.publish_now(session, index_dir)
    if shares_index(url):
        # The replaced copy's parts are dead rows (in TOAST, the index's whole size) until
        # autovacuum comes by; freed now, the next copy reuses their pages instead of
        # growing the database by a copy each reindex.
        _vacuum(url, "VACUUM index_snapshot_parts, index_snapshots")
    return published


def _vacuum(url: str, statement: str) -> None:
    """Run a PostgreSQL VACUUM statement (it refuses to run inside a transaction)."""
    with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(statement)


def vacuum(url: str) -> None:
    """Give back the space freed pages hold. A migration that rebuilds a table (0018) leaves
    the old pages free inside a SQLite file, which never shrinks by itself; VACUUM rewrites
    it (it needs as much free disk as the file, and holds the write lock while it runs).
    On PostgreSQL, ``VACUUM ANALYZE`` frees dead rows for reuse and refreshes statistics."""
    engine = get_engine(url)
    if engine.dialect.name != "sqlite":
        _vacuum(url, "VACUUM ANALYZE")
        return
    # The engine's connections open a transaction of their own (``app/db/session.py``), and
    # VACUUM refuses to run in one: the driver's connection in autocommit mode instead.
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        previous, driver.isolation_level = driver.isolation_level, None
        try:
            driver.execute("VACUUM")
            # In WAL mode the rewritten pages sit in the log until a checkpoint moves them.
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            driver.isolation_level = previous
    finally:
        raw.close()
