"""Issue 10, class 2: outline numbers printed without their last dot (``1.1 Thông tin …``).

Nghị định 236/2025/NĐ-CP prints the outline of its form Mẫu số 01/TKTT-QDMTT as ``1 …``,
``1.1 …``, ``1.2.1 …`` with a dotted ``2.1.1.`` among them; Nghị định 103/2024/NĐ-CP
prints ``3.10 Trường hợp khác:`` in a list of ``3.1.`` … ``3.9.``. Before this change every
such line was running text: the whole outline of the form was one paragraph. The expected
trees were written from reading the fixture (line numbers given).
"""

from __future__ import annotations

from parsers import parse_document

from .conftest import parsed

FIXTURE = "236-2025-ND-CP-mau-01-dan-y-excerpt.txt"
FORM = "pl1.mau01tkttqdmtt"


def test_a_forms_outline_without_dots_is_its_structure() -> None:
    """Lines 20-33: ``1 THÔNG TIN …`` to ``3.2 Xác định …``, every number the next one
    under its parent (``2.1.1.`` printed with its dot, line 28)."""
    doc = parsed(FIXTURE)
    outline = [(p.path[len(FORM) + 1 :], p.label, (p.heading or "")[:22].rstrip())
               for p in doc.walk() if p.path.startswith(f"{FORM}.") and p.kind == "item"]
    assert outline == [
        ("1", "1", "THÔNG TIN TẬP ĐOÀN ĐA"),
        ("1.1.1", "1.1", "Thông tin về đơn vị hợ"),
        ("1.1.2", "1.2", "Thông tin chung của Tậ"),
        ("1.1.2.1.2.1", "1.2.1", "Thông tin về năm tài c"),
        ("1.1.2.1.2.2", "1.2.2", "Thông tin kế toán chun"),
        ("1.1.3", "1.3", "Cấu trúc Tập đoàn"),
        ("2", "2", "Quy định giảm trừ trác"),
        ("2.2.1", "2.1", "Quy định giảm trừ trác"),
        ("2.2.1.2.1.1", "2.1.1", "Phương pháp tính toán"),
        ("2.2.1.2.1.2", "2.1.2", "Giảm trừ trên cơ sở bá"),
        ("2.2.2", "2.2", "Số thuế bổ sung tối th"),
        ("3", "3", "Tính toán theo quy địn"),
        ("3.3.1", "3.1", "Xác định lợi nhuận tín"),
        ("3.3.2", "3.2", "Xác định thuế thuộc ph"),
    ]
    assert not any("_" in p.path for p in doc.walk())


def test_a_number_cited_at_a_line_end_stays_text() -> None:
    """Lines 5-6: ``… quy định tại điểm`` / ``2.1 Phụ lục III; …``: the wrap put the cited
    number first on the line; it goes on with clause 2."""
    doc = parsed(FIXTURE)
    clause = doc.find("d25.2")
    assert clause is not None and "quy định tại điểm 2.1 Phụ lục III;" in clause.text
    assert [p.path for p in doc.walk() if p.path.startswith("d25")] == ["d25", "d25.1", "d25.2"]


def test_one_item_of_a_dotted_list_without_its_dot() -> None:
    """Nghị định 103/2024/NĐ-CP, Mẫu 01 (bench l.818-831), shortened: ``3.9.`` then
    ``3.10 Trường hợp khác:`` then ``4.``."""
    doc = parse_document(
        "Điều 1. Tính tiền\n3. Người sử dụng đất nộp tiền theo mức:\n"
        "3.8. Bằng 70% giá đất quy định: ……\n3.9. Bằng 100% tiền sử dụng đất: ……\n"
        "3.10 Trường hợp khác:\n4. Tổng số tiền phải nộp: ……\n",
        name="t",
    )
    assert [(p.path, p.label) for p in doc.walk()] == [
        ("d1", "1"), ("d1.3", "3"), ("d1.3.3.8", "3.8"), ("d1.3.3.9", "3.9"),
        ("d1.3.3.10", "3.10"), ("d1.4", "4"),
    ]


NOT_LABELS = [
    # a quantity with a thousands dot first on its line
    "Điều 1. Công suất\n1. Tổng công suất đạt\n3.810 MW vào năm 2030.\n",
    # a decimal out of the numbering (no 2.4 before it), a wrap put first
    "Điều 1. Mức điều chỉnh\n1. Giá trị điều chỉnh được nhân với\n2.5 Lần giá trị gốc.\n",
    # a single number with no first child after it
    "Điều 1. Mẫu\n1. Ghi các thông tin sau:\n2 Quy định riêng của địa phương.\n",
]


def test_numbers_the_outline_does_not_support_stay_text() -> None:
    for text in NOT_LABELS:
        doc = parse_document(text, name="t")
        assert [p.label for p in doc.walk() if p.label] == ["1", "1"], text
        assert "được nhân với 2.5 Lần" in doc.find("d1.1").text or "2.5" not in text
