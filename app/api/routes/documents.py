from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.schemas.common import ERROR_RESPONSES
from app.schemas.documents import DocumentDetail, DocumentList, DocumentSummary
from app.services import documents

router = APIRouter(prefix="/documents", tags=["documents"], responses=ERROR_RESPONSES)


@router.get("", response_model=DocumentList)
def list_documents(session: SessionDep) -> DocumentList:
    """All documents with their metadata and provision counts."""
    items = [DocumentSummary(**d) for d in documents.list_documents(session)]
    return DocumentList(count=len(items), items=items)


@router.get("/{doc_id}", response_model=DocumentDetail)
def get_document(doc_id: str, session: SessionDep) -> DocumentDetail:
    """One document: metadata, signers, warnings and its table of contents."""
    return DocumentDetail(**documents.get_document(session, doc_id))
