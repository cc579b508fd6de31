"""Writes over HTTP: an uploaded text stored as ``vnlex ingest`` stores a file, and a
document deleted. Each is one transaction (all or nothing); then this node's search index
is brought up to it, as the CLI does after an ingest, so the next search sees the write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.db import models
from app.db.models import cited_as_sql
from app.db.session import session_scope
from app.errors import Conflict, IngestError
from app.search.sync import log_change
from app.search.vocab import record_terms
from app.services import history, status
from app.services import registry as bodies_registry
from app.services.analysis import clear_analysis
from app.services.ingest import IngestReport, check_lines, prepare_document, store_document
from app.services.maintenance import refresh_index
from app.services.suggest import require
from parsers import Document, Hints, ParseError, encoding, parse_document

_P = models.table_of(models.Provision)
_D = models.table_of(models.Document)
# Where an upload says it came from. Not a server path (nothing on disk to compare, so a
# later upload of the same id replaces it), and unique per content, so two uploads never
# count as "the same file" and supersede each other.
UPLOAD_PREFIX = "upload"


@dataclass(frozen=True)
class Upload:
    """An uploaded document: its bytes and the file name it was sent under."""

    data: bytes
    name: str

    @property
    def source_path(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()
        return f"{UPLOAD_PREFIX}/{digest}/{self.name}"


def ingest_upload(url: str, index_dir: Path, upload: Upload) -> IngestReport:
    """Parse and store an uploaded text, then refresh this node's index.

    Raises:
        IngestError: not UTF-8, a text the parser refuses, no usable id, or a document of
            that id stored from a file that still exists; nothing was written.
    """
    registry = bodies_registry.load()
    doc = _parse(upload)
    prepared = prepare_document(doc, source_path=upload.source_path, registry=registry)
    try:
        with session_scope(url, write=True) as session:
            _check_not_a_server_file(session, prepared.doc_id)
            report = store_document(session, prepared, registry)
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise IngestError(f"database refused the document: {reason}") from None
    refresh_index(url, index_dir)
    return report


def _check_not_a_server_file(session: Session, doc_id: str) -> None:
    """Refuse to replace a document ``vnlex ingest`` read from a file that is still on the
    server: the next ingest of the folder would silently undo the upload. (Ingest's own
    refusal names the server path, which an API answer must not.)"""
    stored = session.scalar(select(_D.c.source_path).where(_D.c.id == doc_id))
    if stored and not stored.startswith(f"{UPLOAD_PREFIX}/") and Path(stored).exists():
        raise Conflict(f"document {doc_id!r} is stored from a file on the server; change "
                       "that file and run `vnlex ingest`, or delete the document first",
                       doc_id=doc_id)


def delete_document(url: str, index_dir: Path, doc_id: str) -> str:
    """Delete a document, its provisions and analysis, then refresh this node's index;
    returns the id deleted.

    Raises:
        NotFound: no such document (with the closest ids).
    """
    with session_scope(url, write=True) as session:
        stored = require(session, models.Document, doc_id, "document").id
        _delete(session, stored)
    refresh_index(url, index_dir)
    return stored


def _delete(session: Session, doc_id: str) -> None:
    gone = [dict(r) for r in session.execute(
        select(_P.c.id, _P.c.heading, _P.c.text, cited_as_sql(_P.c.citation, _D.c.citation))
        .join(_D, _D.c.id == _P.c.document_id).where(_P.c.document_id == doc_id)
    ).mappings()]
    # Analysis, provisions, document, in that order, as ingest drops a superseded one.
    clear_analysis(session, [doc_id])
    history.forget(session, [doc_id])
    status.after_delete(session, [doc_id])
    session.execute(delete(_P).where(_P.c.document_id == doc_id))
    session.execute(delete(_D).where(_D.c.id == doc_id))
    seq = log_change(session, doc_id, deleted=True)
    record_terms(session, [], gone, seq)


def _parse(upload: Upload) -> Document:
    try:
        return parse_document(_text(upload.data), hints=Hints(), name=Path(upload.name).stem)
    except ParseError as exc:
        raise IngestError(f"parse error: {exc}", line=exc.line) from None


def _text(data: bytes) -> str:
    try:
        return check_lines(encoding.decode(data))
    except encoding.EncodingError as exc:
        raise IngestError(str(exc), encoding=exc.encoding) from None
