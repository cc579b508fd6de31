"""The letter đ in labels (issue 10, class 7, duplicate labels).

A point list runs a, b, c, d, đ, e. A text that lost the stroke prints ``d)`` twice in a
row; the second is the ``đ)`` a reader cites, not a repeat: Nghị định 06/2021, Điều 52
khoản 3 prints "d) Bộ Công Thương …" / "d) Bộ Quốc phòng, Bộ Công an …" and then khoản 4
(the published decree has ``đ)`` there), while khoản 1 and 4 print ``đ)``. Form numbers
``Mẫu số 14d`` and ``Mẫu số 14đ`` (Nghị định 151/2025, Phụ lục II) are two forms, and
their ids must differ (``mau14d``, ``mau14dd``), as 15d and 15đ, which collided as
``mau15d``/``mau15d_2``. Fixtures cited in tests/fixtures/SOURCES.md.

Blind score on main (17b1cf0), before the rule: 0 of 2, ``d52.3.d_2`` with a
duplicate_label warning, and both forms ``mau14d``. Over the 493 bench documents the
stroke rule changes 3 documents (4 points, each printed ``d)`` / ``d)`` before ``e)`` or
the list's end); the form rule renames the forms numbered with a letter đ (14đ, 15đ) in 1 document.
"""

from __future__ import annotations

from parsers import parse_document, vntext
from tests.parsing.conftest import parsed


def test_a_second_d_point_in_a_row_is_dd_with_a_warning_naming_its_line() -> None:
    doc = parsed("06-2021-ND-CP-dieu-52-excerpt.txt")
    clause = doc.find("d52.3")
    assert clause is not None
    assert [(p.path, p.label) for p in clause.children][-2:] == [
        ("d52.3.d", "d"), ("d52.3.đ", "d")]  # the label as printed, the id as cited
    assert clause.children[-1].text.startswith("Bộ Quốc phòng, Bộ Công an")
    assert not any("_" in p.path for p in doc.walk())
    ocr = [w for w in doc.warnings if w.code == "suspected_ocr"]
    assert [w.line for w in ocr] == [20]  # line 20 of the fixture: "d) Bộ Quốc phòng"
    assert not any(w.code == "duplicate_label" for w in doc.warnings)


def test_a_printed_dd_beside_two_ds_keeps_the_duplicate() -> None:
    text = "Điều 1. Phạm vi\n1. Gồm:\na) A;\nd) B;\nd) C;\nđ) D.\n"
    doc = parse_document(text, name="t")
    assert [p.path for p in doc.walk()][-3:] == ["d1.1.d", "d1.1.d_2", "d1.1.đ"]
    assert any(w.code == "duplicate_label" and w.line == 5 for w in doc.warnings)


def test_forms_14d_and_14dd_get_two_ids() -> None:
    doc = parsed("151-2025-ND-CP-mau-14-excerpt.txt")
    forms = {p.heading: p.path.split(".")[-1] for p in doc.walk() if p.kind == "form"}
    assert forms == {
        "Thông tin, dữ liệu chi tiết về giá đất": "mau14d",
        "Thông tin, dữ liệu chi tiết về điều tra, đánh giá, Bảo vệ, cải tạo, phục hồi đất":
            "mau14dd",
    }


def test_label_slug_keeps_dd_apart() -> None:
    assert vntext.label_slug("15đ") != vntext.label_slug("15d")
    assert vntext.label_slug("01/HTĐT") == "01-htdt"  # an issuer's code: ids unchanged
