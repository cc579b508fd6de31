from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import SessionDep
from app.api.tabular import CSV_RESPONSE, csv_response, next_page, wants_csv
from app.schemas.common import ERROR_RESPONSES
from app.schemas.tables import DutyRow, DutyTable
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
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000_000),
    format: Literal["json", "csv"] | None = Query(
        None, description="`csv` for every row as CSV (also `Accept: text/csv`)"
    ),
) -> DutyTable | Response:
    """Who does what: one row per body and provision, filtered by body, role, document."""
    if wants_csv(request, format):
        rows = list_duties(session, body=body, role=role, doc=doc)["items"]
        return csv_response(rows, DUTY_COLUMNS, "duties.csv")
    page = list_duties(session, body=body, role=role, doc=doc, limit=limit, offset=offset)
    return DutyTable(
        total=page["total"], limit=limit, offset=offset,
        items=[DutyRow(**row) for row in page["items"]],
        next=next_page(request, response, page["total"], limit, offset),
    )
