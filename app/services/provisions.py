"""One provision with its neighbourhood: parent, children, siblings and breadcrumbs."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, Provision
from app.db.packed_text import stored_text
from app.errors import NotFound
from app.services import crumbs
from app.services.flatten import short_title
from app.services.suggest import can_exist, closest, near
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


def at_path(session: Session, doc_ids: Collection[str], path: str,
            loose: bool = True) -> dict[str, Provision]:
    """The provision at ``path`` in each of ``doc_ids`` that has one, by document id.

    The path is matched exactly first, through the unique index on ``id`` (an id is
    ``document_id/path``, ``flatten``), so a bare ``d1`` asked of many documents reads one
    row per document. Only when no document has it exactly, ``loose`` and the documents are
    few (``MAX_IN_LIST``) is it matched case-insensitively (``iii.4`` finds ``III.4``), and
    then only where that is unambiguous: ``lower(path)`` has no index, so that reads those
    documents' provisions, never the corpus's.
    """
    wanted = list(dict.fromkeys(doc_ids))
    found: dict[str, Provision] = {}
    for chunk in chunks(wanted):
        query = select(Provision).where(
            Provision.id.in_([f"{doc_id}/{path}" for doc_id in chunk]), Provision.path == path
        )
        found.update((row.document_id, row) for row in session.scalars(query))
    if found or not loose or len(wanted) > MAX_IN_LIST:
        return found
    by_doc: dict[str, list[Provision]] = {}
    for row in session.scalars(select(Provision).where(
            func.lower(Provision.path) == path.lower(), Provision.document_id.in_(wanted))):
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
    parent, children, previous, following = _family(session, node)
    data["parent"] = _ref(session, parent)
    data["children"] = [_ref(session, c) for c in children]
    data["previous"] = _ref(session, previous)
    data["next"] = _ref(session, following)
    return data


_HEAD = 400  # characters of text read for a title (``short_title`` keeps 80 of them)
_FAMILY = (Provision.id, Provision.parent_id, Provision.position, Provision.path,
           Provision.kind, Provision.label, Provision.cite_label, Provision.heading)


def _family(session: Session, node: Provision) -> tuple[Row[Any] | None, list[Row[Any]],
                                                        Row[Any] | None, Row[Any] | None]:
    """The parent, the children in order, and the siblings just before and after ``node``,
    in one query of short columns: each branch of the ``OR`` is a seek in its own index
    (``id``; ``parent_id, position``; the siblings' two positions), never every sibling
    with its text (an article of a code has hundreds)."""
    siblings = (Provision.parent_id == node.parent_id if node.parent_id is not None
                else and_(Provision.document_id == node.document_id,
                          Provision.parent_id.is_(None)))
    branches = [Provision.parent_id == node.id,
                and_(siblings, Provision.position.in_((node.position - 1, node.position + 1)))]
    if node.parent_id is not None:  # `id IS NULL` would match nothing but scan every row
        branches.append(Provision.id == node.parent_id)
    printed = stored_text(Provision.text)
    columns = (*_FAMILY, func.substr(printed, 1, _HEAD).label("head"),
               func.length(printed).label("size"))
    rows = session.execute(select(*columns).where(or_(*branches))).all()
    parent = next((r for r in rows if r.id == node.parent_id), None)
    children = sorted((r for r in rows if r.parent_id == node.id), key=lambda r: r.position)
    near = {r.position: r for r in rows if r.parent_id == node.parent_id and r.id != node.id}
    return parent, children, near.get(node.position - 1), near.get(node.position + 1)


def _ref(session: Session, row: Row[Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    text = row.head
    if row.size > _HEAD and len(" ".join(text.split())) <= 80:  # mostly blank: read it all
        text = session.scalar(select(Provision.text).where(Provision.id == row.id))
    return {
        "id": row.id, "path": row.path, "kind": row.kind, "label": row.label,
        "cite_label": row.cite_label, "heading": row.heading,
        "title": short_title(row.heading, text),
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
        nearest = closest(doc_part, near(session, Document.id, doc_part), 1)
        if not nearest:
            return []
        doc_id = nearest[0]
    ids = session.scalars(select(Provision.id).where(Provision.document_id == doc_id)).all()
    return closest(f"{doc_id}/{path}", ids, limit)
