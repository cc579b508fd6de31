"""The fidelity report of ``vnlex parse FILE --report``: what a reviewer needs to trust a tree.

It accounts for every printed line of the source: provision text, metadata (header fields,
title), trailer (recipients, signers, copy certificates) or noise (page chrome, running
heads, stamps), and lists every line called noise, so nothing is dropped unseen. Beside
that: the count of provisions per kind, numbering gaps and repeats, the longest provisions
and the headings found in running text. Pure: text and its parsed document in, text out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from parsers.clean import clean
from parsers.model import Document, Provision

_TRAILER = ("metadata:recipients", "metadata:signers", "metadata:copies")
_LONGEST = 5


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # 1-based line number in the raw input
    text: str
    account: str  # provision, metadata, trailer or noise
    target: str  # the segment target: provision:III.2, annotation:web_chrome …


@dataclass(frozen=True, slots=True)
class Report:
    kinds: dict[str, int]
    gaps: list[str]
    repeats: list[str]
    longest: list[tuple[str, int]]
    running_headings: list[str]
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def accounts(self) -> dict[str, int]:
        return dict(Counter(line.account for line in self.lines))

    @property
    def noise(self) -> list[SourceLine]:
        return [line for line in self.lines if line.account == "noise"]


def _account(target: str) -> str:
    if target.startswith("provision:"):
        return "provision"
    if target.startswith(_TRAILER):
        return "trailer"
    if target.startswith("metadata:"):
        return "metadata"
    return "noise"


def _lines(text: str, doc: Document) -> list[SourceLine]:
    """Each cleaned line with the segment its first character went to."""
    _source, lines = clean(text)
    segments = sorted(doc.segments, key=lambda s: s.start)
    starts = [s.start for s in segments]
    out = []
    for line in lines:
        i = bisect.bisect_right(starts, line.start) - 1
        seg = segments[i] if i >= 0 and segments[i].end > line.start else None
        target = seg.target if seg else "unplaced"
        account = _account(target) if seg else "unplaced"
        out.append(SourceLine(line.number, line.text, account, target))
    return out


def _number(label: str | None) -> int | None:
    digits = re.match(r"^\d+", label or "")
    return int(digits.group()) if digits else None


def _gaps(doc: Document) -> list[str]:
    """Numbered siblings that skip a number (``3.`` after ``1.``); articles across the text."""
    out = []
    articles = [p for p in doc.walk() if p.kind == "article"]
    out.extend(_skips(articles, "article"))

    def visit(nodes: tuple[Provision, ...]) -> None:
        for kind in ("clause", "item", "enumeration"):
            out.extend(_skips([n for n in nodes if n.kind == kind], kind))
        for node in nodes:
            visit(node.children)

    visit(doc.provisions)
    return out


def _skips(nodes: list[Provision], kind: str) -> list[str]:
    out = []
    previous: tuple[int, str] | None = None
    for node in nodes:
        number = _number(node.label)
        if number is None:
            continue
        if previous and number not in (previous[0], previous[0] + 1):
            out.append(f"{kind} {node.path}: {number} follows {previous[0]} ({previous[1]})")
        previous = (number, node.path)
    return out


def build_report(text: str, doc: Document) -> Report:
    """The report for ``doc``, parsed from ``text``."""
    return Report(
        kinds=dict(Counter(p.kind for p in doc.walk())),
        gaps=_gaps(doc),
        repeats=[
            f"line {w.line}: {w.message}" for w in doc.warnings if w.code == "duplicate_label"
        ],
        longest=sorted(((p.path, len(p.text)) for p in doc.walk()), key=lambda x: -x[1])[
            :_LONGEST
        ],
        running_headings=[
            f"line {w.line}: {w.message}" for w in doc.warnings if w.code == "heading_in_text"
        ],
        lines=_lines(text, doc),
    )


def render(report: Report, doc: Document) -> str:
    """Plain text for a terminal."""
    out = [f"{doc.id}  {doc.type or '?'} {doc.number or '?'}  {doc.date or '?'}"]
    out.append("provisions per kind: " + ", ".join(f"{k} {n}" for k, n in report.kinds.items()))
    out.append("source lines: " + ", ".join(f"{k} {n}" for k, n in report.accounts.items()))
    for title, items in (
        ("numbering gaps", report.gaps),
        ("numbering repeats", report.repeats),
        ("headings found in running text", report.running_headings),
        ("warnings", [f"{w.code}: {w.message}" for w in doc.warnings
                      if w.code not in ("duplicate_label", "heading_in_text")]),
    ):
        out.append(f"{title}: {len(items)}")
        out.extend(f"  {item}" for item in items)
    out.append("longest provisions:")
    out.extend(f"  {path}: {n} characters" for path, n in report.longest)
    noise = [ln for ln in report.lines if ln.account in ("noise", "unplaced")]
    out.append(f"lines called noise or not placed: {len(noise)}")
    out.extend(f"  {ln.number:>5} [{ln.target.split(':', 1)[-1]}] {ln.text[:100]}" for ln in noise)
    return "\n".join(out) + "\n"
