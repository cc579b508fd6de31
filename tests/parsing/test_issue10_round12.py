"""Issue 10, class 7, twelfth round: labels printed again under one parent (``_2`` ids).

Fixtures are excerpts of real documents cited in ``tests/fixtures/SOURCES.md``; every
expected tree below was written from reading the fixture's lines (numbers given), not from
what the parser returned. Before this round each case gave ids ending in ``_2``.
"""

from __future__ import annotations

from parsers import parse_document

from .conftest import parsed


def _tree(prefix: str, name: str) -> list[tuple[str, str, str]]:
    doc = parsed(name)
    return [(p.path, p.kind, p.text[:30]) for p in doc.walk() if p.path.startswith(prefix)]


def test_empty_form_fields_take_no_text_and_repeat_no_label() -> None:
    """Mẫu số 18, lines 41-54: field 3 lists ``(1) Giấy chứng nhận đã cấp;`` and two empty
    fields ``(2)``, ``(3)``; then the declaration, then the guide whose notes ``(1)``-``(4)``
    explain the form's marks. Main joined ``(2) (3) Cam đoan …`` into one field and hung
    the notes under it and beside it (``mau18.2_2``, ``mau18.3_2``)."""
    assert _tree("pl1.mau18.3", "151-2025-ND-CP-empty-fields-excerpt.txt") == [
        ("pl1.mau18.3", "item", "Giấy tờ liên quan đến nội dung"),
        ("pl1.mau18.3.1", "enumeration", "Giấy chứng nhận đã cấp;"),
        ("pl1.mau18.3.2", "enumeration", ""),
        ("pl1.mau18.3.3", "enumeration", ""),
    ]
    guide = _tree("pl1.mau18.p", "151-2025-ND-CP-empty-fields-excerpt.txt")
    assert guide == [
        ("pl1.mau18.p1", "paragraph", "Cam đoan nội dung kê khai trên"),
        ("pl1.mau18.p2", "paragraph", "Hướng dẫn kê khai đơn:"),
        ("pl1.mau18.p2.1", "enumeration", "Đối với hộ gia đình, cá nhân, "),
        ("pl1.mau18.p2.2", "enumeration", "Ghi thông tin như trên giấy ch"),
        ("pl1.mau18.p2.3", "enumeration", "Ghi nội dung biến động như: “n"),
        ("pl1.mau18.p2.4", "enumeration", "Ghi các loại giấy tờ nộp kèm t"),
    ]
    doc = parsed("151-2025-ND-CP-empty-fields-excerpt.txt")
    note1 = next(p for p in doc.walk() if p.path == "pl1.mau18.p2.1")
    assert "Đối với tổ chức trong nước" in note1.text  # line 49 goes on with note (1)
    assert not any("_" in p.path for p in doc.walk())


def test_a_run_of_empty_fields_after_a_lead_in() -> None:
    """Mẫu số 15, lines 21-25: ``5. Những giấy tờ nộp kèm theo(19):`` then three empty
    fields and the declaration, a paragraph of the form (main: ``(1)`` joined the lead-in,
    ``(2) (3) Tôi/chúng tôi …`` one paragraph)."""
    assert _tree("pl1.mau15", "151-2025-ND-CP-empty-fields-excerpt.txt")[-5:] == [
        ("pl1.mau15.5", "item", "Những giấy tờ nộp kèm theo(19)"),
        ("pl1.mau15.5.1", "enumeration", ""),
        ("pl1.mau15.5.2", "enumeration", ""),
        ("pl1.mau15.5.3", "enumeration", ""),
        ("pl1.mau15.p1", "paragraph", "Tôi/chúng tôi xin cam đoan nội"),
    ]


def test_column_numbers_and_placeholders_are_no_fields() -> None:
    """``(1)`` / ``(2)`` without a lead-in (the placeholders atop a form, under its title)
    and ``(N)`` after a blank (a table's column numbers, a ``|`` line between) stay text."""
    atop = "Điều 1. Phạm vi\nNội dung.\nPHỤ LỤC\n(Kèm theo Nghị định số 1/2025/NĐ-CP)\n" \
        "Mẫu số 01. Đơn\n(1)\n(2)\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    doc = parse_document(atop, name="t")
    assert not any(p.kind == "enumeration" for p in doc.walk())
    columns = "Điều 1. Bảng giá\nGiá như sau:\n\n(1)\n\n(2)\n\n(3)\n"
    doc = parse_document(columns, name="t")
    assert not any(p.kind == "enumeration" for p in doc.walk())


def test_what_a_form_goes_with_opens_no_annex() -> None:
    """Mẫu số 14d and 14đ (fixture lines 9-16) each print ``(Kèm theo Phiếu yêu cầu cung
    cấp thông tin, dữ liệu đất đai)`` under their title: the form goes with that request,
    it is no annex of the decree. Main opened an annex there, so 14đ was ``pl2.mau14dd``
    under a false annex titled by 14d's title (and in the whole decree 11 false annexes
    took the forms from 14b to 49 out of Phụ lục II)."""
    doc = parsed("151-2025-ND-CP-mau-14-excerpt.txt")
    annexes = [p for p in doc.provisions if p.kind == "annex"]
    assert [(a.path, [c.path for c in a.children]) for a in annexes] == [
        ("pl1", ["pl1.mau14d", "pl1.mau14dd"])
    ]


def test_an_annex_after_a_form_still_opens() -> None:
    """The next annex's own name between: ``PHỤ LỤC III`` / ``(Kèm theo Nghị định …)``
    right after a form's last line opens Phụ lục III."""
    text = (
        "Điều 1. Phạm vi\nNội dung.\nPHỤ LỤC II\n(Kèm theo Nghị định số 151/2025/NĐ-CP)\n\n"
        "Mẫu số 49. Văn bản đề nghị\nNỘI DUNG\nPHỤ LỤC III\n"
        "(Kèm theo Nghị định số 151/2025/NĐ-CP)\n1. Danh mục.\n"
    )
    doc = parse_document(text, name="t")
    assert [p.path for p in doc.provisions if p.kind == "annex"] == ["pl1", "pl2"]
