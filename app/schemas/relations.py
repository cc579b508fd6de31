"""Relations between documents, in-force status, defined terms."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Status(BaseModel):
    """Whether a document or provision is in force today, and why."""

    in_force: bool | None = Field(
        examples=[True], description="null when the corpus cannot tell (no date stated)")
    reason: str = Field(examples=["in force since 2025-07-01 (Luật này có hiệu lực thi hành "
                                  "từ ngày 01 tháng 7 năm 2025)"])
    effective_date: str | None = Field(default=None, examples=["2025-07-01"])
    effective_provision_id: str | None = Field(default=None, examples=["50-2024-qh15/d37"])
    expiry_date: str | None = Field(default=None, examples=[None])
    replaced_by: str | None = Field(default=None, examples=[None])


class RelationTarget(BaseModel):
    raw: str = Field(examples=["Luật Công đoàn số 12/2012/QH13"])
    number: str | None = Field(default=None, examples=["12/2012/QH13"])
    title: str | None = Field(default=None, examples=["Luật Công đoàn"])
    year: int | None = Field(default=None, examples=[2012])
    path: str | None = Field(default=None, examples=[None],
                             description="The provision amended or repealed (`d9.3`)")
    doc_id: str | None = Field(default=None, examples=[None],
                               description="Null when the document is not in the corpus")
    provision_id: str | None = None
    resolved: bool = Field(examples=[False])
    url: str | None = None


class OutgoingRelation(BaseModel):
    kind: str = Field(examples=["replaces"],
                      description="amends, repeals, replaces, details, implements, cites")
    provision_id: str | None = Field(default=None, examples=["50-2024-qh15/d37"])
    evidence: str = Field(examples=["Luật Công đoàn số 12/2012/QH13 hết hiệu lực từ ngày "
                                    "Luật này có hiệu lực thi hành."])
    start: int | None = None
    end: int | None = None
    target: RelationTarget


class IncomingRelation(BaseModel):
    kind: str = Field(examples=["amended_by"], description="The inverse kind: amended_by, "
                      "repealed_by, replaced_by, detailed_by, implemented_by, cited_by")
    doc_id: str = Field(examples=["87-2025-qh15"])
    provision_id: str | None = Field(default=None, examples=["87-2025-qh15/d1.23"])
    path: str | None = Field(default=None, examples=["d60.3"],
                             description="The provision of this document it touches")
    evidence: str = Field(examples=["Sửa đổi, bổ sung khoản 3 Điều 60 như sau:"])
    url: str = Field(examples=["/provisions/87-2025-qh15/d1.23"])


class DocumentRelations(BaseModel):
    """Both lists are paged by the same ``limit`` and ``offset``; ``next`` is there while
    either has more."""

    document_id: str = Field(examples=["64-2025-qh15"])
    outgoing_total: int = Field(examples=[42])
    incoming_total: int = Field(examples=[2])
    limit: int = Field(examples=[50])
    offset: int = Field(examples=[0])
    outgoing: list[OutgoingRelation]
    incoming: list[IncomingRelation]
    next: str | None = Field(default=None, examples=[None])


class TermItem(BaseModel):
    term: str = Field(examples=["Công đoàn cơ sở"])
    definition: str = Field(examples=["Công đoàn cơ sở là tổ chức cơ sở của Công đoàn Việt "
                                      "Nam, …"])
    provision_id: str = Field(examples=["50-2024-qh15/d4.2"])
    doc_id: str = Field(examples=["50-2024-qh15"])
    document_title: str | None = Field(default=None, examples=["Luật CÔNG ĐOÀN"])
    url: str = Field(examples=["/provisions/50-2024-qh15/d4.2"])


class TermList(BaseModel):
    q: str = Field(examples=["cong doan co so"])
    total: int = Field(examples=[1])
    items: list[TermItem]
