"""The FastAPI application: assembled here, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api import errors, mcp_tools, observability, offline_docs, shape
from app.api.contract import strict_query
from app.api.middleware import EdgeMiddleware
from app.api.routes import (
    admin,
    bodies,
    documents,
    duties,
    exports,
    health,
    provisions,
    resolve,
    search,
    targets,
    terms,
    ui,
)
from app.core.config import Settings, get_settings
from app.core.logs import configure_logging
from app.services.health import Follower

DESCRIPTION = """
Tìm kiếm và tra cứu văn bản pháp luật và văn kiện Đảng, theo từng điều, khoản, mục.

Search Vietnamese legal and Party texts provision by provision. Queries ignore case,
diacritics (đ included) and tone-mark placement, and tolerate typos.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (the environment's by default)."""
    settings = settings or get_settings()
    configure_logging(settings.log_format)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The index is built and kept fresh in the background: /health answers at once,
        # /ready says 503 until the index is built (what an orchestrator waits for).
        # The index follows the store searches read (the replica, when there is one).
        follower = Follower(settings.read_url, settings.index_path,
                            settings.index_poll_seconds)
        follower.start()
        try:
            async with mcp_session_manager:
                yield
        finally:
            follower.stop()

    app = FastAPI(title="vnlex", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, dependencies=[Depends(strict_query)])
    app.state.settings = settings
    errors.install(app)
    # Writes exist only on a node given a token: without one there is nothing to guess.
    if settings.admin_token is not None:
        app.include_router(admin.router)
    # exports first: its /documents/{id}.md must not be read as the document id "….md".
    for module in (exports, search, documents, provisions, bodies, duties, targets, resolve,
                   terms, health):
        app.include_router(module.router)
    observability.install_metrics(app, settings)
    offline_docs.install(app)
    shape.install(app)
    ui.install(app)
    mcp_session_manager = mcp_tools.mount(app, mcp_tools.build_server(settings))
    _add_middleware(app, settings)
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    """CORS closed unless origins are configured; then the shared edges, outermost, so a
    413 or a CORS preflight still carries ``nosniff``."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Link", "Location", "X-Vnlex-Index-Version", "X-Request-Id"],
        )
    app.add_middleware(EdgeMiddleware, max_body=settings.max_body_bytes)
    # Outermost: a 413 or a preflight has an id too, and the id is set before anything logs.
    app.add_middleware(observability.RequestIdMiddleware)
