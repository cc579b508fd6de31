from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset
from app.api.shape import OBJECTS, ArrayShapeDep
from app.api.tabular import CSV_RESPONSE, DutyRole, Format, table_answer
from app.schemas.common import ERROR_RESPONSES
from app.schemas.tables import DutyTable
from app.services import tables

router = APIRouter(tags=["duties"], responses=ERROR_RESPONSES)


@router.get("/duties", response_model=DutyTable, responses=CSV_RESPONSE)
def duties(
    request: Request,
    response: Response,
    session: SessionDep,
    body: str | None = Query(None, max_length=300, examples=["ban-to-chuc-trung-uong"]),
    role: DutyRole = None,
    doc: str | None = Query(None, max_length=200, examples=["02-nq-tw-2021"]),
    current: bool = Query(False, description="With `body`: also the duties of the bodies "
                          "it took over from (merged or renamed), marked `inherited`"),
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    format: Format = None,
    shape: ArrayShapeDep = OBJECTS,
) -> DutyTable | Response:
    """Who does what: one row per body and provision, filtered by body, role, document."""
    rows = tables.duties(session, body=body, role=role, doc=doc, current=current)
    return table_answer(request, response, format, rows, DutyTable, tables.DUTY_COLUMNS,
                        "duties.csv", limit, offset, shape)
