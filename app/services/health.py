"""Health (liveness) and readiness: can we read the database, is its schema current, is
this node's search index built and fresh."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db.migrate import head_revision
from app.errors import Unavailable
from app.search import sync
from app.search.follow import Follower, follower_of
from app.services.documents import count_documents

__all__ = ["INDEX_VERSION_HEADER", "Follower", "NotReady", "health", "readiness"]


INDEX_VERSION_HEADER = "X-Vnlex-Index-Version"


class NotReady(Unavailable):
    """One of the readiness checks failed (``failed`` names it)."""

    code = "not_ready"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        index = details.get("index")
        # Which change this node's index reflects, on the 503 as on the 200.
        self.headers = {INDEX_VERSION_HEADER: str(index["version"])} if index else {}


def health(session: Session) -> dict[str, Any]:
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        session.rollback()
        return {"status": "no schema", "documents": 0, "schema_revision": None}
    return {"status": "ok", "documents": count_documents(session), "schema_revision": revision}


def readiness(session: Session, root: Path, max_lag_seconds: float) -> dict[str, Any]:
    """The readiness report of this node.

    Raises:
        NotReady: the database does not answer, its schema is not at the code's head, or
            the index is not built or has been behind for over ``max_lag_seconds``; the
            error names the check (``failed``) and carries the index figures known.
    """
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        session.rollback()
        raise NotReady(f"the database does not answer: {type(exc).__name__}",
                       failed="database") from None
    revision = _revision(session)
    expected = _head_revision(session.get_bind().engine.url.render_as_string(
        hide_password=False))
    if revision != expected:
        raise NotReady(f"the database is at schema revision {revision or 'none'}, the code "
                       f"expects {expected}: run `vnlex db upgrade`", failed="migrations",
                       schema_revision=revision)
    index = index_status(session, root)
    if not index["built"]:
        raise NotReady("this node's search index is being built from the store",
                       failed="index", index=index)
    if index["lag_seconds"] > max_lag_seconds:
        raise NotReady(f"this node's search index is {index['lag']} change(s) behind the "
                       f"store for {index['lag_seconds']:.1f} s, over {max_lag_seconds:g} s",
                       failed="index", index=index)
    return {"status": "ready", "schema_revision": revision, "index": index}


def index_status(session: Session, root: Path) -> dict[str, Any]:
    """The node's index version against the store's newest change."""
    head, sid = sync.store_head(session)
    state = sync.folder(root).state()
    follower = follower_of(root)
    built = state is not None and state.store_id == sid and (
        follower is None or follower.checked)
    seq = state.seq if state is not None and built else 0
    lag_seconds = follower.lag_seconds(seq, head) if follower is not None and built else 0.0
    return {
        "built": built, "version": seq, "store_version": head, "lag": max(0, head - seq),
        "lag_seconds": round(lag_seconds, 3),
        "role": follower.role if follower is not None else None, "pid": os.getpid(),
        "error": follower.error if follower is not None else None,
    }


def _revision(session: Session) -> str | None:
    try:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        session.rollback()
        return None


@functools.lru_cache(maxsize=8)  # the scripts do not change while the server runs
def _head_revision(url: str) -> str | None:
    return head_revision(url)
