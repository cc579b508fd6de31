"""Database upkeep the CLI offers: migrations and index rebuilds."""

from __future__ import annotations

from pathlib import Path

from app.db.migrate import ensure_schema, upgrade
from app.db.session import session_scope
from app.search import sync
from app.search.index import State
from app.search.vocab import rebuild_terms

__all__ = ["ensure_schema", "reindex", "refresh_index", "upgrade"]


def reindex(url: str, index_dir: Path) -> State:
    """Rebuild this node's search index and recount the vocabulary from the store (after a
    crash, a manual edit of the tables, or to compact the index)."""
    ensure_schema(url)
    with session_scope(url) as session:
        rebuild_terms(session, sync.all_rows(session), sync.head_seq(session))
    with session_scope(url) as session:
        return sync.rebuild_now(session, index_dir)


def refresh_index(url: str, index_dir: Path) -> State:
    """Apply the changes the index has not seen yet (after an ingest)."""
    with session_scope(url) as session:
        return sync.fresh_index(session, index_dir, wait=True).state
