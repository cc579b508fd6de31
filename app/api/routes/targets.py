from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import SessionDep
from app.api.tabular import CSV_RESPONSE, csv_response, next_page, wants_csv
from app.schemas.common import ERROR_RESPONSES
from app.schemas.tables import TargetRow, TargetTable
from app.services.tables import TARGET_COLUMNS, list_targets

router = APIRouter(tags=["targets"], responses=ERROR_RESPONSES)


@router.get("/targets", response_model=TargetTable, responses=CSV_RESPONSE)
def targets(
    request: Request,
    response: Response,
    session: SessionDep,
    doc: str | None = Query(None, max_length=200, examples=["02-nq-tw-2021"]),
    year: int | None = Query(None, ge=1900, le=2200, examples=[2025]),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000_000),
    format: Literal["json", "csv"] | None = Query(
        None, description="`csv` for every row as CSV (also `Accept: text/csv`)"
    ),
) -> TargetTable | Response:
    """Targets of the objectives (year, measure, value), filtered by document and year."""
    if wants_csv(request, format):
        rows = list_targets(session, doc=doc, year=year)["items"]
        return csv_response(rows, TARGET_COLUMNS, "targets.csv")
    page = list_targets(session, doc=doc, year=year, limit=limit, offset=offset)
    return TargetTable(
        total=page["total"], limit=limit, offset=offset,
        items=[TargetRow(**row) for row in page["items"]],
        next=next_page(request, response, page["total"], limit, offset),
    )
