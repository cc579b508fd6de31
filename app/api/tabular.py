"""Tables as JSON pages, or as a CSV export that spreadsheet programs open with Vietnamese
intact and that streams, so a million rows cost the server one batch of memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from fastapi.responses import StreamingResponse

from app.api.paging import page_answer
from app.api.shape import OBJECTS, PageModel, Shape
from app.services.listing import Listing, Rows
from parsers.duties import ROLES as DUTY_ROLES

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# OpenAPI: the 200 of a table route is JSON or CSV.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA_TYPE: {}},
          "description": "A JSON page, or every row as CSV (UTF-8 with BOM; only the rows "
          "from `offset`, and `limit` of them, when those are given)"},
}
# Excel reads a CSV without a byte order mark as the local code page: "Ban Tá»• chá»©c".
BOM = "\ufeff"
# A spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…)); tab and CR start one in some programs too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The duty-role filter of /duties and /bodies/{id}/duties. The enum documents the valid
# values; an unknown one is still our 422 `bad_query` (with `valid`).
DutyRole = Annotated[str | None, Query(
    max_length=20, description="lead, coordinate, implement, report_to or mention",
    examples=["lead"], json_schema_extra={"enum": list(DUTY_ROLES)},
)]
Format = Annotated[
    Literal["json", "csv"] | None,
    Query(description="`csv` for every row as CSV (also `Accept: text/csv`)"),
]


def table_answer(request: Request, response: Response, format: str | None, rows: Listing,
                 model: type[PageModel], columns: Sequence[str], filename: str, limit: int,
                 offset: int, shape: Shape = OBJECTS) -> PageModel | Response:
    """What a table route answers: a CSV export when ``wants_csv``, else one page as
    ``model``. The export has every row unless the request gave ``limit`` (then that many,
    within the same cap as a page) or ``offset``."""
    if not wants_csv(request, format):
        return page_answer(request, response, rows, model, limit, offset, shape)
    given = request.query_params
    batches = rows.batches(offset=offset, limit=limit if "limit" in given else None)
    return csv_response(batches, columns, filename)


def wants_csv(request: Request, format: str | None) -> bool:
    """``?format=csv``, or ``Accept: text/csv`` without ``?format=json``."""
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def csv_response(batches: Iterator[Rows], columns: Sequence[str],
                 filename: str) -> Response:
    """The rows of ``batches`` as UTF-8 CSV with a BOM, one header line of ``columns``.

    The first batch is read before answering, so an error in the query is still an error
    status (503, …) rather than a cut-off 200; the rest streams one batch at a time.
    """
    first = next(batches, [])
    body = csv_lines(columns, _chain(first, batches))
    return StreamingResponse(
        body, media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _chain(first: Rows, rest: Iterator[Rows]) -> Iterator[Rows]:
    yield first
    yield from rest


def csv_lines(columns: Sequence[str], batches: Iterable[Rows]) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(BOM)
    writer.writerow(columns)
    for rows in batches:
        writer.writerows([csv_cell(row.get(c)) for c in columns] for row in rows)
        yield out.getvalue().encode("utf-8")
        out.seek(0)
        out.truncate()


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text neutralized against formulas, booleans and empty values
    as people write them, whole floats without ``.0``."""
    if isinstance(value, str):  # most cells: tested first
        if len(value) > 1 and value.startswith(FORMULA_STARTS):
            # Shown as text, as OWASP's advice on CSV injection has it; a lone "=" (the
            # comparator column) carries no formula and stays readable.
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
