from __future__ import annotations

from fastapi import APIRouter, Path

from app.api.deps import SessionDep
from app.schemas.common import ERROR_RESPONSES
from app.schemas.provisions import ProvisionDetail
from app.services import provisions

router = APIRouter(prefix="/provisions", tags=["provisions"], responses=ERROR_RESPONSES)


@router.get("/{provision_id:path}", response_model=ProvisionDetail)
def get_provision(
    session: SessionDep,
    provision_id: str = Path(
        description="`<document id>/<path>`; the document part is case-insensitive",
        examples=["02-nq-tw-2021/IV.4"],
    ),
) -> ProvisionDetail:
    """A provision with its parent, children, previous/next siblings and breadcrumbs."""
    return ProvisionDetail(**provisions.get_provision(session, provision_id))
