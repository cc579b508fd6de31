"""Flat tables for analysts: duties and targets, filtered, in document order.

Both are ordered by ``(document_id, id)``: the ingest writes a document's analysis rows in
document order, and the index on ``document_id`` (which holds the row id) serves that
order, so a page or an export batch reads only its rows, filtered or not.
"""

from __future__ import annotations

from sqlalchemy import case, false, null, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, Duty, Target
from app.db.models import Document
from app.errors import BadQuery
from app.services.listing import Listing, Rows
from app.services.registry import handovers
from app.services.suggest import require
from parsers.duties import ROLES

# New columns go last: a spreadsheet that reads columns by place keeps working.
DUTY_COLUMNS = ("body_id", "body_name", "role", "provision_id", "doc_id", "evidence",
                "inferred", "via_provision_id", "position", "inherited", "held_by", "lead_in",
                "inherited_scope")
TARGET_COLUMNS = ("year", "measure", "value", "value_max", "comparator", "unit", "qualitative",
                  "provision_id", "doc_id", "text", "milestone")


def duties(session: Session, *, body: str | None = None, role: str | None = None,
           doc: str | None = None, current: bool = False) -> Listing:
    """Duties by document, each document's direct duties in text order, then the ones
    inferred through its cross-references.

    With ``current``, the duties of ``body`` include those of the bodies it took over
    from (``successor`` in the registry, through any chain): those rows have ``inherited``
    true, ``body_id`` the body the text names and ``held_by`` ``body``; when the
    predecessor's duties were split among several bodies, ``inherited_scope`` is the part
    ``body`` took over (the reader judges whether the duty falls in it).

    Without ``body`` there is nothing to inherit and ``current`` changes nothing.

    Raises:
        BadQuery: unknown role (the error lists the valid ones).
        NotFound: unknown body or document (with the closest ids).
    """
    # The body's name as a subquery, not a join: counting the rows (`total`) then reads
    # the index on duties alone (2 ms instead of 40 ms for 136 000 duties).
    body_name = select(Body.name).where(Body.pk == Duty.body_pk).scalar_subquery()
    found = require(session, Body, body, "body") if body else None
    wanted = found.id if found else None
    holders = [found] if found else []
    passed = handovers(session, found.id) if found and current else []
    holders += [h.body for h in passed]
    inherited = (Duty.body_pk != found.pk) if found and current else false()
    scopes = {h.body.pk: h.scope for h in passed if h.scope}
    scope = case(scopes, value=Duty.body_pk, else_=null()) if scopes else null()
    query = select(Duty.body_id, body_name.label("body_name"), Duty.role, Duty.position,
                   Duty.provision_id, Duty.document_id.label("doc_id"), Duty.evidence,
                   Duty.inferred, Duty.via_provision_id, inherited.label("inherited"),
                   case((inherited, wanted), else_=None).label("held_by"), Duty.lead_in,
                   scope.label("inherited_scope"))
    if holders:
        query = query.where(Duty.body_pk.in_([h.pk for h in holders]))
    if role is not None:  # "" is no role, and refused as such (schemathesis)
        query = query.where(Duty.role == known_role(role))
    if doc:
        query = query.where(Duty.document_id == _doc_id(session, doc))
    return Listing(session, query, keys=(Duty.document_id, Duty.id))


def targets(session: Session, *, doc: str | None = None, year: int | None = None) -> Listing:
    """Targets in document order, filtered by document and year.

    Raises:
        NotFound: unknown document (with the closest ids).
    """
    query = select(Target.year, Target.measure, Target.value, Target.value_max,
                   Target.comparator, Target.unit, Target.qualitative, Target.provision_id,
                   Target.document_id.label("doc_id"), Target.text, Target.milestone)
    if doc:
        query = query.where(Target.document_id == _doc_id(session, doc))
    if year is not None:
        query = query.where(Target.year == year)
    return Listing(session, query, keys=(Target.document_id, Target.id), finish=_whole_numbers)


def _whole_numbers(rows: Rows) -> Rows:
    for row in rows:
        for key in ("value", "value_max"):  # 13500000.0 reads better as 13500000
            if isinstance(row[key], float) and row[key].is_integer():
                row[key] = int(row[key])
    return rows


def known_role(role: str) -> str:
    """``role`` when it is a duty role.

    Raises:
        BadQuery: unknown role (the error lists the valid ones).
    """
    if role not in ROLES:
        raise BadQuery(f"unknown role {role!r}", valid=list(ROLES))
    return role


def _doc_id(session: Session, wanted: str) -> str:
    return require(session, Document, wanted, "document").id

