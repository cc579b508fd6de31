"""parse_document: the pipeline clean → classify → build tree → assign ids (stub for now)."""

from __future__ import annotations

from parsers import vntext
from parsers.model import Document, Hints, Provision


class ParseError(ValueError):
    """The text cannot be parsed at all (empty, binary…); carries the line number."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


def parse_document(text: str, *, hints: Hints | None = None) -> Document:
    """Parse a document. STUB: every paragraph becomes a paragraph node."""
    source = vntext.nfc(vntext.newlines(text))
    if not source.strip():
        raise ParseError("empty document")
    hints = hints or Hints()
    doc_id = vntext.slug(hints.number or "unknown")
    nodes = []
    pos = 0
    for block in source.split("\n\n"):
        start = pos
        pos += len(block) + 2
        if not block.strip():
            continue
        n = len(nodes) + 1
        nodes.append(
            Provision(
                id=f"{doc_id}/{n}", path=str(n), kind="paragraph", label=None, heading=None,
                text=block.strip(), start=start, end=start + len(block),
            )
        )
    return Document(
        id=doc_id, number=hints.number, type=hints.type, issuer=hints.issuer,
        party_header=None, date=hints.date, place=None, title=hints.title,
        provisions=tuple(nodes), source=source,
    )
