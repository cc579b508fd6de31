"""Issue 10, class 7 (duplicate labels), parser10: a procedure's heading printed right
under its section's heading in bold, its label alone on a line (``**I.`` / ``Lĩnh vực …**``
/ ``**1.`` / ``Trình tự …**``).

The fixture quotes lines of a crawled Quyết định of the Chủ tịch UBND tỉnh Bắc Ninh (11/2025,
internal procedures of the Sở Tài chính) byte for byte, cited in ``tests/fixtures/SOURCES.md``
("issue 10, parser10"); the expected tree was written from reading them. Before this round
the lone ``1.`` was glued to the section's title (``Lĩnh vực Đầu tư theo phương thức PPP
1. Trình tự …``), the first procedure's steps became the section's items, and the second
procedure ``2. Thẩm định …`` took the id ``pl1.I.2_2`` beside step 2.
"""

from __future__ import annotations

from tests.parsing.conftest import parsed

FIXTURE = "QD-UBND-2025-bac-ninh-quy-trinh-excerpt.md"


def _headings() -> list[tuple[str, str | None]]:
    return [(p.path, p.heading) for p in parsed(FIXTURE).walk()
            if p.kind in ("section", "item") and p.path.count(".") <= 3]


def test_each_procedure_is_an_item_of_its_section_with_its_own_steps() -> None:
    assert _headings() == [
        ("pl1.I", "Lĩnh vực Đầu tư theo phương thức PPP"),
        ("pl1.I.1", "Trình tự chuẩn bị dự án đầu tư do nhà đầu tư đề xuất"),
        ("pl1.I.1.1", "Nộp hồ sơ:"),
        ("pl1.I.1.2", "Kiểm tra tính đầy đủ của hồ sơ theo quy định:"),
        ("pl1.I.2", "Thẩm định báo cáo nghiên cứu khả thi, phê duyệt dự án áp dụng loại hợp "
                    "đồng BT không yêu cầu thanh toán[1]"),
        ("pl1.I.2.1", "Nộp hồ sơ:"),
        ("pl1.I.2.2", "Kiểm tra tính đầy đủ của hồ sơ theo quy định:"),
        ("pl1.II", "Lĩnh vực Đấu thầu lựa chọn nhà đầu tư"),
        ("pl1.II.1", "Thủ tục Công bố dự án đầu tư kinh doanh (gồm dự án đầu tư có sử dụng "
                     "đất) đối với dự án không thuộc diện chấp thuận chủ trương đầu tư do nhà "
                     "đầu tư đề xuất"),
        ("pl1.II.1.1", "Nộp hồ sơ:"),
    ]
    assert not [w for w in parsed(FIXTURE).warnings if w.code == "duplicate_label"]
