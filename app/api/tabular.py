"""Tables as JSON pages or as CSV that spreadsheet programs open with Vietnamese intact."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# OpenAPI: the 200 of a table route is JSON or CSV.
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA_TYPE: {}},
          "description": "A JSON page, or every row as CSV (UTF-8 with BOM)"},
}
# Excel reads a CSV without a byte order mark as the local code page: "Ban Tá»• chá»©c".
BOM = "\ufeff"

# The paging and format parameters every table route takes.
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
Format = Annotated[
    Literal["json", "csv"] | None,
    Query(description="`csv` for every row as CSV (also `Accept: text/csv`)"),
]
Table = TypeVar("Table", bound=BaseModel)


def table_answer(request: Request, response: Response, format: str | None,
                 rows: Callable[..., dict[str, Any]], model: type[Table],
                 columns: Sequence[str], filename: str, limit: int,
                 offset: int) -> Table | Response:
    """What a table route answers: every row as CSV when ``wants_csv``, else one page as
    ``model`` (``total``, ``limit``, ``offset``, ``items``, ``next``).

    ``rows`` is the service with its filters bound; called with no page it returns every
    row, else ``{"total", "items"}`` of the page ``limit``/``offset``.
    """
    if wants_csv(request, format):
        return csv_response(rows()["items"], columns, filename)
    page = rows(limit=limit, offset=offset)
    return model(
        total=page["total"], limit=limit, offset=offset, items=page["items"],
        next=next_page(request, response, page["total"], limit, offset),
    )


def wants_csv(request: Request, format: str | None) -> bool:
    """``?format=csv``, or ``Accept: text/csv`` without ``?format=json``."""
    if format is not None:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def csv_response(rows: Iterable[dict[str, Any]], columns: Sequence[str],
                 filename: str) -> Response:
    """Every row as UTF-8 CSV with a BOM, one header line of ``columns``."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return Response(
        out.getvalue().encode("utf-8"), media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def next_page(request: Request, response: Response, total: int, limit: int,
              offset: int) -> str | None:
    """The next page's URL (also as a ``Link`` header), for every paged answer."""
    if offset + limit >= total:
        return None
    url = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    response.headers["Link"] = f'<{url}>; rel="next"'
    return url


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
