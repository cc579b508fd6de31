"""Annexes of an English translation are annexes (issue 10, class 7).

Circular 44/2025/TT-BYT of 22/11/2025 (Ministry of Health), English translation as
crawled (fixture cited in tests/fixtures/SOURCES.md), prints each annex as
``**APPENDIX V**`` / ``LETTER OF`` / ``AUTHORIZATION TEMPLATE`` / ``*(Enclosed with
Circular No. 44/2025/TT-BYT … of the Minister of Health of Vietnam) *``: the English
"(Kèm theo …)". Read by hand: the excerpt has Article 2's heading, then Appendix II
(whose form has parts I. Manufacturing site(s) with fields 1-2 and II. Name of Product(s)
with field 1), Appendix V (a letter), Appendix VI (then a table whose part II starts
with row 2.1). The two parts II lie in different appendices.

Blind score at 7d49250, before the rule: 0 of 1. No annex was found: the parts I, II and
the table's II all hung at the top level, the table's as ``II_2`` with a duplicate_label
warning, and the three appendices' text became part of Article 2 and of part II. On the
whole page (bench page ``tvpl/c6ee6d0ebeddee6c.md``) the rule takes 623 ``_N`` ids and one
warning away; over the other 492 bench documents no ``_N`` id or warning changes.
"""

from __future__ import annotations

from tests.parsing.conftest import parsed

FIXTURE = "44-2025-TT-BYT-en-appendices-excerpt.md"


def test_enclosed_with_opens_an_annex_headed_by_its_appendix_name() -> None:
    doc = parsed(FIXTURE)
    annexes = [(p.path, p.heading.split(" (Enclosed")[0]) for p in doc.provisions
               if p.kind == "annex" and p.heading]
    assert annexes == [
        ("pl1", "APPENDIX II PERSONNEL LIST TEMPLATE"),
        ("pl2", "APPENDIX V LETTER OF AUTHORIZATION TEMPLATE"),
        ("pl3", "APPENDIX VI CONFIRMATION OF ELIGIBILITY FOR WARRANTY TEMPLATE"),
    ]


def test_each_appendix_numbers_its_parts_from_i_again() -> None:
    doc = parsed(FIXTURE)
    sections = [p.path for p in doc.walk() if p.kind == "section"]
    assert sections == ["pl1.I", "pl1.II", "pl3.II"]
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]
    assert doc.find("pl1.II.1") is not None and doc.find("pl1.II.1").text == "Product name:"


def test_the_appendix_name_is_not_left_in_the_text_above_it() -> None:
    doc = parsed(FIXTURE)
    article = doc.find("d2")
    assert article is not None and "APPENDIX" not in article.text
    assert not [p.path for p in doc.walk() if p.text.startswith("APPENDIX")]


def test_a_phu_luc_title_over_several_lines_is_the_annexs_heading() -> None:
    """The same rule for the Vietnamese layout ``**PHỤ LỤC**`` / title over one or more
    lines / ``(Ban hành kèm theo …)`` (Thông tư 60/2025/TT-BCT's Phụ lục, Quyết định
    1630/QĐ-UBND's, fixtures cited in SOURCES.md). Blind at 7d49250: 0 of 2. The annex
    heading kept only the title's last line; in the circular ``PHỤ LỤC`` and the title's
    first line became two paragraphs of Điều 21 (``d21.p1``, ``d21.p2``); in the decision
    ``PHỤ LỤC`` and the title's first two lines were left out of the annex."""
    circular = parsed("60-2025-TT-BCT-phu-luc-excerpt.md")
    annex = circular.find("pl1")
    assert annex is not None and (annex.heading or "").startswith(
        "PHỤ LỤC BIỂU MẪU GIÁ BÁN ĐIỆN ÁP DỤNG CHO CÁC NHÓM KHÁCH HÀNG SỬ DỤNG ĐIỆN")
    assert [c.path for c in circular.find("d21").children] == ["d21.1"]  # type: ignore[union-attr]
    decision = parsed("1630-QD-UBND-2025-quang-ngai.md")
    annex = decision.find("pl1")
    assert annex is not None and (annex.heading or "").startswith(
        "PHỤ LỤC DANH MỤC VÀ NỘI DUNG THỦ TỤC HÀNH CHÍNH NỘI BỘ TRONG LĨNH VỰC DÂN TỘC")
