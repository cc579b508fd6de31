"""Every development document parses into a sensible tree, with no per-file code."""

from __future__ import annotations

from collections import Counter

import pytest

from parsers import parse_document

from .conftest import parsed

# (file, id, type, date, issuer, least counts of provision kinds)
DOCUMENTS = [
    ("02-NQ-TW-2021.md", "02-nq-tw-2021", "Nghị quyết", "2021-06-12", "Bộ Chính trị",
     {"section": 4, "item": 17, "bullet": 36}),
    ("57-NQ-TW-2024.md", "57-nq-tw-2024", "Nghị quyết", "2024-12-22", "Bộ Chính trị",
     {"section": 4, "item": 20}),  # editorial lead-in instead of a header
    ("69-KL-TW-2024.md", "69-kl-tw-2024", "Kết luận", "2024-01-11", "Bộ Chính trị",
     {"item": 7, "bullet": 5}),  # signature inside a table row
    ("212-KL-TW-2025.md", "212-kl-tw-2025", "Kết luận", "2025-11-18",
     "Bộ Chính trị, Ban Bí thư", {"item": 4}),  # inside web-page chrome
    ("383-QD-TW-2025.md", "383-qd-tw-2025", "Quy định", "2025-11-19", "Ban Bí thư",
     {"section": 4, "article": 23, "clause": 90}),  # hard-wrapped, header in table cells
    ("45-HD-BTCTW-2025.md", "45-hd-btctw-2025", "Hướng dẫn", "2025-11-21",
     "Ban Tổ chức Trung ương",  # header "BAN CHẤP HÀNH / TRUNG ƯƠNG / BAN TỔ CHỨC" (issue 10)
     {"section": 7, "item": 40}),
    ("03-NQ-CP-2025.md", "03-nq-cp-2025", "Nghị quyết", "2025-01-09", "Chính phủ",
     {"article": 3, "annex": 1, "point": 100}),  # a programme annexed after the signature
    ("50-2024-QH15-luat-cong-doan.txt", "50-2024-qh15", "Luật", "2024-11-27", "Quốc hội",
     {"chapter": 6, "article": 37, "clause": 150, "point": 80}),  # header only at the end
    ("91-2015-QH13-bo-luat-dan-su.txt", "91-2015-qh13", "Bộ luật", "2015-11-24", "Quốc hội",
     {"part": 6, "chapter": 27, "article": 689}),
    ("87-2025-QH15.txt", "87-2025-qh15", "Luật", "2025-06-25", "Quốc hội",
     {"article": 3, "clause": 20}),  # amending law: quoted articles stay inside clauses
    ("239-2025-ND-CP.txt", "239-2025-nd-cp", "Nghị định", "2025-09-03", "Chính phủ",
     {"article": 3}),  # Official Gazette running heads and page numbers inside the text
    # the issuer printed over two lines above the motto of the header table at the end
    # (lines 160-161: "NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM"), no longer Điều 15's text
    ("06-2019-TT-NHNN.txt", "06-2019-tt-nhnn", "Thông tư", "2019-06-26",
     "Ngân hàng Nhà nước Việt Nam", {"chapter": 4, "article": 15}),
]


@pytest.mark.parametrize(("name", "doc_id", "type_", "date", "issuer", "least"), DOCUMENTS)
def test_document(name, doc_id, type_, date, issuer, least):
    doc = parsed(name)
    assert (doc.id, doc.type, doc.date, doc.issuer) == (doc_id, type_, date, issuer)
    counts = Counter(p.kind for p in doc.walk())
    assert {k: min(counts[k], v) for k, v in least.items()} == least, dict(counts)
    assert not [w for w in doc.warnings if w.code in ("unknown_layout", "missing_metadata")]


def test_articles_are_numbered_in_order():
    doc = parsed("91-2015-QH13-bo-luat-dan-su.txt")
    numbers = [int(p.label) for p in doc.walk() if p.kind == "article"]
    assert numbers == list(range(1, 690))


def test_quoted_articles_do_not_become_articles():
    doc = parsed("87-2025-QH15.txt")
    assert [p.path for p in doc.walk() if p.kind == "article"] == ["d1", "d2", "d3"]


def test_unknown_layout_degrades_to_paragraphs_with_a_warning():
    text = "Một đoạn văn không có số.\n\nMột đoạn khác.\n\nVà đoạn thứ ba."
    doc = parse_document(text, name="ghi-chu")
    assert [p.path for p in doc.provisions] == ["1", "2", "3"]
    assert {w.code for w in doc.warnings} >= {"unknown_layout", "missing_metadata"}
    assert doc.id == "ghi-chu"


def test_hints_fill_what_the_text_lacks():
    from parsers import Hints

    doc = parse_document("1. Điều khoản.\n\n2. Điều khác.",
                         hints=Hints(number="12/2012/QH13", date="2012-06-18", type="Luật"))
    assert (doc.id, doc.type, doc.provisions[1].id) == ("12-2012-qh13", "Luật", "12-2012-qh13/2")


def test_footer_table_cells_stay_apart_in_a_hard_wrapped_law():
    """The number and the date share a table row at the foot of a law (Luật 76/2025/QH15);
    in a hard-wrapped file the two cells must not be glued into one line."""
    body = "\n".join(f"{i}. Nội dung khoản {i} được viết tiếp trên dòng" for i in range(1, 30))
    text = (
        f"LUẬT\nSỬA ĐỔI LUẬT DOANH NGHIỆP\nĐiều 1. Sửa đổi\n{body}\n"
        "QUỐC HỘI\n------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Luật số: 76/2025/QH15 | Hà Nội, ngày 17 tháng 6 năm 2025\n | CHỦ TỊCH QUỐC HỘI\n\n"
        "Trần Thanh Mẫn"
    )
    doc = parse_document(text)
    assert (doc.id, doc.date, doc.issuer) == ("76-2025-qh15", "2025-06-17", "Quốc hội")
    assert [(s.name, s.title) for s in doc.signers] == [("Trần Thanh Mẫn", "Chủ tịch Quốc hội")]
