from __future__ import annotations

import re

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset, page_answer
from app.api.shape import OBJECTS, ArrayShapeDep, ShapeDep
from app.api.tabular import DutyRole
from app.schemas.bodies import BodyDetail, BodyDutyPage, BodyList, UnresolvedPage
from app.schemas.common import ERROR_RESPONSES
from app.services import bodies

router = APIRouter(prefix="/bodies", tags=["bodies"], responses=ERROR_RESPONSES)


@router.get("", response_model=BodyList)
def search_bodies(
    request: Request,
    response: Response,
    session: SessionDep,
    q: str | None = Query(
        None, max_length=200,
        description="Words of a name or alias; case, diacritics and tone placement ignored",
        examples=["ban to chuc", "Tổng Liên đoàn", "TLĐLĐVN"],
    ),
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    shape: ShapeDep = OBJECTS,
) -> BodyList | Response:
    """Bodies of the registry whose name or alias matches `q`, with duty counts by role."""
    rows = bodies.search_bodies(session, q)
    return page_answer(request, response, rows, BodyList, limit, offset, shape)


@router.get("/unresolved", response_model=UnresolvedPage)
def unresolved(request: Request, response: Response, session: SessionDep,
               limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
               shape: ArrayShapeDep = OBJECTS) -> UnresolvedPage | Response:
    """Names shaped like a body (Đảng ủy X, Sở X…) the registry does not know, most
    frequent first: credited to nobody, listed so the registry can grow."""
    rows = bodies.unresolved_mentions(session)
    return page_answer(request, response, rows, UnresolvedPage, limit, offset, shape)


def not_exactly(word: str) -> str:
    """A regular expression of every text but ``word`` itself, without look-around (the
    engine that checks path patterns has none): a proper prefix of it, or it with something
    after, or a different character where it first differs."""
    pattern = ""
    for char in reversed(word):
        pattern = f"(?:{re.escape(char)}{pattern or '.+'}|[^{re.escape(char)}].*)?"
    return f"(?s)^{pattern[:-1]}$"


# "unresolved" is the list of names the registry does not know (the route above), never a
# body: said in the schema, so a client (or schemathesis) does not read that page as a body.
BODY_ID = Path(description="A body id (its name also works); never `unresolved`",
               examples=["ban-to-chuc-trung-uong"], pattern=not_exactly("unresolved"))


@router.get("/{body_id}", response_model=BodyDetail)
def get_body(session: SessionDep, body_id: str = BODY_ID) -> BodyDetail:
    """One body: aliases, parent, children and its first duties of each role, with evidence."""
    return BodyDetail(**bodies.get_body(session, body_id, per_role=DEFAULT_LIMIT))


@router.get("/{body_id}/duties", response_model=BodyDutyPage)
def get_body_duties(
    request: Request,
    response: Response,
    session: SessionDep,
    body_id: str = BODY_ID,
    role: DutyRole = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    shape: ArrayShapeDep = OBJECTS,
) -> BodyDutyPage | Response:
    """Every duty of a body, a page at a time, with the text around its evidence."""
    rows = bodies.body_duties(session, body_id, role)
    return page_answer(request, response, rows, BodyDutyPage, limit, offset, shape)
