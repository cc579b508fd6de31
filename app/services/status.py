"""The stored facts that decide whether a document is in force (``document_status``).

Ingest keeps one row per document: ``effective_from`` (its own effective date) and, when
a stored document repeals or replaces it whole, ``ended_from`` (the day that document takes
effect: its effective date, else its own date), ``ended_by``, ``ended_kind`` and the
evidence. Of several such documents the earliest ending is kept (ties: document id, then
relation order). A document is out of force on D when ``ended_from <= D`` or
``effective_from > D``: two indexed comparisons, no reading of every document per request.

What an ingest of X refreshes: X itself (documents already stored may end it), every
document X's relations end, every document X (or another document whose relations might
now resolve to X instead) ended before. A deletion refreshes what the deleted documents
ended. ``recompute`` rebuilds every row (``vnlex status recompute``, after an upgrade).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import bindparam, delete, or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Effective, Relation
from app.db.bulk import insert_rows
from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, DocumentStatus, table_of
from app.services.relation_targets import (
    ENDING,
    INVERSE,
    Targets,
    candidates,
    dates_of,
    keys_of,
    naming,
)
from app.services.resolve import DocRow, documents


def out_of_force(session: Session, day: dt.date | None = None) -> frozenset[str]:
    """Ids of the documents known to be out of force on ``day`` (today by default)."""
    iso = (day or dt.date.today()).isoformat()
    return frozenset(session.scalars(
        select(DocumentStatus.document_id).where(or_(
            DocumentStatus.ended_from <= iso, DocumentStatus.effective_from > iso))
    ))


# Built once: a provision's page asks them for its document on every request.
_STATUS = select(DocumentStatus.ended_from, DocumentStatus.ended_by,
                 DocumentStatus.ended_kind, DocumentStatus.ended_evidence).where(
    DocumentStatus.document_id == bindparam("id"))
_EFFECTIVE = select(Effective.date, Effective.provision_id, Effective.evidence).where(
    Effective.document_id == bindparam("id"))
_OWN_DATE = select(Document.date).where(Document.id == bindparam("id"))


def status_on(session: Session, doc_id: str, day: str) -> dict[str, Any]:
    """The status of a stored document on ``day`` (ISO), with the reason."""
    connection = session.connection()
    row = connection.execute(_STATUS, {"id": doc_id}).first()
    effective = connection.execute(_EFFECTIVE, {"id": doc_id}).first()
    base = {"effective_date": effective.date if effective else None,
            "effective_provision_id": effective.provision_id if effective else None,
            "expiry_date": None, "replaced_by": None}
    if row is not None and row.ended_from is not None and row.ended_from <= day:
        kind = INVERSE.get(row.ended_kind or "", "ended_by").replace("_", " ")
        return {**base, "in_force": False, "expiry_date": row.ended_from,
                "replaced_by": row.ended_by,
                "reason": f"{kind} {row.ended_by} from {row.ended_from}: {row.ended_evidence}"}
    if effective is None:
        return {**base, "in_force": None,
                "reason": "no effective date stated, and nothing in the corpus replaces it"}
    if effective.date > day:
        return {**base, "in_force": False,
                "reason": f"takes effect on {effective.date} ({effective.evidence})"}
    return {**base, "in_force": True,
            "reason": f"in force since {effective.date} ({effective.evidence})"}


def since(session: Session, doc_id: str) -> str | None:
    """When ``doc_id``'s words take effect: its effective date, else its own date."""
    connection = session.connection()
    effective = connection.execute(_EFFECTIVE, {"id": doc_id}).first()
    if effective is not None:
        return str(effective.date)
    date = connection.execute(_OWN_DATE, {"id": doc_id}).scalar()
    return None if date is None else str(date)


def after_ingest(session: Session, doc_id: str, dropped: Collection[str] = ()) -> None:
    """Refresh the rows an ingest of ``doc_id`` may change (``dropped``: documents the
    same ingest deleted, superseded by it). Reads the documents its relations may name and
    the relations that may name it, each through an index (``relation_targets.candidates``,
    ``naming``): never every document."""
    forget(session, dropped)
    affected = {doc_id, *_ended_by(session, [doc_id, *dropped])}
    own = list(session.scalars(select(Relation).where(
        Relation.document_id == doc_id, Relation.kind.in_(ENDING),
        Relation.target_path.is_(None))))
    targets = Targets(candidates(session, own))
    on = dates_of(session, [doc_id]).get(doc_id)
    affected.update(t.id for row in own if (t := targets.of(row, on)) is not None)
    # Relations that may now resolve to doc_id rather than to what they ended before.
    maybe = session.scalars(select(Relation.document_id).where(
        Relation.kind.in_(ENDING), Relation.target_path.is_(None),
        naming([doc_id], keys_of(session, [doc_id]))))
    affected.update(_ended_by(session, set(maybe)))
    refresh(session, affected)


def after_delete(session: Session, doc_ids: Collection[str]) -> None:
    """Drop the rows of deleted documents and refresh those they ended."""
    forget(session, doc_ids)
    refresh(session, _ended_by(session, doc_ids))


def forget(session: Session, doc_ids: Iterable[str]) -> None:
    ids = list(doc_ids)
    for chunk in chunks(ids):
        session.execute(delete(DocumentStatus).where(DocumentStatus.document_id.in_(chunk)))


def recompute(session: Session) -> int:
    """Rebuild every document's row; how many documents there are."""
    docs = documents(session)
    refresh(session, {d.id for d in docs}, docs)
    return len(docs)


def refresh(session: Session, doc_ids: Collection[str],
            docs: list[DocRow] | None = None) -> None:
    """Recompute and store the rows of ``doc_ids`` (those still stored); ``docs``: every
    document, when the caller has read them all already (``recompute``)."""
    if not doc_ids:
        return
    wanted = {d.id for d in docs if d.id in doc_ids} if docs is not None \
        else _stored(session, doc_ids)
    enders = _enders(session, wanted, docs)
    starters = {row.document_id for rows in enders.values() for row in rows}
    dates = _dates(session, wanted | starters)
    own_date = dates_of(session, starters)
    out = []
    for doc_id in sorted(wanted):
        row: dict[str, Any] = {"document_id": doc_id, "effective_from": dates.get(doc_id),
                               "ended_from": None, "ended_by": None, "ended_kind": None,
                               "ended_evidence": None}
        ends = [(dates.get(r.document_id) or own_date.get(r.document_id), r)
                for r in enders.get(doc_id, [])]
        dated = [(day, r) for day, r in ends if day is not None]
        if dated:
            day, first = min(dated, key=lambda pair: (pair[0], pair[1].document_id, pair[1].id))
            row.update(ended_from=day, ended_by=first.document_id, ended_kind=first.kind,
                       ended_evidence=first.evidence)
        out.append(row)
    forget(session, wanted)
    insert_rows(session, table_of(DocumentStatus), out)


def _enders(session: Session, wanted: set[str], docs: list[DocRow] | None
            ) -> dict[str, list[Relation]]:
    """The whole-document repeals and replacements of other documents resolving into
    ``wanted``. Only rows naming one of them by id or by key can (``naming``); for many
    documents at once (``recompute``), every such row is read."""
    query = select(Relation).where(Relation.kind.in_(ENDING), Relation.target_path.is_(None))
    if len(wanted) <= MAX_IN_LIST:
        keys = keys_of(session, wanted)
        rows = [row for chunk in list(chunks(keys)) or [[]]
                for row in session.scalars(query.where(naming(wanted, chunk)))]
        rows = sorted({row.id: row for row in rows}.values(),
                      key=lambda row: (row.document_id, row.id))
    else:
        rows = list(session.scalars(query.order_by(Relation.document_id, Relation.id)))
    targets = Targets(docs if docs is not None else candidates(session, rows))
    dated = dates_of(session, {row.document_id for row in rows})
    found: dict[str, list[Relation]] = {}
    for row in rows:
        target = targets.of(row, dated.get(row.document_id))
        if target is not None and target.id in wanted and target.id != row.document_id:
            found.setdefault(target.id, []).append(row)
    return found


def _stored(session: Session, doc_ids: Collection[str]) -> set[str]:
    out: set[str] = set()
    for chunk in chunks(sorted(doc_ids)):
        out.update(session.scalars(select(Document.id).where(Document.id.in_(chunk))))
    return out


def _dates(session: Session, doc_ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in chunks(sorted(doc_ids)):
        rows = session.execute(select(Effective.document_id, Effective.date)
                               .where(Effective.document_id.in_(chunk)))
        out.update((doc_id, date) for doc_id, date in rows)
    return out


def _ended_by(session: Session, doc_ids: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for chunk in chunks(list(doc_ids)):
        out.update(session.scalars(select(DocumentStatus.document_id)
                                   .where(DocumentStatus.ended_by.in_(chunk))))
    return out

