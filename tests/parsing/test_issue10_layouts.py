"""Issue 10: small layouts modelled on lines of real documents (the source of each is named),
with the structure or metadata they must give."""

from __future__ import annotations

import pytest

from parsers import parse_document

# Nghị định 102/2024/NĐ-CP, Điều 25 (bench-corpus laws/ND-102-2024.txt, lines 825-845),
# where "… quy định tại khoản 1" / "Điều 84" wraps; here the wrapped line also carries a
# dot, the case the issue saw ("… theo quy định tại" / "Điều 13. …").
WRAPPED_REFERENCE = (
    "Điều 25. Thu hồi đất quốc phòng, an ninh để thực hiện các dự án\n"
    "1. Ủy ban nhân dân cấp tỉnh nơi có đất thu hồi theo quy định tại\n"
    "Điều 84. Luật Đất đai gửi văn bản lấy ý kiến Bộ trưởng Bộ Quốc phòng.\n"
    "2. Trong thời hạn 30 ngày kể từ ngày nhận được văn bản.\n"
    "Điều 26. Thu hồi đất để thực hiện nhiệm vụ quốc phòng, an ninh\n"
    "1. Bộ trưởng Bộ Quốc phòng gửi văn bản."
)


def test_a_wrapped_article_reference_is_text_with_a_warning():
    doc = parse_document(WRAPPED_REFERENCE)
    assert [p.path for p in doc.walk()] == ["d25", "d25.1", "d25.2", "d26", "d26.1"]
    clause = doc.find("d25.1")
    assert clause is not None and clause.text.endswith(
        "theo quy định tại Điều 84. Luật Đất đai gửi văn bản lấy ý kiến Bộ trưởng Bộ Quốc phòng."
    )
    [warning] = [w for w in doc.warnings if w.code == "heading_in_text"]
    assert warning.line == 3


def test_the_next_article_after_a_finished_sentence_is_a_heading():
    text = WRAPPED_REFERENCE.replace("theo quy định tại\nĐiều 84.", "theo quy định.\nĐiều 84.")
    assert "d84" in [p.path for p in parse_document(text).walk()]


HEADERS = [
    (  # Nghị định 236/2025/NĐ-CP, footer table row (laws/ND-236-2025.txt line 2299)
        "CHÍNH PHỦ\nSố: 236/2025/NĐ-CP | Hà Nội, ngày 29 tháng 8 năm 2025\nNGHỊ ĐỊNH\n"
        "Điều 1. Phạm vi\nNội dung.",
        ("236/2025/NĐ-CP", "2025-08-29", "Hà Nội", "Chính phủ"),
    ),
    (  # the same on one printed line, without the table (issue 10, class 6)
        "CHÍNH PHỦ\nSố: 03/NQ-CP    Hà Nội, ngày 9 tháng 1 năm 2025\nNGHỊ QUYẾT\n"
        "Điều 1. Ban hành\nNội dung.",
        ("03/NQ-CP", "2025-01-09", "Hà Nội", "Chính phủ"),
    ),
    (  # the number printed with spaces (issue 10: "Số 12 - NQ/TW")
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 12 - NQ/TW\n"
        "Hà Nội, ngày 16 tháng 1 năm 2012\nNGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ TƯ\n1. Một.\n2. Hai.",
        ("12-NQ/TW", "2012-01-16", "Hà Nội", None),
    ),
    (  # Hướng dẫn 45-HD/BTCTW: the issuer over three lines above the party header
        "BAN CHẤP HÀNH\nTRUNG ƯƠNG\nBAN TỔ CHỨC\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 45-HD/BTCTW\n"
        "Hà Nội, ngày 21 tháng 11 năm 2025\nHƯỚNG DẪN\nI. Về phân cấp\n1. Một.",
        ("45-HD/BTCTW", "2025-11-21", "Hà Nội", "Ban Tổ chức Trung ương"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_header_fields(text: str, expected: tuple[str, str, str, str | None]):
    doc = parse_document(text)
    assert (doc.number, doc.date, doc.place, doc.issuer) == expected
    assert not [p for p in doc.walk() if "ngày" in p.text and "tháng" in p.text]


# Nghị định 102/2024/NĐ-CP (bench-corpus laws/ND-102-2024.txt): a clause label cut from its
# dot ("3" / ". " / "Trình tự …", lines 577-579) and Điều 90 cut as "Điều" / "9" / "0. Quản
# lý …" (lines 2229-2231).
CUT_LABELS = (
    "Điều 19. Kế hoạch sử dụng đất\n"
    "2. Hồ sơ trình phê duyệt gồm:\n"
    "e) Dự thảo Quyết định của Thủ tướng Chính phủ phê duyệt kế hoạch sử dụng đất;\n"
    "3\n. \nTrình tự, thủ tục thẩm định như sau:\n"
    "a) Cơ quan có chức năng quản lý đất đai trình.\n"
    "Điều \n9\n0. Quản lý số tiền thu được từ việc sử dụng đất quốc phòng, an ninh\n"
    "1. Đơn vị, doanh nghiệp nhà nước nộp tiền.\n"
)


def test_labels_cut_by_the_extraction_are_joined():
    doc = parse_document(CUT_LABELS)
    assert [p.path for p in doc.walk()] == [
        "d19", "d19.2", "d19.2.e", "d19.3", "d19.3.a", "d90", "d90.1"
    ]
    assert not [a for a in doc.annotations if a.kind == "running_head"]
