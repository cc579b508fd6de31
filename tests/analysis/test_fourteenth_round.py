"""Issue 11, fourteenth round: the classes found on held_out_15 (Quyết định 2597/QĐ-TTg and
Kế hoạch 980/KH-UBND of Nghệ An, 2025: annex tables of tasks printed one cell a line) as
general rules. The lines are the texts' own; rows marked "not" are the near misses a rule
must leave alone."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from parsers.blocks import to_blocks
from parsers.bodies import load_registry, read_mentions
from parsers.clean import clean
from parsers.duties.cells import Cell, column_roles
from parsers.targets import extract_targets

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


def blocks(source: str) -> list[str]:
    return [b.text for b in to_blocks(clean(source)[1])]


@pytest.mark.parametrize(("source", "expected"), [
    # a cell wrapped after "và" onto a capitalised line (2597, its annex)
    ("|\nBộ Xây dựng\n|\nBộ Khoa học và\nCông nghệ\n|\n2026\n|\n",
     ["Bộ Xây dựng", "Bộ Khoa học và Công nghệ", "2026"]),
    # "Cơ quan, địa" is no e-signature field "Cơ quan:" (980, its annex)
    ("|\nSở Tài chính\n|\nCơ quan, địa\nphương liên quan\n|\n",
     ["Sở Tài chính", "Cơ quan, địa phương liên quan"]),
    # a line ending on the head of a name or an office (2597 V.4; 980, its annex)
    ("Căn cứ chức năng nhiệm vụ được giao, phối hợp với Bộ\nXây dựng để thực hiện.\n",
     ["Căn cứ chức năng nhiệm vụ được giao, phối hợp với Bộ Xây dựng để thực hiện."]),
    ("|\nQuyết định Chủ tịch\nUBND tỉnh\n|\n", ["Quyết định Chủ tịch UBND tỉnh"]),
    # a line after "số" that opens with the number it names
    ("kèm theo Nghị định số\n151/2025/NĐ-CP.\n", ["kèm theo Nghị định số 151/2025/NĐ-CP."]),
    # not: a sentence that ended goes on as a paragraph of its own
    ("Giao Bộ Tài chính thực hiện.\nBộ Xây dựng chủ trì.\n",
     ["Giao Bộ Tài chính thực hiện.", "Bộ Xây dựng chủ trì."]),
    # not: the e-signature's field keeps its line
    ("Cơ quan: Văn phòng Chính phủ\nThời gian ký: 27.11.2025\n",
     ["Cơ quan: Văn phòng Chính phủ", "Thời gian ký: 27.11.2025"]),
])
def test_wrapped_cells_and_names_go_on(source: str, expected: list[str]) -> None:
    assert blocks(source) == expected


@pytest.mark.parametrize(("text", "unknown", "known"), [
    ("Bộ CHQS tỉnh; UBND cấp xã", ["Bộ CHQS tỉnh"], ["uy-ban-nhan-dan-cap-xa"]),
    ("Bộ Chỉ huy Quân sự tỉnh phối hợp", ["Bộ Chỉ huy Quân sự"], []),
    ("báo cáo về Ban Chỉ huy Phòng thủ dân sự tỉnh qua Văn phòng",
     ["Ban Chỉ huy Phòng thủ dân sự tỉnh"], []),
    # the class of agencies concerned, as an annex's "Cơ quan phối hợp" prints it
    ("Sở Tài chính và cơ quan, địa phương liên quan", ["Sở Tài chính"],
     ["cac-co-quan-lien-quan"]),
    # not: a ministry stays a ministry
    ("Bộ Quốc phòng và cơ quan, địa phương liên quan", [],
     ["bo-quoc-phong", "cac-co-quan-lien-quan"]),
])
def test_military_commands_are_unknown_bodies(text: str, unknown: list[str],
                                              known: list[str]) -> None:
    mentions, unresolved = read_mentions(text, REGISTRY)
    assert [u.text for u in unresolved] == unknown
    assert [m.body_id for m in mentions] == known


def _cells(*cells: tuple[str, bool, bool]) -> list[Cell]:
    head = [Cell("Cơ quan chủ trì", False, False), Cell("Cơ quan phối hợp", False, False),
            Cell("Thời gian hoàn thành", False, False)]
    return head + [Cell(text, names, False, unknown) for text, names, unknown in cells]


def test_a_lead_cell_of_an_unknown_body_holds_its_column() -> None:
    cells = _cells(("Triển khai thực hiện một số nội dung chi", False, False),
                   ("Sở Tài chính", False, True),
                   ("Cơ quan, địa phương liên quan", True, False), ("2025", False, False))
    assert column_roles(cells) == {4: "lead", 5: "coordinate"}


def test_a_result_cell_names_no_doer() -> None:
    cells = _cells(("Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh", False, False),
                   ("Bộ CHQS tỉnh; UBND cấp xã", True, True),
                   ("Văn phòng Ban Chỉ huy; các sở, ban, ngành", True, False),
                   ("Trước ngày 30/11/2025", False, False),
                   ("Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã", True, False),
                   ("Triển khai thực hiện khi có Thông tư mới thay thế", False, False),
                   ("Thông tư số 92/2009/TT- BTC của Bộ Tài chính", True, False),
                   ("Sở Tài chính", False, True),
                   ("Cơ quan, địa phương liên quan", True, False))
    assert column_roles(cells) == {4: "lead", 5: "coordinate", 10: "lead", 11: "coordinate"}


@pytest.mark.parametrize(("text", "year", "measure"), [
    ("Bảo đảm 100% hệ thống số hoá trong lĩnh vực hạ tầng có biện pháp bảo vệ", 2030,
     "hệ thống số hoá"),
    ("Hoàn thành 100% chuyển đổi số toàn diện trong các hoạt động xây dựng", 2035,
     "chuyển đổi số toàn diện"),
    # not: words that say what is counted stay the measure
    ("100% quy trình quản lý được chuyển đổi từ thủ công sang điện tử", 2030,
     "quy trình quản lý"),
])
def test_a_verb_of_reaching_leaves_the_measure_to_what_follows(text: str, year: int,
                                                                measure: str) -> None:
    [target] = extract_targets(text, default_year=year)
    assert target.value == 100 and target.year == year
    assert target.measure.startswith(measure)
    assert not target.measure.startswith(("Bảo đảm", "Hoàn thành"))
