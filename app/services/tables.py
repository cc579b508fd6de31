"""Flat tables for analysts: duties and targets, filtered, paged or whole (for CSV)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, Duty, Target
from app.db.models import Document, Provision
from app.errors import BadQuery
from app.services.suggest import require
from parsers.duties import ROLES

DUTY_COLUMNS = ("body_id", "body_name", "role", "provision_id", "doc_id", "evidence",
                "inferred", "via_provision_id")
TARGET_COLUMNS = ("year", "measure", "value", "value_max", "comparator", "unit", "qualitative",
                  "provision_id", "doc_id", "text")


def list_duties(session: Session, *, body: str | None = None, role: str | None = None,
                doc: str | None = None, limit: int | None = None,
                offset: int = 0) -> dict[str, Any]:
    """Duties in document order: ``{"total", "items"}``; every row when ``limit`` is None.

    Raises:
        BadQuery: unknown role (the error lists the valid ones).
        NotFound: unknown body or document (with the closest ids).
    """
    query = (
        select(Duty.body_id, Body.name.label("body_name"), Duty.role, Duty.provision_id,
               Duty.document_id.label("doc_id"), Duty.evidence, Duty.inferred,
               Duty.via_provision_id)
        .join(Body, Body.id == Duty.body_id)
        .join(Provision, Provision.id == Duty.provision_id)
    )
    if body:
        query = query.where(Duty.body_id == _body_id(session, body))
    if role:
        if role not in ROLES:
            raise BadQuery(f"unknown role {role!r}", valid=list(ROLES))
        query = query.where(Duty.role == role)
    if doc:
        query = query.where(Duty.document_id == _doc_id(session, doc))
    order = (Duty.document_id, Provision.ordinal, Duty.inferred, Duty.via_provision_id,
             Duty.mention_start, Duty.id)
    return _page(session, query.order_by(*order), limit, offset)


def list_targets(session: Session, *, doc: str | None = None, year: int | None = None,
                 limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """Targets in document order: ``{"total", "items"}``; every row when ``limit`` is None.

    Raises:
        NotFound: unknown document (with the closest ids).
    """
    query = (
        select(Target.year, Target.measure, Target.value, Target.value_max, Target.comparator,
               Target.unit, Target.qualitative, Target.provision_id,
               Target.document_id.label("doc_id"), Target.text)
        .join(Provision, Provision.id == Target.provision_id)
    )
    if doc:
        query = query.where(Target.document_id == _doc_id(session, doc))
    if year is not None:
        query = query.where(Target.year == year)
    order = (Target.document_id, Provision.ordinal, Target.start, Target.id)
    page = _page(session, query.order_by(*order), limit, offset)
    for item in page["items"]:
        for key in ("value", "value_max"):  # 13500000.0 reads better as 13500000
            if isinstance(item[key], float) and item[key].is_integer():
                item[key] = int(item[key])
    return page


def _page(session: Session, query: Select[*tuple[Any, ...]], limit: int | None,
          offset: int) -> dict[str, Any]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    items = [dict(row) for row in session.execute(query).mappings()]
    return {"total": total or 0, "items": items}


def _body_id(session: Session, wanted: str) -> str:
    return require(session, Body, wanted, "body").id


def _doc_id(session: Session, wanted: str) -> str:
    return require(session, Document, wanted, "document").id
