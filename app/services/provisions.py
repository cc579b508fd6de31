"""One provision with its neighbourhood: parent, children, siblings and breadcrumbs."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, Provision
from app.errors import NotFound
from app.services import crumbs
from app.services.flatten import short_title
from app.services.suggest import can_exist, closest
from parsers import vntext

FIELDS = (
    "id", "document_id", "path", "kind", "role", "label", "cite_label", "cite_as", "heading",
    "text",
    "depth", "position", "start", "end", "flags", "content_hash",
)


def find(session: Session, provision_id: str) -> Provision | None:
    """Look up ``doc/path``; the document part is case-insensitive, and so is the path when
    that is unambiguous (``iii.4`` finds ``III.4``): the rule of ``at_path``."""
    doc_part, _, path = provision_id.strip().strip("/").partition("/")
    if not path or not can_exist(provision_id):
        return None
    doc_id = vntext.slug(doc_part)
    return at_path(session, [doc_id], path).get(doc_id)


def at_path(session: Session, doc_ids: Collection[str], path: str) -> dict[str, Provision]:
    """The provision at ``path`` in each of ``doc_ids`` that has one, by document id.

    The path is matched exactly first, through the unique index on ``id`` (an id is
    ``document_id/path``, ``flatten``), so a bare ``d1`` asked of every document reads one
    row per document. Only when no document has it exactly is it matched case-insensitively
    (``iii.4`` finds ``III.4``), and then only where that is unambiguous: ``lower(path)``
    has no index, so that costs a read of the documents' provisions.
    """
    wanted = list(dict.fromkeys(doc_ids))
    found: dict[str, Provision] = {}
    for chunk in chunks(wanted):
        query = select(Provision).where(
            Provision.id.in_([f"{doc_id}/{path}" for doc_id in chunk]), Provision.path == path
        )
        found.update((row.document_id, row) for row in session.scalars(query))
    if found:
        return found
    query = select(Provision).where(func.lower(Provision.path) == path.lower())
    if len(wanted) <= MAX_IN_LIST:  # a few documents: through the document_id index
        query = query.where(Provision.document_id.in_(wanted))
    by_doc: dict[str, list[Provision]] = {}
    members = set(wanted)
    for row in session.scalars(query):
        if row.document_id in members:
            by_doc.setdefault(row.document_id, []).append(row)
    return {doc_id: rows[0] for doc_id, rows in by_doc.items() if len(rows) == 1}



def require(session: Session, provision_id: str) -> Provision:
    """The provision ``provision_id`` (as ``find`` looks it up).

    Raises:
        NotFound: unknown id; the error lists the closest existing ids.
    """
    node = find(session, provision_id)
    if node is None:
        raise NotFound(
            f"no provision {provision_id!r}", suggestions=suggest(session, provision_id)
        )
    return node


def get_provision(session: Session, provision_id: str) -> dict[str, Any]:
    """The provision, with ``document``, ``parent``, ``children``, ``previous``/``next`` and
    ``breadcrumbs``.

    Raises:
        NotFound: unknown id; the error lists the closest existing ids.
    """
    node = require(session, provision_id)
    data = {name: getattr(node, name) for name in FIELDS}
    data["doc_id"] = data.pop("document_id")
    row = {"id": node.id, "document_id": node.document_id, "ancestry": node.ancestry}
    data["breadcrumbs"] = crumbs.breadcrumbs(session, [row])[node.id]
    data["document"] = _document_ref(session, node.document_id)
    # No query for a top-level node: ``id IS NULL`` matches nothing but scans every row.
    parent = None
    if node.parent_id is not None:
        parent = session.scalar(select(Provision).where(Provision.id == node.parent_id))
    data["parent"] = _ref(parent)
    data["children"] = [_ref(c) for c in _children(session, node.document_id, node.id)]
    previous, following = _neighbours(session, node)
    data["previous"] = _ref(previous)
    data["next"] = _ref(following)
    return data


def _siblings(doc_id: str, parent_id: str | None) -> Select[Provision]:
    """Children of ``parent_id``, or the top level of ``doc_id``: each shape has its index
    (a parent id is unique across documents; top-level rows have a partial index)."""
    if parent_id is None:
        return select(Provision).where(Provision.document_id == doc_id,
                                       Provision.parent_id.is_(None))
    return select(Provision).where(Provision.parent_id == parent_id)


def _children(session: Session, doc_id: str, parent_id: str) -> list[Provision]:
    return list(session.scalars(_siblings(doc_id, parent_id).order_by(Provision.position)))


def _neighbours(session: Session, node: Provision) -> tuple[Provision | None, Provision | None]:
    """The siblings just before and after ``node``: two seeks in a position index, not
    every sibling with its text (an article of a code has hundreds)."""
    rows = session.scalars(_siblings(node.document_id, node.parent_id).where(
        Provision.position.in_((node.position - 1, node.position + 1))))
    by_position = {row.position: row for row in rows}
    return by_position.get(node.position - 1), by_position.get(node.position + 1)


def _ref(node: Provision | None) -> dict[str, Any] | None:
    if node is None:
        return None
    return {
        "id": node.id, "path": node.path, "kind": node.kind, "label": node.label,
        "cite_label": node.cite_label, "heading": node.heading,
        "title": short_title(node.heading, node.text),
    }


def _document_ref(session: Session, doc_id: str) -> dict[str, Any]:
    # Four columns, not the row: a document's row holds its whole cleaned source.
    row = session.execute(
        select(Document.id, Document.number, Document.type, Document.title)
        .where(Document.id == doc_id)
    ).one()  # the foreign key guarantees it
    return dict(row._mapping)


def suggest(session: Session, provision_id: str, limit: int = 5) -> list[str]:
    """Closest ids within the named document; when there is no such document, within the
    document whose id is closest to it (``02-nq-tw-2012/IV.4`` → ``02-nq-tw-2021/IV.4``).
    Either way one document's ids are read, never the whole corpus's."""
    doc_part, _, path = provision_id.strip().strip("/").partition("/")
    doc_id = vntext.slug(doc_part)
    if session.scalar(select(Document.id).where(Document.id == doc_id)) is None:
        nearest = closest(doc_part, session.scalars(select(Document.id)).all(), 1)
        if not nearest:
            return []
        doc_id = nearest[0]
    ids = session.scalars(select(Provision.id).where(Provision.document_id == doc_id)).all()
    return closest(f"{doc_id}/{path}", ids, limit)
