"""Store a hand-built document, search a node's index folder, read its state: the steps
the index tests repeat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.db.session import new_session, session_scope
from app.services.ingest import ingest_document
from app.services.search import SearchParams, search
from parsers import Document


def store(url: str, doc: Document) -> None:
    with session_scope(url) as session:
        ingest_document(session, doc)


def found(url: str, q: str, index: Path, **filters: str) -> list[str]:
    with new_session(url) as session:
        return [h["id"] for h in search(session, SearchParams(q=q, limit=50, **filters),
                                         index)["items"]]


def state(index: Path) -> dict[str, Any]:
    return dict(json.loads((index / "state.json").read_text()))
