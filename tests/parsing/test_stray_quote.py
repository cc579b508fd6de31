"""A quote a sentence opens and never closes (issue 11, twelfth round; parsers/quotes.py).

Thông báo 627/TB-VPCP (18/11/2025, cited in ``tests/fixtures/SOURCES.md``, "twelfth
round") prints in II "Thứ ba": “làm ngày không đủ tranh thủ làm đêm”, “làm ngày làm đêm,
làm thêm ngày nghỉ, “ăn tranh thủ ngủ khẩn trương” và …; the second slogan's closing quote
is lost. Before the fix everything after it was quoted text: section III (Nhiệm vụ trọng
tâm, items 1–5 with their points) was part of II's text and no provision of its own.
"""

from __future__ import annotations

from tests.parsing.conftest import parsed

FIXTURE = "627-TB-VPCP-2025.md"


def test_the_sections_after_the_lost_quote_are_provisions() -> None:
    """III and its items, as printed: "**III. NHIỆM VỤ TRỌNG TÂM**", "1. Hoàn thành mục
    tiêu …", "b) Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ …", "2. Đối với dự án
    cảng hàng không …"."""
    doc = parsed(FIXTURE)
    section = doc.find("III")
    assert section is not None and section.heading == "NHIỆM VỤ TRỌNG TÂM"
    point = doc.find("III.1.b")
    assert point is not None
    assert point.text.startswith("Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ")
    item = doc.find("III.2")
    assert item is not None and (item.heading or item.text).startswith(
        "Đối với dự án cảng hàng không")


def test_the_slogans_stay_in_their_paragraph() -> None:
    """The paragraph that opened the quote keeps its text, slogans and all; it does not
    take section III in."""
    section = parsed(FIXTURE).find("II")
    assert section is not None
    text = section.text
    assert "“ăn tranh thủ ngủ khẩn trương" in text
    assert "NHIỆM VỤ TRỌNG TÂM" not in text and "Hoàn thành mục tiêu đưa vào" not in text
