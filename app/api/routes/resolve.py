from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import SessionDep
from app.api.paging import public_link
from app.schemas.citations import (
    Ambiguous,
    BatchResolved,
    Extracted,
    ExtractRequest,
    ResolveBatch,
    Resolved,
)
from app.schemas.common import ERROR_RESPONSES, ErrorResponse
from app.services import extract
from app.services.resolve import resolve

router = APIRouter(tags=["citations"], responses=ERROR_RESPONSES)


@router.get(
    "/resolve",
    response_model=Resolved,
    responses={
        300: {"model": Ambiguous, "description": "Several provisions or documents match"},
        404: {"model": ErrorResponse,
              "description": "Nothing matches; `candidates` lists the nearest"},
    },
)
def resolve_citation(
    request: Request,
    session: SessionDep,
    cite: str = Query(
        min_length=1, max_length=300,
        description="A citation as people write it, with or without diacritics",
        examples=["02-NQ/TW mục III.4", "điểm a khoản 1 Điều 6 Luật Công đoàn 2024",
                  "Điều 5 khoản 2 50/2024/QH15", "dieu 5 khoan 2 50/2024/qh15",
                  "Điều 5 BLDS 2015", "khoản 2 Điều này"],
    ),
    from_: str | None = Query(
        None, alias="from", min_length=1, max_length=400,
        description="The provision the citation was read in: completes `khoản 2 Điều này`,"
        " `Điều 5 của Luật này`, and keeps a bare `Điều 3` in that document",
        examples=["50-2024-qh15/d4.1"],
    ),
) -> Resolved | JSONResponse:
    """A citation → the provision it names (200 + `Location`), candidates (300) or 404."""
    result = resolve(session, cite, from_)
    matches, more = result.pop("matches"), result.pop("more")
    if len(matches) > 1 or more:
        body = Ambiguous(candidates=matches, more=more, **result)
        return JSONResponse(body.model_dump(mode="json"), status_code=300)
    resolved = Resolved(match=matches[0], **result)
    location = public_link(request, resolved.match.url)
    return JSONResponse(resolved.model_dump(mode="json"), headers={"Location": location})


@router.post("/resolve", response_model=BatchResolved)
def resolve_batch(session: SessionDep, body: ResolveBatch) -> BatchResolved:
    """Up to 100 citations at once, each answered as `GET /resolve` would (in `status`)."""
    return BatchResolved(**extract.resolve_many(session, body.cites, body.from_))


@router.post("/citations/extract", response_model=Extracted)
def extract_citations(session: SessionDep, body: ExtractRequest) -> Extracted:
    """Every citation in a pasted text: span, parts, target in the corpus and confidence."""
    return Extracted(**extract.extract(session, body.text, body.from_))
