"""Search results."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import Crumb


class SearchHit(BaseModel):
    id: str = Field(examples=["02-nq-tw-2021/II.2.1"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    path: str = Field(examples=["II.2.1"])
    kind: str = Field(examples=["bullet"])
    role: str | None = Field(default=None, examples=["objective"])
    label: str | None = None
    cite_label: str | None = Field(default=None, examples=["tiết b"])
    cite_as: str | None = Field(default=None, examples=["tiết b điểm 2 mục II"])
    heading: str | None = None
    breadcrumbs: list[Crumb]
    text: str = Field(
        examples=["- Phấn đấu 80% trở lên các doanh nghiệp, đơn vị có tổ chức công đoàn ký kết"
                  " được thoả ước lao động tập thể"]
    )
    snippet: str = Field(
        examples=["…ký kết được <mark>thoả ước lao động tập thể</mark>; đến năm 2023…"]
    )
    score: float = Field(examples=[0.9695])
    partial: bool = Field(
        default=False, description="True when the hit lacks some of the query's words (see "
        "`relaxed`)")


class FacetValue(BaseModel):
    value: str = Field(examples=["02-nq-tw-2021"])
    count: int = Field(examples=[3])


class Facets(BaseModel):
    documents: list[FacetValue]
    sections: list[FacetValue]
    kinds: list[FacetValue]
    roles: list[FacetValue]


class Relaxed(BaseModel):
    """Present when fewer than 3 provisions have every word of the query: those come first,
    then hits with enough of the words."""

    words: list[str] = Field(
        description="The words a hit must have (question and function words excluded)",
        examples=[["chó", "cắn", "người", "bồi", "thường"]])
    min_matched: int = Field(description="How many of `words` each partial hit has, at least",
                             examples=[3])
    exact_hits: int = Field(description="How many hits have every word", examples=[0])


class SearchResponse(BaseModel):
    total: int = Field(description="How many provisions match; at least this many when "
                       "`total_is_exact` is false", examples=[4])
    total_is_exact: bool = Field(
        default=True, description="False past 10 000 hits that have every word with its "
        "diacritics and every pair of words adjacent: the total is then a lower bound, "
        "not a count of every match (as search engines report)")
    limit: int = Field(examples=[20])
    offset: int = Field(examples=[0])
    items: list[SearchHit]
    facets: Facets
    facets_exact: bool = Field(
        default=True, description="True when the facets count every hit; past 1 000 hits "
        "they count the best 1 000")
    expansions: dict[str, list[str]] = Field(
        default={}, description="Query words that were not in the index and the index words "
        "within typo distance that were searched instead; or words that are in the index but "
        "stand next to none of their neighbours in the query, and a word one edit away that "
        "does", examples=[{"congdoan": ["cong"]}]
    )
    synonyms: dict[str, list[str]] = Field(
        default={}, description="Everyday words of the query and the law's words that were "
        "searched too (corpus/synonyms.yaml)", examples=[{"cầm đồ": ["cầm cố"]}])
    relaxed: Relaxed | None = Field(
        default=None, description="Set when no provision has every word: the hits have "
        "enough of the words instead, and are marked `partial`")
    next: str | None = Field(
        default=None, examples=["http://127.0.0.1:8000/search?q=thoa+uoc&limit=20&offset=20"]
    )
