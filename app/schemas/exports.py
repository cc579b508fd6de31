"""Provisions as flat rows: a document's, a page at a time, or many by id."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import Page


class ProvisionRow(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021/III.4.2"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    path: str = Field(examples=["III.4.2"])
    parent_id: str | None = Field(default=None, examples=["02-nq-tw-2021/III.4"])
    depth: int = Field(examples=[2])
    kind: str = Field(examples=["bullet"])
    role: str | None = Field(default=None, examples=["task"])
    label: str | None = Field(default=None, examples=["-"])
    heading: str | None = None
    text: str = Field(examples=["Sử dụng tiết kiệm, hiệu quả tài chính, tài sản công đoàn…"])
    flags: list[str] = []
    content_hash: str
    url: str = Field(examples=["/provisions/02-nq-tw-2021/III.4.2"])


class ProvisionRowPage(Page):
    items: list[ProvisionRow]


class ProvisionBatch(BaseModel):
    items: list[ProvisionRow] = Field(description="The provisions found, in the order asked")
    missing: list[str] = Field(description="Ids that name no provision")
