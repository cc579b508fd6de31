"""Citations found in provisions, and the citation resolver."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


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
    more: bool = Field(default=False, examples=[False], description=(
        "More documents may match than the 100 listed (a bare `Điều 5`, a short title): "
        "name the document to narrow it"))


class ResolveBatch(BaseModel):
    """Citations to resolve in one request (`POST /resolve`)."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    cites: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        min_length=1, max_length=100,
        examples=[["Điều 5 BLDS", "khoản 2 Điều này", "45/2019/QH14"]],
    )
    from_: str | None = Field(
        default=None, alias="from", min_length=1, max_length=400,
        description="The provision the citations were read in (completes `Điều này`)",
        examples=["45-2019-qh14/d34.1"],
    )


class ItemError(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["nothing in the corpus matches 'Điều 999 BLDS'"])
    needs: str | None = Field(default=None, examples=[None],
                              description="`from` when the citation needs its context")


class BatchItem(BaseModel):
    cite: str = Field(examples=["Điều 5 BLDS"])
    status: int = Field(description="200 one match, 300 several, 404 nothing (see `error`)",
                        examples=[200])
    parsed: ParsedCitation | None = None
    matches: list[CitationMatch]
    more: bool = Field(default=False, description="As in `GET /resolve`'s 300 answer")
    error: ItemError | None = None


class BatchResolved(BaseModel):
    items: list[BatchItem]


class ExtractRequest(BaseModel):
    """A text to find citations in (`POST /citations/extract`)."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    text: str = Field(
        min_length=1, max_length=100_000,
        examples=["Theo khoản 2 Điều 5 BLDS 2015 và Điều 34 Bộ luật Lao động số "
                  "45/2019/QH14, trừ trường hợp quy định tại khoản 3 Điều này."],
    )
    from_: str | None = Field(
        default=None, alias="from", min_length=1, max_length=400,
        description="Where the text comes from, to read `Điều này` and `Luật này`",
        examples=["45-2019-qh14/d35.1"],
    )


class ExtractedCitation(BaseModel):
    raw: str = Field(examples=["khoản 2 Điều 5 BLDS 2015"])
    start: int = Field(examples=[5])
    end: int = Field(examples=[29])
    kind: str = Field(examples=["code"])
    number: str | None = Field(default=None, examples=["91/2015/QH13"])
    title: str | None = Field(default=None, examples=["Bộ luật Dân sự"])
    year: int | None = Field(default=None, examples=[2015])
    path: str | None = Field(default=None, examples=["d5.2"])
    target: CitationTarget | None
    confidence: float = Field(ge=0, le=1, examples=[0.9],
                              description="How sure the target is (rules in docs/api.md)")


class Extracted(BaseModel):
    text_length: int = Field(examples=[121])
    items: list[ExtractedCitation]
