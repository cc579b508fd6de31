"""A document's provisions in document order, and many provisions by id: the rows behind
the Markdown, CSV and NDJSON exports, the paged ``/documents/{id}/provisions`` and the web
page of a document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.in_lists import MAX_IN_LIST
from app.db.models import Document, Provision
from app.errors import BadQuery
from app.services import provisions
from app.services.links import provision_url
from app.services.listing import Listing, Rows
from app.services.suggest import require
from parsers.model import content_hash

# One row per provision in every export; ``parent_id`` and ``depth`` rebuild the tree.
COLUMNS = ("id", "doc_id", "path", "parent_id", "depth", "kind", "role", "label", "cite_label",
           "cite_as", "heading", "text", "flags", "content_hash")
MAX_IDS = MAX_IN_LIST


def document_provisions(session: Session, doc_id: str) -> tuple[dict[str, Any], Listing]:
    """The document's metadata, and its provisions in document order.

    The order is the ``(document_id, ordinal)`` index's, so a page or an export batch
    reads its own rows only, even for a code of thousands of articles.

    Raises:
        NotFound: no such document; the error carries the closest ids.
    """
    doc = require(session, Document, doc_id, "document")
    meta = {name: getattr(doc, name) for name in
            ("id", "number", "type", "issuer", "date", "place", "title", "signers",
             "warnings", "provision_count")}
    query = (
        select(Provision.id, Provision.document_id.label("doc_id"), Provision.path,
               Provision.parent_id, Provision.depth, Provision.kind, Provision.role,
               Provision.label, Provision.cite_label, Provision.cite_as, Provision.heading,
               Provision.text, Provision.flags)
        .where(Provision.document_id == doc.id)
    )
    return meta, Listing(session, query, keys=(Provision.ordinal,), finish=_with_urls)


def _with_urls(rows: Rows) -> Rows:
    for row in rows:
        row["content_hash"] = content_hash(row["label"], row["heading"], row["text"])
        row["url"] = provision_url(row["id"])
    return rows


def provisions_by_ids(session: Session, ids: Sequence[str]) -> dict[str, Any]:
    """The provisions named in ``ids`` (as ``/provisions/{id}`` looks each up), in the
    order asked, and the ids that name none.

    No ids (``ids=`` or ``ids=,``) is an empty answer: the schema allows it.

    Raises:
        BadQuery: more than ``MAX_IDS``.
    """
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if len(wanted) > MAX_IDS:
        raise BadQuery(f"at most {MAX_IDS} ids at once", max_ids=MAX_IDS)
    exact = {row.id: row for row in session.scalars(
        select(Provision).where(Provision.id.in_(wanted)))}
    items, missing = [], []
    for wanted_id in wanted:
        # Exact ids in one query; only ids typed another way (case) are looked up one by one.
        node = exact.get(wanted_id) or provisions.find(session, wanted_id)
        if node is None:
            missing.append(wanted_id)
        else:
            items.append(_row(node))
    return {"items": items, "missing": missing}


def _row(node: Provision) -> dict[str, Any]:
    row = {name: getattr(node, name) for name in COLUMNS if name != "doc_id"}
    row["doc_id"] = node.document_id
    row["url"] = provision_url(node.id)
    return row
