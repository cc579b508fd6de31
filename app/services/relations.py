"""Relations between documents, read both ways, and the in-force status they give.

A relation is stored with its target as cited (``app.db.analysis_models.Relation``); here
the target is resolved against the documents in the corpus when read, so a document
ingested later is found. A target not in the corpus stays an unresolved reference with
its citation text.

Status (``document_status``, ``provision_status``), as of a day (today by default), read
from the facts ingest stores (``app/services/status.py``):

* replaced or repealed whole by a document in the corpus that is in effect that day →
  not in force, ``expiry_date`` the replacing document's effective date (of several, the
  earliest);
* an effective date after that day → not yet in force;
* an effective date on or before it → in force;
* no effective date stated and nothing replacing it → ``in_force`` null (unknown);
* a provision: its document's status, unless the provision or one of its ancestors was
  repealed by a document in effect (not in force, with that reason).

``status.out_of_force(session)`` is the set the search filter ``?in_force=true`` leaves
out: unknown counts as in force, since nothing in the corpus says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Relation
from app.db.models import Document
from app.services import provisions, status
from app.services.links import document_url, provision_url
from app.services.relation_targets import (
    INVERSE,
    Targets,
    candidates,
    incoming,
    incoming_page,
)
from app.services.resolve import DocRow, document
from app.services.suggest import unknown
from app.services.terms import provision_terms
from parsers import vntext

# What a status reads: the many "cites" rows (often titles only, resolved one by one) never
# change whether a text is in force, so a document's or provision's page skips them.
CHANGING = ("amends", "repeals", "replaces")


def document_relations(session: Session, doc_id: str, limit: int,
                       offset: int) -> dict[str, Any]:
    """What ``doc_id`` says about others (``outgoing``) and what others say about it
    (``incoming``, kinds inverted: ``amended_by``, ``replaced_by`` …), ``limit`` of each
    from ``offset``, with each list's total: a law is cited by thousands of documents.

    Raises:
        NotFound: unknown document; the error lists the closest ids.
    """
    doc = _stored(session, doc_id)
    own = select(Relation).where(Relation.document_id == doc.id)
    outgoing = session.scalars(own.order_by(Relation.id).limit(limit).offset(offset)).all()
    # What those targets may name, not every document.
    targets = Targets(candidates(session, outgoing))
    incoming_total, incoming = incoming_page(session, doc.id, limit, offset)
    return {
        "document_id": doc.id,
        "outgoing_total": session.scalar(
            select(func.count()).select_from(own.subquery())) or 0,
        "incoming_total": incoming_total,
        "outgoing": [_outgoing(session, targets, row, doc.date) for row in outgoing],
        "incoming": [_incoming(row) for row in incoming],
    }


def document_status(session: Session, doc_id: str,
                    today: dt.date | None = None) -> dict[str, Any]:
    """Whether ``doc_id`` is in force on ``today``, with the reason (rules above), from
    the stored facts (``app/services/status.py``): two primary-key reads.

    Raises:
        NotFound: unknown document.
    """
    found = _stored(session, doc_id).id
    return status.status_on(session, found, (today or dt.date.today()).isoformat())


def provision_status(session: Session, doc_id: str, path: str,
                     today: dt.date | None = None) -> dict[str, Any]:
    """The status of the provision at ``path`` and the amendments that touch it (its own,
    its ancestors' when replaced whole, its descendants')."""
    return _status_of(session, _stored(session, doc_id).id, path,
                      (today or dt.date.today()).isoformat())


def _status_of(session: Session, doc_id: str, path: str, day: str) -> dict[str, Any]:
    """``provision_status`` of the stored document ``doc_id`` on ``day`` (ISO)."""
    rows = incoming(session, doc_id, CHANGING)
    state = status.status_on(session, doc_id, day)
    touching = [r for r in rows if r.target_path and _touches(r.target_path, path)]
    for row in touching:
        covers = path == row.target_path or path.startswith(f"{row.target_path}.")
        since = status.since(session, row.document_id)
        if row.kind == "repeals" and covers and since is not None and since <= day:
            state = {**state, "in_force": False, "expiry_date": since,
                     "reason": f"repealed by {row.document_id} ({row.evidence}) from {since}"}
    amendments = [_incoming(row) for row in touching]
    return {"status": state, "amendments": amendments}


def _touches(target: str, path: str) -> bool:
    return (target == path or path.startswith(f"{target}.")
            or target.startswith(f"{path}."))


def _stored(session: Session, doc_id: str) -> DocRow:
    """The stored document ``doc_id`` as typed or as its slug, through the primary key."""
    for key in dict.fromkeys((doc_id, vntext.slug(doc_id))):
        found = document(session, key)
        if found is not None:
            return found
    raise unknown(session, Document.id, doc_id, "document")

def _outgoing(session: Session, targets: Targets, row: Relation,
              cited_on: str | None) -> dict[str, Any]:
    target = targets.of(row, cited_on)
    provision_id = None
    if target is not None and row.target_path:
        node = provisions.at_path(session, [target.id], row.target_path).get(target.id)
        provision_id = node.id if node is not None else None
    return {
        "kind": row.kind, "provision_id": row.provision_id, "evidence": row.evidence,
        "start": row.start, "end": row.end,
        "target": {
            "raw": row.target_raw, "number": row.target_number, "title": row.target_title,
            "year": row.target_year, "path": row.target_path,
            "doc_id": target.id if target else None, "provision_id": provision_id,
            "resolved": target is not None,
            "url": (provision_url(provision_id) if provision_id
                    else document_url(target.id) if target else None),
        },
    }


def _incoming(row: Relation) -> dict[str, Any]:
    return {
        "kind": INVERSE[row.kind], "doc_id": row.document_id,
        "provision_id": row.provision_id, "path": row.target_path, "evidence": row.evidence,
        "url": provision_url(row.provision_id) if row.provision_id
        else document_url(row.document_id),
    }


def provision_detail(session: Session, provision_id: str, expand_terms: bool) -> dict[str, Any]:
    """``provisions.get_provision`` with the provision's status, the amendments touching
    it, and (``expand_terms``) the defined terms it uses.

    Raises:
        NotFound: unknown provision; the error lists the closest ids.
    """
    data = provisions.get_provision(session, provision_id)
    # The document id is the stored one: no second lookup of it.
    data.update(_status_of(session, data["doc_id"], data["path"], dt.date.today().isoformat()))
    if expand_terms:
        node = provisions.require(session, data["id"])
        data["terms"] = provision_terms(session, node)
    return data
