"""Issue 10, class 4 (quoted amendments) where the source slips a quote (parser10).

The fixture quotes lines of Thông tư 39/2018/TT-BTC byte for byte (cited in
``tests/fixtures/SOURCES.md``, "issue 10, parser10"); the expected tree was written from
reading them. Before this round the parser gave the circular articles ``d52d`` and
``d52đ`` (the quoted articles 52d and 52đ of Thông tư 38/2015, printed after a closing quote
the source put at the end of Điều 52c) and hung items 33 and 61 of Điều 1 under them.
"""

from __future__ import annotations

from tests.parsing.conftest import parsed

FIXTURE = "39-2018-TT-BTC-excerpt.txt"


def _structure() -> list[str]:
    return [p.path for p in parsed(FIXTURE).walk() if p.kind not in ("paragraph", "bullet")]


def test_amending_items_stay_items_of_the_amending_article() -> None:
    """Items 29 … 33 and 61 of Điều 1 each quote what they amend; the circular's own
    articles are Điều 1, 2 and 5 (3 and 4 are left out of the excerpt)."""
    assert _structure() == [
        "d1", "d1.29", "d1.30", "d1.31", "d1.32", "d1.33", "d1.61",
        "d2", "d2.1", "d2.2", "d5", "d5.1", "d5.2",
    ]


def test_an_item_printed_inside_the_unclosed_quotation_before_it_is_the_next_item() -> None:
    """Item 29 quotes Điều 51 and never closes the quote; "30. Bổ sung Điều 51a, Điều 51b
    và Điều 51c như sau:" is still Điều 1's item 30, with Điều 51b in its text."""
    item = parsed(FIXTURE).find("d1.30")
    assert item is not None
    assert item.text.startswith("Bổ sung Điều 51a, Điều 51b và Điều 51c như sau:")
    assert "Điều 51b. Thủ tục hải quan đối với hàng hóa xuất khẩu" in item.text
    before = parsed(FIXTURE).find("d1.29")
    assert before is not None and "Bổ sung Điều 51a" not in before.text


def test_articles_a_lead_in_names_stay_quoted_after_an_early_closing_quote() -> None:
    """Điều 52c ends in ``.”`` but item 32 named 52d and 52đ too: they are its text, up to
    item 33."""
    item = parsed(FIXTURE).find("d1.32")
    assert item is not None
    assert "\nĐiều 52d. Tạm dừng đưa hàng qua khu vực giám sát hải quan\n" in item.text
    assert "\nĐiều 52đ. Quy định về phối hợp, trao đổi thông tin" in item.text
    assert item.text.rstrip().endswith("ngay khi sự cố được khắc phục.”")


def test_a_phrase_quoted_at_the_end_of_a_line_does_not_close_the_article_quoted() -> None:
    """``Tờ khai hải quan nhập khẩu tại chỗ ghi: “hàng hóa thuê tài chính …”`` inside the
    quoted Điều 94: its clauses 3 and 4 are item 61's text, not items of Điều 1."""
    item = parsed(FIXTURE).find("d1.61")
    assert item is not None
    assert "\n3. Hàng hóa nhập khẩu cho đối tác khác thuê\n" in item.text
    assert "\n4. Hàng hóa nhập khẩu trực tiếp từ doanh nghiệp cho thuê mua" in item.text
    assert not [w for w in parsed(FIXTURE).warnings if w.code == "duplicate_label"]


def test_points_after_a_closing_quote_printed_too_early_stay_quoted() -> None:
    """Nghị định 50/2024/NĐ-CP, Điều 2 khoản 2: "b) Sửa đổi, bổ sung khoản 5 như sau:"
    quotes khoản 5, whose point a) ends in ``.”.``; its points b) and c) print after that
    closing quote. Before this round they became ``d2.2.b_2`` and ``d2.2.c``, and the next
    amending point "c) Sửa đổi, bổ sung khoản 6" ``d2.2.c_2``."""
    doc = parsed("50-2024-ND-CP-excerpt.txt")
    assert [p.path for p in doc.walk() if p.kind not in ("paragraph", "bullet")] == [
        "d2", "d2.1", "d2.2", "d2.2.a", "d2.2.b", "d2.2.c", "d2.2.d", "d2.3", "d3", "d3.1",
    ]
    point = doc.find("d2.2.b")
    assert point is not None
    assert "\nb) Cơ quan, tổ chức, cá nhân nộp 01 bộ hồ sơ" in point.text
    assert "\nc) Thông báo kết quả xử lý hồ sơ:" in point.text
    following = doc.find("d2.2.c")
    assert following is not None
    assert following.text.startswith("Sửa đổi, bổ sung khoản 6 như sau:")
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


def test_a_curly_quote_closed_by_a_straight_one_closes() -> None:
    """Nghị định 226/2025/NĐ-CP, Điều 7 khoản 2 điểm a: ``- Cụm từ “Mẫu quyết định … số
    151/2025/NĐ-CP" tại khoản 4 Điều 3;`` opens with a curly quote and closes with a
    straight one. Before this round the quotation stayed open and items 3 and 4 of Điều 7,
    with their points, were text of point 2.a."""
    doc = parsed("226-2025-ND-CP-dieu-7-excerpt.txt")
    assert [p.path for p in doc.walk() if p.kind not in ("paragraph", "bullet")] == [
        "d7", "d7.1", "d7.1.a", "d7.2", "d7.2.a", "d7.2.b",
        "d7.3", "d7.3.a", "d7.3.b", "d7.3.c", "d7.4", "d7.4.a",
    ]
    item = doc.find("d7.3")
    assert item is not None
    assert (item.heading or "").startswith("Thay thế, bổ sung, bãi bỏ các điều")
