"""Bodies and what they are told to do: search, one body with its duties, a provision's bodies."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import case, desc, func, or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, BodySuccessor, CrossRef, Duty, UnresolvedMention
from app.db.models import Provision
from app.services import duty_counts, provisions
from app.services.links import provision_url
from app.services.listing import Listing, Rows
from app.services.registry import handovers
from app.services.suggest import by_id, require
from app.services.tables import known_role
from parsers import vntext
from parsers.duties import ROLES

EXCERPT_CONTEXT = 80  # characters shown on each side of the evidence


def search_bodies(session: Session, q: str | None = None) -> Listing:
    """Bodies whose name or an alias contains ``q`` from a word start (case, diacritics,
    tone placement and punctuation ignored); all bodies without ``q``. Names starting with
    ``q`` first, then names containing it, then aliases; by id (the name's slug) within
    each, an order the primary key serves. Duty counts are read for the page's bodies only.
    """
    folded = vntext.words(q or "")
    if not folded:
        return Listing(session, select(Body), keys=(Body.id,), finish=_summaries(session))
    # A body's id is the slug of its name (the registry refuses any other), so the name
    # is matched in SQL on the id: "ban to chuc" starts "ban-to-chuc-trung-uong".
    wanted = folded.replace(" ", "-")
    starts = Body.id.startswith(wanted, autoescape=True)
    inside = ("-" + Body.id).contains("-" + wanted, autoescape=True)
    rank = case((starts, 0), (inside, 1), else_=2)
    matches = or_(starts, inside, Body.id.in_(_alias_matches(session, folded)))
    return Listing(session, select(Body).where(matches), keys=(rank, Body.id),
                   finish=_summaries(session))


def _alias_matches(session: Session, folded: str) -> list[str]:
    """Ids of the bodies with an alias that contains ``folded`` from a word start. Aliases
    are folded here, in Python, over the registry: a file a person reviews, so its size
    does not grow with the corpus."""
    wanted = re.compile(r"\b" + re.escape(folded))
    rows = session.execute(select(Body.id, Body.aliases)).all()
    return [bid for bid, aliases in rows
            if any(wanted.search(vntext.words(alias)) for alias in aliases or ())]


def _summaries(session: Session) -> Callable[[Rows], Rows]:
    def finish(rows: Rows) -> Rows:
        bodies = [row["Body"] for row in rows]
        counts = duty_counts.by_body(session, [body.id for body in bodies])
        return [_summary(body, counts.get(body.id, Counter())) for body in bodies]
    return finish


def get_body(session: Session, body_id: str, per_role: int) -> dict[str, Any]:
    """A body with aliases, parent, children and the first ``per_role`` of its duties in
    each role (``duties`` counts them all; ``body_duties`` pages through the rest).

    Raises:
        NotFound: no such body; the error lists the closest ids.
    """
    body = require(session, Body, body_id, "body")
    data = _summary(body, duty_counts.by_body(session, [body.id]).get(body.id, Counter()))
    data["parent"] = _ref(by_id(session, Body, body.parent_id)) if body.parent_id else None
    children = session.scalars(select(Body).where(Body.parent_id == body.id).order_by(Body.name))
    data["children"] = [_ref(child) for child in children]
    data["duties_by_role"] = {
        role: body_duties(session, body.id, role).items(per_role, 0) for role in ROLES
    }
    data["duties_url"] = f"/bodies/{body.id}/duties"
    data.update(history(session, body))
    return data


def history(session: Session, body: Body) -> dict[str, Any]:
    """When the body existed, the act that changed it, and the chain both ways: the
    bodies that took over its duties (``successors``, nearest first; each with the part it
    took when they were split, and the act) and those whose duties it took over
    (``predecessors``, with the act of each change and the part it took)."""
    return {
        "valid_from": body.valid_from, "valid_to": body.valid_to,
        "change_act": body.change_act, "sources": list(body.sources or []),
        "successors": successors(session, body),
        "predecessors": [
            {"id": h.body.id, "name": h.body.name, "kind": h.body.kind,
             "valid_to": h.body.valid_to, "change_act": h.change_act, "scope": h.scope}
            for h in handovers(session, body.id)
        ],
    }


def successors(session: Session, body: Body) -> list[dict[str, Any]]:
    """The bodies that took over ``body``'s duties, through any chain, nearest first."""
    found: list[dict[str, Any]] = []
    todo, seen = [body.id], {body.id}
    while todo:  # the seen set: a cycle in a hand-written file must not hang a request
        links = session.scalars(select(BodySuccessor).where(BodySuccessor.body_id.in_(todo))
                                .order_by(BodySuccessor.pk)).all()
        todo = []
        for link in links:
            later = by_id(session, Body, link.successor_id)
            if later is None or later.id in seen:
                continue
            seen.add(later.id)
            if later.valid_to is not None:  # a body still in force passes on only its own
                todo.append(later.id)       # fields: what it took over stays with it
            found.append({"id": later.id, "name": later.name, "kind": later.kind,
                          "scope": link.scope, "change_act": link.change_act})
    return found


def unresolved_mentions(session: Session) -> Listing:
    """Names shaped like a body that the registry does not know, one row per spelling
    (folded), most frequent first, with a first place where each was read."""
    m = UnresolvedMention
    count = func.count().label("count")
    query = (select(m.key, func.min(m.text).label("text"), func.min(m.head).label("head"),
                    count, func.count(func.distinct(m.document_id)).label("documents"),
                    func.min(m.provision_id).label("example_provision_id"))
             .group_by(m.key))
    return Listing(session, query, keys=(desc(count), m.key), finish=_with_urls)


def _with_urls(rows: Rows) -> Rows:
    for row in rows:
        row["example_url"] = provision_url(row["example_provision_id"])
    return rows


def body_duties(session: Session, body_id: str, role: str | None = None) -> Listing:
    """A body's duties by document, as ``/duties`` orders them, each with an excerpt of the
    text around its evidence (for an inferred duty, in the assignment it comes through).

    Raises:
        NotFound: no such body; the error lists the closest ids.
        BadQuery: unknown role (the error lists the valid ones).
    """
    body = require(session, Body, body_id, "body")
    query = (
        select(Duty.role, Provision.id.label("provision_id"), Duty.document_id.label("doc_id"),
               Duty.evidence, Duty.evidence_start, Duty.evidence_end, Duty.inferred,
               Duty.via_provision_id, Duty.lead_in, Duty.in_heading, Provision.text)
        .select_from(Duty).join(Provision, Provision.pk == Duty.provision_pk)
        .where(Duty.body_pk == body.pk)
    )
    if role is not None:  # "" is no role, and refused as such (schemathesis)
        query = query.where(Duty.role == known_role(role))
    return Listing(session, query, keys=(Duty.document_id, Duty.id),
                   finish=partial(_with_excerpts, session))


def _with_excerpts(session: Session, rows: Rows) -> Rows:
    via_texts = _texts(session, {row["via_provision_id"] for row in rows
                                 if row["inferred"] or row["lead_in"]})
    for row in rows:
        text = row.pop("text")
        source = text
        if row["inferred"] or row["lead_in"]:  # the evidence is in the provision it came from
            via = via_texts.get(row["via_provision_id"], ("", ""))
            source = via[1] if row["lead_in"] and row["in_heading"] else via[0]
        row.pop("in_heading")
        row["url"] = provision_url(row["provision_id"])
        row["excerpt"] = excerpt(source, row.pop("evidence_start"), row.pop("evidence_end"))
    return rows


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
        select(Duty, Body.name, Body.kind).join(Body, Body.pk == Duty.body_pk)
        .where(Duty.provision_pk == node.pk)
        # the row id breaks ties (a body given two roles by one mention: "… tổ chức nghiên
        # cứu, quán triệt, chỉ đạo …" implements, then leads) in the order ingest wrote them
        .order_by(Duty.inferred, Duty.via_provision_id, Duty.mention_start, Duty.id)
    ).all()
    items = []
    for duty, name, kind in rows:
        link = links.get(duty.via_provision_id or "")
        items.append({
            "body_id": duty.body_id, "body_name": name, "kind": kind, "role": duty.role,
            "mention": duty.mention, "mention_start": duty.mention_start,
            "mention_end": duty.mention_end, "evidence": duty.evidence,
            "evidence_start": duty.evidence_start, "evidence_end": duty.evidence_end,
            "inferred": duty.inferred, "position": duty.position,
            "in_heading": duty.in_heading, "lead_in": duty.lead_in,
            "via_provision_id": duty.via_provision_id,
            "spans": duty.spans or [[duty.mention_start, duty.mention_end, duty.evidence_start,
                                     duty.evidence_end]],
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


def _summary(body: Body, counts: Counter[str]) -> dict[str, Any]:
    return {
        "id": body.id, "name": body.name, "kind": body.kind, "parent_id": body.parent_id,
        "aliases": list(body.aliases or []), "duties": {role: counts[role] for role in ROLES},
        "inferred_duties": counts["inferred"], "lead_in_duties": counts["lead_in"],
    }


def _ref(body: Body | None) -> dict[str, Any] | None:
    return None if body is None else {"id": body.id, "name": body.name, "kind": body.kind}


def _texts(session: Session, ids: set[str]) -> dict[str, tuple[str, str]]:
    """``(text, heading)`` of each provision in ``ids``."""
    if not ids:
        return {}
    rows = session.execute(select(Provision.id, Provision.text, Provision.heading)
                           .where(Provision.id.in_(ids)))
    return {pid: (text, heading or "") for pid, text, heading in rows}
