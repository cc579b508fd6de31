"""The flat tables: duties and targets (also served as CSV)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import Page


class DutyRow(BaseModel):
    body_id: str = Field(examples=["ban-to-chuc-trung-uong"])
    body_name: str = Field(examples=["Ban Tổ chức Trung ương"])
    role: str = Field(examples=["lead"])
    position: str | None = Field(default=None, description="The office the body was named "
                                 "through", examples=["Bộ trưởng"])
    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    evidence: str = Field(examples=["Ban Tổ chức Trung ương chủ trì"])
    inferred: bool = Field(examples=[False])
    via_provision_id: str | None = Field(default=None, examples=[None])
    inherited: bool = Field(default=False, description="With `current=true`: a duty of a "
                            "predecessor, now held by `held_by`", examples=[False])
    held_by: str | None = Field(default=None, examples=[None])
    lead_in: bool = Field(default=False, description="Passed down by a lead-in over the "
                          "provision (its evidence is in `via_provision_id`)", examples=[False])
    inherited_scope: str | None = Field(
        default=None, description="With `current=true`, for a duty of a body whose duties "
        "were split among several: the part `held_by` took over, as the act words it",
        examples=["giáo dục nghề nghiệp; phát triển kỹ năng nghề"])


class DutyTable(Page):
    items: list[DutyRow]


class TargetRow(BaseModel):
    year: int | None = Field(examples=[2025])
    measure: str = Field(examples=["đoàn viên công đoàn"])
    value: int | float | None = Field(examples=[13500000])
    value_max: int | float | None = Field(default=None, description="Upper end of a range")
    comparator: str | None = Field(
        description="`>=`, `>`, `=`, `<`, `<=` or `range`; null when qualitative", examples=["="]
    )
    unit: str | None = Field(examples=["đoàn viên"])
    qualitative: bool = Field(examples=[False])
    provision_id: str = Field(examples=["02-nq-tw-2021/II.2.b.2025.1"])
    doc_id: str = Field(examples=["02-nq-tw-2021"])
    text: str = Field(description="The value as printed", examples=["13,5 triệu"])
    milestone: str | None = Field(
        default=None, description="The milestone the target sits under, as printed, which "
        "`year` was read from; null when the year came from the plan's title or time frame, "
        "or there is none", examples=["Đến năm 2025"])


class TargetTable(Page):
    items: list[TargetRow]


class AssignedBody(BaseModel):
    body_id: str = Field(examples=["bo-y-te"])
    body_name: str = Field(examples=["Bộ Y tế"])
    position: str | None = Field(examples=["Bộ trưởng"])
    inferred: bool = Field(examples=[False])
    lead_in: bool = Field(default=False, description="Given by a lead-in above the "
                          "provision, which does not name the body", examples=[False])
    evidence: str = Field(examples=["Bộ trưởng Bộ Y tế chủ trì"])


class AssignmentRow(BaseModel):
    """Who does what in one provision."""

    provision_id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    label: str | None = Field(examples=["4."])
    heading: str | None = Field(examples=[None])
    url: str = Field(examples=["/provisions/02-nq-tw-2021/IV.4"])
    lead: list[AssignedBody]
    coordinate: list[AssignedBody]
    implement: list[AssignedBody]
    report_to: list[AssignedBody]


class AssignmentTable(Page):
    items: list[AssignmentRow]
