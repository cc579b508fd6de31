"""One paging contract for every list route: the same ``limit`` default and cap, the same
``offset`` bounds, and the same ``next`` link (also sent as a ``Link`` header)."""

from __future__ import annotations

from typing import Annotated, Any, Protocol
from urllib.parse import urlencode

from fastapi import Query, Request, Response

from app.api.shape import OBJECTS, PageModel, Shape, shaped

# A page of 100 stays small for the client and bounded for the server on every route; a
# bulk read is the CSV export of /duties and /targets, which streams without this cap.
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")]

class Pageable(Protocol):
    """What a service hands a list route: one page of its ordered rows, and their count."""

    def page(self, limit: int, offset: int) -> dict[str, Any]: ...


def page_answer(request: Request, response: Response, rows: Pageable,
                model: type[PageModel], limit: int, offset: int,
                shape: Shape = OBJECTS) -> PageModel | Response:
    """One page of ``rows`` as ``model`` (``total``, ``limit``, ``offset``, ``items``,
    ``next``), in the ``shape`` asked (``app/api/shape.py``)."""
    page = rows.page(limit, offset)
    answer = model(
        total=page["total"], limit=limit, offset=offset, items=page["items"],
        next=next_page(request, response, page["total"], limit, offset),
    )
    return shaped(answer, shape, response)


_PAGING = frozenset({"offset", "limit"})


def next_page(request: Request, response: Response, total: int, limit: int,
              offset: int) -> str | None:
    """The next page's URL (also as a ``Link`` header), for every paged answer."""
    if offset + limit >= total:
        return None
    # What ``request.url.include_query_params`` gives, without building the request's URL
    # (host header and all): a tenth of a search's time in the server.
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in _PAGING]
    query = urlencode([*kept, ("offset", str(offset + limit)), ("limit", str(limit))])
    path = request.scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
    url = public_link(request, f"{path}?{query}")
    response.headers["Link"] = f'<{url}>; rel="next"'
    return url


def public_link(request: Request, path: str) -> str:
    """``path`` (with its query) under ``VNLEX_PUBLIC_URL``, or as it is (relative) when
    that is unset. Never under the request's ``Host``: a cache in front of the API would
    keep a link to whatever host an attacker sent and serve it to everyone."""
    base = request.app.state.settings.public_url
    return f"{base.rstrip('/')}{path}" if base else path
