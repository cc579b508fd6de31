"""Database upkeep the CLI offers: migrations and index rebuilds."""

from __future__ import annotations

from app.db.migrate import ensure_schema, upgrade
from app.db.session import session_scope
from app.search import sqlite

__all__ = ["ensure_schema", "reindex", "upgrade"]


def reindex(url: str) -> None:
    """Rebuild the full-text indexes (after a crash or a manual edit of the tables)."""
    ensure_schema(url)
    with session_scope(url) as session:
        sqlite.rebuild(session)
