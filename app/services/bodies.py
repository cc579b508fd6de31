"""Bodies and what they are told to do: search, one body with its duties, a provision's bodies."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, CrossRef, Duty
from app.db.models import Provision
from app.services import provisions
from app.services.links import provision_url
from app.services.suggest import require
from parsers import vntext
from parsers.duties import ROLES

EXCERPT_CONTEXT = 80  # characters shown on each side of the evidence


def search_bodies(session: Session, q: str | None = None) -> list[dict[str, Any]]:
    """Bodies whose name or an alias contains ``q`` from a word start (case, diacritics,
    tone placement and punctuation ignored); all bodies without ``q``. Names starting with
    ``q`` first, then names containing it, then aliases; then most direct duties first."""
    counts = _duty_counts(session)
    folded = vntext.words(q or "")
    wanted = re.compile(r"\b" + re.escape(folded)) if folded else None
    found = []
    for body in session.scalars(select(Body)):
        rank = _rank(body, folded, wanted) if wanted is not None else 0
        if rank is None:
            continue
        data = _summary(body, counts.get(body.id, Counter()))
        found.append((rank, -sum(data["duties"].values()), body.name, data))
    return [data for *_key, data in sorted(found, key=lambda item: item[:3])]


def _rank(body: Body, folded: str, wanted: re.Pattern[str]) -> int | None:
    name = vntext.words(body.name)
    if name.startswith(folded):
        return 0
    if wanted.search(name):
        return 1
    if any(wanted.search(vntext.words(alias)) for alias in body.aliases):
        return 2
    return None


def get_body(session: Session, body_id: str) -> dict[str, Any]:
    """A body with aliases, parent, children and its duties grouped by role.

    Raises:
        NotFound: no such body; the error lists the closest ids.
    """
    body = require(session, Body, body_id, "body")
    data = _summary(body, _duty_counts(session, body.id).get(body.id, Counter()))
    data["parent"] = _ref(session.get(Body, body.parent_id)) if body.parent_id else None
    children = session.scalars(select(Body).where(Body.parent_id == body.id).order_by(Body.name))
    data["children"] = [_ref(child) for child in children]
    grouped: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLES}
    rows = session.execute(
        select(Duty, Provision.text, Provision.document_id)
        .join(Provision, Provision.id == Duty.provision_id)
        .where(Duty.body_id == body.id)
        .order_by(Duty.inferred, Provision.document_id, Provision.ordinal, Duty.mention_start)
    ).all()
    via_texts = _texts(session, {d.via_provision_id for d, _, _ in rows if d.via_provision_id})
    for duty, text, doc_id in rows:
        source = via_texts.get(duty.via_provision_id or "", "") if duty.inferred else text
        grouped[duty.role].append({
            "provision_id": duty.provision_id, "doc_id": doc_id,
            "url": provision_url(duty.provision_id),
            "excerpt": excerpt(source, duty.evidence_start, duty.evidence_end),
            "evidence": duty.evidence, "inferred": duty.inferred,
            "via_provision_id": duty.via_provision_id,
        })
    data["duties_by_role"] = grouped
    return data


def provision_bodies(session: Session, provision_id: str) -> dict[str, Any]:
    """Every body of a provision with its role and evidence, direct or inferred.

    Raises:
        NotFound: unknown provision; the error lists the closest ids.
    """
    node = provisions.require(session, provision_id)
    links = {
        link.source_id: link
        for link in session.scalars(select(CrossRef).where(CrossRef.target_id == node.id))
    }
    rows = session.execute(
        select(Duty, Body.name, Body.kind).join(Body, Body.id == Duty.body_id)
        .where(Duty.provision_id == node.id)
        .order_by(Duty.inferred, Duty.via_provision_id, Duty.mention_start)
    ).all()
    items = []
    for duty, name, kind in rows:
        link = links.get(duty.via_provision_id or "")
        items.append({
            "body_id": duty.body_id, "body_name": name, "kind": kind, "role": duty.role,
            "mention": duty.mention, "mention_start": duty.mention_start,
            "mention_end": duty.mention_end, "evidence": duty.evidence,
            "evidence_start": duty.evidence_start, "evidence_end": duty.evidence_end,
            "inferred": duty.inferred,
            "via": None if link is None else {
                "provision_id": link.source_id, "url": provision_url(link.source_id),
                "score": link.score, **link.evidence,
            },
        })
    return {"provision_id": node.id, "items": items}


def excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """``text`` around ``[start, end)`` on one line, cut at word edges and marked with "…"."""
    left, right = max(0, start - context), min(len(text), end + context)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut > 0 else right
    core = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + core + ("…" if right < len(text) else "")


def _duty_counts(session: Session, body_id: str | None = None) -> dict[str, Counter[str]]:
    """Direct duties per body and role; inferred ones counted apart under ``inferred``."""
    query = select(Duty.body_id, Duty.role, Duty.inferred, func.count())
    if body_id is not None:
        query = query.where(Duty.body_id == body_id)
    counts: dict[str, Counter[str]] = {}
    for bid, role, inferred, n in session.execute(
        query.group_by(Duty.body_id, Duty.role, Duty.inferred)
    ):
        counts.setdefault(bid, Counter())["inferred" if inferred else role] += n
    return counts


def _summary(body: Body, counts: Counter[str]) -> dict[str, Any]:
    return {
        "id": body.id, "name": body.name, "kind": body.kind, "parent_id": body.parent_id,
        "aliases": list(body.aliases or []), "duties": {role: counts[role] for role in ROLES},
        "inferred_duties": counts["inferred"],
    }


def _ref(body: Body | None) -> dict[str, Any] | None:
    return None if body is None else {"id": body.id, "name": body.name, "kind": body.kind}


def _texts(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Provision.id, Provision.text).where(Provision.id.in_(ids)))
    return dict(rows.all())  # a Result has .keys(): dict() would read it as a mapping
