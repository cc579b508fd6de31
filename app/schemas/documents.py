"""Documents as the API shows them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.schemas.common import Page


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
    source_path: str | None = Field(default=None, examples=["corpus/02-NQ-TW-2021.md"])
    toc: list[TocNode] = []
