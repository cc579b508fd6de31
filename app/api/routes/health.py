from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from app.api.deps import SessionDep, SettingsDep
from app.schemas.common import ERROR_RESPONSES, ErrorResponse
from app.schemas.health import Health, Ready
from app.services.health import INDEX_VERSION_HEADER, health, readiness

router = APIRouter(tags=["health"], responses=ERROR_RESPONSES)

NOT_READY: dict[int | str, dict[str, Any]] = {503: {
    "model": ErrorResponse,
    "description": "`not_ready`: `failed` names the check (`database`, `migrations`, "
    "`index`); `index` carries the figures known (a node rebuilding its index says so)",
}}


@router.get("/health", response_model=Health)
def get_health(session: SessionDep) -> Health:
    """Liveness plus the number of documents and the schema revision."""
    return Health(**health(session))


@router.get("/ready", response_model=Ready, responses=NOT_READY)
def get_ready(response: Response, session: SessionDep, settings: SettingsDep) -> Ready:
    """Readiness: the database answers, its schema is current, this node's index is built
    and no more than `VNLEX_INDEX_MAX_LAG_SECONDS` behind."""
    report = readiness(session, settings.index_path, settings.index_max_lag_seconds)
    response.headers[INDEX_VERSION_HEADER] = str(report["index"]["version"])
    return Ready(**report)
