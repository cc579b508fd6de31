"""A document as Markdown, CSV or NDJSON; its provisions a page at a time; many provisions
by id. Registered before ``documents`` so ``/documents/{id}.md`` is not read as an id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, Limit, Offset, page_answer
from app.api.shape import OBJECTS, ShapeDep
from app.api.tabular import csv_response
from app.schemas.common import ERROR_RESPONSES
from app.schemas.exports import ProvisionBatch, ProvisionRowPage
from app.services import akn, exports, formats

router = APIRouter(tags=["exports"], responses=ERROR_RESPONSES)

MARKDOWN = "text/markdown; charset=utf-8"
NDJSON = "application/x-ndjson"


def _stream(lines: Iterator[str], media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(
        (line.encode("utf-8") for line in lines), media_type=media_type,
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


def wants_markdown(request: Request) -> bool:
    """``Accept: text/markdown`` on ``/documents/{id}``."""
    return "text/markdown" in request.headers.get("accept", "")


def markdown_response(session: SessionDep, doc_id: str) -> StreamingResponse:
    meta, rows = exports.document_provisions(session, doc_id)
    return _stream(formats.markdown(meta, rows.batches()), MARKDOWN, f"{meta['id']}.md")


@router.get("/documents/{doc_id}.md", response_class=StreamingResponse,
            responses={200: {"content": {MARKDOWN: {}}}})
def document_markdown(doc_id: str, session: SessionDep) -> StreamingResponse:
    """The document as Markdown, an anchor per provision (also `Accept: text/markdown`)."""
    return markdown_response(session, doc_id)


@router.get("/documents/{doc_id}.csv", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})
def document_csv(doc_id: str, session: SessionDep) -> Response:
    """Every provision as a CSV row (UTF-8 with BOM), streamed."""
    meta, rows = exports.document_provisions(session, doc_id)
    return csv_response(formats.flat(rows.batches()), (*exports.COLUMNS, "url"),
                        f"{meta['id']}.csv")


@router.get("/documents/{doc_id}.ndjson", response_class=StreamingResponse,
            responses={200: {"content": {NDJSON: {}}}})
def document_ndjson(doc_id: str, session: SessionDep) -> StreamingResponse:
    """Every provision as one JSON object per line, streamed."""
    meta, rows = exports.document_provisions(session, doc_id)
    return _stream(formats.ndjson(rows.batches()), NDJSON, f"{meta['id']}.ndjson")


AKN = "application/akn+xml"


@router.get("/documents/{doc_id}.akn.xml", response_class=Response,
            responses={200: {"content": {AKN: {}}}})
def document_akoma_ntoso(doc_id: str, session: SessionDep) -> Response:
    """The document as Akoma Ntoso 3.0 XML: FRBR metadata, eIds derived from our paths."""
    meta, rows = exports.document_provisions(session, doc_id)
    return Response(akn.document(meta, rows.batches()), media_type=AKN,
                    headers={"Content-Disposition": f'inline; filename="{meta["id"]}.akn.xml"'})


@router.get("/documents/{doc_id}/provisions", response_model=ProvisionRowPage)
def document_provisions(request: Request, response: Response, doc_id: str,
                        session: SessionDep, limit: Limit = DEFAULT_LIMIT,
                        offset: Offset = 0,
                        shape: ShapeDep = OBJECTS) -> ProvisionRowPage | Response:
    """A document's provisions with their texts in document order, a page at a time."""
    _meta, rows = exports.document_provisions(session, doc_id)
    return page_answer(request, response, rows, ProvisionRowPage, limit, offset, shape)


Ids = Annotated[str, Query(
    max_length=exports.MAX_IDS * 200,
    description=f"Provision ids separated by commas, at most {exports.MAX_IDS}",
    examples=["02-nq-tw-2021/IV.4,50-2024-qh15/d6.1.a"],
)]


@router.get("/provisions", response_model=ProvisionBatch)
def provisions_by_ids(session: SessionDep, ids: Ids) -> ProvisionBatch:
    """Many provisions at once, in the order asked; unknown ids are listed in `missing`."""
    return ProvisionBatch(**exports.provisions_by_ids(session, ids.split(",")))
