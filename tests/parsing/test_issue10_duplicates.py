"""Issue 10, class 7 (duplicate labels), the classes left after the sixth round.

Each text is a real document or quotes lines of one, cited in ``tests/fixtures/SOURCES.md``
("issue 10, class 7, parser8"); the expected trees were written from reading them.
"""

from __future__ import annotations

from pathlib import Path

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
