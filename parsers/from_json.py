"""A document from vnlex's own JSON: ``GET /documents/{id}`` and ``vnlex export`` (provisions
listed flat, each naming its ``parent_id``) or ``vnlex parse`` (provisions nested under
``children``). Ingesting an export gives back the same ids and texts: the round trip other
tools rely on when they move a corpus between vnlex instances.

Pure: a dictionary in, a ``Document`` out; every structural fault is a ``ValueError`` that
names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from parsers.model import Document, ParseWarning, Provision, Signer


def document_from_json(data: Any) -> Document:
    """The document a vnlex JSON export describes.

    Raises:
        ValueError: not a vnlex document (no ``id`` or ``provisions``), a provision without
            ``path`` or ``kind``, a parent named before it or not at all, a repeated id.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str) \
            or not isinstance(data.get("provisions"), list):
        raise ValueError("not a vnlex document: an object with an id and a provisions list")
    doc_id = data["id"]
    items = data["provisions"]
    nested = any(isinstance(item, Mapping) and "children" in item for item in items)
    roots = tuple(_nested(item, doc_id) for item in items) if nested else _flat(items, doc_id)
    return Document(
        id=doc_id, number=_text(data, "number"), type=_text(data, "type"),
        issuer=_text(data, "issuer"), party_header=_text(data, "party_header"),
        date=_text(data, "date"), place=_text(data, "place"), title=_text(data, "title"),
        signers=tuple(Signer(**signer) for signer in data.get("signers") or ()),
        recipients=tuple(data.get("recipients") or ()),
        provisions=roots,
        warnings=tuple(ParseWarning(**warning) for warning in data.get("warnings") or ()),
    )


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _node(item: Any, doc_id: str, children: tuple[Provision, ...]) -> Provision:
    if not isinstance(item, Mapping) or not item.get("path") or not item.get("kind"):
        raise ValueError(f"a provision without path or kind: {str(item)[:80]}")
    path = str(item["path"])
    return Provision(id=f"{doc_id}/{path}", path=path, kind=str(item["kind"]),
                     label=item.get("label"), heading=item.get("heading"),
                     text=str(item.get("text") or ""), role=item.get("role"),
                     children=children, flags=tuple(item.get("flags") or ()))


def _nested(item: Any, doc_id: str) -> Provision:
    children = item.get("children") if isinstance(item, Mapping) else None
    return _node(item, doc_id, tuple(_nested(c, doc_id) for c in children or ()))


def _flat(items: Sequence[Any], doc_id: str) -> tuple[Provision, ...]:
    """Rebuild the tree from document order and ``parent_id`` (a parent comes first)."""
    kids: dict[str | None, list[Any]] = {None: []}
    for item in items:
        if not isinstance(item, Mapping) or not item.get("path"):
            raise ValueError(f"a provision without path: {str(item)[:80]}")
        own = f"{doc_id}/{item['path']}"
        parent = item.get("parent_id")
        if own in kids:
            raise ValueError(f"provision {own} is listed twice")
        if parent not in kids:
            raise ValueError(f"provision {own} names a parent not listed before it: {parent}")
        kids[parent].append(item)
        kids[own] = []

    def build(item: Mapping[str, Any]) -> Provision:
        own = f"{doc_id}/{item['path']}"
        return _node(item, doc_id, tuple(build(child) for child in kids[own]))

    return tuple(build(item) for item in kids[None])
