"""02-NQ/TW as the parser cuts it into provisions (``parsers.parse_document``).

The texts are the stored texts (NFC, labels and markdown removed, page-break splits joined),
the same the ingest analyses, so offsets found here are offsets into ``provisions.text``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from parsers import Provision, parse_document

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "corpus" / "02-NQ-TW-2021.md"


@cache
def tree() -> tuple[Provision, ...]:
    """Every provision of 02-NQ/TW in document order."""
    doc = parse_document(SOURCE.read_text(encoding="utf-8"), name=SOURCE.stem)
    return tuple(doc.walk())


def node(path: str) -> Provision:
    return next(p for p in tree() if p.path == path)


def text_of(path: str) -> str:
    """The stored text of one provision (``IV.4``)."""
    return node(path).text


def provisions() -> list[tuple[str, str, str]]:
    """``(provision id, role, text)`` for every provision, as the ingest passes them."""
    return [(p.id, p.role, p.text) for p in tree()]


def objectives_text() -> str:
    """Section II.2.b: each milestone's heading line (``Đến năm 2025:``), then its text and
    its bullets, one per line, as ``extract_targets`` reads a printed objectives section."""
    lines: list[str] = []
    for milestone in node("II.2.b").children:
        lines.append(milestone.heading or "")
        lines.extend(t for t in (milestone.text, *(c.text for c in milestone.children)) if t)
    return "\n".join(lines)
