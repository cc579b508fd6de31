"""A number that opens a line only because the sentence citing it wrapped (issue 10,
classes 2 and 7).

Quyết định 3361/QĐ-BCT of 2025 (Bộ Công Thương, procedures for certificates of origin,
as crawled; fixture cited in tests/fixtures/SOURCES.md) prints "… theo quy định từ điểm
a đến điểm đ, mục" / "3.2.1. Các chứng từ trong hồ sơ …": the second line is the same
sentence, citing mục 3.2.1, not a second heading 3.2.1. The line above ends on the word
that cites it (mục, khoản, điểm, tiết, cấp độ) with no blank between; the line joins it and a
heading_in_text warning names it, as for a cited ``Điều 13.`` (``blocks._wrapped_reference``).

So does Kế hoạch 0129/KH-UBND of 21/11/2025 (UBND tỉnh Đắk Lắk, emergency supplies):
"… ưu tiên các địa bàn cấp độ" / "1. Cấp ngay mì tôm, …", level 1 cited.

Blind score on main (17b1cf0), before the rule: 0 of 2, a phantom item ``3.2.1_2`` with a
duplicate_label warning, and a phantom item ``1`` (on the whole page ``III.1_2``, which
took the next five dashes of item 4). Over the 493 bench documents the rule changes 2
documents (these pages: the phantom ids gone, the warnings now heading_in_text).
"""

from __future__ import annotations

from parsers import parse_document
from tests.parsing.conftest import parsed


def test_a_cited_section_number_wrapped_onto_a_line_stays_in_its_sentence() -> None:
    doc = parsed("3361-QD-BCT-2025-co-excerpt.md")
    numbered = [p.label for p in doc.walk() if p.kind == "item"]
    assert numbered == ["3.2", "3.2.1", "3.2.2"]
    assert not any("_" in p.path for p in doc.walk())
    [text] = [p.text for p in doc.walk() if "điểm a đến điểm đ, mục" in p.text]
    assert "mục 3.2.1. Các chứng từ trong hồ sơ đề nghị cấp C/O nêu tại các điểm e" in text
    assert [w.line for w in doc.warnings if w.code == "heading_in_text"] == [16]


def test_a_number_after_a_blank_line_is_a_heading() -> None:
    text = "Điều 1. Phạm vi\n1. Theo mục\n\n2. Hồ sơ gồm các giấy tờ.\n"
    doc = parse_document(text, name="t")
    assert [p.path for p in doc.walk()] == ["d1", "d1.1", "d1.2"]


def test_a_cited_level_wrapped_onto_a_line_stays_in_its_sentence() -> None:
    doc = parsed("0129-KH-UBND-2025-dak-lak-excerpt.md")
    assert [(p.path, p.kind) for p in doc.walk() if p.kind == "item"] == [("4", "item")]
    dashes = doc.find("4")
    assert dashes is not None
    assert "ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm" in dashes.children[0].text
    assert [w.line for w in doc.warnings if w.code == "heading_in_text"] == [31]
