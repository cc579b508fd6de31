"""Issue 11, eighth round: the classes of error of the blind split held_out_9 (Nghị quyết
380/NQ-CP) and those left on held_out_7/8, as general rules. Sentences are printed in the
fixtures named in each row."""

from __future__ import annotations

from nq02 import ROOT

from parsers.bodies import load_registry, read_mentions
from parsers.duties import Duty, assign_roles
from parsers.duties.lead_in import Node, passed_down

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


def duties(text: str) -> tuple[Duty, ...]:
    return tuple(d for d in assign_roles(text, REGISTRY, provision_role="implementation")
                 if d.role != "mention")


def _node(pid: str, parent: str | None, text: str) -> Node:
    return Node(pid, parent, "point", pid[-1], "", text, (), duties(text), None, False)


def test_the_nearer_lead_in_gives_a_pair_two_lead_ins_give() -> None:
    # NQ 380/NQ-CP II.6: the section's lead-in and "c)" name the same collective; the
    # section does not reach the dashes past "c)", so the nearer one must give them
    nodes = [
        _node("II.6", None, "Các bộ, cơ quan, địa phương theo chức năng, thẩm quyền được giao "
              "tiếp tục triển khai các giải pháp nhằm ổn định kinh tế vĩ mô, cụ thể như sau:"),
        _node("II.6.c", "II.6", "Các bộ, cơ quan, địa phương:"),
        _node("II.6.c.1", "II.6.c", "Nắm chắc tình hình thị trường, giá cả hàng hóa để có "
              "giải pháp phù hợp;"),
    ]
    got = {(p.provision_id, p.duty.body_id, p.role, p.source_id) for p in passed_down(nodes)}
    assert ("II.6.c.1", "cac-bo-co-quan-lien-quan", "implement", "II.6.c") in got


def test_an_order_asked_politely_is_no_duty_of_the_issuer() -> None:
    # NQ 380/NQ-CP III.5
    got = {(d.body_id, d.role) for d in duties(
        "Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam chủ động "
        "thúc đẩy hợp tác quốc tế.")}
    assert got == {("uy-ban-trung-uong-mat-tran-to-quoc-viet-nam", "implement")}


def test_the_provinces_printed_short_head_their_tasks() -> None:
    # NQ 380/NQ-CP II.5 "Các tỉnh, thành phố:"; the People's Committees keep their own name
    assert {(d.body_id, d.role) for d in duties("Các tỉnh, thành phố:")} == {
        ("cac-tinh-thanh-pho-truc-thuoc-trung-uong", "implement")}
    assert {(d.body_id, d.role) for d in duties(
        "Ủy ban nhân dân các tỉnh, thành phố tiếp tục rà soát, cứu trợ lương thực.")} == {
        ("uy-ban-nhan-dan-cap-tinh", "implement")}


def test_a_level_or_an_unknown_other_agency_does_not_end_a_list() -> None:
    # NQ 380/NQ-CP (the preamble's order) and NQ 394/NQ-CP III (the section's lead-in)
    got = {(d.body_id, d.role) for d in duties(
        "Chính phủ yêu cầu các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính "
        "phủ, các cơ quan khác ở trung ương, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố bị "
        "ảnh hưởng bởi thiên tai thực hiện khẩn trương các nhiệm vụ sau:")}
    assert got == {("cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu", "implement"),
                   ("uy-ban-nhan-dan-cap-tinh", "implement")}
    got = {(d.body_id, d.role) for d in duties(
        "Các bộ, cơ quan trung ương, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
        "ương cần cụ thể hóa và tổ chức triển khai thực hiện các nhiệm vụ, giải pháp sau đây:")}
    assert got == {("cac-bo-co-quan-lien-quan", "implement"),
                   ("uy-ban-nhan-dan-cap-tinh", "implement")}


def test_a_level_closing_a_sentence_is_no_member() -> None:
    # "ngân sách trung ương": no body follows the level, the list ends there
    got = {(d.body_id, d.role) for d in duties(
        "Các bộ, cơ quan trung ương khẩn trương đề xuất hỗ trợ từ ngân sách trung ương.")}
    assert got == {("cac-bo-co-quan-lien-quan", "implement")}


def _unresolved(text: str) -> list[str]:
    return [u.text for u in read_mentions(text, REGISTRY)[1]]


def test_associations_and_banks_are_recorded_whole() -> None:
    # NQ 380/NQ-CP II.3.e, II.3.đ, III.5; NQ 394/NQ-CP III.1.c.3
    assert _unresolved("Liên minh Hợp tác xã Việt Nam và Liên minh Hợp tác xã cấp tỉnh rà "
                       "soát, nghiên cứu phương án khoanh nợ") == ["Liên minh Hợp tác xã Việt Nam"]
    assert _unresolved("Ngân hàng Chính sách xã hội:") == ["Ngân hàng Chính sách xã hội"]
    assert _unresolved("các tổ chức chính trị xã hội, Hội Chữ thập đỏ Việt Nam, theo nhiệm "
                       "vụ") == ["Hội Chữ thập đỏ Việt Nam"]
    assert _unresolved("Chỉ đạo Hội Liên hiệp Phụ nữ Việt Nam đẩy mạnh thực hiện") == [
        "Hội Liên hiệp Phụ nữ Việt Nam"]


def test_no_association_in_capitals_a_meeting_or_a_registered_bank() -> None:
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hội nghị Trung ương lần thứ 10",
                 "Ngân hàng Nhà nước Việt Nam chỉ đạo.", "Ngân hàng Nhà nước 13",
                 "Liên minh Hợp tác xã cấp tỉnh rà soát"):
        assert _unresolved(text) == [], text
