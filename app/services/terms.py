"""Defined terms: looked up by what a user types, and found in a provision's text."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.analysis_models import Term
from app.db.models import Document, Provision
from app.services.links import provision_url
from parsers import vntext
from parsers.terms import Term as FoundTerm
from parsers.terms import uses

MAX_QUERY = 200
MAX_ANSWER = 200


def search_terms(session: Session, q: str) -> list[dict[str, Any]]:
    """Terms whose words contain ``q``'s words, diacritics and case aside (``cong doan co
    so`` finds ``Công đoàn cơ sở``): exact first, then those starting with it, shortest
    first.

    A ``q`` without letters or digits names no term: an empty answer, as any string the
    schema allows gets one.
    """
    wanted = vntext.words(q[:MAX_QUERY])
    if not wanted:
        return []
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.execute(
        select(Term, Document.type, Document.title)
        .join(Document, Document.id == Term.document_id)
        .where(Term.folded.like(f"%{escaped}%", escape="\\"))
        .limit(MAX_ANSWER * 5)
    ).all()
    matches = [r for r in rows if f" {wanted} " in f" {r[0].folded} "]

    def rank(row: Any) -> tuple[int, int, str]:
        term = row[0]
        return (0 if term.folded == wanted else 1 if term.folded.startswith(wanted) else 2,
                len(term.folded), term.provision_id)

    return [_item(term, doc_type, title) for term, doc_type, title in
            sorted(matches, key=rank)[:MAX_ANSWER]]


def provision_terms(session: Session, node: Provision) -> list[dict[str, Any]]:
    """The terms of the provision's document that its text (or heading) uses, as whole
    words; a provision defining a term does not list it as used."""
    rows = session.execute(
        select(Term, Document.type, Document.title)
        .join(Document, Document.id == Term.document_id)
        .where(Term.document_id == node.document_id)
    ).all()
    found = [FoundTerm(t.term, t.folded, t.provision_id, t.definition, 0, 0) for t, _, _ in rows]
    used = {t.provision_id for t in uses(f"{node.heading or ''} {node.text}", found)}
    return [_item(t, dt, title) for t, dt, title in rows
            if t.provision_id in used and t.provision_id != node.id]


def _item(term: Term, doc_type: str | None, title: str | None) -> dict[str, Any]:
    return {"term": term.term, "definition": term.definition,
            "provision_id": term.provision_id, "doc_id": term.document_id,
            "document_title": " ".join(p for p in (doc_type, title) if p) or None,
            "url": provision_url(term.provision_id)}
