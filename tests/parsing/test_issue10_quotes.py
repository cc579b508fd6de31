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
