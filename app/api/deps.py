"""Request dependencies: settings and a database session per request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.core.config import Settings
from app.db.session import read_session
from app.errors import Unavailable


# Async: FastAPI runs a sync dependency in its thread pool, a thread hop per request for
# a dictionary lookup.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # set by app.main.create_app
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_session(settings: SettingsDep) -> AsyncIterator[Session]:
    """The request's session, on the read replica when one is configured: the one place
    that chooses. Routes that write (admin) name the primary, ``settings.database_url``.

    Async, so opening it costs no thread hop (a ``Session`` connects on first use, in the
    route's thread); closing it, which returns a connection to its pool, takes one."""
    session = read_session(settings.read_url)
    try:
        yield session
    except OperationalError as exc:
        # A locked, missing or unmigrated database is the server's fault, not the request's.
        raise Unavailable(_unavailable_message(exc)) from exc
    finally:
        await run_in_threadpool(session.close)


def _unavailable_message(exc: OperationalError) -> str:
    reason = str(exc.orig).lower()
    if "no such table" in reason or "does not exist" in reason:
        return "the database is not migrated: run `vnlex db upgrade`"
    if "locked" in reason or "busy" in reason:
        return "the database is busy; try again"
    return "the database cannot answer now"


SessionDep = Annotated[Session, Depends(get_session)]
