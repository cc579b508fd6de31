"""Relations between documents, read both ways, and the in-force status they give.

A relation is stored with its target as cited (``app.db.analysis_models.Relation``); here
the target is resolved against the documents in the corpus when read, so a document
ingested later is found. A target not in the corpus stays an unresolved reference with
its citation text.

Status (``document_status``, ``provision_status``), as of a day (today by default):

* replaced or repealed whole by a document in the corpus that is in effect that day →
  not in force, ``expiry_date`` the replacing document's effective date;
* an effective date after that day → not yet in force;
* an effective date on or before it → in force;
* no effective date stated and nothing replacing it → ``in_force`` null (unknown);
* a provision: its document's status, unless the provision or one of its ancestors was
  repealed by a document in effect (not in force, with that reason).

``in_force_documents(session)`` is the set the search filter ``?in_force=true`` keeps:
every document whose status is not "not in force" (unknown counts as in force, since
nothing in the corpus says otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Effective, Relation
from app.errors import NotFound
from app.services import provisions
from app.services.links import document_url, provision_url
from app.services.resolve import DocRow, documents, find_documents
from app.services.suggest import closest
from app.services.terms import provision_terms
from parsers import vntext
from parsers.citations import CitationQuery

INVERSE = {"amends": "amended_by", "repeals": "repealed_by", "replaces": "replaced_by",
           "details": "detailed_by", "implements": "implemented_by", "cites": "cited_by"}
ENDING = ("replaces", "repeals")  # kinds that end a document (repeals only without a path)
# What a status reads: the many "cites" rows (often titles only, resolved one by one) never
# change whether a text is in force, so a document's or provision's page skips them.
CHANGING = ("amends", "repeals", "replaces")


def target_of(docs: list[DocRow], row: Relation) -> DocRow | None:
    """The document in the corpus ``row`` points to, when exactly one matches."""
    query = CitationQuery(
        raw=row.target_raw, number=row.target_number,
        title=None if row.target_number else row.target_title, year=row.target_year,
        doc_id=row.target_doc_id,
        number_slug=vntext.slug(row.target_number) if row.target_number else None,
    )
    if not (query.number or query.title):
        return None
    found = find_documents(docs, query)
    return found[0] if len(found) == 1 else None


def document_relations(session: Session, doc_id: str) -> dict[str, Any]:
    """What ``doc_id`` says about others (``outgoing``) and what others say about it
    (``incoming``, kinds inverted: ``amended_by``, ``replaced_by`` …).

    Raises:
        NotFound: unknown document; the error lists the closest ids.
    """
    docs = documents(session)
    doc = _require(docs, doc_id)
    outgoing = session.scalars(
        select(Relation).where(Relation.document_id == doc.id).order_by(Relation.id)
    ).all()
    return {
        "document_id": doc.id,
        "outgoing": [_outgoing(session, docs, row) for row in outgoing],
        "incoming": [_incoming(row) for row in incoming(session, docs, doc)],
    }


def incoming(session: Session, docs: list[DocRow], doc: DocRow,
             kinds: tuple[str, ...] = tuple(INVERSE)) -> list[Relation]:
    """The relations (of ``kinds``) of other documents whose target resolves to ``doc``.
    Rows whose number makes another id cannot point here, so only those with this id or
    none are read (a title, a Party number without its year)."""
    rows = session.scalars(
        select(Relation)
        .where(Relation.document_id != doc.id)
        .where(Relation.kind.in_(kinds))
        .where(or_(Relation.target_doc_id == doc.id, Relation.target_doc_id.is_(None)))
        .order_by(Relation.document_id, Relation.id)
    ).all()
    return [row for row in rows if (t := target_of(docs, row)) is not None and t.id == doc.id]


def effective_dates(session: Session) -> dict[str, Effective]:
    return {row.document_id: row for row in session.scalars(select(Effective))}


def document_status(session: Session, doc_id: str,
                    today: dt.date | None = None) -> dict[str, Any]:
    """Whether ``doc_id`` is in force on ``today``, with the reason (rules above).

    Raises:
        NotFound: unknown document.
    """
    docs = documents(session)
    doc = _require(docs, doc_id)
    return _status(doc, incoming(session, docs, doc, CHANGING), effective_dates(session),
                   docs, (today or dt.date.today()).isoformat())


def provision_status(session: Session, doc_id: str, path: str,
                     today: dt.date | None = None) -> dict[str, Any]:
    """The status of the provision at ``path`` and the amendments that touch it (its own,
    its ancestors' when replaced whole, its descendants')."""
    docs = documents(session)
    doc = _require(docs, doc_id)
    day = (today or dt.date.today()).isoformat()
    rows = incoming(session, docs, doc, CHANGING)
    dates = effective_dates(session)
    status = _status(doc, rows, dates, docs, day)
    touching = [r for r in rows if r.target_path and _touches(r.target_path, path)]
    for row in touching:
        covers = path == row.target_path or path.startswith(f"{row.target_path}.")
        since = _since(row.document_id, dates, docs)
        if row.kind == "repeals" and covers and since is not None and since <= day:
            status = {**status, "in_force": False, "expiry_date": since,
                      "reason": f"repealed by {row.document_id} ({row.evidence}) from {since}"}
    amendments = [_incoming(row) for row in touching]
    return {"status": status, "amendments": amendments}


def in_force_documents(session: Session, today: dt.date | None = None) -> set[str]:
    """Ids of the documents not known to be out of force on ``today`` (see the module)."""
    docs = documents(session)
    day = (today or dt.date.today()).isoformat()
    dates = effective_dates(session)
    ending = session.scalars(
        select(Relation).where(Relation.kind.in_(ENDING)).where(Relation.target_path.is_(None))
    ).all()
    by_target: dict[str, list[Relation]] = {}
    for row in ending:
        target = target_of(docs, row)
        if target is not None and target.id != row.document_id:
            by_target.setdefault(target.id, []).append(row)
    return {d.id for d in docs
            if _status(d, by_target.get(d.id, []), dates, docs, day)["in_force"] is not False}


def _status(doc: DocRow, rows: list[Relation] | Any, dates: dict[str, Effective],
            docs: list[DocRow], day: str) -> dict[str, Any]:
    effective = dates.get(doc.id)
    base = {"effective_date": effective.date if effective else None,
            "effective_provision_id": effective.provision_id if effective else None,
            "expiry_date": None, "replaced_by": None}
    for row in rows:
        if row.kind not in ENDING or row.target_path is not None:
            continue
        since = _since(row.document_id, dates, docs)
        if since is not None and since <= day:
            return {**base, "in_force": False, "expiry_date": since,
                    "replaced_by": row.document_id,
                    "reason": f"{INVERSE[row.kind].replace('_', ' ')} {row.document_id} "
                              f"from {since}: {row.evidence}"}
    if effective is None:
        return {**base, "in_force": None,
                "reason": "no effective date stated, and nothing in the corpus replaces it"}
    if effective.date > day:
        return {**base, "in_force": False,
                "reason": f"takes effect on {effective.date} ({effective.evidence})"}
    return {**base, "in_force": True,
            "reason": f"in force since {effective.date} ({effective.evidence})"}


def _since(doc_id: str, dates: dict[str, Effective], docs: list[DocRow]) -> str | None:
    """When ``doc_id``'s words take effect: its effective date, else its own date."""
    if doc_id in dates:
        return dates[doc_id].date
    return next((d.date for d in docs if d.id == doc_id), None)


def _touches(target: str, path: str) -> bool:
    return (target == path or path.startswith(f"{target}.")
            or target.startswith(f"{path}."))


def _require(docs: list[DocRow], doc_id: str) -> DocRow:
    """The document ``doc_id`` as typed or as its slug; else ``NotFound`` with the closest."""
    for doc in docs:
        if doc.id in (doc_id, vntext.slug(doc_id)):
            return doc
    raise NotFound(f"no document {doc_id!r}",
                   suggestions=closest(doc_id, [d.id for d in docs]))


def _outgoing(session: Session, docs: list[DocRow], row: Relation) -> dict[str, Any]:
    target = target_of(docs, row)
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
    data.update(provision_status(session, data["doc_id"], data["path"]))
    if expand_terms:
        node = provisions.require(session, data["id"])
        data["terms"] = provision_terms(session, node)
    return data
