"""A dash that ends in a colon announces the list printed under it (issue 10, class 7).

A crawled plan of the Ủy ban nhân dân Thành phố Hồ Chí Minh for simplifying procedures
(fixture cited in tests/fixtures/SOURCES.md) prints, under procedure ``**7. **Tên thủ tục
hành chính: …``, the dash ``- Thời gian giải quyết theo quy định:`` and then the two
cases ``1. Đối với trường hợp gia hạn, …`` / ``2. Đối với trường hợp cấp lại …``. Those
are the dash's list, not procedures 1 and 2 again. A paragraph or a numbered provision
ending so already took such a restarting list (``tree._adopt_restart``); a dash did not.

Blind score on main (17b1cf0), before the rule: 0 of 1, the cases became ``ptA.1_2`` and
``ptA.2_2`` beside procedures 1 and 2, with two duplicate_label warnings. Over the 493
bench documents the rule changes 1 document (this page, twice: 4 ids, each a fix).
"""

from __future__ import annotations

from parsers import parse_document
from tests.parsing.conftest import parsed


def test_the_cases_hang_under_the_dash_that_announces_them() -> None:
    doc = parsed("UBND-HCM-phuong-an-don-gian-hoa-excerpt.md")
    # the dash sits in point "a. Nội dung cắt giảm …" of procedure 7 (lines 44-57), a
    # point printed with a dot (test_issue10_round12.py), no longer beside it
    dash = doc.find("ptA.7.a.1")
    assert dash is not None and dash.text == "Thời gian giải quyết theo quy định:"
    assert [(p.path, p.label) for p in dash.children] == [
        ("ptA.7.a.1.1", "1"), ("ptA.7.a.1.2", "2")]
    assert dash.children[0].heading is not None
    assert dash.children[0].heading.startswith("Đối với trường hợp gia hạn")
    assert not any("_" in p.path for p in doc.walk())
    assert not any(w.code == "duplicate_label" for w in doc.warnings)
    assert [p.label for p in doc.walk() if p.kind == "item" and "." not in p.path[4:]] == [
        "1", "2", "7"]  # the procedures themselves keep their numbers


def test_a_dash_without_a_colon_announces_nothing() -> None:
    text = "Điều 1. Phạm vi\n1. Gồm:\n- Thời gian giải quyết: 07 ngày.\n1. Đối với trường hợp.\n"
    doc = parse_document(text, name="t")
    assert "d1.1_2" in [p.path for p in doc.walk()]  # a true repeat stays one, warned
    assert any(w.code == "duplicate_label" and w.line == 4 for w in doc.warnings)
