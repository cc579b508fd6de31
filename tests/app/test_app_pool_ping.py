"""Pooled PostgreSQL connections are pinged only after they sat idle (app/db/session.py)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import session as db_session
from app.db.session import read_session, session_scope

pytestmark = pytest.mark.postgres


def _backend(url: str) -> int:
    with read_session(url) as session:
        return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(url: str, pid: int) -> None:
    """End one server process from outside the pool, as a server restart would."""
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_an_idle_connection_is_pinged_and_replaced(pg_url: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_session, "PING_IDLE_SECONDS", 0.0)
    dead = _backend(pg_url)
    _terminate(pg_url, dead)
    # The ping finds the pooled connection closed: the request gets a new one, no error.
    assert _backend(pg_url) != dead


def test_a_connection_just_used_is_not_pinged(pg_url: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_session, "PING_IDLE_SECONDS", 3600.0)
    dead = _backend(pg_url)
    _terminate(pg_url, dead)
    # No round trip before the request: it meets the closed connection itself, once …
    with pytest.raises(OperationalError), session_scope(pg_url) as session:
        session.execute(text("SELECT 1"))
    # … and SQLAlchemy drops the pool, so the next request has a new connection.
    assert _backend(pg_url) != dead
