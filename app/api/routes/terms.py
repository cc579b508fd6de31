from __future__ import annotations

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.schemas.common import ERROR_RESPONSES
from app.schemas.relations import TermList
from app.services.terms import search_terms

router = APIRouter(prefix="/terms", tags=["terms"], responses=ERROR_RESPONSES)


@router.get("", response_model=TermList)
def list_terms(
    session: SessionDep,
    q: str = Query(min_length=1, max_length=200,
                   description="Words of the term, with or without diacritics",
                   examples=["cong doan co so", "người sử dụng lao động"]),
) -> TermList:
    """Defined terms (`Giải thích từ ngữ`) containing these words: the term, its
    definition provision and document, exact matches first (at most 200)."""
    items = search_terms(session, q)
    return TermList.model_validate({"q": q, "total": len(items), "items": items})
