"""Citations found in provisions, and the citation resolver."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CitationTarget(BaseModel):
    doc_id: str = Field(examples=["57-nq-tw-2024"])
    provision_id: str | None = Field(default=None, examples=[None])
    url: str = Field(examples=["/documents/57-nq-tw-2024"])


class FoundCitation(BaseModel):
    raw: str = Field(examples=["Luật Công đoàn năm 2012"])
    kind: str = Field(examples=["law"])
    number: str | None = Field(default=None, examples=[None])
    title: str | None = Field(default=None, examples=["Luật Công đoàn"])
    year: int | None = Field(default=None, examples=[2012])
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    start: int = Field(examples=[59])
    end: int = Field(examples=[82])
    target: CitationTarget | None = Field(
        description="What it points to when that is in the corpus (resolved when asked)"
    )


class ProvisionCitations(BaseModel):
    provision_id: str = Field(examples=["02-nq-tw-2021/IV.2"])
    items: list[FoundCitation]


class ParsedCitation(BaseModel):
    kind: str | None = Field(default=None, examples=["law"])
    number: str | None = Field(default=None, examples=[None])
    title: str | None = Field(default=None, examples=["Luật Công đoàn"])
    year: int | None = Field(default=None, examples=[2024])
    path: str | None = Field(default=None, examples=["d6.1.a"])
    doc_id: str | None = Field(default=None, examples=[None])


class CitationMatch(BaseModel):
    doc_id: str = Field(examples=["50-2024-qh15"])
    provision_id: str | None = Field(
        default=None, description="Null when the citation names a whole document",
        examples=["50-2024-qh15/d6.1.a"],
    )
    path: str | None = Field(default=None, examples=["d6.1.a"])
    kind: str = Field(examples=["point"])
    title: str = Field(examples=["Tuyên truyền, phổ biến, giáo dục chính sách, pháp luật…"])
    url: str = Field(examples=["/provisions/50-2024-qh15/d6.1.a"])


class Resolved(BaseModel):
    """One match (200)."""

    cite: str = Field(examples=["diem a khoan 1 dieu 6 luat cong doan 2024"])
    parsed: ParsedCitation
    match: CitationMatch


class Ambiguous(BaseModel):
    """Several matches (300)."""

    cite: str = Field(examples=["khoản 2 Điều 5"])
    parsed: ParsedCitation
    candidates: list[CitationMatch]
