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


class FacetValue(BaseModel):
    value: str = Field(examples=["02-nq-tw-2021"])
    count: int = Field(examples=[3])


class Facets(BaseModel):
    documents: list[FacetValue]
    sections: list[FacetValue]
    kinds: list[FacetValue]
    roles: list[FacetValue]


class SearchResponse(BaseModel):
    total: int = Field(examples=[4])
    limit: int = Field(examples=[20])
    offset: int = Field(examples=[0])
    items: list[SearchHit]
    facets: Facets
    facets_exact: bool = Field(
        default=True, description="True when the facets count every hit; past 1 000 hits "
        "they count the best 1 000 (the total is always exact)")
    expansions: dict[str, list[str]] = Field(
        default={}, description="Query words that were not in the index and the index words "
        "within typo distance that were searched instead", examples=[{"congdoan": ["cong"]}]
    )
    next: str | None = Field(
        default=None, examples=["http://127.0.0.1:8000/search?q=thoa+uoc&limit=20&offset=20"]
    )
