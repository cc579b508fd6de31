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
        ("pl1.mau18.p2", "form", ""),  # the guide, titled "Hướng dẫn kê khai đơn:"
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


def test_points_printed_with_a_dot() -> None:
    """A crawled plan of UBND TP. Hồ Chí Minh (``UBND-HCM-phuong-an-don-gian-hoa-excerpt.md``,
    lines 7-31 and 35-69): each procedure ``**1. **Tên thủ tục …`` has points ``a. Nội
    dung cắt giảm …`` (with its dashes), ``b. Lý do``, ``c. Lợi ích``, ``d. Kiến nghị
    thực thi``. Main read the points as paragraphs beside the procedures (``ptA.p1`` …),
    so a procedure's dashes hung under the procedure while its points did not."""
    doc = parsed("UBND-HCM-phuong-an-don-gian-hoa-excerpt.md")
    tree = [(p.path, p.kind) for p in doc.walk() if p.path.startswith("ptA.1")]
    assert tree == [
        ("ptA.1", "item"),
        ("ptA.1.a", "point"), ("ptA.1.a.1", "bullet"), ("ptA.1.a.2", "bullet"),
        ("ptA.1.b", "point"), ("ptA.1.c", "point"), ("ptA.1.d", "point"),
    ]
    seven = [p.path for p in doc.walk() if p.path.startswith("ptA.7.") and p.kind == "point"]
    assert seven == ["ptA.7.a", "ptA.7.b", "ptA.7.c", "ptA.7.d"]
    lydo = doc.find("ptA.1.b")
    assert lydo is not None and (lydo.label, lydo.text[:7]) == ("b", "Lý do: ")


# Dotted letters that open no point: (text, the labels of the points it has)
NOT_A_LIST = [
    # "i." opening an article's clauses (a "1." misread; a crawled circular of 2025)
    ("Điều 5. Sửa đổi\ni. Sửa đổi, bổ sung điểm c như sau:\n2. Sửa đổi điểm h.\n", []),
    # Nghị định 236/2025/NĐ-CP, the guide's table of contents (l.1355-1360 of the decree,
    # shortened): its outline numbers print no dot ("3.2.3.3 Quy tắc chuyển tiếp"), so the
    # "a." after "b." with only those lines between starts no new list (main: no point)
    ("Điều 1. Mẫu\n1. Hướng dẫn:\n3.2.3.1 Các điều chỉnh thuế hoãn lại\na. Tóm tắt tổng quát\n"
     "b. Phân tích các điều chỉnh\n3.2.3.3 Quy tắc chuyển tiếp\na. Xử lý khoản thuế hoãn lại "
     "phải trả\n", ["a", "b"]),
]


def test_dotted_letters_out_of_a_list_stay_text() -> None:
    for text, points in NOT_A_LIST:
        doc = parse_document(text, name="t")
        assert [p.label for p in doc.walk() if p.kind == "point"] == points, text
        assert not any("_" in p.path for p in doc.walk()), text


def test_fields_numbered_under_a_dotted_point() -> None:
    """Nghị định 236/2025/NĐ-CP, guide to Mẫu 01/TKTT-QĐMTT, l.1582-1588 of the decree
    (Tuon-Tun/kcn-review at 141a0c6, ``laws/dau-tu/ND-236-2025.txt``), shortened: the
    fields ``1.``, ``2.`` printed under ``a. Tóm tắt tổng quát`` are its own, those under
    ``b. Phân tích các điều chỉnh`` its."""
    text = (
        "Điều 1. Mẫu\n3.2.3.1. Các điều chỉnh thuế hoãn lại\na. Tóm tắt tổng quát\n"
        "1. Chi phí thuế hoãn lại [A]: Khai tổng số chi phí thuế hoãn lại.\n"
        "2. Chi phí thuế hoãn lại tính lại theo mức thuế suất tối thiểu [B] = [C] + [D].\n"
        "b. Phân tích các điều chỉnh\n"
        "1. Các khoản điều chỉnh chi phí thuế hoãn lại: Đơn vị hợp thành kê khai.\n"
        "2. Tổng các khoản điều chỉnh: Khai tổng số tiền điều chỉnh thuế hoãn lại.\n"
    )
    doc = parse_document(text, name="t")
    paths = [p.path for p in doc.walk() if p.path.startswith("d1.3.2.3.1")]
    assert paths == ["d1.3.2.3.1", "d1.3.2.3.1.a", "d1.3.2.3.1.a.1", "d1.3.2.3.1.a.2",
                     "d1.3.2.3.1.b", "d1.3.2.3.1.b.1", "d1.3.2.3.1.b.2"]


def test_a_misprinted_number_between_its_neighbours() -> None:
    """Nghị định 105/2025/NĐ-CP, Mẫu số PC07, mục IV (fixture lines 16-24): ``1.``, ``2.``,
    ``2.``, ``4.``. The second ``2.`` is the ``3.`` the source misprinted: its id is ``3``,
    its label stays as printed and a warning names its line (main: ``IV.2_2``)."""
    doc = parsed("105-2025-ND-CP-pc07-bieu-phi-excerpt.txt")
    items = [(p.path, p.label) for p in doc.walk() if p.path.startswith("pl1.maupc07.IV.")
             and p.kind == "item"]
    assert items == [("pl1.maupc07.IV.1", "1"), ("pl1.maupc07.IV.2", "2"),
                     ("pl1.maupc07.IV.3", "2"), ("pl1.maupc07.IV.4", "4")]
    assert [(w.code, w.line) for w in doc.warnings if w.code in ("suspected_ocr",
            "duplicate_label")] == [("suspected_ocr", 21)]


def test_a_list_begun_in_a_table_cell() -> None:
    """The premium table (fixture lines 25-52): row ``35.1 | a) Cơ sở sản xuất công
    nghiệp …`` prints ``a)`` in a cell, and its ``b)`` … ``đ)`` follow as rows of their
    own; row ``36.1 | a) Kho dự trữ quốc gia …`` begins another list, ``b)`` … ``d)``.
    Main set both lists side by side (``b_2``, ``c_2``, ``d_2``)."""
    doc = parsed("105-2025-ND-CP-pc07-bieu-phi-excerpt.txt")
    points = [(p.path.split("maupc07.IV.")[1], p.label) for p in doc.walk()
              if p.kind == "point"]
    row = next(p for p in doc.walk() if p.text.startswith("35.1 | a) Cơ sở sản xuất"))
    assert [c.label for c in row.children] == ["b", "c", "d", "đ"]
    assert [part for part, _ in points] == [
        f"{row.path.split('IV.')[1]}.{x}" for x in ("b", "c", "d", "đ")] + ["a", "b", "c", "d"]
    assert not any("_" in p.path for p in doc.walk())


def test_a_true_repeat_stays_and_names_both_lines() -> None:
    """Thông tư 38/2015/TT-BTC prints ``a)``, ``b)``, ``b)``, ``c)`` (l.1300-1303 of the
    circular, shortened): no label lies between the repeated ``b)`` and the ``c)`` after
    it, so nothing says which was meant; the repeat keeps ``b_2`` and its warning names
    both lines (issue 10, class 7: where a true duplicate remains, warn)."""
    text = (
        "Điều 1. Gia công\n1. Thủ tục:\n"
        "a) Thủ tục hải quan thực hiện tại 01 Chi cục Hải quan thuận tiện;\n"
        "b) Hồ sơ hải quan thực hiện như hồ sơ hải quan đối với hàng hóa xuất khẩu;\n"
        "b) Thủ tục hải quan thực hiện như thủ tục xuất khẩu hàng hóa;\n"
        "c) Trường hợp gia công chuyển tiếp ở nước ngoài thì không phải làm thủ tục.\n"
    )
    doc = parse_document(text, name="t")
    assert [p.path for p in doc.walk()][-3:] == ["d1.1.b", "d1.1.b_2", "d1.1.c"]
    [warned] = [w for w in doc.warnings if w.code == "duplicate_label"]
    assert warned.line == 5 and "first on line 4" in warned.message
    assert not any(w.code == "suspected_ocr" for w in doc.warnings)


def test_an_annex_an_amendment_prints_is_its_text() -> None:
    """Nghị định 05/2025/NĐ-CP, Phụ lục (fixture lines 5-45): items ``11.``, ``12.``,
    ``13. Sửa đổi Phụ lục … như sau:`` each print the replaced annex of Nghị định 08/2022
    whole, with no quote marks (``Phụ lục XIII`` / its title / ``1. Chúng tôi là …``).
    The quoted annex is the item's text (issue 10, class 4); main read its ``1.`` …
    ``5.`` as this annex's items (``2_2``, ``3_2``, ``4_2`` beside items 2-4)."""
    doc = parsed("05-2025-ND-CP-phu-luc-excerpt.txt")
    annex = doc.find("pl1")
    assert annex is not None
    assert [(c.path, c.kind, c.children) for c in annex.children] == [
        ("pl1.11", "item", ()), ("pl1.12", "item", ()), ("pl1.13", "item", ())]
    eleven, twelve, thirteen = annex.children
    assert "\n1. Chúng tôi là: (1)" in eleven.text and "\nGhi chú: (1) Chủ dự án" in eleven.text
    assert "\n5. Các thông tin khác (nếu có):" in twelve.text
    assert "\n3. Dịch vụ thương mại, buôn bán lưu động" in thirteen.text


def test_a_star_that_opens_a_list_item_opens_no_emphasis() -> None:
    """Fixture line 39: ``* Phụ lục kèm theo báo cáo …`` with no asterisk after it. Read as
    emphasis that never closed, it made every later line emphasized and glued them into
    one block with it (``13.``, ``Phụ lục XVI`` … in one paragraph of item 12). A star
    that opens an italic span a page wrapped (``* (Phụ lục Danh mục`` / … / ``kèm
    theo)*``) is still emphasis."""
    doc = parsed("05-2025-ND-CP-phu-luc-excerpt.txt")
    twelve = doc.find("pl1.12")
    assert twelve is not None and twelve.text.endswith(
        "chứng từ chất thải nguy hại (đối với dự án có hoạt động dịch vụ xử lý chất thải "
        "nguy hại).")
    italic = ("Điều 1. Công bố\nCông bố kèm theo Quyết định này:\n* (Phụ lục Danh mục\n"
              "thủ tục hành chính mới ban hành kèm theo)*\nĐiều 2. Hiệu lực\n"
              "Quyết định này có hiệu lực thi hành kể từ ngày ký.\n")
    assert [p.path for p in parse_document(italic, name="t").walk()] == ["d1", "d2"]


def test_a_note_mark_in_a_table_cell_takes_no_other_cell() -> None:
    """A lesson-plan form printed one cell a line (a crawled guide of 2025 on political
    centres' teaching, Mẫu 3, its table: ``Thuyết trình`` / ``(1)`` / ``|`` / ``Micro`` /
    ``(2)`` / ``|`` / ``5’`` / ``(3)``, then the notes ``*(1) Ví dụ về phương pháp dạy
    học*`` …): a bare ``(1)`` is the cell's note mark, and the cell after the ``|`` is not
    its text. Main joined them (``(1) Micro``, ``(2) 5’``) into enumerations 1-3, which the
    notes then repeated (``1_2``, ``2_2``, ``3_2``)."""
    text = (
        "Điều 1. Giáo án\nBước 1\n|\nỔn định lớp\n|\nThuyết trình\n(1)\n|\nMicro\n(2)\n|\n"
        "5’\n(3)\n|\n\n*(1) Ví dụ về phương pháp dạy học*\n\n"
        "*(2) Ví dụ về phương tiện dạy dọc*\n\n*(3) Ví dụ về thời gian giảng*\n"
    )
    doc = parse_document(text, name="t")
    notes = [(p.label, p.heading or p.text) for p in doc.walk() if p.kind == "enumeration"]
    assert notes == [("1", "Ví dụ về phương pháp dạy học"), ("2", "Ví dụ về phương tiện dạy dọc"),
                     ("3", "Ví dụ về thời gian giảng")]
    assert not any("_" in p.path for p in doc.walk())
