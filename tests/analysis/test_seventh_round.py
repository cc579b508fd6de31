"""Issue 11, seventh round: the classes of error of the blind split held_out_7 (Nghị quyết
394/NQ-CP), as general rules. Sentences are printed in the fixtures named in each row."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from app.services.ingest import prepare_file
from parsers.bodies import load_registry, read_mentions
from parsers.duties import Duty, assign_roles
from parsers.duties.lead_in import Node, passed_down
from parsers.duties.titles import title_doers

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")
FIXTURES = ROOT / "tests" / "fixtures"


def duties(text: str) -> tuple[Duty, ...]:
    return tuple(d for d in assign_roles(text, REGISTRY, provision_role="implementation")
                 if d.role != "mention")


def doers(title: str) -> list[tuple[str, str]]:
    return [(d.body_id, d.role) for d in title_doers(title, *read_mentions(title, REGISTRY))]


@pytest.mark.parametrize(("title", "expected"), [
    # NQ 394/NQ-CP III.1.a (a heading), III.2.a (a dash), IV.1 (offices of the bodies)
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
     [("uy-ban-nhan-dan-cap-tinh", "implement")]),
    ("Bộ Công Thương", [("bo-cong-thuong", "implement")]),
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân "
     "dân các tỉnh, thành phố trực thuộc trung ương",
     [("cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu", "implement"),
      ("uy-ban-nhan-dan-cap-tinh", "implement")]),
    # an order before the list, a place after it
    ("Đề nghị Mặt trận Tổ quốc Việt Nam tại địa phương",
     [("mat-tran-to-quoc-viet-nam", "implement")]),
    ("Đề nghị Trung ương Mặt trận Tổ quốc Việt Nam",
     [("uy-ban-trung-uong-mat-tran-to-quoc-viet-nam", "implement")]),
])
def test_a_title_of_bodies_names_the_doers(title: str, expected: list[tuple[str, str]]) -> None:
    assert doers(title) == expected


@pytest.mark.parametrize("title", [
    "Trách nhiệm của bộ, ngành trung ương và cơ quan địa phương",  # NĐ 182 Điều 43: a topic
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:",  # the colon rule's
    "Bộ Nội vụ rà soát, hoàn thiện Luật Thi đua khen thưởng",  # a sentence
    "Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên",  # made up: an unknown member
    "Tiếp tục hoàn thiện thể chế chính sách về quản lý rác thải",  # NQ 394 III.2.a: no body
])
def test_anything_else_is_no_title_of_doers(title: str) -> None:
    assert doers(title) == []


def _node(pid: str, parent: str | None, text: str, *, titled: bool = False) -> Node:
    found = (tuple(title_doers(text, *read_mentions(text, REGISTRY))) if titled
             else duties(text))
    return Node(pid, parent, "bullet", "-", "", text, (), found, None, titled)


def test_the_nearest_title_wins_over_the_sections_lead_in() -> None:
    # NQ 394/NQ-CP III: the section's lead-in, a topic, a dash naming a ministry, its items
    nodes = [
        _node("III", None, "Nhằm đạt được mục tiêu nêu trên, bên cạnh các nhiệm vụ thường "
              "xuyên, các bộ, cơ quan trung ương, Ủy ban nhân dân các tỉnh, thành phố trực "
              "thuộc trung ương cần cụ thể hóa và tổ chức triển khai thực hiện các nhiệm vụ, "
              "giải pháp sau đây:"),
        _node("III.2.a", "III", "Tiếp tục hoàn thiện thể chế chính sách về quản lý rác thải"),
        _node("III.2.a.5", "III.2.a", "Bộ Tài chính", titled=True),
        _node("III.2.a.5.1", "III.2.a.5", "Chủ trì, phối hợp với Bộ Nông nghiệp và Môi "
              "trường để kịp thời tháo gỡ các khó khăn, vướng mắc,"),
        _node("III.2.a.5.2", "III.2.a.5", "Rà soát, đề xuất sửa đổi bổ sung chính sách về "
              "thuế, phí, đấu thầu."),
    ]
    got = {(p.provision_id, p.duty.body_id, p.role) for p in passed_down(nodes)}
    assert ("III.2.a.5.1", "bo-tai-chinh", "lead") in got
    assert ("III.2.a.5.2", "bo-tai-chinh", "implement") in got
    # the section's ministries reach the topic, not the items the title gives a doer
    assert ("III.2.a", "cac-bo-co-quan-lien-quan", "implement") in got
    assert not {g for g in got if g[0].startswith("III.2.a.5") and g[1] != "bo-tai-chinh"}


def _duties(doc: str, pid: str) -> set[tuple[str, str, bool]]:
    analysis = prepare_file(FIXTURES / doc, REGISTRY).analysis
    return {(d["body_id"], d["role"], bool(d.get("lead_in"))) for d in analysis.duties
            if d["provision_id"] == pid and not d["inferred"] and d["role"] != "mention"}


def test_a_decrees_clause_titled_by_a_ministry_passes_to_its_points() -> None:
    # NĐ 182/2024/NĐ-CP Điều 43: "1. Bộ Kế hoạch và Đầu tư" over "a) Chủ trì tổng hợp …"
    assert _duties("182-2024-ND-CP.txt", "182-2024-nd-cp/d43.1") == {
        ("bo-ke-hoach-va-dau-tu", "implement", False)}
    assert ("bo-ke-hoach-va-dau-tu", "lead", True) in _duties("182-2024-ND-CP.txt",
                                                               "182-2024-nd-cp/d43.1.a")
    assert ("bo-ke-hoach-va-dau-tu", "implement", True) in _duties("182-2024-ND-CP.txt",
                                                                    "182-2024-nd-cp/d43.1.e")


def test_a_subject_ending_in_an_unregistered_member_reaches_its_duty_words() -> None:
    # NQ 394/NQ-CP III.1.d; NĐ 05/2025/NĐ-CP Điều 6.2 ("… và tổ chức, cá nhân có liên quan
    # chịu trách nhiệm thi hành")
    assert {(d.body_id, d.role) for d in duties(
        "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam và các cơ quan thông tấn, báo chí "
        "trung ương và địa phương có trách nhiệm tăng cường thời lượng tuyên truyền.")} == {
        ("dai-truyen-hinh-viet-nam", "implement"), ("dai-tieng-noi-viet-nam", "implement")}


@pytest.mark.parametrize(("text", "expected"), [
    # NQ 86/NQ-CP: a count before the class after an order
    ("Chính phủ yêu cầu 11 Bộ, cơ quan tập trung nguồn lực, khẩn trương hoàn thiện.",
     {("cac-bo-co-quan-lien-quan", "implement")}),
    # NQ 86/NQ-CP: those urged to act act
    ("Các bộ, cơ quan chủ trì chuẩn bị đề án, chủ động đôn đốc các địa phương gửi hồ sơ bảo "
     "đảm chất lượng, đúng hạn.",
     {("cac-bo-co-quan-lien-quan", "lead"), ("cac-dia-phuong", "implement")}),
    # Bộ luật Lao động 2019 Điều 213.3: the ministries, not "các bộ, cơ quan" + "ngang Bộ"
    ("Bộ, cơ quan ngang Bộ, trong phạm vi nhiệm vụ, quyền hạn của mình, có trách nhiệm thực "
     "hiện quản lý nhà nước về lao động.",
     {("cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu", "implement")}),
])
def test_held_out_8_classes(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(d.body_id, d.role) for d in duties(text)} == expected
