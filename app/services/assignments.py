"""One document's assignments: for each provision, who leads, coordinates, implements and
is reported to; the table a journalist prints."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, Duty
from app.db.models import Document, Provision
from app.services.links import provision_url
from app.services.listing import Listing, Rows
from app.services.suggest import require

ASSIGNMENT_ROLES = ("lead", "coordinate", "implement", "report_to")
# CSV: one line per provision, the bodies of each role joined by "; ".
ASSIGNMENT_COLUMNS = ("provision_id", "label", "lead", "coordinate", "implement", "report_to")


def document_assignments(session: Session, doc_id: str, *, cells: bool = False) -> Listing:
    """The provisions of a document that give some body a role other than ``mention``, in
    document order, each with its bodies by role (inferred and lead-in duties marked).

    Raises:
        NotFound: unknown document (with the closest ids).
    """
    doc = require(session, Document, doc_id, "document")
    assigned = exists().where(Duty.provision_pk == Provision.pk, Duty.role != "mention")
    query = (select(Provision.id.label("provision_id"), Provision.label, Provision.heading)
             .where(Provision.document_id == doc.id, assigned))
    by_role = partial(_by_role, session)
    finish = (lambda rows: flat(by_role(rows))) if cells else by_role
    return Listing(session, query, keys=(Provision.ordinal,), finish=finish)


def _by_role(session: Session, rows: Rows) -> Rows:
    ids = [row["provision_id"] for row in rows]
    found: dict[str, dict[str, list[dict[str, Any]]]] = {
        pid: {role: [] for role in ASSIGNMENT_ROLES} for pid in ids}
    duties = session.execute(
        select(Provision.id, Duty.role, Body.id, Body.name, Duty.position,
               Duty.inferred, Duty.lead_in, Duty.evidence)
        .select_from(Duty).join(Provision, Provision.pk == Duty.provision_pk)
        .join(Body, Body.pk == Duty.body_pk)
        .where(Provision.id.in_(ids), Duty.role.in_(ASSIGNMENT_ROLES))
        .order_by(Duty.provision_pk, Duty.inferred, Duty.mention_start)
    ).all()
    for pid, role, body_id, name, position, inferred, lead_in, evidence in duties:
        found[pid][role].append({"body_id": body_id, "body_name": name, "position": position,
                                 "inferred": inferred, "lead_in": lead_in,
                                 "evidence": evidence})
    for row in rows:
        row["url"] = provision_url(row["provision_id"])
        row.update(found[row["provision_id"]])
    return rows


def flat(rows: Rows) -> Rows:
    """Rows for the CSV: the bodies of a role as one cell ("Bộ trưởng Bộ Y tế; …")."""
    return [{"provision_id": row["provision_id"], "label": row["label"],
             **{role: "; ".join(_named(d) for d in row[role]) for role in ASSIGNMENT_ROLES}}
            for row in rows]


def _named(duty: dict[str, Any]) -> str:
    name = f"{duty['position']} {duty['body_name']}" if duty["position"] else duty["body_name"]
    if duty["inferred"]:
        return f"{name} (suy ra)"
    return f"{name} (theo đầu mục)" if duty["lead_in"] else name  # given by the lead-in above
