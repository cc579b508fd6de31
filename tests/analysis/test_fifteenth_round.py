"""Issue 11, fifteenth round: a target keeps the words of the milestone it sits under, as
printed; read here from real target sentences of the fixtures and the bundled corpus,
through the ingest's own analysis (``prepare_file``)."""

from __future__ import annotations

from functools import cache

import pytest
from nq02 import ROOT

from app.services.ingest import Prepared, prepare_file
from parsers.blocks import to_blocks
from parsers.bodies import load_registry
from parsers.clean import clean
from parsers.crossrefs import CrossRef, infer_duties
from parsers.duties.cells import Cell, column_roles
from parsers.targets import extract_targets, milestone_words

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


@cache
def prepared(path: str) -> Prepared:
    return prepare_file(ROOT / path, REGISTRY)


def stored(path: str, printed: str) -> list[tuple[int | None, str | None]]:
    """The year and milestone of the stored targets whose value is printed ``printed``."""
    return [(t["year"], t["milestone"]) for t in prepared(path).analysis.targets
            if t["text"] == printed]


@pytest.mark.parametrize(("path", "printed", "expected"), [
    # a numbered milestone heading over its points: "**2\. Tầm nhìn đến năm 2045**"
    ("corpus/57-NQ-TW-2024.md", "tối thiểu 50% GDP", [(2045, "Tầm nhìn đến năm 2045")]),
    # the objectives' heading "2. Mục tiêu cụ thể đến năm 2030" (NQ 394/NQ-CP)
    ("tests/fixtures/394-NQ-CP-2025.md", "dưới 50%", [(2030, "Mục tiêu cụ thể đến năm 2030")]),
    # a point that opens with its milestone: "b) Đến hết năm 2030: Có ≥ 60% …" (617, Đồng Tháp)
    ("tests/fixtures/617-KH-UBND-2025-dong-thap.md", "≥ 60%", [(2030, "Đến hết năm 2030")]),
    # "c) Tầm nhìn đến năm 2035" over "- Hoàn thành 100% …" (2597/QĐ-TTg)
    ("tests/fixtures/2597-QD-TTg-2025.md", "100%",
     [(2030, "Đến năm 2030")] * 3 + [(2035, "Tầm nhìn đến năm 2035")]),
    # the sentence's own year: "Năm 2025, phấn đấu đón và phục vụ 22 - 23 triệu lượt khách"
    ("tests/fixtures/192-2025-QH15.md", "22 - 23 triệu", [(2025, "Năm 2025")]),
    # a plan's year from its "Thời gian …" section, not a milestone: no words (157, Cần Thơ)
    ("tests/fixtures/157-KH-UBND-2025-can-tho-excerpt.md", "Ít nhất 85%", [(2025, None)]),
])
def test_a_stored_target_keeps_its_milestone_as_printed(
        path: str, printed: str, expected: list[tuple[int, str | None]]) -> None:
    assert stored(path, printed) == expected


def test_a_year_inside_the_sentence_wins_over_the_milestone_line() -> None:
    # 02-NQ/TW II.2.b, as printed (with its OCR "Phân đầu")
    text = ("Đến năm 2025:\n- Phân đầu có 13,5 triệu đoàn viên công đoàn, hầu hết doanh nghiệp "
            "…; đến năm 2023 phân đầu có 12 triệu đoàn viên.\n")
    assert [(t.text, t.year, t.milestone) for t in extract_targets(text)] == [
        ("13,5 triệu", 2025, "Đến năm 2025"), ("hầu hết", 2025, "Đến năm 2025"),
        ("12 triệu", 2023, "đến năm 2023")]


def test_the_default_milestone_goes_with_the_default_year_only() -> None:
    assert [t.milestone for t in extract_targets("đạt 90%", 2030, "Đến năm 2030")] == [
        "Đến năm 2030"]
    assert [t.milestone for t in extract_targets("đạt 90%", None, "Đến năm 2030")] == [None]


@pytest.mark.parametrize(("heading", "expected"), [
    ("2. Tầm nhìn đến năm 2045: Việt Nam …", "Tầm nhìn đến năm 2045"),
    ("a) Mục tiêu đến năm 2030", "Mục tiêu đến năm 2030"),
    ("Đến hết năm 2025: Có ≥", "Đến hết năm 2025"),
    ("Mục tiêu cụ thể", None),  # not: no year
])
def test_milestone_words(heading: str, expected: str | None) -> None:
    assert milestone_words(heading) == expected


def test_a_partner_is_not_carried_to_linked_tasks_without_its_doer() -> None:
    """2597/QĐ-TTg V.4: "4. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ" / "Căn cứ
    chức năng nhiệm vụ được giao, phối hợp với Bộ Xây dựng … quy định tại Phần III …": the
    subject is the item's title, so inference must not credit Bộ Xây dựng alone with
    coordinating the tasks V.4 is linked to (it did, for five of them)."""
    duties = prepared("tests/fixtures/2597-QD-TTg-2025.md").analysis.duties
    via = {(d["body_id"], d["role"]) for d in duties
           if d["inferred"] and d["via_provision_id"] in ("2597-qd-ttg-2025/V.4",
                                                          "2597-qd-ttg-2025/V.3.a")}
    assert via == set()
    # V.1.a names its doer ("giao Bộ trưởng Bộ Xây dựng quyết định …"): carried, with partners
    carried = {(d["body_id"], d["role"]) for d in duties
               if d["inferred"] and d["via_provision_id"] == "2597-qd-ttg-2025/V.1.a"}
    assert ("bo-xay-dung", "implement") in carried
    assert ("uy-ban-nhan-dan-cap-tinh", "coordinate") in carried


def test_infer_duties_carries_partners_only_beside_a_doer() -> None:
    link = CrossRef("d/IV.1", "d/III.1", 9.0, ("biên chế",), ())
    alone = {"d/IV.1": [("bo-xay-dung", "coordinate"), ("bo-tai-chinh", "report_to")]}
    assert infer_duties([link], alone) == [("bo-tai-chinh", "report_to", "d/III.1", "d/IV.1")]
    beside = {"d/IV.1": [("bo-tai-chinh", "lead"), ("bo-xay-dung", "coordinate")]}
    assert [body for body, *_ in infer_duties([link], beside)] == ["bo-tai-chinh", "bo-xay-dung"]


def blocks(source: str) -> list[str]:
    return [b.text for b in to_blocks(clean(source)[1])]


@pytest.mark.parametrize(("source", "expected"), [
    # a compound's dash wrapped to the head of a line (157/KH-UBND Cần Thơ V.5.b; 45-HD/BTCTW)
    ("b) Tổ chức tuyên truyền: Chỉ đạo phòng, ban chuyên môn, phối hợp tổ chức chính trị\n"
     "- xã hội tại địa phương thực hiện công tác tuyên truyền, vận động.\n",
     ["b) Tổ chức tuyên truyền: Chỉ đạo phòng, ban chuyên môn, phối hợp tổ chức chính trị "
      "- xã hội tại địa phương thực hiện công tác tuyên truyền, vận động."]),
    # not: a bullet in capitals, or one under a line that ended its clause
    ("Các nhiệm vụ gồm\n- Xây dựng kế hoạch.\n", ["Các nhiệm vụ gồm", "- Xây dựng kế hoạch."]),
    ("Nội dung gồm:\n- xây dựng kế hoạch;\n", ["Nội dung gồm:", "- xây dựng kế hoạch;"]),
    ("1. Tuyên truyền.\n\n- xây dựng kế hoạch;\n", ["1. Tuyên truyền.", "- xây dựng kế hoạch;"]),
])
def test_a_dash_in_lower_case_goes_on_with_the_line_above(source: str,
                                                          expected: list[str]) -> None:
    assert blocks(source) == expected


def test_the_compound_wrapped_at_its_dash_is_read_as_a_body() -> None:
    duties = prepared("tests/fixtures/157-KH-UBND-2025-can-tho-excerpt.md").analysis.duties
    at = {(d["body_id"], d["role"]) for d in duties
          if d["provision_id"] == "157-kh-ubnd-2025-can-tho/V.5.b"}
    assert ("cac-to-chuc-chinh-tri-xa-hoi", "coordinate") in at
    assert ("uy-ban-nhan-dan-cap-xa", "implement") in at  # from V.5's title, as before


@pytest.mark.parametrize(("path", "name"), [
    ("tests/fixtures/627-TB-VPCP-2025.md", "Ban Chỉ đạo Nhà nước các công trình, dự án quan "
     "trọng quốc gia, trọng điểm ngành giao thông vận tải"),
    ("tests/fixtures/624-TB-VPCP-2025.md", "Ban Chỉ đạo của Chính phủ về phát triển khoa học, "
     "công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06"),
])
def test_a_steering_committee_named_in_full_before_its_short_name(path: str,
                                                                   name: str) -> None:
    """Commas, "về" and lower case inside the name, read whole because the text defines
    its short name right after ("(sau đây gọi tắt là …)")."""
    unresolved = prepared(path).analysis.unresolved
    assert name in {u["text"] for u in unresolved}
    assert not {u["text"] for u in unresolved} & {"Ban Chỉ đạo Nhà nước"}


# ---- held_out_16's classes (KL 221-KL/TW, QĐ 2530/QĐ-TTg), as general rules ----

def roles_at(path: str, pid: str, lead_in: bool | None = None) -> set[tuple[str, str]]:
    return {(d["body_id"], d["role"]) for d in prepared(path).analysis.duties
            if d["provision_id"] == pid and not d["inferred"] and d["role"] != "mention"
            and (lead_in is None or d["lead_in"] == lead_in)}


QD2530 = "tests/fixtures/2530-QD-TTg-2025.md"


def test_a_cell_of_coordinators_printed_as_dash_items() -> None:
    """Phụ lục I: "A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" (a section row in capitals, no lead
    cell), "1 | Bộ Nông nghiệp và Môi trường | - Bộ Khoa học và Công nghệ; - Bộ Xây dựng;
    - Bộ Công Thương; - Các bộ, ngành liên quan và UBND các tỉnh/ thành phố. | …"."""
    ids = [r["id"] for r in prepared(QD2530).rows if r["id"].startswith("2530-qd-ttg-2025/pl1")]
    got = set().union(*(roles_at(QD2530, pid) for pid in ids))
    assert ("bo-nong-nghiep-va-moi-truong", "lead") in got
    assert ("bo-nong-nghiep-va-moi-truong", "coordinate") not in got
    assert {("bo-khoa-hoc-va-cong-nghe", "coordinate"), ("bo-xay-dung", "coordinate"),
            ("bo-cong-thuong", "coordinate"), ("cac-bo-nganh-lien-quan", "coordinate"),
            ("uy-ban-nhan-dan-cap-tinh", "coordinate"), ("bo-ngoai-giao", "coordinate"),
            ("vien-han-lam-khoa-hoc-va-cong-nghe-viet-nam", "coordinate")} <= got


def test_column_roles_of_dash_items_and_a_section_row() -> None:
    cells = [Cell("Cơ quan chủ trì", False, False), Cell("Cơ quan phối hợp", False, False),
             Cell("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", True, False),
             Cell("Bộ Nông nghiệp và Môi trường", True, False),
             Cell("Bộ Khoa học và Công nghệ;", True, False), Cell("Bộ Xây dựng;", True, False),
             Cell("Các bộ, ngành liên quan và UBND các tỉnh/ thành phố.", True, False),
             Cell("Hoàn thiện hệ thống chính sách pháp luật", False, False),
             # not: a body named in a task after the list ended
             Cell("Bộ Tài chính", True, False)]
    assert column_roles(cells) == {3: "lead", 4: "coordinate", 5: "coordinate",
                                   6: "coordinate", 8: "lead"}


def test_a_colon_clause_without_a_body_passes_the_sentence_subject() -> None:
    # IV.2.m: "Ủy ban nhân dân các tỉnh, … chịu trách nhiệm toàn diện …; lồng ghép …, cụ thể:"
    assert roles_at(QD2530, "2530-qd-ttg-2025/IV.2.m.1", lead_in=True) == {
        ("uy-ban-nhan-dan-cap-tinh", "implement")}
    # not: an item opening with an unknown body ("Ủy ban nhân dân thành phố Hà Nội và …")
    # takes no implement, nor do the items under it
    for pid in ("IV.2.m.6", "IV.2.m.6.1", "IV.2.m.6.4"):
        assert ("uy-ban-nhan-dan-cap-tinh", "implement") not in roles_at(
            QD2530, f"2530-qd-ttg-2025/{pid}")
    # not: "Đề nghị Thường trực Tỉnh ủy …; trong đó lưu ý một số nội dung trọng tâm sau:"
    assert roles_at("tests/fixtures/634-TB-VPCP-2025.md", "634-tb-vpcp-2025/II.1",
                    lead_in=True) == set()


def test_members_between_the_bodies_and_chu_tri() -> None:
    assert {("uy-ban-trung-uong-mat-tran-to-quoc-viet-nam", "lead"),
            ("cac-to-chuc-chinh-tri-xa-hoi", "lead")} <= roles_at(
        QD2530, "2530-qd-ttg-2025/IV.2.n")


def test_a_steering_committee_defined_without_sau_day() -> None:
    unresolved = {u["text"] for u in prepared(QD2530).analysis.unresolved
                  if u["provision_id"] == "2530-qd-ttg-2025/IV.1.a"}
    assert "Ban Chỉ đạo quốc gia về khắc phục ô nhiễm không khí" in unresolved


@pytest.mark.parametrize(("text", "expected"), [
    # under "2. Mục tiêu cụ thể giai đoạn 2026 - 2030" (2530/QĐ-TTg I.2)
    ("2. Mục tiêu cụ thể giai đoạn 2026 - 2030\n- Tại thành phố Hà Nội, nồng độ bụi PM2.5 "
     "trung bình năm vào năm 2030 đạt dưới 40 μg/m3 (giảm 20% so với mức trung bình năm "
     "2024).\n",
     [("dưới 40 μg/m3", 40, "<", "μg/m3", 2030, "vào năm 2030"),
      ("20%", 20, "=", "%", 2030, "vào năm 2030")]),
    ("2. Mục tiêu cụ thể giai đoạn 2026 - 2030\nb) 100% các nguồn phát sinh khí thải lớn …\n",
     [("100%", 100, "=", "%", 2030, "Mục tiêu cụ thể giai đoạn 2026 - 2030")]),
    ("h) Phấn đấu đến năm 2030, cả nước có 1.200 công trình xây dựng xanh.\n",
     [("1.200", 1200, "=", "công trình", 2030, "đến năm 2030")]),
    # not: a bare count where nothing strives for it
    ("Năm 2024, cả nước có 1.200 công trình xây dựng xanh.\n", []),
])
def test_targets_of_a_period_plan(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(t.text, t.value, t.comparator, t.unit, t.year, t.milestone)
            for t in extract_targets(text)] == expected
