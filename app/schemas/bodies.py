"""Bodies, their duties, and the bodies of a provision."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import Page


class DutyCounts(BaseModel):
    """Direct duties by role."""

    lead: int = Field(examples=[3])
    coordinate: int = Field(examples=[0])
    implement: int = Field(examples=[1])
    report_to: int = Field(examples=[0])
    mention: int = Field(examples=[2])


class BodySummary(BaseModel):
    id: str = Field(examples=["ban-to-chuc-trung-uong"])
    name: str = Field(examples=["Ban Tổ chức Trung ương"])
    kind: str = Field(description="party_organ, state_organ, socio_political or class",
                      examples=["party_organ"])
    parent_id: str | None = Field(default=None, examples=["ban-chap-hanh-trung-uong-dang"])
    aliases: list[str] = Field(examples=[["Ban Tổ chức TW", "Ban Tổ chức Trung ương Đảng"]])
    duties: DutyCounts
    inferred_duties: int = Field(
        description="Duties inferred through cross-references (not in `duties`)", examples=[2]
    )


class BodyList(Page):
    items: list[BodySummary]


class BodyRef(BaseModel):
    id: str = Field(examples=["tong-lien-doan-lao-dong-viet-nam"])
    name: str = Field(examples=["Tổng Liên đoàn Lao động Việt Nam"])
    kind: str = Field(examples=["socio_political"])


class BodyDuty(BaseModel):
    """One duty of a body, in the provision that gives it."""

    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    url: str = Field(examples=["/provisions/02-nq-tw-2021/IV.4"])
    excerpt: str = Field(
        description="The text around the evidence (for an inferred duty, in the assignment)",
        examples=["Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng Liên đoàn Lao "
                  "động Việt Nam nghiên cứu, đề xuất những vấn đề về tuyển dụng…"],
    )
    evidence: str = Field(examples=["Ban Tổ chức Trung ương chủ trì"])
    inferred: bool = Field(examples=[False])
    via_provision_id: str | None = Field(default=None, examples=[None])


class BodyDutyRow(BodyDuty):
    """One duty of a body, in the paged list of all of them."""

    role: str = Field(examples=["lead"])


class BodyDutyPage(Page):
    items: list[BodyDutyRow]


class DutiesByRole(BaseModel):
    lead: list[BodyDuty]
    coordinate: list[BodyDuty]
    implement: list[BodyDuty]
    report_to: list[BodyDuty]
    mention: list[BodyDuty]


class BodyDetail(BodySummary):
    parent: BodyRef | None
    children: list[BodyRef]
    duties_by_role: DutiesByRole = Field(
        description="The first duties of each role (as many as a default page); `duties` "
        "counts them all and `duties_url` pages through every one"
    )
    duties_url: str = Field(examples=["/bodies/ban-to-chuc-trung-uong/duties"])


class CrossRefVia(BaseModel):
    """The assignment an inferred duty comes from, and why they are linked."""

    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    url: str = Field(examples=["/provisions/02-nq-tw-2021/IV.4"])
    score: float = Field(examples=[12.174])
    terms: list[str] = Field(examples=[["tuyển dụng", "giao biên chế"]])
    citations: list[str] = Field(examples=[[]])


class ProvisionBody(BaseModel):
    body_id: str = Field(examples=["ban-to-chuc-trung-uong"])
    body_name: str = Field(examples=["Ban Tổ chức Trung ương"])
    kind: str = Field(examples=["party_organ"])
    role: str = Field(examples=["lead"])
    mention: str = Field(examples=["Ban Tổ chức Trung ương"])
    mention_start: int = Field(examples=[0])
    mention_end: int = Field(examples=[22])
    evidence: str = Field(examples=["Ban Tổ chức Trung ương chủ trì"])
    evidence_start: int = Field(examples=[0])
    evidence_end: int = Field(examples=[30])
    inferred: bool = Field(
        description="True when the body is responsible through a linked assignment; its "
        "offsets then index the text of `via.provision_id`", examples=[False],
    )
    via: CrossRefVia | None = None


class ProvisionBodies(BaseModel):
    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    items: list[ProvisionBody]
