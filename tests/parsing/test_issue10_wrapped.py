"""Issue 10, class 2 (wrapped running text that begins with a heading word), parser10: a
citation wrapped after the clause it names (``… tại khoản 3`` / ``Điều 1.``).

The fixture quotes lines of a crawled Nghị quyết of HĐND thành phố Huế (2025) byte for
byte, cited in ``tests/fixtures/SOURCES.md`` ("issue 10, parser10"); the expected tree
was written from reading them. Before this round the line ``Điều 1.`` became an article
after Điều 3, and items 3 and 4 of Điều 3 its clauses (``d1_2.3``, ``d1_2.4`` on the whole
page)."""

from __future__ import annotations

from tests.parsing.conftest import parsed

FIXTURE = "NQ-HDND-2025-hue-excerpt.md"


def test_an_article_label_after_a_cited_clause_is_text() -> None:
    doc = parsed(FIXTURE)
    assert [p.path for p in doc.walk()] == [
        "d2", "d2.1", "d2.2", "ch2", "d3", "d3.1", "d3.2", "d3.3", "d3.4",
    ]
    item = doc.find("d3.2")
    assert item is not None
    assert item.text.endswith("thành “Liên minh Hợp tác xã thành phố” tại khoản 3 Điều 1.")
    assert [w.code for w in doc.warnings if w.code == "duplicate_label"] == []
