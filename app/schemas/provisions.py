"""A provision with its neighbourhood."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import Crumb, ProvisionRef
from app.schemas.relations import IncomingRelation, Status, TermItem


class DocumentRef(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021"])
    number: str | None = Field(default=None, examples=["02-NQ/TW"])
    type: str | None = Field(default=None, examples=["Nghị quyết"])
    title: str | None = None


class ProvisionDetail(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    path: str = Field(examples=["IV.4"])
    kind: str = Field(examples=["item"])
    role: str | None = Field(default=None, examples=["implementation"])
    label: str | None = Field(default=None, examples=["4"])
    cite_label: str | None = Field(
        default=None, examples=["điểm 4"],
        description="The label as a reader cites it (`khoản 2`, `Điều 36`, `mục III`); null "
        "for bullets and paragraphs")
    cite_as: str | None = Field(
        default=None, examples=["điểm 4 mục IV"],
        description="The full citation inside the document (`điểm a khoản 2 Điều 36`)")
    heading: str | None = None
    text: str = Field(
        examples=["Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng Liên đoàn Lao động"
                  " Việt Nam nghiên cứu, đề xuất những vấn đề về tuyển dụng, giao biên chế…"]
    )
    depth: int = Field(examples=[1])
    position: int = Field(examples=[3])
    start: int
    end: int
    flags: list[str] = []
    content_hash: str
    document: DocumentRef
    breadcrumbs: list[Crumb]
    parent: ProvisionRef | None
    children: list[ProvisionRef]
    previous: ProvisionRef | None
    next: ProvisionRef | None
    status: Status | None = Field(default=None, description="In force today, and why")
    amendments: list[IncomingRelation] = Field(
        default=[], description="Amendments and repeals touching it, its parts or its whole")
    terms: list[TermItem] | None = Field(
        default=None, description="With `expand=terms`: defined terms its text uses")
