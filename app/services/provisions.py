"""One provision with its neighbourhood: parent, children, siblings and breadcrumbs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Document, Provision
from app.errors import NotFound
from app.services.flatten import short_title
from app.services.suggest import can_exist, closest
from parsers import vntext

FIELDS = (
    "id", "document_id", "path", "kind", "role", "label", "heading", "text",
    "depth", "position", "start", "end", "flags", "content_hash",
)


def find(session: Session, provision_id: str) -> Provision | None:
    """Look up ``doc/path``; the document part is case-insensitive, and so is the path when
    that is unambiguous (``iii.4`` finds ``III.4``)."""
    doc_part, _, path = provision_id.strip().strip("/").partition("/")
    if not path or not can_exist(provision_id):
        return None
    doc_id = vntext.slug(doc_part)
    found = session.scalar(select(Provision).where(Provision.id == f"{doc_id}/{path}"))
    if found is not None:
        return found
    candidates = session.scalars(
        select(Provision).where(
            Provision.document_id == doc_id, func.lower(Provision.path) == path.lower()
        )
    ).all()
    return candidates[0] if len(candidates) == 1 else None


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
    data["breadcrumbs"] = node.breadcrumbs or []
    data["document"] = _document_ref(session, node.document_id)
    data["parent"] = _ref(session.scalar(select(Provision).where(Provision.id == node.parent_id)))
    data["children"] = [_ref(c) for c in _siblings(session, node.document_id, node.id)]
    siblings = _siblings(session, node.document_id, node.parent_id)
    data["previous"] = _ref(next((s for s in siblings if s.position == node.position - 1), None))
    data["next"] = _ref(next((s for s in siblings if s.position == node.position + 1), None))
    return data


def _siblings(session: Session, doc_id: str, parent_id: str | None) -> list[Provision]:
    column = Provision.parent_id
    parent = column.is_(None) if parent_id is None else column == parent_id
    query = select(Provision).where(Provision.document_id == doc_id, parent)
    return list(session.scalars(query.order_by(Provision.position)))


def _ref(node: Provision | None) -> dict[str, Any] | None:
    if node is None:
        return None
    return {
        "id": node.id, "path": node.path, "kind": node.kind, "label": node.label,
        "heading": node.heading, "title": short_title(node.heading, node.text),
    }


def _document_ref(session: Session, doc_id: str) -> dict[str, Any]:
    doc = session.get(Document, doc_id)
    assert doc is not None  # the foreign key guarantees it
    return {"id": doc.id, "number": doc.number, "type": doc.type, "title": doc.title}


def suggest(session: Session, provision_id: str, limit: int = 5) -> list[str]:
    """Closest ids: within the named document when it exists, else across all."""
    doc_part, _, _path = provision_id.strip().strip("/").partition("/")
    doc_id = vntext.slug(doc_part)
    ids = session.scalars(select(Provision.id).where(Provision.document_id == doc_id)).all()
    if not ids:
        ids = session.scalars(select(Provision.id)).all()
    return closest(provision_id, ids, limit)
