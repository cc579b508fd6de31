"""The analysis of a document's provisions, computed and stored during its ingest.

Runs the pure functions of ``parsers`` over each provision's text exactly as stored (NFC),
so every offset indexes ``provisions.text``:

* duties: ``assign_roles`` on every provision (with its role), plus the duties
  ``infer_duties`` derives from ``link_assignments`` over the whole document;
* targets: ``extract_targets`` on provisions with role ``objective``, the year of the
  nearest milestone above (``II.2.b.2025`` → 2025) as the default;
* citations: ``find_citations`` on every provision (resolved when read, not here);
* cross-references: ``link_assignments``, with the registry so body names are not evidence.

``store_analysis`` replaces a document's rows; it runs inside the ingest's transaction, so
a failure leaves the previous analysis in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.db.analysis_models import Citation, CrossRef, Duty, Target
from app.db.bulk import insert_rows
from app.db.models import table_of
from app.services.registry import sync_bodies
from parsers.bodies import Mention, Registry, find_mentions
from parsers.citations import Citation as FoundCitation
from parsers.citations import find_citations
from parsers.crossrefs import CrossRef as Link
from parsers.crossrefs import infer_duties, link_assignments
from parsers.duties import Duty as FoundDuty
from parsers.duties import assign_roles
from parsers.targets import Target as FoundTarget
from parsers.targets import extract_targets

TABLES = (Duty, Target, Citation, CrossRef)
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass
class AnalysisRows:
    """Rows for the analysis tables of one document."""

    duties: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    crossrefs: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in
                ("duties", "targets", "citations", "crossrefs")}


def analyze(doc_id: str, rows: list[dict[str, Any]], registry: Registry) -> AnalysisRows:
    """The analysis rows of a document, from its provision rows (``flatten.provision_rows``)."""
    out = AnalysisRows()
    found: dict[str, list[FoundDuty]] = {}
    mentions: dict[str, list[Mention]] = {}  # found once, for duties and cross-references
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        pid, text = row["id"], row["text"]
        mentions[pid] = find_mentions(text, registry)
        found[pid] = assign_roles(text, registry, provision_role=row["role"],
                                  mentions=mentions[pid])
        out.duties.extend(_duty_row(doc_id, pid, d) for d in found[pid])
        out.citations.extend(_citation_row(doc_id, pid, c) for c in find_citations(text))
        if row["role"] == "objective":
            year = milestone_year(row, by_id)
            out.targets.extend(_target_row(doc_id, pid, t)
                               for t in extract_targets(text, default_year=year))
    links = link_assignments([(r["id"], r["role"], r["text"]) for r in rows], registry=registry,
                             mentions=mentions)
    out.crossrefs = [
        {"document_id": doc_id, "source_id": link.source, "target_id": link.target,
         "score": link.score,
         "evidence": {"terms": list(link.terms), "citations": list(link.citations)}}
        for link in links
    ]
    out.duties.extend(_inferred(doc_id, links, found))
    return out


def milestone_year(row: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> int | None:
    """The year of the nearest milestone at or above ``row`` (its path part: ``2025``)."""
    node: dict[str, Any] | None = row
    while node is not None:
        last = node["path"].rsplit(".", 1)[-1]
        if node["kind"] == "milestone" and _YEAR.fullmatch(last):
            return int(last)
        node = by_id.get(node["parent_id"]) if node["parent_id"] else None
    return None


def _inferred(doc_id: str, links: list[Link],
              found: dict[str, list[FoundDuty]]) -> list[dict[str, Any]]:
    """The duties ``infer_duties`` gives each linked task, once per (body, role, task,
    assignment), with the mention and evidence of the duty in the assignment (offsets into
    the assignment's text: the task does not name the body)."""
    pairs = {pid: [(d.body_id, d.role) for d in duties] for pid, duties in found.items()}
    rows = []
    for body_id, role, target, source in dict.fromkeys(infer_duties(links, pairs)):
        duty = next(d for d in found[source] if (d.body_id, d.role) == (body_id, role))
        row = _duty_row(doc_id, target, duty)
        row.update(inferred=True, via_provision_id=source)
        rows.append(row)
    return rows


def _duty_row(doc_id: str, pid: str, d: FoundDuty) -> dict[str, Any]:
    return {
        "document_id": doc_id, "provision_id": pid, "body_id": d.body_id, "role": d.role,
        "mention": d.text, "mention_start": d.start, "mention_end": d.end,
        "evidence_start": d.evidence_start, "evidence_end": d.evidence_end,
        "evidence": d.evidence, "inferred": False, "via_provision_id": None,
    }


def _target_row(doc_id: str, pid: str, t: FoundTarget) -> dict[str, Any]:
    return {
        "document_id": doc_id, "provision_id": pid, "year": t.year, "measure": t.measure,
        "value": t.value, "value_max": t.value_max, "comparator": t.comparator,
        "unit": t.unit, "qualitative": t.qualitative, "start": t.start, "end": t.end,
        "text": t.text,
    }


def _citation_row(doc_id: str, pid: str, c: FoundCitation) -> dict[str, Any]:
    return {
        "document_id": doc_id, "provision_id": pid, "raw": c.raw, "kind": c.kind,
        "number": c.number, "title": c.title, "year": c.year, "article": c.article,
        "clause": c.clause, "point": c.point, "cited_doc_id": c.doc_id, "start": c.start,
        "end": c.end,
    }


def clear_analysis(session: Session, doc_ids: list[str]) -> None:
    """Delete the analysis rows of ``doc_ids`` (before their provisions go: the bulk delete
    of provisions does not rely on ON DELETE CASCADE being enabled). Cross-references stay
    inside a document, so no other document's rows point at these provisions."""
    for model in TABLES:
        column = model.__table__.c.document_id
        session.execute(delete(model).where(column.in_(doc_ids)))


def store_analysis(session: Session, doc_id: str, rows: list[dict[str, Any]],
                   registry: Registry, result: AnalysisRows | None = None) -> dict[str, int]:
    """Sync the bodies, then write the analysis of ``doc_id`` (whose old rows are cleared).

    Args:
        result: ``analyze(doc_id, rows, registry)`` when it was computed already (by the
            worker process that parsed the file).

    Returns:
        How many rows of each table were written.
    """
    sync_bodies(session, registry)
    if result is None:
        result = analyze(doc_id, rows, registry)
    for model, values in zip(TABLES, (result.duties, result.targets, result.citations,
                                      result.crossrefs), strict=True):
        # The table, not the class: a Core insert, without the ORM's bulk path.
        insert_rows(session, table_of(model), values)
    return result.counts()
