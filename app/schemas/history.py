"""Versions of a provision, and what an old id answers (issue 13)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from app.schemas.common import ErrorResponse

Change = Literal["added", "changed", "moved_from", "moved_to", "removed"]


class HistoryItem(BaseModel):
    """One version of the document that changed this provision id."""

    version: int = Field(examples=[2])
    provision_id: str = Field(examples=["50-2024-qh15/d6"])
    change: Change = Field(
        examples=["moved_from"],
        description="`added`, `changed` (another content hash), `moved_from`/`moved_to` "
                    "`other_id` (the same content at another id), `removed`")
    other_id: str | None = Field(default=None, examples=["50-2024-qh15/d5"])
    content_hash: str | None = Field(default=None, examples=["9f2c…"])
    ingested_at: dt.datetime | None = Field(default=None, examples=["2026-11-27T21:51:51Z"])
    source_hash: str | None = Field(default=None, examples=["e2a9c0b5…"])
    issue_date: str | None = Field(default=None, examples=["2024-11-27"])
    effective_date: str | None = Field(default=None, examples=["2025-07-01"])


class ProvisionHistory(BaseModel):
    """Every version that changed an id, oldest first, including those of the id it moved
    from; ``current`` says whether the id is stored now."""

    provision_id: str = Field(examples=["50-2024-qh15/d6"])
    current: bool = Field(examples=[True])
    url: str | None = Field(default=None, examples=["/provisions/50-2024-qh15/d6"])
    items: list[HistoryItem]


class MovedBody(BaseModel):
    """The body of a 301: where the content of an old id is now."""

    provision_id: str = Field(examples=["50-2024-qh15/d5"])
    moved_to: str = Field(examples=["50-2024-qh15/d6"])
    version: int = Field(examples=[2])
    url: str = Field(examples=["/provisions/50-2024-qh15/d6"])
    history: str = Field(examples=["/provisions/50-2024-qh15/d5/history"])


GONE_EXAMPLE: dict[str, Any] = {"error": {
    "code": "gone",
    "message": "50-2024-qh15/d4.9 was removed in version 2 of 50-2024-qh15 (dated "
               "2024-11-27): repealed by 1-2029-qh99 (Bãi bỏ khoản 9 Điều 4 …)",
    "provision_id": "50-2024-qh15/d4.9",
    "removed": {"version": 2, "document_id": "50-2024-qh15",
                "ingested_at": "2026-11-27T21:51:51Z", "issue_date": "2024-11-27"},
    "repealed_by": {"doc_id": "1-2029-qh99", "provision_id": "1-2029-qh99/d2.3",
                    "kind": "repeals", "path": "d4.9", "evidence": "Bãi bỏ khoản 9 Điều 4 …"},
    "history": "/provisions/50-2024-qh15/d4.9/history",
}}
# What GET /provisions/{id} answers for an id a new version of its document took away.
OLD_ID_RESPONSES: dict[int | str, dict[str, Any]] = {
    301: {"model": MovedBody, "headers": {"Location": {
              "description": "the provision's new URL", "schema": {"type": "string"}}},
          "description": "the id's content moved (same content hash) to `moved_to` in a "
                         "new version of its document"},
    410: {"model": ErrorResponse,
          "description": "`gone`: the id existed and a new version removed it; `removed` "
                         "says when, `repealed_by` names the relation that repealed it",
          "content": {"application/json": {"example": GONE_EXAMPLE}}},
}
