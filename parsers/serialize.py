"""Plain-data views of a parsed document: the JSON of ``vnlex parse`` and the golden files."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from parsers.model import Document, Provision


def provision_to_dict(node: Provision) -> dict[str, Any]:
    """One provision with its children, in the public field order."""
    return {
        "id": node.id,
        "path": node.path,
        "kind": node.kind,
        "role": node.role,
        "label": node.label,
        "cite_label": node.cite_label,
        "cite_as": node.cite_as,
        "heading": node.heading,
        "text": node.text,
        "content_hash": node.content_hash,
        "flags": list(node.flags),
        "children": [provision_to_dict(child) for child in node.children],
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Metadata at top level, ``provisions`` as a nested list, then annotations and warnings."""
    meta = metadata_to_dict(doc)
    tail = {key: meta.pop(key) for key in ("annotations", "warnings")}
    return {**meta, "provisions": [provision_to_dict(p) for p in doc.provisions], **tail}


def metadata_to_dict(doc: Document) -> dict[str, Any]:
    """Everything but the provisions: what a document row stores beside its tree."""
    return {
        "id": doc.id,
        "number": doc.number,
        "type": doc.type,
        "issuer": doc.issuer,
        "party_header": doc.party_header,
        "date": doc.date,
        "place": doc.place,
        "title": doc.title,
        "signers": [asdict(s) for s in doc.signers],
        "recipients": list(doc.recipients),
        "copies": [asdict(c) for c in doc.copies],
        "annotations": [asdict(a) for a in doc.annotations],
        "warnings": [asdict(w) for w in doc.warnings],
    }


def to_json(doc: Document) -> str:
    """Canonical JSON: stable key order, two-space indent, Vietnamese left readable."""
    return json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2) + "\n"


def to_outline(doc: Document) -> str:
    """An indented outline for people: path, kind, label/heading and the start of the text."""
    lines = [f"{doc.id}  {doc.type or ''} {doc.number or ''}  {doc.date or ''}".rstrip()]
    for top in doc.provisions:
        lines.extend(_outline(top, 1))
    return "\n".join(lines) + "\n"


def _outline(node: Provision, depth: int) -> list[str]:
    head = node.heading or node.text[:70].replace("\n", " ")
    role = f" [{node.role}]" if node.role else ""
    out = [f"{'  ' * depth}{node.path:<18} {node.kind:<10}{role} {head}"]
    for child in node.children:
        out.extend(_outline(child, depth + 1))
    return out
