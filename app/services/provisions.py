"""One provision with its neighbourhood: parent, children, siblings and breadcrumbs."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from app.db import models
from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, Provision
from app.db.packed_text import stored_text
from app.errors import NotFound
from app.services import crumbs
from app.services.flatten import short_title
from app.services.suggest import can_exist, closest, near
from parsers import vntext
from parsers.model import content_hash

_STORED = (
    "id", "document_id", "path", "kind", "role", "label", "cite_label", "cite_as", "heading",
    "text", "depth", "position", "start", "end", "flags",
)
FIELDS = (*_STORED, "content_hash")  # the hash is computed from label, heading and text


def find(session: Session, provision_id: str) -> Provision | None:
    """Look up ``doc/path``; the document part is case-insensitive, and so is the path when
    that is unambiguous (``iii.4`` finds ``III.4``): the rule of ``at_path``."""
    parts = _parts(provision_id)
    if parts is None:
        return None
    doc_id, path = parts
    return at_path(session, [doc_id], path).get(doc_id)


def _parts(provision_id: str) -> tuple[str, str] | None:
    """The document id (as a slug) and the path of ``provision_id``; None when no stored
    provision can have it."""
    doc_part, _, path = provision_id.strip().strip("/").partition("/")
    if not path or not can_exist(provision_id):
        return None
    return vntext.slug(doc_part), path


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
    node = _exact(session, provision_id) or require(session, provision_id)
    data = {name: getattr(node, name) for name in _STORED}
    data["content_hash"] = content_hash(node.label, node.heading, node.text)
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


# The statements of a provision's page, built once: building and caching a statement cost
# more than running it (SQLAlchemy's coercions and cache keys were a fifth of the call).
_P = models.table_of(Provision)
_NODE = select(*(_P.c[name] for name in (*_STORED, "ancestry", "parent_id"))).where(
    _P.c.id == bindparam("id"))
_HEAD = 400  # characters of text read for a title (``short_title`` keeps 80 of them)
_PRINTED = stored_text(_P.c.text)
_NEAR = (_P.c.id, _P.c.parent_id, _P.c.position, _P.c.path, _P.c.kind, _P.c.label,
         _P.c.cite_label, _P.c.heading, func.substr(_PRINTED, 1, bindparam("head")).label("head"),
         func.length(_PRINTED).label("size"))
_NEIGHBOURS = _P.c.position.in_((bindparam("before"), bindparam("after")))
# The parent, the children in order, and the siblings just before and after, in one query
# of short columns: each branch of the ``OR`` is a seek in its own index (``id``;
# ``parent_id, position``; the siblings' two positions), never every sibling with its text
# (an article of a code has hundreds).
_FAMILY = select(*_NEAR).where(or_(
    _P.c.parent_id == bindparam("id"),
    and_(_P.c.parent_id == bindparam("parent"), _NEIGHBOURS),
    _P.c.id == bindparam("parent")))
# A top-level provision: its siblings are the document's roots (``id IS NULL`` would match
# nothing but scan every row).
_ROOT_FAMILY = select(*_NEAR).where(or_(
    _P.c.parent_id == bindparam("id"),
    and_(_P.c.document_id == bindparam("doc"), _P.c.parent_id.is_(None), _NEIGHBOURS)))
_DOC_REF = select(Document.id, Document.number, Document.type, Document.title).where(
    Document.id == bindparam("id"))


def _exact(session: Session, provision_id: str) -> Row[Any] | None:
    """The provision whose id is ``provision_id`` as stored (its document part as a slug):
    the one seek of nearly every request; ``find`` decides the rest."""
    parts = _parts(provision_id)
    if parts is None:
        return None
    return session.connection().execute(_NODE, {"id": "/".join(parts)}).first()


def _family(session: Session, node: Provision | Row[Any]
            ) -> tuple[Row[Any] | None, list[Row[Any]], Row[Any] | None, Row[Any] | None]:
    """The parent, the children in order, and the siblings just before and after ``node``."""
    params = {"id": node.id, "parent": node.parent_id, "doc": node.document_id,
              "before": node.position - 1, "after": node.position + 1, "head": _HEAD}
    statement = _FAMILY if node.parent_id is not None else _ROOT_FAMILY
    rows: list[Row[Any]] = list(session.connection().execute(statement, params))
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
    row = session.connection().execute(_DOC_REF, {"id": doc_id}).one()  # a foreign key
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
