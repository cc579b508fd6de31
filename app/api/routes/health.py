from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.schemas.common import ERROR_RESPONSES
from app.schemas.health import Health
from app.services.health import health

router = APIRouter(tags=["health"], responses=ERROR_RESPONSES)


@router.get("/health", response_model=Health)
def get_health(session: SessionDep) -> Health:
    """Liveness plus the number of documents and the schema revision."""
    return Health(**health(session))
