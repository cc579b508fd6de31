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

from sqlalchemy import Row, bindparam, delete, or_, select, union
from sqlalchemy.orm import Session

from app.db.analysis_models import Effective, Relation
from app.db.bulk import insert_rows
from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, DocumentStatus, table_of
from app.services.relation_targets import (
    ENDING,
    INVERSE,
    NAMING,
    Targets,
    candidates,
    dates_of,
    keys_of,
)
from app.services.resolve import DocRow, documents

_D = table_of(Document)
_E = table_of(Effective)


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
    ``NAMING``): never every document."""
    forget(session, dropped)
    keys = keys_of(session, [doc_id])
    affected = {doc_id}
    own = session.execute(select(*_ENDER).where(Relation.document_id == doc_id, *_WHOLE))
    own_rows = own.all()
    if own_rows:
        targets = Targets(candidates(session, own_rows))
        on = dates_of(session, [doc_id]).get(doc_id)
        affected.update(t.id for row in own_rows if (t := targets.of(row, on)) is not None)
    # What doc_id or the dropped documents ended before, and what the relations that may
    # now resolve to doc_id ended before: one round trip.
    named = {"doc_ids": [doc_id], "keys": keys}
    ended = [doc_id, *dropped]
    if len(ended) <= MAX_IN_LIST:
        affected.update(session.scalars(_ENDED_BY_OR_MAYBE, {**named, "ended": ended}))
    else:
        affected.update(_ended_by(session, ended))
        affected.update(_ended_by(session, set(session.scalars(_MAYBE, named))))
    refresh(session, affected, keys=keys if affected == {doc_id} else None)


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
            docs: list[DocRow] | None = None, keys: list[int] | None = None) -> None:
    """Recompute and store the rows of ``doc_ids`` (those still stored); ``docs``: every
    document, when the caller has read them all already (``recompute``); ``keys``: the
    keys of ``doc_ids``, when the caller has read them already (``keys_of``)."""
    if not doc_ids:
        return
    facts = _facts(session, {d.id for d in docs if d.id in doc_ids} if docs is not None
                   else doc_ids)
    wanted = set(facts)
    enders, starters = _enders(session, wanted, docs, keys)
    out, first = [], {}
    for doc_id in sorted(wanted):
        ends = [(starters[r.document_id][1] or starters[r.document_id][0], r)
                for r in enders.get(doc_id, [])]
        dated = [(day, r) for day, r in ends if day is not None]
        if dated:
            first[doc_id] = min(dated, key=lambda pair: (pair[0], pair[1].document_id,
                                                         pair[1].id))
        out.append({"document_id": doc_id, "effective_from": facts[doc_id][1],
                    "ended_from": None, "ended_by": None, "ended_kind": None,
                    "ended_evidence": None})
    evidence = _evidence(session, [r.id for _, r in first.values()])
    for row in out:
        if row["document_id"] in first:
            day, ender = first[row["document_id"]]
            row.update(ended_from=day, ended_by=ender.document_id, ended_kind=ender.kind,
                       ended_evidence=evidence[ender.id])
    forget(session, wanted)
    insert_rows(session, table_of(DocumentStatus), out)


# A relation as status reads it: plain columns, without ``evidence`` (a subquery per row on
# its provision's text), which only the relation that ends a document needs (``_evidence``).
_ENDER = (Relation.id, Relation.document_id, Relation.kind, Relation.target_raw,
          Relation.target_number, Relation.target_title, Relation.target_year,
          Relation.target_doc_id)
_WHOLE = (Relation.kind.in_(ENDING), Relation.target_path.is_(None))  # a whole document
_S = table_of(DocumentStatus)
# Built once, bound with ``NAMING``'s parameters: the documents whose whole-document
# repeals and replacements may name ``doc_ids``, those rows, and (``after_ingest``) what
# they or the documents ``ended`` ended before.
_MAYBE = select(Relation.document_id).where(*_WHOLE, NAMING)
_NAMED_ENDERS = select(*_ENDER).where(*_WHOLE, NAMING)
_ENDED_BY_OR_MAYBE = union(
    select(_S.c.document_id).where(_S.c.ended_by.in_(bindparam("ended", expanding=True))),
    select(_S.c.document_id).where(_S.c.ended_by.in_(_MAYBE)))
Facts = tuple[str | None, str | None]  # a document's own date, its effective date
Ender = Row[int, str, str, str, str | None, str | None, int | None, str | None]


def _enders(session: Session, wanted: set[str], docs: list[DocRow] | None,
            keys: list[int] | None = None) -> tuple[dict[str, list[Ender]], dict[str, Facts]]:
    """The whole-document repeals and replacements of other documents resolving into
    ``wanted``, and the dates of the documents that make them. Only rows naming one of
    ``wanted`` by id or by key can (``NAMING``); for many documents at once (``recompute``),
    every such row is read."""
    if len(wanted) <= MAX_IN_LIST:
        keys = keys_of(session, wanted) if keys is None else keys
        ids = sorted(wanted)
        rows = [row for chunk in list(chunks(keys)) or [[]]
                for row in session.execute(_NAMED_ENDERS, {"doc_ids": ids, "keys": chunk})]
        rows = sorted({row.id: row for row in rows}.values(),
                      key=lambda row: (row.document_id, row.id))
    else:
        rows = list(session.execute(select(*_ENDER).where(*_WHOLE)
                                    .order_by(Relation.document_id, Relation.id)))
    if not rows:
        return {}, {}
    targets = Targets(docs if docs is not None else candidates(session, rows))
    dated = _facts(session, {row.document_id for row in rows})
    found: dict[str, list[Ender]] = {}
    for row in rows:
        target = targets.of(row, dated.get(row.document_id, (None, None))[0])
        if target is not None and target.id in wanted and target.id != row.document_id:
            found.setdefault(target.id, []).append(row)
    return found, dated


def _facts(session: Session, doc_ids: Collection[str]) -> dict[str, Facts]:
    """The stored documents of ``doc_ids``, with their own and their effective dates."""
    out: dict[str, Facts] = {}
    for chunk in chunks(sorted(doc_ids)):
        rows = session.execute(
            select(_D.c.id, _D.c.date, _E.c.date).outerjoin(_E, _E.c.document_id == _D.c.id)
            .where(_D.c.id.in_(chunk)))
        out.update((doc_id, (date, effective)) for doc_id, date, effective in rows)
    return out


def _evidence(session: Session, relation_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in chunks(relation_ids):
        rows = session.execute(select(Relation.id, Relation.evidence)
                               .where(Relation.id.in_(chunk)))
        out.update((relation_id, evidence) for relation_id, evidence in rows)
    return out


def _ended_by(session: Session, doc_ids: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for chunk in chunks(list(doc_ids)):
        out.update(session.scalars(select(DocumentStatus.document_id)
                                   .where(DocumentStatus.ended_by.in_(chunk))))
    return out

