"""Database upkeep the CLI offers: migrations and index rebuilds."""

from __future__ import annotations

from pathlib import Path

from app.db.migrate import ensure_schema, upgrade
from app.db.session import session_scope
from app.search import sync
from app.search.index import State
from app.search.vocab import rebuild_terms

__all__ = ["ensure_schema", "reindex", "refresh_index", "upgrade"]


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
