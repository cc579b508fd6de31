"""Documents as the API shows them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.schemas.common import Page
from app.schemas.relations import Status


class DocumentSummary(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021"])
    number: str | None = Field(default=None, examples=["02-NQ/TW"])
    type: str | None = Field(default=None, examples=["Nghị quyết"])
    issuer: str | None = Field(default=None, examples=["Bộ Chính trị"])
    date: str | None = Field(default=None, examples=["2021-06-12"])
    title: str | None = Field(
        default=None,
        examples=["về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới"],
    )
    provision_count: int = Field(examples=[96])


class DocumentList(Page):
    items: list[DocumentSummary]


class TocNode(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021/II"])
    path: str = Field(examples=["II"])
    kind: str = Field(examples=["section"])
    role: str | None = Field(default=None, examples=["viewpoint"])
    label: str | None = Field(default=None, examples=["II-"])
    title: str = Field(examples=["II- QUAN ĐIỂM, MỤC TIÊU"])
    children: list[TocNode] = []


class DocumentDetail(DocumentSummary):
    party_header: str | None = Field(default=None, examples=["ĐẢNG CỘNG SẢN VIỆT NAM"])
    place: str | None = Field(default=None, examples=["Hà Nội"])
    signers: list[dict[str, Any]] = Field(
        default=[], examples=[[{"name": "Nguyễn Phú Trọng", "title": "Tổng Bí thư",
                                "on_behalf_of": "T/M Bộ Chính trị"}]]
    )
    recipients: list[str] = Field(default=[], examples=[["Các tỉnh uỷ, thành uỷ"]])
    copies: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    # The file's name and the SHA-256 of its cleaned text, never the server's path to it.
    source_file: str | None = Field(default=None, examples=["02-NQ-TW-2021.md"])
    source_hash: str | None = Field(
        default=None,
        examples=["9f2c0a4b1e7d3c5f8a6b2d4e0c1f3a5b7d9e2c4f6a8b0d1e3f5a7c9b2d4e6f8a"],
    )
    toc: list[TocNode] = []
    status: Status | None = Field(default=None, description="In force today, and why")


class Ingested(BaseModel):
    """What an upload did (``POST /documents``)."""

    id: str = Field(examples=["02-nq-tw-2021"])
    created: bool = Field(description="A new document, not a replacement")
    added: int = Field(examples=[64])
    changed: int = Field(examples=[0])
    removed: int = Field(examples=[0])
    unchanged: int = Field(examples=[0])
    warnings: int = Field(description="Parse warnings; `GET` the document to read them")
    url: str = Field(examples=["/documents/02-nq-tw-2021"])


class Deleted(BaseModel):
    """The document ``DELETE /documents/{id}`` removed."""

    id: str = Field(examples=["02-nq-tw-2021"])
    deleted: bool = True
