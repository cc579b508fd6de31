"""Forms named in a procedure's field are names, not forms (issue 10, class 7).

Quyết định 1521/QĐ-UBND of 22/11/2025 (Chủ tịch UBND tỉnh Bắc Ninh, special procedures,
as crawled; fixture cited in tests/fixtures/SOURCES.md) prints in Phụ lục 3, under the
field "Tên mẫu đơn, mẫu tờ khai…", the lines ``Mẫu số 01: Đơn đề nghị chấp`` / ``thuận
…`` / ``Mẫu số 02: Văn bản chấp thuận`` / ``thiết kế …``, one name right under the other,
and prints the forms themselves after the procedure. A form label printed on the line
right after another form's label (no blank, no line of a form between) names it.

Blind score on main (17b1cf0), before the rule: 0 of 1: the second name became a form
``mau02`` that took the procedure's "Căn cứ pháp lý" bullets as its lines, and on the
whole page the form printed later under that number became ``mau02_2``. Over the 493
bench documents the rule changes 1 document (this page): its two listed names become
text of their procedure and each printed form keeps the plain id (mau02, mau01 for the
first procedure's); the second procedure's own forms, numbered 01 and 02 again, keep
``mau01_2``/``mau02_2`` with their duplicate_label warnings (a structure of forms per
procedure the parser does not build yet).

Fifteenth round: it builds it. ``**Tên thủ`` / ``tục số 1**`` (line 72) heads procedure 1
(``pl1.r1``, its name the title, its fields its text up to the legal bases' bullets), and
the form printed after it is ``pl1.r1.mau01``; on the whole page procedure 2's forms are
``pl3.r2.mau01``, ``pl3.r2.mau02`` (no ``_2`` left).
"""

from __future__ import annotations

from tests.parsing.conftest import parsed


def test_listed_form_names_are_text_and_the_printed_form_keeps_its_number() -> None:
    doc = parsed("1521-QD-UBND-2025-bac-ninh-nut-giao-excerpt.md")
    forms = [(p.path, p.heading) for p in doc.walk() if p.kind == "form"]
    assert forms == [("pl1.r1.mau01", "Đơn đề nghị chấp thuận thiết kế nút giao đấu nối vào "
                      "đường địa phương đang khai thác")]
    procedure = doc.find("pl1.r1")
    assert procedure is not None and procedure.kind == "row"
    assert procedure.heading == ("Chấp thuận thiết kế nút giao đấu nối vào quốc lộ, đường địa "
                                 "phương đang khai thác.")
    names = [ln for ln in procedure.text.splitlines() if ln.startswith("Mẫu số 0")]
    assert [n.split(":")[0] for n in names] == ["Mẫu số 01", "Mẫu số 02"]
    bullets = [p for p in doc.walk() if p.text.startswith("Nghị định số 165/2024/NĐ-CP")]
    assert [p.path for p in bullets] == ["pl1.r1.p1"]  # the field's, not a form's line
