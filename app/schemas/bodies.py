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
    kind: str = Field(description="party_organ, state_organ, socio_political, local or "
                      "collective",
                      examples=["party_organ"])
    parent_id: str | None = Field(default=None, examples=["ban-chap-hanh-trung-uong-dang"])
    aliases: list[str] = Field(examples=[["Ban Tổ chức TW", "Ban Tổ chức Trung ương Đảng"]])
    duties: DutyCounts
    inferred_duties: int = Field(
        description="Duties inferred through cross-references (not in `duties`)", examples=[2]
    )
    lead_in_duties: int = Field(
        default=0, description="Duties passed down by a lead-in to the items under it (not "
        "in `duties`, which counts the lead-in once)", examples=[0])


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
    lead_in: bool = Field(default=False, description="Passed down by a lead-in (the excerpt "
                          "is the lead-in's, in `via_provision_id`)", examples=[False])


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


class PredecessorRef(BodyRef):
    valid_to: str | None = Field(examples=["2025-02-28"])
    change_act: str | None = None
    scope: str | None = Field(default=None, description="When its duties were split: the "
                              "part this body took over, as the act words it",
                              examples=["giáo dục nghề nghiệp; phát triển kỹ năng nghề"])


class SuccessorRef(BodyRef):
    scope: str | None = Field(default=None, description="When the duties were split among "
                              "several bodies: the part this one took over, as the act "
                              "words it", examples=["bảo trợ xã hội"])
    change_act: str | None = Field(default=None, description="The act that gave it that "
                                   "part", examples=[None])


class BodyDetail(BodySummary):
    parent: BodyRef | None
    children: list[BodyRef]
    duties_by_role: DutiesByRole = Field(
        description="The first duties of each role (as many as a default page); `duties` "
        "counts them all and `duties_url` pages through every one"
    )
    duties_url: str = Field(examples=["/bodies/ban-to-chuc-trung-uong/duties"])
    valid_from: str | None = Field(examples=["2025-03-01"])
    valid_to: str | None = Field(examples=[None])
    change_act: str | None = Field(
        description="The act that created the body or ended it",
        examples=["Nghị quyết 176/2025/QH15, 18/02/2025, Quốc hội"])
    sources: list[str] = Field(description="Where the change was read")
    successors: list[SuccessorRef] = Field(
        description="The bodies that took over its duties, nearest first; several with "
        "their scope when the duties were split")
    predecessors: list[PredecessorRef] = Field(
        description="The bodies whose duties it took over, through any chain")


class UnresolvedRow(BaseModel):
    """A name shaped like a body that the registry does not know."""

    key: str = Field(description="The name folded: spellings counted together",
                     examples=["dang uy tap doan dien luc viet nam"])
    text: str = Field(examples=["Đảng ủy Tập đoàn Điện lực Việt Nam"])
    head: str = Field(examples=["Đảng ủy"])
    count: int = Field(examples=[3])
    documents: int = Field(examples=[1])
    example_provision_id: str = Field(examples=["212-kl-tw-2025/3"])
    example_url: str = Field(examples=["/provisions/212-kl-tw-2025/3"])


class UnresolvedPage(Page):
    items: list[UnresolvedRow]


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
    position: str | None = Field(default=None, examples=["Bộ trưởng"])
    in_heading: bool = Field(default=False, description="True when read from the "
                             "provision's heading: the offsets then index the heading")
    lead_in: bool = Field(default=False, description="True when passed down by a lead-in "
                          "over the provision: the offsets then index `via_provision_id`")
    via_provision_id: str | None = Field(default=None, examples=[None])
    spans: list[list[int]] = Field(
        description="Every place the text gives the body this role: [mention_start, "
        "mention_end, evidence_start, evidence_end]", examples=[[[0, 22, 0, 30]]])
    via: CrossRefVia | None = None


class ProvisionBodies(BaseModel):
    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    items: list[ProvisionBody]
