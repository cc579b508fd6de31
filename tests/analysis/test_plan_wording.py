"""Issue 11, third round: duties a summary states without an order verb, and the items of
a lead-in that keep their own roles. Sentences from the Government portal's summary of
Nghị quyết 74/NQ-CP and from the news rendering of Kết luận 126-KL/TW (held_out_2
fixtures, scored blind before these rules); the few made up say so."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from app.services.ingest import prepare_file
from parsers.bodies import load_registry
from parsers.duties import assign_roles
from parsers.duties.lead_in import Node, read_lead_ins

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")
FIXTURES = ROOT / "tests" / "fixtures"


def roles(text: str, provision_role: str | None = "preamble") -> list[tuple[str, str]]:
    return [(d.body_id, d.role) for d in assign_roles(text, REGISTRY,
                                                       provision_role=provision_role)
            if d.role != "mention"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deadline
        ("Trước ngày 10/4/2025, Bộ Tư pháp ban hành hướng dẫn xử lý vấn đề phát sinh thuộc "
         "lĩnh vực hộ tịch.", [("bo-tu-phap", "implement")]),
        # "tham mưu" is work to do
        ("Bộ Tư pháp tham mưu, trình Chính phủ để trình Quốc hội ban hành Luật sửa đổi.",
         [("bo-tu-phap", "implement"), ("chinh-phu", "report_to"), ("quoc-hoi", "report_to")]),
        # guidance still to be issued
        ("Bộ Y tế ban hành hướng dẫn về sắp xếp, tổ chức cơ sở y tế.", [("bo-y-te", "implement")]),
        # an opening "Theo Kế hoạch, trước ngày …," before the subject
        ("Theo Kế hoạch, trước ngày 18/4/2025, Bộ Nội vụ chủ trì, phối hợp với các Bộ, ngành "
         "liên quan tổ chức Hội nghị toàn quốc.",
         [("bo-noi-vu", "lead"), ("cac-bo-nganh-lien-quan", "coordinate")]),
        # and "Về …, Kế hoạch nêu rõ, trước ngày …,"
        ("Về thực hiện sắp xếp đơn vị hành chính cấp tỉnh, Kế hoạch nêu rõ, trước ngày "
         "01/5/2025, UBND cấp tỉnh lập hồ sơ đề án.", [("uy-ban-nhan-dan-cap-tinh", "implement")]),
    ],
)
def test_a_summary_of_a_plan_states_duties_without_an_order_verb(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # what was done stays narration (made up in the portal's wording)
        "Bộ Tư pháp đã ban hành hướng dẫn xử lý vấn đề phát sinh thuộc lĩnh vực hộ tịch.",
        "Trước ngày 10/4/2025, Bộ Nội vụ đã trình Chính phủ dự thảo Nghị định.",
        # the lead of the summary: an act already issued
        "Ngày 07/4/2025, Chính phủ có Nghị quyết số 74/NQ-CP ban hành Kế hoạch thực hiện.",
    ],
)
def test_narration_stays_quiet(text: str) -> None:
    assert roles(text) == []


def test_an_appeal_by_the_issuer_is_not_its_duty() -> None:
    # Nghị quyết 192/2025/QH15, Điều 3
    text = ("Quốc hội kêu gọi đồng bào, chiến sỹ cả nước và đồng bào ta ở nước ngoài nêu cao "
            "tinh thần thi đua yêu nước.")
    assert roles(text, None) == []


def _node(pid: str, text: str, duties: tuple = (), item: tuple | None = None) -> Node:  # type: ignore[type-arg]
    return Node(pid, None, "paragraph", None, "", text, (), duties, item)


def test_an_item_of_a_lead_in_keeps_its_own_roles_and_a_lone_paragraph_does_not() -> None:
    lead = "Giao Đảng ủy Quốc hội lãnh đạo, chỉ đạo:"
    given = tuple(d for d in assign_roles(lead, REGISTRY) if d.role != "mention")
    report = "Báo cáo Bộ Chính trị trong quý II/2025."
    as_item = tuple(assign_roles(report, REGISTRY, provision_role="task"))
    assert roles(report) == []  # on its own, a preamble paragraph orders nothing
    result = read_lead_ins([_node("a", lead, given), _node("b", report, (), as_item)])
    assert [(d.body_id, d.role) for d in result.items["b"] if d.role != "mention"] == [
        ("bo-chinh-tri", "report_to")]
    assert {(p.provision_id, p.duty.body_id, p.role) for p in result.passed} == {
        ("b", "dang-uy-quoc-hoi", "lead")}
    # with no lead-in before it, the same paragraph keeps nothing
    assert read_lead_ins([_node("b", report, (), as_item)]).items == {}


def test_a_continued_item_passes_its_own_coordinators_on() -> None:
    # KL 126 (news rendering): "Giao Đảng ủy Chính phủ:" … "Chủ trì, phối hợp với Ban Tổ
    # chức Trung ương, …;" continued by "Xây dựng phương án …;"
    duties: dict[str, set[tuple[str, str, bool]]] = {}
    for d in prepare_file(FIXTURES / "126-KL-TW-2025-tin.md", REGISTRY).analysis.duties:
        if d["role"] != "mention" and not d["inferred"]:
            duties.setdefault(d["provision_id"], set()).add(
                (d["body_id"], d["role"], d["lead_in"]))
    assert ("ban-to-chuc-trung-uong", "coordinate", False) in duties["126-kl-tw-2025-tin/12"]
    assert ("dang-uy-chinh-phu", "lead", True) in duties["126-kl-tw-2025-tin/12"]
    assert ("ban-to-chuc-trung-uong", "coordinate", True) in duties["126-kl-tw-2025-tin/13"]
    assert duties["126-kl-tw-2025-tin/20"] >= {("bo-chinh-tri", "report_to", False)}
