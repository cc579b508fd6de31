from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import SessionDep
from app.api.paging import public_link
from app.schemas.citations import Ambiguous, Resolved
from app.schemas.common import ERROR_RESPONSES, ErrorResponse
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
                  "Điều 5 khoản 2 50/2024/QH15", "dieu 5 khoan 2 50/2024/qh15"],
    ),
) -> Resolved | JSONResponse:
    """A citation → the provision it names (200 + `Location`), candidates (300) or 404."""
    result = resolve(session, cite)
    matches = result.pop("matches")
    if len(matches) > 1:
        body = Ambiguous(candidates=matches, **result)
        return JSONResponse(body.model_dump(mode="json"), status_code=300)
    resolved = Resolved(match=matches[0], **result)
    location = public_link(request, resolved.match.url)
    return JSONResponse(resolved.model_dump(mode="json"), headers={"Location": location})
