"""Writes: mounted only when ``VNLEX_ADMIN_TOKEN`` is set, and each needs that token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from app.api.auth import AdminDep
from app.api.deps import SettingsDep
from app.api.paging import public_link
from app.schemas.common import ERROR_RESPONSES, WRITE_RESPONSES, ErrorResponse
from app.schemas.documents import Deleted, Ingested
from app.services import uploads
from app.services.links import document_url

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=[AdminDep],
                   responses={**ERROR_RESPONSES, **WRITE_RESPONSES})

# Declared as text/plain only: markdown is plain text on the wire, and any Content-Type is
# read as UTF-8 text (`text/markdown` included).
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The document as UTF-8 text or markdown, as `vnlex ingest` reads a "
        "file (sent as `text/plain`, `text/markdown` or any other type)",
        "content": {"text/plain": {"schema": {"type": "string", "minLength": 1}}},
    },
}
NAME = Annotated[str, Query(
    min_length=1, max_length=120, pattern=r"^[\w][\w .-]*$",
    description="File name; the document id comes from it when the text has no number",
    examples=["02-NQ-TW-2021.md"],
)]


@router.post(
    "", status_code=201, response_model=Ingested, openapi_extra=UPLOAD_BODY,
    responses={
        200: {"model": Ingested, "description": "Replaced a stored document of that id"},
        201: {"model": Ingested, "description": "Stored a new document (see `Location`)"},
        409: {"model": ErrorResponse,
              "description": "`conflict`: a document of that id is read from a file on the "
              "server (change the file and run `vnlex ingest`, or delete it first)"},
        422: {"model": ErrorResponse,
              "description": "`ingest_failed`: not UTF-8, or a text the parser refuses; "
              "nothing was written"},
    },
)
async def upload_document(request: Request, settings: SettingsDep,
                          name: NAME = "upload.md") -> JSONResponse:
    """Ingest an uploaded document, all or nothing; the search index follows at once."""
    # EdgeMiddleware has already refused a body over VNLEX_MAX_BODY_BYTES (413).
    data = await request.body()
    upload = uploads.Upload(data=data, name=name)
    report = await run_in_threadpool(uploads.ingest_upload, settings.database_url,
                                     settings.index_path, upload)
    body = Ingested(
        id=report.doc_id, created=report.created, added=report.added,
        changed=report.changed, removed=report.removed,
        unchanged=report.unchanged + report.moved, warnings=report.warnings,
        url=document_url(report.doc_id),
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=201 if report.created else 200,
                        headers={"Location": public_link(request, body.url)})


@router.delete("/{doc_id}", response_model=Deleted)
def delete_document(doc_id: str, settings: SettingsDep) -> Deleted:
    """Delete a document with its provisions and analysis; the search index follows."""
    deleted = uploads.delete_document(settings.database_url, settings.index_path, doc_id)
    return Deleted(id=deleted)

