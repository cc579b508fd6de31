"""Breadcrumbs: a provision's ancestors, read from the store when a response needs them.

A row stores its ancestors' paths (``ancestry``) and its own breadcrumb title (``title``,
or its heading); the chain is assembled from those with one query per page of provisions,
through the unique index on ``id`` (an id is ``document_id/path``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.db import models
from app.db.in_lists import chunks

_P = models.table_of(models.Provision)
# Built once: every page of results reuses the compiled statement.
_CRUMBS = select(_P.c.id, _P.c.path, _P.c.cite_label, _P.c.heading, _P.c.title).where(
    _P.c.id.in_(bindparam("ids", expanding=True)))


def ancestor_ids(row: Mapping[str, Any]) -> list[str]:
    """The ids of a row's ancestors, root first (``ancestry`` ends with the row's own path)."""
    return [f"{row['document_id']}/{path}" for path in row["ancestry"].split()[:-1]]


def breadcrumbs(session: Session, rows: Iterable[Mapping[str, Any]], *,
                version: int | None = None) -> dict[str, list[dict[str, str | None]]]:
    """``{provision id: [{"id", "path", "cite_label", "title"}, …]}`` for rows with ``id``,
    ``document_id`` and ``ancestry``.

    With ``version`` (the store's newest change, which every ingest moves on), ancestors
    are remembered in this process until the version changes: searches name the same
    chapters and articles again and again."""
    chains = {row["id"]: ancestor_ids(row) for row in rows}
    wanted = list(dict.fromkeys(i for chain in chains.values() for i in chain))
    crumbs = _remembered(version)
    if crumbs is not None:
        wanted = [i for i in wanted if i not in crumbs]
    else:
        crumbs = {}
    for chunk in chunks(wanted):
        for row in session.connection().execute(_CRUMBS, {"ids": chunk}):
            crumbs[row.id] = {"id": row.id, "path": row.path, "cite_label": row.cite_label,
                              "title": row.heading or row.title or ""}
    return {pid: [crumbs[i] for i in chain if i in crumbs] for pid, chain in chains.items()}


_KEPT = 200_000  # ancestors remembered per process (a few tens of MB at most)
_memory: tuple[int, dict[str, dict[str, str | None]]] = (-1, {})


def _remembered(version: int | None) -> dict[str, dict[str, str | None]] | None:
    """The ancestors remembered for ``version`` (a new, empty memory when it moved on or
    is full), or None without a version."""
    global _memory
    if version is None:
        return None
    if _memory[0] != version or len(_memory[1]) > _KEPT:
        _memory = (version, {})
    return _memory[1]
