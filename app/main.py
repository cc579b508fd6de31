"""The FastAPI application: assembled here, nothing else."""

from __future__ import annotations

from fastapi import FastAPI

from app.api import errors
from app.api.routes import (
    bodies,
    documents,
    duties,
    health,
    provisions,
    resolve,
    search,
    targets,
)
from app.core.config import Settings, get_settings

DESCRIPTION = """
Tìm kiếm và tra cứu văn bản pháp luật và văn kiện Đảng, theo từng điều, khoản, mục.

Search Vietnamese legal and Party texts provision by provision. Queries ignore case,
diacritics (đ included) and tone-mark placement, and tolerate typos.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (the environment's by default)."""
    app = FastAPI(title="vnlex", version="0.1.0", description=DESCRIPTION)
    app.state.settings = settings or get_settings()
    errors.install(app)
    for module in (search, documents, provisions, bodies, duties, targets, resolve, health):
        app.include_router(module.router)
    return app
