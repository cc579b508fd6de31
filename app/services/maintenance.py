"""Database upkeep the CLI offers: migrations and index rebuilds."""

from __future__ import annotations

from pathlib import Path

from app.db import migrate
from app.db.session import session_scope
from app.search import sync
from app.search.index import State
from app.search.vocab import rebuild_terms
from app.services import status

__all__ = ["ensure_schema", "recompute_status", "reindex", "refresh_index", "upgrade"]

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
            rebuild_terms(session, sync.all_rows(session), sync.head_seq(session))
    with session_scope(url) as session:
        return sync.rebuild_now(session, index_dir)


def refresh_index(url: str, index_dir: Path) -> State:
    """Apply the changes the index has not seen yet (after an ingest)."""
    with session_scope(url) as session:
        return sync.fresh_index(session, index_dir, wait=True).state
