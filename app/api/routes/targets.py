from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset
from app.api.shape import OBJECTS, ArrayShapeDep
from app.api.tabular import CSV_RESPONSE, Format, table_answer
from app.schemas.common import ERROR_RESPONSES
from app.schemas.tables import TargetTable
from app.services import tables

router = APIRouter(tags=["targets"], responses=ERROR_RESPONSES)


@router.get("/targets", response_model=TargetTable, responses=CSV_RESPONSE)
def targets(
    request: Request,
    response: Response,
    session: SessionDep,
    doc: str | None = Query(None, max_length=200, examples=["02-nq-tw-2021"]),
    year: int | None = Query(None, ge=1900, le=2200, examples=[2025]),
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    format: Format = None,
    shape: ArrayShapeDep = OBJECTS,
) -> TargetTable | Response:
    """Targets of the objectives (year and the milestone it was read from, measure, value),
    filtered by document and year."""
    rows = tables.targets(session, doc=doc, year=year)
    return table_answer(request, response, format, rows, TargetTable, tables.TARGET_COLUMNS,
                        "targets.csv", limit, offset, shape)
