"""Issue 10, class 7, fifteenth round: labels printed again under one parent (``_2`` ids).

Fixtures are cited in ``tests/fixtures/SOURCES.md``; every expected tree below was written
from reading the fixture's lines (numbers given), not from what the parser returned. Before
this round each case gave ids ending in ``_2``.
"""

from __future__ import annotations

from .conftest import parsed

PROCEDURE = "268-2025-ND-CP-thu-tuc-excerpt.md"


def _tree(name: str, prefix: str = "") -> list[tuple[str, str, str]]:
    return [(p.path, p.kind, (p.heading or p.text)[:30])
            for p in parsed(name).walk() if p.path.startswith(prefix)]


def test_italic_roman_headings_inside_a_procedure_step() -> None:
    """Lines 3-34: ``1. Trình tự thực hiện:`` prints its step 2 as three italic headings
    ``*I) …*``, ``*II) …*``, ``*III) …*``, each over a list numbered from ``1.``; a
    paragraph between ``2.`` and ``3.`` (line 22) does not end II's list; ``**2. Cách thức
    thực hiện:**`` (line 36) is the procedure's next field. Main read ``I)`` as text of the
    step, ``II)`` as a paragraph taking every list after it, and gave ``2_2``."""
    assert _tree(PROCEDURE, "1") == [
        ("1", "item", "Trình tự thực hiện:"),
        ("1.I", "section", "Xét duyệt nhiệm vụ đổi mới sán"),
        ("1.I.1", "item", "Trong thời hạn 30 ngày kể từ n"),
        ("1.I.1.a", "point", "Tự xét duyệt;"),
        ("1.I.1.b", "point", "Thành lập Hội đồng xét duyệt;"),
        ("1.I.1.c", "point", "Thuê tổ chức tư vấn xét duyệt."),
        ("1.I.2", "item", "Hoàn thiện hồ sơ: tổ chức đề x"),
        ("1.I.p1", "paragraph", "Trường hợp hồ sơ không được ch"),
        ("1.II", "section", "Thẩm định kinh phí nhiệm vụ đổ"),
        ("1.II.1", "item", "Kiểm tra việc hoàn thiện hồ sơ"),
        ("1.II.2", "item", "Đánh giá sự phù hợp của dự toá"),
        ("1.II.p1", "paragraph", "Trong trường hợp cần thiết, cơ"),
        ("1.II.3", "item", "Rà soát nội dung hỗ trợ và xác"),
        ("1.III", "section", "Phê duyệt nhiệm vụ đổi mới sán"),
        ("1.III.1", "item", "Trong thời hạn 10 ngày kể từ n"),
        ("1.III.p1", "paragraph", "Trường hợp không phê duyệt thì"),
        ("1.III.2", "item", "Thông tin phê duyệt nhiệm vụ đ"),
    ]
    doc = parsed(PROCEDURE)
    assert doc.find("1").text.endswith("Bước 2: Xử lý hồ sơ")  # line 7: not joined to I)
    assert doc.find("1.II").text.startswith("Trên cơ sở kết quả xét duyệt")  # line 20
    assert [p.path for p in doc.provisions] == ["p1", "1", "2", "3"]
    assert not any("_" in p.path for p in doc.walk())


def test_a_wrapped_grade_is_no_heading() -> None:
    """``(hạng`` / ``II) lên …`` (a grade a hard wrap put first on its line, not in
    italics) stays text of its point."""
    from parsers import parse_document

    doc = parse_document(
        "Điều 7. Nghiên cứu viên chính\n"
        "e) Viên chức thăng hạng từ nghiên cứu viên (hạng\n"
        "III) lên nghiên cứu viên chính (hạng II) phải có thời gian giữ hạng đủ 09 năm.\n"
    )
    assert [(p.path, p.kind) for p in doc.walk()] == [("d7", "article"), ("d7.e", "point")]
    assert "III) lên nghiên cứu viên chính" in doc.find("d7.e").text


def test_a_step_cited_at_a_line_end_is_no_item() -> None:
    """Lines 11-14: ``… theo quy định tại bước`` / ``3. Trong thời hạn 03 tháng …``: the
    wrap put the cited step's number first on the line. Main made it item ``3`` of the
    procedures' outline, holding the rest of procedure 1 (and in the whole page the next
    procedure became ``2_2``)."""
    doc = parsed("163-2025-ND-CP-thu-tuc-excerpt.md")
    assert [(p.path, p.kind) for p in doc.walk()] == [
        ("1", "item"), ("1.1", "bullet"), ("1.2", "bullet"), ("2", "item"),
    ]
    assert "theo quy định tại bước 3. Trong thời hạn 03 tháng" in doc.find("1").text
    assert any(w.code == "heading_in_text" for w in doc.warnings)


def test_a_blanks_footnote_mark_first_on_its_line_is_text() -> None:
    """Line 11: ``(1) ...................`` under ``Kính gửi: Sở Y tế ............``, the mark
    of the blank's note that the wrap put first on the line, is text of the form; the notes
    ``(1)``-``(3)`` after the signature (lines 24-28) are the enumeration. Main made the
    blank ``(1)``, gave it the whole form as text, and the first note ``1_2``."""
    doc = parsed("163-2025-ND-CP-mau-don-excerpt.md")
    enumerations = [(p.path, p.text[:25]) for p in doc.walk() if p.kind == "enumeration"]
    assert enumerations == [
        ("1", "Ủy ban nhân dân địa phươn"),
        ("2", "Tên của cá nhân đứng đơn "),
        ("3", "Trường hợp tổ chức xin nh"),
    ]
    assert any(p.text == "(1) ..................." for p in doc.walk())
    assert not any("_" in p.path for p in doc.walk())


def test_a_list_of_blanks_stays_a_list() -> None:
    """``(1) ……`` / ``(2) ……``: blanks to fill in, one after another, are enumerations."""
    from parsers import parse_document

    doc = parse_document("Tài liệu gửi kèm:\n(1) ……………………\n(2) ……………………\n")
    assert [p.kind for p in doc.walk()][-2:] == ["enumeration", "enumeration"]


def test_each_procedure_holds_its_own_forms() -> None:
    """Quyết định 1521/QĐ-UBND (Bắc Ninh), Phụ lục 3: ``**Tên thủ`` / ``tục số 1**`` (lines
    70-71) and ``**Tên thủ`` / ``tục số 2**`` (lines 152-153) head two procedures, each
    printing its forms from ``Mẫu số 01`` again (lines 124, 173, 191). Main hung every
    form on the annex: the second procedure's form 01 became ``mau01_2``."""
    doc = parsed("1521-QD-UBND-2025-bac-ninh-thu-tuc-2-excerpt.md")
    assert [(p.path, p.kind, (p.heading or "")[:30]) for p in doc.walk()
            if p.kind in ("row", "form")] == [
        ("pl1.r1", "row", "Chấp thuận thiết kế nút giao đ"),
        ("pl1.r1.mau01", "form", "Đơn đề nghị chấp thuận thiết k"),
        ("pl1.r2", "row", "Cấp phép thi công nút giao đấu"),
        ("pl1.r2.mau01", "form", "Đơn đề nghị cấp phép thi công "),
        ("pl1.r2.mau02", "form", "Mẫu Giấy phép thi công nút gia"),
    ]
    assert not any("_" in p.path for p in doc.walk())


def test_a_lead_in_announcing_fields_again_holds_them() -> None:
    """Lines 11-13: after field ``11.`` of a form's guide, ``Riêng đối với quy định QDMTT, …
    khai theo hướng dẫn sau:`` explains fields ``9.`` and ``11.`` again for a joint venture.
    The lead-in is no text of field 11; it holds the fields it announces. Main appended it
    to field 11 and gave ``9_2``, ``11_2``."""
    doc = parsed("236-2025-ND-CP-mau-01-tm-excerpt.txt")
    assert [(p.path, p.kind, (p.heading or p.text)[:24]) for p in doc.walk()
            if not p.path.startswith(("1", "2", "3", "p1"))] == [
        ("9", "item", "Đồng tiền sử dụng lập Bá"),
        ("p2", "paragraph", "Riêng đối với quy định Q"),
        ("p2.9", "item", "Đồng tiền sử dụng lập Bá"),
        ("p2.11", "item", "Bảng thuyết minh giải tr"),
        ("p3", "paragraph", "Cột (4): Khai tên các ch"),
    ]
    assert doc.find("11").text.endswith("Cột (8) = (7) - (6)")
    assert not any("_" in p.path for p in doc.walk())


def test_fields_a_guide_skips_go_on_in_its_own_list() -> None:
    """Lines 16-22: under ``14.1.`` the guide explains fields ``1.`` and ``6.`` (2-5 are
    the table's common columns), the bullets of field 6, ``Chỉ tiêu 7-11: …`` in running
    text, then ``12.``, ``13.``. Each skips to the list of ``14.1.``, whose last field is
    below it, not to the guide's own fields 6, 12, 13 (lines 7, 13, 14): main gave
    ``6_2``, ``12_2``, ``13_2``."""
    assert _tree("236-2025-ND-CP-chi-tieu-excerpt.txt", "14") == [
        ("14", "item", "Thông tin tính toán của các đơ"),
        ("14.14.1", "item", "Điều chỉnh thu nhập hoặc lỗ th"),
        ("14.14.1.1", "item", "Quốc gia đơn vị hợp thành cư t"),
        ("14.14.1.6", "item", "Cơ sở của sự điều chỉnh: Khai "),
        ("14.14.1.6.1", "bullet", "Điểm 7.2 Mục III Phụ lục 2;"),
        ("14.14.1.6.2", "bullet", "Điểm 8.5 Mục III Phụ lục 2."),
        ("14.14.1.p1", "paragraph", "Chỉ tiêu 7-11: Khai số liệu tư"),
        ("14.14.1.12", "item", "Tỷ lệ nắm giữ quyền sở hữu trự"),
        ("14.14.1.13", "item", "Giá trị điều chỉnh giảm thu nh"),
    ]
    assert not any("_" in p.path for p in parsed("236-2025-ND-CP-chi-tieu-excerpt.txt").walk())
