from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from app.api.deps import SessionDep, SettingsDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset, next_page
from app.api.shape import OBJECTS, ShapeDep, shaped
from app.schemas.common import ERROR_RESPONSES
from app.schemas.search import SearchResponse
from app.services.search import MAX_WINDOW, SearchParams
from app.services.search_contract import checked_search
from parsers.model import KINDS, ROLES

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)

MAX_QUERY_CHARS = 1000


# Async, with the search itself in the thread pool: FastAPI would otherwise run the route
# in one thread hop and validate its answer in another.
@router.get("/search", response_model=SearchResponse)
async def search_provisions(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    q: str = Query(
        max_length=MAX_QUERY_CHARS,
        description="Words, `\"phrases\"` and citations (`02-NQ/TW`, `Điều 5`); case, "
        "diacritics, đ and tone placement do not matter; typos are tolerated. A query with "
        "no letter or digit (`!!!`) matches nothing (an empty answer); more than 64 words "
        "is a 422 `bad_query`",
        examples=["thoả ước lao động tập thể", "thoa uoc lao dong", "\"tập thể\"", "02-NQ/TW"],
    ),
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    doc: str | None = Query(None, max_length=200, examples=["02-nq-tw-2021"],
                            description="A document id; an unknown one is a 404"),
    section: str | None = Query(
        None, max_length=200, examples=["II"],
        description="A provision path (`III`, `ch2.m1`): it and everything under it; a "
        "path no provision has (in `doc`, when given) is a 404",
    ),
    # The enums document the valid values; an unknown one is still our 422 `bad_query`
    # (with `valid`), not a bare validation error.
    kind: str | None = Query(None, max_length=40, examples=["article"],
                             json_schema_extra={"enum": list(KINDS)}),
    role: str | None = Query(None, max_length=40, examples=["objective"],
                             json_schema_extra={"enum": list(ROLES)}),
    in_force: bool | None = Query(
        None, description="`true`: only documents in force today (those with no date and "
        "nothing in the corpus replacing them count as in force); `false`: only those not "
        "in force (replaced, repealed, or not yet in effect). See "
        "`GET /documents/{id}` `status`"),
    shape: ShapeDep = OBJECTS,
) -> SearchResponse | Response:
    """Full-text search over provisions, best first, with facets and a `next` link."""
    params = SearchParams(q=q, limit=limit, offset=offset, doc=doc, section=section,
                          kind=kind, role=role, in_force=in_force)
    result = await run_in_threadpool(checked_search, session, params, settings.index_path)
    index = result.pop("index")
    # Which change of the store the answer reflects: nodes behind a balancer can be compared.
    response.headers["X-Vnlex-Index-Version"] = str(index["seq"])
    # No link to a page past the window, which would be refused.
    next_url = next_page(request, response, min(result["total"], MAX_WINDOW), limit, offset)
    return shaped(SearchResponse(limit=limit, offset=offset, next=next_url, **result), shape,
                  response)
