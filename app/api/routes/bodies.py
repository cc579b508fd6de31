from __future__ import annotations

from fastapi import APIRouter, Path, Query

from app.api.deps import SessionDep
from app.schemas.bodies import BodyDetail, BodyList, BodySummary
from app.schemas.common import ERROR_RESPONSES
from app.services import bodies

router = APIRouter(prefix="/bodies", tags=["bodies"], responses=ERROR_RESPONSES)


@router.get("", response_model=BodyList)
def search_bodies(
    session: SessionDep,
    q: str | None = Query(
        None, max_length=200,
        description="Words of a name or alias; case, diacritics and tone placement ignored",
        examples=["ban to chuc", "Tổng Liên đoàn", "TLĐLĐVN"],
    ),
) -> BodyList:
    """Bodies of the registry whose name or alias matches `q`, with duty counts by role."""
    items = [BodySummary(**b) for b in bodies.search_bodies(session, q)]
    return BodyList(count=len(items), items=items)


@router.get("/{body_id}", response_model=BodyDetail)
def get_body(
    session: SessionDep,
    body_id: str = Path(description="A body id (its name also works)",
                        examples=["ban-to-chuc-trung-uong"]),
) -> BodyDetail:
    """One body: aliases, parent, children and its duties grouped by role, with evidence."""
    return BodyDetail(**bodies.get_body(session, body_id))
