from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import SessionDep
from app.api.tabular import CSV_RESPONSE, Format, Limit, Offset, table_answer
from app.schemas.common import ERROR_RESPONSES
from app.schemas.tables import DutyTable
from app.services.tables import DUTY_COLUMNS, list_duties
from parsers.duties import ROLES as DUTY_ROLES

router = APIRouter(tags=["duties"], responses=ERROR_RESPONSES)


@router.get("/duties", response_model=DutyTable, responses=CSV_RESPONSE)
def duties(
    request: Request,
    response: Response,
    session: SessionDep,
    body: str | None = Query(None, max_length=300, examples=["ban-to-chuc-trung-uong"]),
    role: str | None = Query(
        None, max_length=20, description="lead, coordinate, implement, report_to or mention",
        examples=["lead"], json_schema_extra={"enum": list(DUTY_ROLES)},
    ),
    doc: str | None = Query(None, max_length=200, examples=["02-nq-tw-2021"]),
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = None,
) -> DutyTable | Response:
    """Who does what: one row per body and provision, filtered by body, role, document."""
    rows = partial(list_duties, session, body=body, role=role, doc=doc)
    return table_answer(request, response, format, rows, DutyTable, DUTY_COLUMNS,
                        "duties.csv", limit, offset)
