"""The duty rows of a document's analysis: one per (provision, body, role), from the
provision's heading and text, passed down by a lead-in, or inferred through a
cross-reference (``analysis.analyze`` puts them together)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from app.services.readings import Readings
from parsers.crossrefs import CrossRef as Link
from parsers.crossrefs import infer_duties
from parsers.duties import ACTIVE_PROVISION_ROLES
from parsers.duties import Duty as FoundDuty
from parsers.duties.lead_in import Passed


def read_heading(row: dict[str, Any], found: list[FoundDuty],
                  readings: Readings) -> tuple[list[FoundDuty], list[FoundDuty]]:
    """The duties a provision's heading assigns ("3. Giao Đảng ủy Chính phủ lãnh đạo, chỉ
    đạo:" printed as the heading of the tasks below it; offsets into the heading), and its
    text's duties (``found``, or read again with a heading that is the start of its
    sentence)."""
    heading = row.get("heading") or ""
    if not heading or row["role"] not in ACTIVE_PROVISION_ROLES:
        return [], found
    if _is_fragment(heading):
        # "Điều 2. Giao" + "Văn phòng Ủy ban nhân dân tỉnh; …": the bold label took the
        # verb; read it with the text (offsets stay the text's).
        prefix = heading + " "
        shifted = readings.roles(prefix + row["text"], row["role"])
        return [], [_shift(d, len(prefix)) for d in shifted if d.start >= len(prefix)]
    # A heading that only names a body is a title ("Điều 7. Công đoàn Việt Nam …"): only
    # what it assigns is kept.
    return [d for d in readings.roles(heading, row["role"])
            if d.role != "mention"], found


def provision_duties(doc_id: str, pid: str, heading: list[FoundDuty],
                      found: list[FoundDuty]) -> list[dict[str, Any]]:
    """The rows of a provision, one per (body, role): its heading's first, then its
    text's."""
    rows = merge_duties(doc_id, pid, heading, in_heading=True)
    taken = {(r["body_id"], r["role"]) for r in rows}
    return rows + [r for r in merge_duties(doc_id, pid, found)
                   if (r["body_id"], r["role"]) not in taken]


def passed_rows(doc_id: str, passed: list[Passed]) -> list[dict[str, Any]]:
    """Rows for the duties lead-ins pass down: the lead-in's mention and evidence (offsets
    into ``via_provision_id``'s heading or text), ``lead_in`` true."""
    rows = []
    for p in passed:
        row = _duty_row(doc_id, p.provision_id, replace(p.duty, role=p.role))
        row.update(lead_in=True, via_provision_id=p.source_id, in_heading=p.in_heading)
        rows.append(row)
    return rows


def _is_fragment(heading: str) -> bool:
    # A heading of one or two words without a stop: the start of a sentence the text ends.
    words = heading.split()
    return 0 < len(words) <= 2 and not heading.rstrip().endswith((".", ":", "?", "!"))


def _shift(d: FoundDuty, by: int) -> FoundDuty:
    start = max(d.evidence_start - by, 0)  # evidence that began in the heading starts at 0
    cut = start + by - d.evidence_start
    return replace(d, start=d.start - by, end=d.end - by, evidence_start=start,
                   evidence_end=d.evidence_end - by, evidence=d.evidence[cut:])


def merge_duties(doc_id: str, pid: str, duties: list[FoundDuty],
                 in_heading: bool = False) -> list[dict[str, Any]]:
    """One row per (body, role) of a provision: the first place in the columns, every
    place in ``spans`` (a body told twice to coordinate is one duty, read in two places)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for d in duties:
        row = rows.get((d.body_id, d.role))
        if row is None:
            rows[(d.body_id, d.role)] = row = _duty_row(doc_id, pid, d)
            row["in_heading"] = in_heading
        else:
            row["spans"].append([d.start, d.end, d.evidence_start, d.evidence_end])
            row["position"] = row["position"] or d.position
    return list(rows.values())


def inferred_rows(doc_id: str, links: list[Link],
              found: dict[str, list[FoundDuty]]) -> list[dict[str, Any]]:
    """The duties ``infer_duties`` gives each linked task, once per (body, role, task,
    assignment), with the mention and evidence of the duty in the assignment (offsets into
    the assignment's text: the task does not name the body)."""
    pairs = {pid: [(d.body_id, d.role) for d in duties] for pid, duties in found.items()}
    rows, seen = [], set()
    for body_id, role, target, source in dict.fromkeys(infer_duties(links, pairs)):
        if (body_id, role, target) in seen:  # reached through two assignments: the first
            continue
        seen.add((body_id, role, target))
        duty = next(d for d in found[source] if (d.body_id, d.role) == (body_id, role))
        row = _duty_row(doc_id, target, duty)
        row.update(inferred=True, via_provision_id=source)
        rows.append(row)
    return rows


def quoted(duty: Mapping[str, Any], provisions: Mapping[str, Mapping[str, Any]],
           part: str = "mention") -> str:
    """A duty row's ``mention`` or ``evidence`` from the provision rows by id: the rule the
    store reads them by (``Duty.mention``, ``Duty.evidence``), for rows not stored yet."""
    source = provisions[duty["via_provision_id"] or duty["provision_id"]]
    text = (source.get("heading") or "") if duty["in_heading"] else source["text"]
    return str(text[duty[f"{part}_start"]:duty[f"{part}_end"]])


def lean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as stored: ``spans`` only when a duty is read in more than one place (the
    columns hold the first, and readers fall back to them)."""
    for row in rows:
        if len(row["spans"]) == 1:
            row["spans"] = None
    return rows


def _duty_row(doc_id: str, pid: str, d: FoundDuty) -> dict[str, Any]:
    return {
        "document_id": doc_id, "provision_id": pid, "body_id": d.body_id, "role": d.role,
        "mention_start": d.start, "mention_end": d.end,
        "evidence_start": d.evidence_start, "evidence_end": d.evidence_end,
        "inferred": False, "via_provision_id": None,
        "spans": [[d.start, d.end, d.evidence_start, d.evidence_end]], "position": d.position,
        "in_heading": False, "lead_in": False,
    }
