"""Issue 10, class 7: the guide to a form in a decree's annex (``parsers.guides``).

A guide repeats its form's outline (``1.``, ``1.1.``, ``a.``, ``a.1.``) and, under every
heading, explains the fields of that heading's table numbered from ``1.`` again (or from
``4.``, the common columns explained once before the outline). Main hung every field by
its rank beside the outline's headings: the guides of Nghị định 236/2025/NĐ-CP, Phụ lục
III, gave 334 ids ending in ``_N`` under 51 warnings. Expected trees below were written
from reading the fixtures (lines given), before the parser was run on them.
"""

from __future__ import annotations

from parsers import parse_document

from .conftest import parsed

GUIDE_IIR = "236-2025-ND-CP-huong-dan-iir-excerpt.txt"
G = "pl1.mau01tkttiir.8"  # the guide: the form's eighth unlabeled child, after 7 lines


def test_a_guide_gives_its_outline_and_fields_their_own_levels() -> None:
    """Lines 18-57. The guide (l.18) opens inside its form; its lead-in (l.20) holds the
    common fields 1-3; ``1.`` (l.24, in capitals, then ``1.1.``) opens the outline; the
    fields of ``1.1.`` restart at 1; ``a.``/``b.`` are headings under ``1.2.``, each over a
    field 4 (l.30, 32), ``4.1.``/``4.2.`` parts of the second; ``2.`` (l.35) goes on from
    ``1.2.``; ``4. Giá trị tiền lương được giảm trừ:`` (l.42) is a field with parts, not
    the outline's fourth heading; ``a.1.``/``a.2.`` (l.47, 50) each hold their own
    ``4.1.``/``4.2.``; ``6.`` (l.55) is a field of ``3.1.``."""
    doc = parsed(GUIDE_IIR)
    tree = [(p.path, p.kind) for p in doc.walk() if p.path.startswith(G)]
    h12, h21, h22 = f"{G}.1.1.2", f"{G}.2.2.1", f"{G}.2.2.2"
    h23a = f"{G}.2.2.3.a"
    assert tree == [
        (G, "form"),
        (f"{G}.p1", "paragraph"),
        (f"{G}.p1.1", "item"), (f"{G}.p1.2", "item"), (f"{G}.p1.3", "item"),
        (f"{G}.1", "item"),
        (f"{G}.1.1.1", "item"), (f"{G}.1.1.1.1", "item"), (f"{G}.1.1.1.2", "item"),
        (h12, "item"),
        (f"{h12}.a", "point"), (f"{h12}.a.4", "item"),
        (f"{h12}.b", "point"), (f"{h12}.b.4", "item"),
        (f"{h12}.b.4.4.1", "item"), (f"{h12}.b.4.4.2", "item"),
        (f"{G}.2", "item"),
        (h21, "item"), (f"{h21}.4", "item"), (f"{h21}.5", "item"),
        (f"{h21}.p1", "paragraph"), (f"{h21}.5_2", "item"),
        (h22, "item"), (f"{h22}.4", "item"),
        (f"{h22}.4.4.1", "item"), (f"{h22}.4.4.2", "item"),
        (f"{G}.2.2.3", "item"), (h23a, "point"),
        (f"{h23a}.a1", "subpoint"), (f"{h23a}.a1.4.1", "item"), (f"{h23a}.a1.4.2", "item"),
        (f"{h23a}.a2", "subpoint"), (f"{h23a}.a2.4.1", "item"), (f"{h23a}.a2.4.2", "item"),
        (f"{G}.3", "item"), (f"{G}.3.3.1", "item"), (f"{G}.3.3.1.6", "item"),
        (f"{G}.3.3.1.6.6.1", "item"), (f"{G}.3.3.1.6.6.2", "item"),
    ]
    guide = doc.find(G)
    assert guide is not None and guide.heading == "HƯỚNG DẪN KÊ KHAI TỜ KHAI THÔNG TIN"
    assert guide.text == "(Mẫu số 01/TKTT-IIR)"
    assert doc.find(f"{G}.1").heading == "THÔNG TIN TẬP ĐOÀN ĐA QUỐC GIA"  # type: ignore[union-attr]
    assert doc.find(f"{h23a}.a1").heading == "Xử lý khoản thuế hoãn lại phải trả"  # type: ignore[union-attr]
    # the next form closes the guide
    assert [p.path for p in doc.walk() if p.kind == "form"][-1] == "pl1.mau01tm"


def test_only_the_source_repeat_is_warned() -> None:
    """``5.`` printed twice under ``2.1.`` (l.38, 40: the source's misprint of ``6.``) is
    the guide's one repeat, kept as ``5_2`` with a warning naming its line."""
    warned = [w for w in parsed(GUIDE_IIR).warnings if w.code == "duplicate_label"]
    assert [(w.line, w.message.split(";")[0]) for w in warned] == [
        (40, "label '5' printed again (first on line 38)")]


# Nghị định 136/2020/NĐ-CP, Phụ lục, Mẫu số PC17 (phương án chữa cháy của cơ sở), as the
# decree is published (Công báo): the form ends with its parts "C." and "D.", then the
# guide prints its notes (1), (2) … for the marks in the form. A realistic abridgement in
# our own words, the notes shortened, the other parts of the form left out.
PC17_ABRIDGED = (
    "Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\n\n"
    "PHỤ LỤC\n(Kèm theo Nghị định số 136/2020/NĐ-CP)\n\n"
    "Mẫu số PC17\n\nPHƯƠNG ÁN CHỮA CHÁY CỦA CƠ SỞ\n\n"
    "A. ĐẶC ĐIỂM CÓ LIÊN QUAN ĐẾN CÔNG TÁC CHỮA CHÁY\n"
    "B. PHƯƠNG ÁN XỬ LÝ MỘT SỐ TÌNH HUỐNG CHÁY\n"
    "C. BỔ SUNG, CHỈNH LÝ PHƯƠNG ÁN CHỮA CHÁY (14)\n"
    "D. THEO DÕI HỌC VÀ THỰC TẬP PHƯƠNG ÁN CHỮA CHÁY (15)\n\n"
    "HƯỚNG DẪN GHI PHƯƠNG ÁN CHỮA CHÁY\n"
    "Chú ý: mẫu phương án có thể thay đổi số trang cho phù hợp.\n"
    "(1) Ghi tên cơ sở theo tên gọi thường dùng.\n"
    "(2) Ghi địa chỉ của cơ sở.\n\n"
    "Mẫu số PC18\n\nPHƯƠNG ÁN CHỮA CHÁY CỦA CƠ QUAN CÔNG AN\n"
)


def test_a_guide_of_notes_is_no_part_of_the_forms_last_part() -> None:
    """The notes (1), (2) explain the whole form; main hung them, and the guide's title,
    under its last part ``D.``."""
    doc = parse_document(PC17_ABRIDGED)
    assert [(p.path, p.kind) for p in doc.walk() if p.path.startswith("pl1.maupc17")] == [
        ("pl1.maupc17", "form"), ("pl1.maupc17.ptA", "part"), ("pl1.maupc17.ptB", "part"),
        ("pl1.maupc17.ptC", "part"), ("pl1.maupc17.ptD", "part"),
        ("pl1.maupc17.p1", "form"),
        ("pl1.maupc17.p1.1", "enumeration"), ("pl1.maupc17.p1.2", "enumeration")]
    assert doc.find("pl1.maupc17.p1").heading == "HƯỚNG DẪN GHI PHƯƠNG ÁN CHỮA CHÁY"  # type: ignore[union-attr]
