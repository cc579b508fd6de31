"""An annex begins at its "(Kèm theo Quyết định số …)" line, not at the decision's own
sentence "Ban hành kèm theo Quyết định này Kế hoạch …" printed on the line after a bare
"Điều 1." heading: that read made Điều 1 the title of a false annex and renumbered the
real plan (Quyết định 2623/QĐ-TTg, fixture cited in tests/fixtures/SOURCES.md). Over the
493 benchmark documents the same misreading swallowed whole decrees into an annex from
their "Ban hành kèm theo Nghị định này các phụ lục sau đây:" on (Nghị định 105/2025 and
136/2020) and cut forms in two at "Kèm theo Báo cáo này có các giấy tờ sau đây:"
(Nghị định 151/2025); every one of the 8 documents whose ids changed was read."""

from __future__ import annotations

import pytest

from parsers import parse_document
from parsers.zones import OWN_SENTENCE, is_annex_marker
from tests.parsing.conftest import parsed


def test_the_decisions_articles_stay_articles_and_the_plan_is_the_one_annex() -> None:
    doc = parsed("2623-QD-TTg-2025.md")
    top = [(p.kind, p.label) for p in doc.provisions]
    assert ("article", "1") in top and ("article", "2") in top and ("article", "3") in top
    annexes = [p for p in doc.provisions if p.kind == "annex"]
    assert [a.label for a in annexes] == ["1"]
    assert "TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN" in (annexes[0].heading or "")
    article = doc.find("d1")
    assert article is not None and article.text.startswith(
        "Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Bảo vệ")


@pytest.mark.parametrize(("line", "marker"), [
    ("(Kèm theo Quyết định số 2623/QĐ-TTg ngày 29 tháng 11 năm 2025 của Thủ tướng Chính phủ)",
     True),
    ("(Kèm theo Nghị định số: 136/2020/NĐ-CP ngày 24 tháng 11 năm 2020 của Chính phủ)", True),
    ("*(Ban hành kèm theo Quyết định số: /2025/QĐ-UBND", True),
    ("Kèm theo Nghị định số 151/2025/NĐ-CP ngày 12 tháng 6 năm 2025", True),
    ("Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu", False),
    ("Ban hành kèm theo Nghị định này các phụ lục sau đây:", False),
    ("Kèm theo Báo cáo này có các giấy tờ sau đây:", False),
    ("Ban hành kèm theo Quyết định này 01 (Một) Quy trình giải", False),
])
def test_anis_annex_marker_names_another_document_not_this_one(line: str, marker: bool) -> None:
    assert is_annex_marker(line.lstrip("*")) is marker
    assert bool(OWN_SENTENCE.match(line.lstrip("*"))) is not marker


def test_a_bare_article_heading_keeps_its_sentence() -> None:
    text = ("QUYẾT ĐỊNH:\n\n**Điều 1.**\nBan hành kèm theo Quyết định này Kế hoạch.\n\n"
            "**Điều 2. **Quyết\nđịnh này có hiệu lực.\n")
    doc = parse_document(text, name="t")
    assert [(p.kind, p.label) for p in doc.provisions if p.kind != "paragraph"] == [
        ("article", "1"), ("article", "2")]
