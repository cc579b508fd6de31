"""The analysis of a document's provisions, computed and stored during its ingest.

Runs the pure functions of ``parsers`` over each provision's text exactly as stored (NFC),
so every offset indexes ``provisions.text``:

* duties: ``assign_roles`` on every provision (with its role), plus the duties
  ``infer_duties`` derives from ``link_assignments`` over the whole document;
* targets: ``extract_targets`` on provisions with role ``objective``, and those a task's
  clause says are striven for (``striven_for``: "phấn đấu", "mục tiêu", "chỉ tiêu"), the
  year of the nearest milestone above (``II.2.b.2025`` → 2025) as the default;
* citations: ``find_citations`` on every provision (resolved when read, not here);
* cross-references: ``link_assignments``, with the registry so body names are not evidence;
* relations to other documents (``find_relations``: title and provisions), defined terms
  (``find_terms``) and the effective date (``effective_date``; the document's date for
  "from signing"), each needing the document's metadata, so given ``document``.

``store_analysis`` replaces a document's rows; it runs inside the ingest's transaction, so
a failure leaves the previous analysis in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db.analysis_models import (
    Body,
    Citation,
    CrossRef,
    DocumentKey,
    Duty,
    Effective,
    Relation,
    Target,
    Term,
    UnresolvedMention,
)
from app.db.bulk import insert_rows
from app.db.models import Provision, table_of
from app.services import duty_counts
from app.services.duty_rows import (
    inferred_rows,
    lean,
    passed_rows,
    provision_duties,
    read_heading,
)
from app.services.readings import Readings
from app.services.registry import sync_bodies
from parsers import vntext
from parsers.bodies import Mention, Registry, Unresolved
from parsers.bodies.issuer import for_issuer
from parsers.bodies.unknown import short_names
from parsers.citations import Citation as FoundCitation
from parsers.citations import find_citations
from parsers.crossrefs import link_assignments
from parsers.doc_keys import document_keys, stored_key, target_keys
from parsers.duties import Duty as FoundDuty
from parsers.duties.cells import Cell, column_roles
from parsers.duties.lead_in import Node, read_lead_ins
from parsers.duties.model import ACTIVE_PROVISION_ROLES, PREAMBLE
from parsers.duties.titles import title_doers
from parsers.effective import Row as EffectiveRow
from parsers.effective import effective_date, signed_date
from parsers.relations import Relation as FoundRelation
from parsers.relations import Row as RelationRow
from parsers.relations import find_relations
from parsers.targets import Target as FoundTarget
from parsers.targets import (
    extract_targets,
    frame_year,
    is_time_frame,
    milestone_of,
    milestone_words,
    plan_year,
    striven_for,
)
from parsers.terms import Row as TermRow
from parsers.terms import find_terms

TABLES = (Duty, Target, Citation, CrossRef, UnresolvedMention, Relation, Term, Effective,
          DocumentKey)
NAMES = ("duties", "targets", "citations", "crossrefs", "unresolved", "relations", "terms",
         "effective", "keys")
# What an ingest reports per document (unresolved mentions are listed by /bodies/unresolved;
# keys are how relations find the document, not a finding).
COUNTED = tuple(name for name in NAMES if name not in ("unresolved", "keys"))
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SHORT_HEADING = 200  # characters: a paragraph this short that opens with a year heads a list
# Kinds of provision whose title may name the doers of the items under it (an article's or
# a section's heading is its title: "Điều 7. Công đoàn Việt Nam").
# An article too: "Điều 74. Bộ Tài chính" over the ministry's clauses (a decree's chapter
# of responsibilities), with or without an opening sentence of its own.
_TITLED_KINDS = frozenset({"item", "point", "bullet", "clause", "paragraph", "article"})


@dataclass
class AnalysisRows:
    """Rows for the analysis tables of one document."""

    duties: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    crossrefs: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)
    effective: list[dict[str, Any]] = field(default_factory=list)
    keys: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in COUNTED}


def analyze(doc_id: str, rows: list[dict[str, Any]], registry: Registry,
            document: dict[str, Any] | None = None, *, source: str = "",
            outside: str = "") -> AnalysisRows:
    """The analysis rows of a document, from its provision rows (``flatten.provision_rows``)
    and its metadata row (``type``, ``title``, ``date``) when known; ``source`` (the whole
    text) and ``outside`` (its header and closing text, ``flatten.outside_text``) are read
    for the effective date when the provisions do not give it."""
    out = AnalysisRows()
    # A centrally-run city's committee names itself "Ủy ban nhân dân thành phố".
    registry = for_issuer(registry, (document or {}).get("issuer"))
    _legal(out, doc_id, rows, document or {})
    out.effective = _effective(doc_id, rows, document or {}, source, outside)
    found: dict[str, list[FoundDuty]] = {}
    mentions: dict[str, list[Mention]] = {}  # found once, for duties and cross-references
    by_id = {row["id"]: row for row in rows}
    nodes: list[Node] = []
    headings: dict[str, list[FoundDuty]] = {}
    parents = {row["parent_id"] for row in rows}
    named = short_names([row["text"] for row in rows])  # "(sau đây gọi tắt là …)"
    readings = Readings(registry)
    for row in rows:
        pid, text = row["id"], row["text"]
        mentions[pid], unresolved = readings.mentions(text)
        found[pid] = readings.roles(text, row["role"])
        headings[pid], found[pid] = read_heading(row, found[pid], readings)
        titled = False
        if pid in parents and row["kind"] in _TITLED_KINDS and (
                row["role"] in ACTIVE_PROVISION_ROLES):
            titled = _read_title(row, headings, found, readings, mentions[pid], unresolved)
        elif pid not in parents and row["kind"] in _TITLED_KINDS:
            headings[pid] = headings[pid] or _titled_paragraph(row, found[pid], readings)
        nodes.append(Node(pid, row["parent_id"], row["kind"], row.get("label"),
                          row.get("heading") or "", text, tuple(headings[pid]),
                          tuple(found[pid]),
                          _as_item(row, found[pid], readings),
                          titled, _opens_with_unknown(text, unresolved)))
        out.unresolved.extend(_unresolved_row(doc_id, pid, u, named)
                              for u in [*unresolved, *_heading_unresolved(row, readings,
                                                                          unresolved)])
        out.citations.extend(_citation_row(doc_id, pid, c) for c in find_citations(text))
        if row["role"] == "objective" or _may_hold_targets(row, text):
            year, milestone = target_due(row, by_id, document or {})
            found_targets = extract_targets(text, default_year=year, default_milestone=milestone)
            if row["role"] != "objective":
                parent = by_id.get(row["parent_id"] or "") or {}
                found_targets = striven_for(text, found_targets, parent.get("text") or "")
            out.targets.extend(_target_row(doc_id, pid, t) for t in found_targets)
    links = link_assignments([(r["id"], r["role"], r["text"]) for r in rows], registry=registry,
                             mentions=mentions)
    out.crossrefs = [
        {"document_id": doc_id, "source_id": link.source, "target_id": link.target,
         "score": link.score,
         "evidence": {"terms": list(link.terms), "citations": list(link.citations)}}
        for link in links
    ]
    unknown_at: dict[str, set[int]] = {}
    for u in out.unresolved:
        unknown_at.setdefault(u["provision_id"], set()).add(u["start"])
    nodes = _read_cells(rows, found, nodes, unknown_at)
    lead_ins = read_lead_ins(nodes)
    for pid, duties in lead_ins.items.items():
        found[pid] = list(duties)
    for row in rows:
        out.duties.extend(provision_duties(doc_id, row["id"], headings[row["id"]],
                                           found[row["id"]]))
    direct = {(row["provision_id"], row["body_id"], row["role"]) for row in out.duties}
    out.duties.extend(row for row in passed_rows(doc_id, lead_ins.passed)
                      if (row["provision_id"], row["body_id"], row["role"]) not in direct)
    taken = {(row["provision_id"], row["body_id"], row["role"]) for row in out.duties}
    out.duties.extend(row for row in inferred_rows(doc_id, links, found)
                      if (row["provision_id"], row["body_id"], row["role"]) not in taken)
    lean(out.duties)
    return out



def _heading_unresolved(row: dict[str, Any], readings: Readings,
                        in_text: list[Unresolved]) -> list[Unresolved]:
    """Unknown names printed in the heading ("2. Sở Nội vụ" over its tasks, "3. Ngân hàng
    Nhà nước chi nhánh khu vực 14"), not printed again in the text; their offsets are
    into the heading, as a heading's duties' are."""
    heading = row.get("heading") or ""
    # A heading in capitals ("MỘT SỐ KIẾN NGHỊ CỦA TỈNH", "SỞ HỮU") names no body.
    if not heading or heading.upper() == heading:
        return []
    keys = {u.key for u in in_text}
    return [u for u in readings.mentions(heading)[1] if u.key not in keys]


def _read_title(row: dict[str, Any], headings: dict[str, list[FoundDuty]],
                found: dict[str, list[FoundDuty]], readings: Readings,
                mentions: list[Mention], unresolved: list[Unresolved]) -> bool:
    """Whether an item over items is titled by bodies only ("a) Ủy ban nhân dân các tỉnh
    …" as its heading, "- Bộ Công Thương" as its text): they implement, and pass it down."""
    pid, heading, text = row["id"], row.get("heading") or "", row["text"] or ""
    if heading and (not text.strip() or row["kind"] == "article"):
        doers = title_doers(heading, *readings.mentions(heading))
        if doers:
            headings[pid] = doers
    elif not heading:
        doers = title_doers(text, mentions, unresolved)
        if doers:
            by_start = {d.start: d for d in doers}
            found[pid] = [by_start.get(d.start, d) for d in found[pid]]
    else:
        return False
    return bool(doers)


def _titled_paragraph(row: dict[str, Any], found: list[FoundDuty],
                      readings: Readings) -> list[FoundDuty]:
    """The doers an item's title names over the one paragraph of its own below it ("4. Các
    bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" / "Căn cứ chức năng nhiệm vụ được giao,
    phối hợp với Bộ Xây dựng …"): they do it, as a title over items would have them do
    those; they lead when it opens with "Chủ trì". Not when the paragraph names a doer of
    its own, nor an article's heading (what the article is about)."""
    heading, text = row.get("heading") or "", row["text"] or ""
    if (row["kind"] == "article" or not heading or not text.strip()
            or row["role"] not in ACTIVE_PROVISION_ROLES
            or any(d.role in ("lead", "implement") for d in found)):
        return []
    doers = title_doers(heading, *readings.mentions(heading))
    if vntext.fold(text).lstrip(" -*").startswith("chu tri"):
        doers = [replace(d, role="lead") for d in doers]
    return doers


# Rows that may be cells of a table printed one cell a line: paragraphs, and dash items (a
# cell that lists its bodies "- Bộ Khoa học và Công nghệ;" / "- Bộ Xây dựng;", 2530/QĐ-TTg
# Phụ lục I).
_CELL_KINDS = frozenset({"paragraph", "bullet"})


def _read_cells(rows: list[dict[str, Any]], found: dict[str, list[FoundDuty]],
                nodes: list[Node], unknown_at: dict[str, set[int]]) -> list[Node]:
    """Roles of the bodies in a table printed one cell a line (``parsers.duties.cells``):
    the paragraphs under one parent are its cells; a cell in the ``chủ trì`` column leads,
    one in the ``phối hợp`` column coordinates. A section row the layout made a heading
    ("**I. NÂNG CAO NHẬN THỨC …**") holds the rows under it as lines of its text: each
    line is a cell. A cell that opens with a body the registry does not know (an
    unresolved name at its start, ``unknown_at``: "Sở Tài chính") holds its column all the
    same. ``found`` is updated; the nodes are returned with the new duties."""
    siblings: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] in _CELL_KINDS or (row["kind"] == "section" and "\n" in row["text"]):
            siblings.setdefault(row["parent_id"], []).append(row)
    changed: set[str] = set()
    for group in siblings.values():
        spans = [span for row in group for span in _cell_spans(row)]
        cells = [_cell(found[pid], unknown_at.get(pid, set()), text, start, end)
                 for pid, text, start, end in spans]
        for index, role in column_roles(cells).items():
            pid, text, start, end = spans[index]
            found[pid] = [replace(d, role=role, evidence_start=start, evidence_end=end,
                                  evidence=text[start:end]) if start <= d.start < end else d
                          for d in found[pid]]
            changed.add(pid)
    if not changed:
        return nodes
    return [replace(n, text_duties=tuple(found[n.id])) if n.id in changed else n
            for n in nodes]


def _opens_with_unknown(text: str, unresolved: list[Unresolved]) -> bool:
    """Whether a text's first words are a body the registry does not know (after the
    markup a crawled line may keep)."""
    first = len(text) - len(text.lstrip(" *-+"))
    return any(u.start <= first + 1 for u in unresolved)


def _cell_spans(row: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(provision, its text, start, end) of each cell a row holds: a paragraph is one
    cell; a section row's text, or a dash item's (a cell listing its bodies as "- X;"
    items, the last of which took the row's next cells as lines), one cell a line."""
    text = row["text"] or ""
    if row["kind"] == "paragraph":
        return [(row["id"], text, 0, len(text))]
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((row["id"], text, start, start + len(line)))
        start += len(line) + 1
    return spans


def _cell(duties: list[FoundDuty], unknown: set[int], text: str, start: int, end: int) -> Cell:
    inside = [d for d in duties if start <= d.start < end]
    # an unknown name opens the cell when it starts there, or after the markup ("** ") a
    # crawled cell may keep
    return Cell(text[start:end], bool(inside),
                any(d.role not in ("mention", "implement") for d in inside),
                any(start <= u < start + 3 for u in unknown))


def _as_item(row: dict[str, Any], found: list[FoundDuty], readings: Readings
             ) -> tuple[FoundDuty, ...] | None:
    """A preamble paragraph's roles read as an order, when its own wording set them aside:
    they count if the paragraph turns out to be an item of a lead-in."""
    if row["role"] != PREAMBLE or row.get("heading") or any(
            d.role != "mention" for d in found):
        return None
    duties = readings.roles(row["text"], "task")
    return tuple(duties) if any(d.role != "mention" for d in duties) else None

def _legal(out: AnalysisRows, doc_id: str, rows: list[dict[str, Any]],
           document: dict[str, Any]) -> None:
    """Relations and defined terms of the document."""
    title = " ".join(p for p in (document.get("type"), document.get("title")) if p) or None
    found = find_relations(title, [RelationRow(r["id"], r["path"], r["parent_id"],
                                               r["heading"], r["text"]) for r in rows])
    texts = {r["id"]: r["text"] for r in rows}
    out.relations = [
        {"document_id": doc_id, "provision_id": r.provision_id, "kind": r.kind,
         "evidence": _unquoted(r, texts), "start": r.start, "end": r.end,
         "target_raw": r.target_raw,
         "target_number": r.target_number, "target_title": r.target_title,
         "target_year": r.target_year, "target_doc_id": r.target_doc_id,
         "target_path": r.target_path,
         "target_key": next((stored_key(k) for k in target_keys(
             r.target_number, r.target_title, r.target_doc_id)), None)}
        for r in found
    ]
    out.keys = [{"document_id": doc_id, "key": stored_key(key)}
                for key in document_keys(doc_id, document.get("number"), document.get("type"),
                                         document.get("title"))]
    terms = find_terms([TermRow(r["id"], r["heading"], r["text"], r["parent_id"]) for r in rows])
    out.terms = [{"document_id": doc_id, "provision_id": t.provision_id, "term": t.term,
                  "folded": t.folded, "definition": t.definition} for t in terms]


def _unquoted(relation: FoundRelation, texts: dict[str, str]) -> str | None:
    """The evidence to store: none where its offsets quote it from its provision's text
    (``Relation.evidence`` reads it back), else the evidence itself."""
    if (relation.start is not None and relation.end is not None
            and texts.get(relation.provision_id or "", "")[relation.start:relation.end]
            == relation.evidence):
        return None
    return relation.evidence


def _effective(doc_id: str, rows: list[dict[str, Any]], document: dict[str, Any],
               source: str, outside: str) -> list[dict[str, Any]]:
    """The effective date's row: a clause reads under its article's heading (``Điều 220.
    Hiệu lực thi hành``); "from signing" needs the date signed, from the header or, when
    the header lost it, from the text naming the document's number with its date."""
    by_id = {r["id"]: r for r in rows}
    # The heading is read too: "Điều 2. Quyết định này có hiệu lực …" is often taken
    # for a title.
    headed = [EffectiveRow(r["id"], r["heading"] or (by_id.get(r["parent_id"]) or {}).get(
        "heading"), "\n".join(p for p in (r["heading"], r["text"]) if p)) for r in rows]
    signed = document.get("date") or signed_date(source, document.get("number"), doc_id)
    effective = effective_date(headed, signed, [outside] if outside else [])
    if effective is None:
        return []
    return [{"document_id": doc_id, "date": effective.date,
             "provision_id": effective.provision_id, "evidence": effective.evidence}]


# Roles whose figures are never targets: the situation (what was done). A news page's
# numbered paragraphs are read as a preamble, so that role is not one of them.
_NO_TARGETS = frozenset({"situation"})


def _may_hold_targets(row: dict[str, Any], text: str) -> bool:
    """Whether a provision outside the objectives may state a target (a task's "phấn đấu
    đạt 100% …"): it has a figure and is not of a role whose figures are never targets."""
    return row["role"] not in _NO_TARGETS and "%" in text


def target_year(row: dict[str, Any], by_id: dict[str, dict[str, Any]],
                document: dict[str, Any]) -> int | None:
    """The year of ``row``'s targets when their sentence gives none: the milestone above
    it, else the year of the one-year plan the document is (its title)."""
    return target_due(row, by_id, document)[0]


def target_due(row: dict[str, Any], by_id: dict[str, dict[str, Any]],
               document: dict[str, Any]) -> tuple[int | None, str | None]:
    """``target_year`` with the words of the milestone it was read from, as printed ("Đến
    năm 2030"); no words when the year comes from the plan's title or time frame."""
    year, words = milestone_due(row, by_id)
    if year is not None:
        return year, words
    return plan_year(document.get("title") or "") or _plan_frame_year(by_id, document), None


def _plan_frame_year(by_id: dict[str, dict[str, Any]], document: dict[str, Any]) -> int | None:
    """The one year a plan's "Thời gian …" section names (``targets.frame_year``)."""
    if vntext.fold(document.get("type") or "") != "ke hoach":
        return None
    frames = [pid for pid, r in by_id.items()
              if is_time_frame(r.get("heading") or (r["text"] or "")[:40])]
    if not frames:
        return None
    return frame_year(r["text"] or "" for pid, r in by_id.items()
                      if any(pid == f or pid.startswith(f + ".") for f in frames))


def milestone_year(row: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> int | None:
    """The year of the nearest milestone at or above ``row`` (its path part: ``2025``)."""
    return milestone_due(row, by_id)[0]


def milestone_due(row: dict[str, Any], by_id: dict[str, dict[str, Any]],
                  ) -> tuple[int | None, str | None]:
    """``milestone_year`` with the milestone's words as printed ("Đến năm 2025")."""
    node: dict[str, Any] | None = row
    while node is not None:
        last = node["path"].rsplit(".", 1)[-1]
        heading = node.get("heading") or ""
        if node["kind"] == "milestone" and _YEAR.fullmatch(last):
            return int(last), milestone_words(heading) or milestone_words(node["text"] or "")
        # An ancestor headed "Mục tiêu đến năm 2030" (the row's own text is read by
        # extract_targets): its year, when the tree did not make it a milestone.
        year, said = (milestone_of(heading), heading) if heading else (None, "")
        if year is None and node is not row and len(node["text"]) <= _SHORT_HEADING:
            year, said = milestone_of(node["text"]), node["text"]
        if year is not None:
            return year, milestone_words(said)
        node = by_id.get(node["parent_id"]) if node["parent_id"] else None
    return None, None


def _unresolved_row(doc_id: str, pid: str, u: Unresolved,
                    named: dict[str, str]) -> dict[str, Any]:
    """An unresolved name as printed; its key is the full name the document defined for
    it ("Ban Chỉ đạo" → the steering committee it named in full), so counts group there."""
    full = named.get(u.key)
    return {"document_id": doc_id, "provision_id": pid, "text": u.text,
            "key": vntext.words(full) if full else u.key, "head": u.head,
            "start": u.start, "end": u.end}


def _target_row(doc_id: str, pid: str, t: FoundTarget) -> dict[str, Any]:
    return {
        "document_id": doc_id, "provision_id": pid, "year": t.year, "measure": t.measure,
        "value": t.value, "value_max": t.value_max, "comparator": t.comparator,
        "unit": t.unit, "qualitative": t.qualitative, "start": t.start, "end": t.end,
        "text": t.text, "milestone": t.milestone,
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
    duty_counts.subtract(session, doc_ids)
    for model in TABLES:
        column = model.__table__.c.document_id
        session.execute(delete(model).where(column.in_(doc_ids)))


def keyed_duties(session: Session, doc_id: str,
                 duties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Duty rows as stored: their provisions and bodies by row id (``provision_pk``,
    ``body_pk``, ``via_provision_pk``), read once per document, not per row."""
    if not duties:
        return []
    provision_pks: dict[str, int] = dict(session.execute(
        select(Provision.id, Provision.pk).where(Provision.document_id == doc_id)).all())
    names = {row["body_id"] for row in duties}
    body_pks: dict[str, int] = dict(session.execute(
        select(Body.id, Body.pk).where(Body.id.in_(names))).all())
    keyed = []
    for row in duties:
        out = {k: v for k, v in row.items()
               if k not in ("provision_id", "body_id", "via_provision_id")}
        via = row["via_provision_id"]
        out.update(provision_pk=provision_pks[row["provision_id"]],
                   body_pk=body_pks[row["body_id"]],
                   via_provision_pk=None if via is None else provision_pks[via])
        keyed.append(out)
    return keyed


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
    stored = {name: getattr(result, name) for name in NAMES}
    stored["duties"] = keyed_duties(session, doc_id, result.duties)
    for model, values in zip(TABLES, (stored[name] for name in NAMES), strict=True):
        # The table, not the class: a Core insert, without the ORM's bulk path.
        insert_rows(session, table_of(model), values)
    duty_counts.add(session, [doc_id])
    return result.counts()
