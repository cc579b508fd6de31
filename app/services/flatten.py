"""Turn a parsed ``Document`` into the rows the database stores."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from parsers import vntext
from parsers.model import Document, Provision
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
    number: str
    parent_id: str | None = None
    root_path: str = ""
    crumbs: tuple[dict[str, Any], ...] = ()
    cites: tuple[str, ...] = ()


def provision_rows(doc: Document, doc_id: str) -> list[dict[str, Any]]:
    """Every provision of ``doc`` as a row, in document order, parents before children."""
    rows: list[dict[str, Any]] = []
    for position, node in enumerate(doc.provisions):
        context = _Context(doc_id=doc_id, number=document_citation(doc), root_path=node.path)
        _walk(node, context, position, rows)
    return rows


def _walk(node: Provision, ctx: _Context, position: int, rows: list[dict[str, Any]]) -> None:
    node_id = f"{ctx.doc_id}/{node.path}"
    own = cite_text(node)
    cites = (own, *ctx.cites) if node.kind in CHAINED else (own,)
    citation = " ".join(c for c in (*cites, ctx.number) if c)
    rows.append(_row(node, node_id, ctx, position, len(rows), citation))
    child_ctx = replace(
        ctx,
        parent_id=node_id,
        crumbs=(*ctx.crumbs, {"id": node_id, "path": node.path, "title": title_of(node)}),
        cites=cites if node.kind in CHAINED else (),
    )
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
        "ancestry": " ".join(["", *(c["path"] for c in ctx.crumbs), node.path, ""]),
        "position": position,
        "ordinal": ordinal,
        "depth": len(ctx.crumbs),
        "kind": node.kind,
        "role": node.role,
        "label": node.label,
        "heading": heading,
        "text": text,
        "start": node.start,
        "end": node.end,
        "flags": list(node.flags),
        "content_hash": node.content_hash,
        "breadcrumbs": list(ctx.crumbs),
        "citation": vntext.nfc(citation),
    }


def document_row(doc: Document, doc_id: str, source_path: str | None) -> dict[str, Any]:
    """The document's metadata as a row (lists of dataclasses become JSON)."""
    return {
        **metadata_to_dict(doc),
        "id": doc_id,
        "source": doc.source,
        "source_path": source_path,
        "source_hash": hashlib.sha256(doc.source.encode("utf-8")).hexdigest(),
    }
