"""An article whose bold label is followed, on the same line, by the first words of its
sentence ("**Điều 2. **Giao" / "Sở Công Thương chủ trì, …"): a conversion of 2025
decisions wraps the text right after the label. The sentence, to its full stop, is the
article's text, not a title cut at the line's end; a title wrapped so ends on no
punctuation and keeps being a title. Lines quoted byte for byte from real documents:
Quyết định 2623/QĐ-TTg (fixture, tests/fixtures/SOURCES.md), and two crawled decisions of
the benchmark collection (tnt305/tai_lieu_noi_bo, ``src/etl/dataset``): Quyết định
2015/QĐ-UBND of Ủy ban nhân dân tỉnh An Giang (18/11/2025) and 2914/QĐ-UBND of Ủy ban nhân
dân tỉnh Hà Tĩnh (24/11/2025). Over the 493 benchmark documents 107 change, each diffed:
139 article titles that were a sentence's first words ("Giao", "Chánh", "Sở", "Quyết định
này có hiệu lực …") became text, 36 paragraphs that were a sentence's broken pieces joined
it, and 11 sentences after it, glued to the cut title before, are paragraphs of their own."""

from __future__ import annotations

from parsers import parse_document
from tests.parsing.conftest import parsed

AN_GIANG = (  # Quyết định 2015/QĐ-UBND, An Giang, Điều 4
    "**Điều 4. **Chánh Văn phòng\n"
    "Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính, Thủ trưởng các Sở, ban, ngành tỉnh;\n"
    "Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu và các tổ chức, cá nhân có\n"
    "liên quan chịu trách nhiệm thi hành Quyết định này./.\n"
)
HA_TINH = (  # Quyết định 2914/QĐ-UBND, Hà Tĩnh, Điều 4
    "**Điều 4. **Hiệu lực và\n"
    "trách nhiệm thi hành\n"
    "\n"
    "Quyết định này có hiệu lực kể\n"
    "từ ngày ban hành;\n"
)


def _article(text: str):  # noqa: ANN202
    doc = parse_document("QUYẾT ĐỊNH:\n\n" + text, name="t")
    (article,) = [p for p in doc.provisions if p.kind == "article"]
    return article


def test_the_sentence_after_a_bold_label_is_the_articles_text() -> None:
    article = _article(AN_GIANG)
    assert article.heading is None
    assert article.text.startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài")
    assert article.text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert not article.children


def test_a_title_wrapped_after_a_bold_label_stays_the_title() -> None:
    article = _article(HA_TINH)
    assert article.heading == "Hiệu lực và trách nhiệm thi hành"
    assert "Quyết định này có hiệu lực kể từ ngày ban hành;" in (
        article.text + " ".join(c.text for c in article.children))


def test_the_decisions_third_article_is_one_sentence() -> None:
    article = parsed("2623-QD-TTg-2025.md").find("d3")
    assert article is not None and article.heading is None
    assert article.text.startswith("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan")
    assert article.text.endswith("chịu trách nhiệm thi hành Quyết định này.")
