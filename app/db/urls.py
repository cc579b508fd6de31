"""What a database URL points at, decided in one place."""

from __future__ import annotations

from sqlalchemy import URL, make_url


def sqlite_file(url: str | URL) -> str | None:
    """The file of a SQLite URL; None for another engine or an in-memory SQLite
    (``sqlite://``, ``:memory:``, ``mode=memory``), which has no file beside which to keep
    anything and no other process can open."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.query.get("mode") == "memory":
        return None
    return None if parsed.database in (None, "", ":memory:") else parsed.database


def is_sqlite_url(url: str | URL) -> bool:
    """Whether ``url`` is a SQLite database (a file or in memory)."""
    return make_url(url).get_backend_name() == "sqlite"
