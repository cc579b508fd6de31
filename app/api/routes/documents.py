from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset, next_page, page_answer
from app.api.routes.exports import MARKDOWN, markdown_response, wants_markdown
from app.api.shape import OBJECTS, ArrayShapeDep, ShapeDep
from app.api.tabular import CSV_RESPONSE, Format, table_answer, wants_csv
from app.schemas.common import ERROR_RESPONSES
from app.schemas.documents import DocumentDetail, DocumentList
from app.schemas.relations import DocumentRelations
from app.schemas.tables import AssignmentTable
from app.services import assignments, documents, relations

router = APIRouter(prefix="/documents", tags=["documents"], responses=ERROR_RESPONSES)


@router.get("", response_model=DocumentList)
def list_documents(request: Request, response: Response, session: SessionDep,
                   limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                   shape: ShapeDep = OBJECTS) -> DocumentList | Response:
    """Documents by id with their metadata and provision counts, a page at a time."""
    rows = documents.list_documents(session)
    return page_answer(request, response, rows, DocumentList, limit, offset, shape)


@router.get("/{doc_id}", response_model=DocumentDetail,
            responses={200: {"content": {MARKDOWN: {}}}})
def get_document(doc_id: str, request: Request, session: SessionDep) -> DocumentDetail | Response:
    """One document: metadata, signers, warnings and its table of contents (as Markdown
    with `Accept: text/markdown`)."""
    if wants_markdown(request):
        return markdown_response(session, doc_id)
    return DocumentDetail(**documents.get_document(session, doc_id))


@router.get("/{doc_id}/assignments", response_model=AssignmentTable, responses=CSV_RESPONSE)
def document_assignments(doc_id: str, request: Request, response: Response,
                         session: SessionDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
                         format: Format = None,
                         shape: ArrayShapeDep = OBJECTS) -> AssignmentTable | Response:
    """Who leads, coordinates, implements and is reported to, provision by provision."""
    rows = assignments.document_assignments(session, doc_id,
                                            cells=wants_csv(request, format))
    return table_answer(request, response, format, rows, AssignmentTable,
                        assignments.ASSIGNMENT_COLUMNS, "assignments.csv", limit, offset,
                        shape)


@router.get("/{doc_id}/relations", response_model=DocumentRelations)
def get_document_relations(doc_id: str, request: Request, response: Response,
                           session: SessionDep, limit: Limit = DEFAULT_LIMIT,
                           offset: Offset = 0) -> DocumentRelations:
    """What the document amends, repeals, replaces, details, implements and cites
    (`outgoing`, with the sentence that says so; targets outside the corpus unresolved),
    and what other documents say of it (`incoming`: `amended_by`, `replaced_by` …). Both
    lists are paged by the same `limit` and `offset`; `next` is there while either has
    more."""
    found = relations.document_relations(session, doc_id, limit, offset)
    longer = max(found["outgoing_total"], found["incoming_total"])
    return DocumentRelations(**found, limit=limit, offset=offset,
                             next=next_page(request, response, longer, limit, offset))
