"""``body_duty_counts`` kept in step with the duties (migration 0030).

A document's duties change only all together: ``analysis.clear_analysis`` deletes them and
``analysis.store_analysis`` writes them, inside the document's transaction. So the counts
move by that document's own duties, grouped: subtracted just before the delete, added just
after the insert. What this costs grows with the document, never with the corpus; a list
of bodies then reads a few rows per body instead of counting each body's duties.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from app.db.analysis_models import Body, BodyDutyCount

# One statement on either engine (SQLite 3.24+ and PostgreSQL share the upsert syntax).
_MOVE = text(
    "INSERT INTO body_duty_counts (body_pk, role, inferred, lead_in, n) "
    "SELECT body_pk, role, inferred, lead_in, :sign * count(*) FROM duties "
    "WHERE document_id IN :doc_ids GROUP BY body_pk, role, inferred, lead_in "
    "ON CONFLICT (body_pk, role, inferred, lead_in) "
    "DO UPDATE SET n = body_duty_counts.n + excluded.n"
).bindparams(bindparam("doc_ids", expanding=True))
# A key whose last duty went: the table holds no zeros (it is a few rows per body).
_EMPTIED = text("DELETE FROM body_duty_counts WHERE n <= 0")


def subtract(session: Session, doc_ids: Collection[str]) -> None:
    """Take the duties of ``doc_ids`` out of the counts (call before deleting them)."""
    if doc_ids:
        session.execute(_MOVE, {"sign": -1, "doc_ids": list(doc_ids)})
        session.execute(_EMPTIED)


def add(session: Session, doc_ids: Collection[str]) -> None:
    """Count the duties of ``doc_ids`` in (call after writing them)."""
    if doc_ids:
        session.execute(_MOVE, {"sign": 1, "doc_ids": list(doc_ids)})


def by_body(session: Session, body_ids: Collection[str]) -> dict[str, Counter[str]]:
    """Direct duties per body and role; inferred ones counted apart under ``inferred``, and
    those a lead-in passes down under ``lead_in`` (the lead-in's own duty is counted once,
    where it is written)."""
    c = BodyDutyCount
    query = (select(Body.id, c.role, c.inferred, c.lead_in, c.n)
             .join(Body, Body.pk == c.body_pk).where(Body.id.in_(body_ids)))
    counts: dict[str, Counter[str]] = {}
    for bid, role, inferred, lead_in, n in session.execute(query):
        key = "inferred" if inferred else "lead_in" if lead_in else role
        counts.setdefault(bid, Counter())[key] += n
    return counts
