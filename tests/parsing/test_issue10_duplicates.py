"""Issue 10, class 7 (duplicate labels), the classes left after the sixth round.

Each text is a real document or quotes lines of one, cited in ``tests/fixtures/SOURCES.md``
("issue 10, class 7, parser8"); the expected trees were written from reading them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _labeled(text: str) -> list[tuple[str, str]]:
    return [(p.path, p.kind) for p in parse_document(text).walk()
            if p.kind not in ("bullet", "paragraph")]


# Thông tư 60/2025/TT-BCT, Phụ lục (price table), as crawled: one cell a line, rows
# numbered "1" / "1.1" / "1.1.1", each row of a voltage level holding its three hours
# "a) Giờ bình thường" / "b) Giờ thấp điểm" / "c) Giờ cao điểm".
PRICE_TABLE = (FIXTURES / "60-2025-TT-BCT-phu-luc-excerpt.md").read_text(encoding="utf-8")


def test_rows_numbered_with_dots_hold_their_own_hours() -> None:
    """Rows 1.1.2, 1.2 and 1.3 print a) b) c) again (the hours of their own voltage
    level): each is a row node named by its first cell, its hours under it, no longer
    ``pl1.r1.a_2`` … ``c_4`` under row 1. As for a table of bare row numbers, the first
    row that prints the list (1.1.1) keeps the ids it had: only labels that would repeat
    move."""
    doc = parse_document(PRICE_TABLE)
    hours = [("a", "point"), ("b", "point"), ("c", "point")]
    assert _labeled(PRICE_TABLE) == [
        ("d21", "article"), ("d21.1", "clause"), ("pl1", "annex"),
        *[(f"pl1.{h}", kind) for h, kind in hours],
        ("pl1.r1.1.2", "row"), *[(f"pl1.r1.1.2.{h}", kind) for h, kind in hours],
        ("pl1.r1.2", "row"), *[(f"pl1.r1.2.{h}", kind) for h, kind in hours],
        ("pl1.r1.3", "row"), *[(f"pl1.r1.3.{h}", kind) for h, kind in hours]]
    expected = {
        "pl1.r1.1.2": ("1.1.2", "Cấp điện áp trên 35 kV đến dưới 220 kV"),
        "pl1.r1.2": ("1.2", "Cấp điện áp trung áp (trên 01 kV đến 35 kV)"),
        "pl1.r1.3": ("1.3", "Cấp điện áp hạ áp đến 01 kV"),
    }
    for path, (label, heading) in expected.items():
        row = doc.find(path)
        assert row is not None and (row.label, row.heading) == (label, heading), path
        assert [p.heading for p in row.children] == [
            "Giờ bình thường", "Giờ thấp điểm", "Giờ cao điểm"], path
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


def test_a_dotted_row_number_stays_in_the_text() -> None:
    """A bare row number is kept out of the text as a page number is; ``1.1.1`` is no
    page's number, so it stays where it is printed (the parse drops no character)."""
    doc = parse_document(PRICE_TABLE)
    assert "1.1.1" in doc.source
    texts = "\n".join(f"{p.heading or ''} {p.text}" for p in doc.walk())
    assert "1.1.1" in texts and "1.1" in texts


# Nghị định 236/2025/NĐ-CP, Phụ lục III, the guide to Mẫu số 01/TKTT-QDMTT, abridged in our
# own words line for line (after Điều 25 and the annex's title; the form itself left out,
# tests/fixtures/SOURCES.md): an outline of dotted headings ("2.", "2.1.", "2.1.1.") each
# owning the list of the form's fields it explains ("1. Tổng doanh thu …: Khai …"),
# numbered from 1 again under every heading.
FORM_GUIDE = (FIXTURES / "236-2025-ND-CP-huong-dan-excerpt.txt").read_text(encoding="utf-8")


def _items(prefix: str, *labels: str) -> list[tuple[str, str]]:
    return [(f"{prefix}.{label}", "item") for label in labels]


def test_dotted_headings_own_their_lists_and_the_outline_goes_on() -> None:
    """Each dotted heading holds the fields printed under it and the headings its label
    names below it (``2.1.1.`` in ``2.1.``); ``3. Tính toán …``, followed by ``3.1.``, is
    the outline's third heading, not a third field of ``2.3.`` (where it went before)."""
    form = "pl1.1"  # the guide, under its title HƯỚNG DẪN KÊ KHAI TỜ KHAI THÔNG TIN
    h2, h21, h3, h31 = f"{form}.2", f"{form}.2.2.1", f"{form}.3", f"{form}.3.3.1"
    h312, h3121 = f"{h31}.3.1.2", f"{h31}.3.1.2.3.1.2.1"
    assert _labeled(FORM_GUIDE) == [
        ("d25", "article"), ("pl1", "annex"), (form, "form"),
        (h2, "item"), (h21, "item"), *_items(h21, "1"),
        (f"{h21}.2.1.1", "item"), *_items(f"{h21}.2.1.1", "1", "2"),
        (f"{h21}.2.1.2", "item"), *_items(f"{h21}.2.1.2", "1", "2", "3", "4"),
        (f"{h2}.2.2", "item"), *_items(f"{h2}.2.2", "1", "2", "3", "4"),
        (f"{h2}.2.3", "item"), *_items(f"{h2}.2.3", "1", "2"),
        (h3, "item"), (h31, "item"),
        (f"{h31}.3.1.1", "item"), *_items(f"{h31}.3.1.1", "1", "2", "3"),
        (h312, "item"), (h3121, "item"),
        *_items(h3121, "1"), *_items(f"{h3121}.1", "1.1", "1.2"),
        *_items(h3121, "2"), *_items(f"{h3121}.2", "2.1", "2.2"),
        *_items(h3121, "3")]
    doc = parse_document(FORM_GUIDE)
    outline = doc.find(h3)
    assert outline is not None and outline.heading == (
        "Tính toán theo quy định về thuế tối thiểu toàn cầu")
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


_ANNEX = ("Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\n\n"
          "PHỤ LỤC\n(Kèm theo …)\n\n")

# A list that starts at any number right under a dotted heading is that heading's (the
# guide above, whose later forms number their fields from 4); these do not:
# - Nghị định 105/2025/NĐ-CP, Mẫu số PC06, l.1144, 1148 and 1156–1161: "6." after "5.1."
#   and "5.2." goes on with the list of "5." (closed by the paragraph under it);
# - Thông tư 69/2025/TT-BNNMT, Mẫu số 01 of Phụ lục I as crawled, l.490–517 (lines
#   shortened): "3. Kiến nghị" after "1.2." is the outline's, its "2." not printed.
ENDS_OF_LISTS = [
    ("II. THÔNG TIN CƠ SỞ\n4. Tổ chức lực lượng tại chỗ(1):\n"
     "5. Bảng thống kê hệ thống phòng cháy, chữa cháy, phương tiện chữa cháy, cứu nạn, "
     "cứu hộ của cơ sở:\n"
     "(Chỉ thống kê hệ thống, phương tiện phòng cháy, chữa cháy, cứu nạn, cứu hộ đảm bảo "
     "chất lượng theo quy định).\n"
     "5.1. Bảng thống kê phương tiện chữa cháy, cứu nạn, cứu hộ\n"
     "5.2. Bảng thống kê hệ thống phòng cháy, chữa cháy (nếu có)\n"
     "6. Nguồn nước phục vụ chữa cháy(2):\n7. Danh sách số điện thoại:\n",
     ["pl1.II.4", "pl1.II.5", "pl1.II.5.1", "pl1.II.5.2", "pl1.II.6", "pl1.II.7"]),
    ("**III. KẾT LUẬN VÀ KIẾN NGHỊ**\n\n**1. Kết luận**\n\n"
     "*1.1. Tóm tắt nguy cơ xâm hại của loài ngoại lai tại Việt Nam *(nêu bật những tác "
     "động tiêu cực chính của loài ngoại lai).\n\n"
     "*1.2. Những cân nhắc về ảnh hưởng đối với kinh tế - xã hội (nếu có).*\n\n"
     "**3. Kiến nghị**\n\nCăn cứ kết quả đánh giá nguy cơ xâm hại để kiến nghị:\n\n"
     "**4. Đề xuất các biện pháp ngăn ngừa, kiểm soát và diệt trừ loài ngoại lai xâm "
     "hại.**\n",
     ["pl1.III.1", "pl1.III.1.1.1", "pl1.III.1.1.2", "pl1.III.3", "pl1.III.4"]),
]


@pytest.mark.parametrize(("text", "items"), ENDS_OF_LISTS, ids=["PC06", "69-TT-BNNMT"])
def test_a_number_after_a_dotted_heading_that_ends_its_list(text: str, items: list[str]
                                                            ) -> None:
    doc = parse_document(_ANNEX + text)
    assert [p.path for p in doc.walk() if p.kind == "item"] == items
