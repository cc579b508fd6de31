"""Turn a parsed ``Document`` into the rows the database stores."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from app.db import source_text
from parsers import citable, vntext
from parsers.model import Document, Provision, content_hash
from parsers.serialize import metadata_to_dict

# Words a reader types before a label ("Điều 5", "khoản 2"), so citations match even when the
# parser keeps only the number as the label.
CITE_WORDS = {
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
    "chapter": "Chương",
    "subchapter": "Mục",
    "part": "Phần",
}


# A clause is cited through its article, a point through its clause: "điểm a khoản 2 Điều 5".
CHAINED = ("point", "clause", "article")


def cite_text(node: Provision) -> str:
    """The label as cited: ``Điều 5`` for an article labelled ``5`` or ``Điều 5.``."""
    label = (node.label or "").strip()
    word = CITE_WORDS.get(node.kind)
    if not label or not word:
        # A bare "1." or "-" is not a citation; indexing it would only add noise.
        return ""
    if vntext.fold(label).startswith(vntext.fold(word)):
        return label
    return f"{word} {label}"


def short_title(heading: str | None, text: str, width: int = 80) -> str:
    """The heading, else the start of the text on one line, cut at ``width`` with "…"."""
    if heading:
        return heading
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def title_of(node: Provision) -> str:
    """A breadcrumb: the heading, else the citation ("Chương I"), else the text start."""
    return node.heading or cite_text(node) or short_title(None, node.text)


def crumb_title(node: Provision) -> str | None:
    """What the ``title`` column holds: the breadcrumb of a node that has descendants and no
    heading (a heading is its own breadcrumb; a leaf is in nobody's breadcrumbs)."""
    if node.heading or not node.children:
        return None
    return vntext.nfc(title_of(node))


SHORT_TITLE_WORDS = 8


def document_citation(doc: Document) -> str:
    """How the document is cited: its number, and "Luật Công đoàn" when the title is short
    enough to be a name (a resolution's long "về …" title is not)."""
    # Name before number, so "Điều 5 Luật Công đoàn" is one phrase of the citation.
    parts = []
    if doc.type and doc.title and len(doc.title.split()) <= SHORT_TITLE_WORDS:
        parts.append(f"{doc.type} {doc.title}")
    parts.append(doc.number or "")
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class _Context:
    """What a node inherits from its ancestors while the tree is flattened."""

    doc_id: str
    parent_id: str | None = None
    root_path: str = ""
    paths: tuple[str, ...] = ()  # the ancestors' paths, root first
    cites: tuple[str, ...] = ()


def provision_rows(doc: Document, doc_id: str) -> list[dict[str, Any]]:
    """Every provision of ``doc`` as a row, in document order, parents before children."""
    rows: list[dict[str, Any]] = []
    # Derived again, not trusted from the document: one built by hand or read from JSON
    # (parsers.from_json) carries no citable labels.
    roots = citable.annotate(doc.provisions, citable.is_party(doc.number, doc.party_header))
    for position, node in enumerate(roots):
        context = _Context(doc_id=doc_id, root_path=node.path)
        _walk(node, context, position, rows)
    return rows


def _walk(node: Provision, ctx: _Context, position: int, rows: list[dict[str, Any]]) -> None:
    node_id = f"{ctx.doc_id}/{node.path}"
    own = cite_text(node)
    cites = (own, *ctx.cites) if node.kind in CHAINED else (own,)
    # The document's own citation ends every one of them: stored once, in its row
    # (``document_row``; ``app.db.models.cited_as``).
    citation = " ".join(c for c in cites if c)
    rows.append(_row(node, node_id, ctx, position, len(rows), citation))
    child_ctx = _Context(doc_id=ctx.doc_id, parent_id=node_id, root_path=ctx.root_path,
                         paths=(*ctx.paths, node.path),
                         cites=cites if node.kind in CHAINED else ())
    for child_position, child in enumerate(node.children):
        _walk(child, child_ctx, child_position, rows)


def _row(node: Provision, node_id: str, ctx: _Context, position: int, ordinal: int,
         citation: str) -> dict[str, Any]:
    heading = vntext.nfc(node.heading) if node.heading else None
    text = vntext.nfc(node.text)
    return {
        "id": node_id,
        "document_id": ctx.doc_id,
        "parent_id": ctx.parent_id,
        "path": node.path,
        "root_path": ctx.root_path,
        "ancestry": " ".join(["", *ctx.paths, node.path, ""]),
        "position": position,
        "ordinal": ordinal,
        "depth": len(ctx.paths),
        "kind": node.kind,
        "role": node.role,
        "label": node.label,
        "cite_label": node.cite_label,
        "cite_as": node.cite_as,
        "heading": heading,
        "text": text,
        "start": node.start,
        "end": node.end,
        "flags": list(node.flags),
        # Not a column (readers compute it from the three stored values): ingest compares
        # it with the stored rows' and the history records it.
        "content_hash": content_hash(node.label, heading, text),
        "title": crumb_title(node),
        "citation": vntext.nfc(citation),
    }


def document_row(doc: Document, doc_id: str, source_path: str | None,
                 rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The document's metadata as a row (lists of dataclasses become JSON); ``rows`` are its
    provision rows (``provision_rows``), whose texts the stored source leaves out."""
    return {
        **metadata_to_dict(doc),
        "id": doc_id,
        # Kept for the offsets and for re-parsing, read by no request: without the texts
        # ``rows`` store, compressed (app/db/source_text.py).
        "source_rest": source_text.pack(doc.source, source_text.spans(rows)),
        "source_path": source_path,
        "source_hash": hashlib.sha256(doc.source.encode("utf-8")).hexdigest(),
        "citation": vntext.nfc(document_citation(doc)),
    }


def outside_text(doc: Document) -> str:
    """What the parser read as header and closing text (``metadata:`` segments), in order:
    where a document without a ``Hiệu lực thi hành`` provision may say when it takes effect."""
    return "\n".join(doc.source[s.start : s.end] for s in doc.segments
                     if s.target.startswith("metadata:"))
