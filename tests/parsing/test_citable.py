"""Citable labels (issue 10, class 8): what a reader writes to cite a provision.

Each row of ``REAL`` is a provision of the bundled corpus or a fixture, with the label and
full citation read off the printed text (the line is named in the comment).
"""

from __future__ import annotations

import pytest

from parsers import citable
from tests.parsing.conftest import parsed

REAL = [
    # 02-NQ-TW-2021.md l.121 "#### **4. Xây dựng nguồn tài chính …" under l.81 "III- NHIỆM VỤ"
    ("02-NQ-TW-2021.md", "III", "mục III", "mục III"),
    ("02-NQ-TW-2021.md", "III.4", "điểm 4", "điểm 4 mục III"),
    # l.63 "b) Mục tiêu cụ thể" under l.57 "2. Mục tiêu" under l.43 "II- QUAN ĐIỂM …"
    ("02-NQ-TW-2021.md", "II.2.b", "tiết b", "tiết b điểm 2 mục II"),
    # "* Đến năm 2025:" and the bullets under it print nothing a reader cites
    ("02-NQ-TW-2021.md", "II.2.b.2025", None, None),
    ("02-NQ-TW-2021.md", "II.2.b.2025.1", None, None),
    # 50-2024-QH15 l.13 "Điều 4.", l.19 "5. Cán bộ công đoàn …", l.20 "a) Cán bộ công đoàn
    # chuyên trách …"
    ("50-2024-QH15-luat-cong-doan.txt", "d4", "Điều 4", "Điều 4"),
    ("50-2024-QH15-luat-cong-doan.txt", "d4.5.a", "điểm a", "điểm a khoản 5 Điều 4"),
    # l.303 "Điều 36. Xử lý vi phạm …", its clause 2; l.200 "Chương III"; l.88 "Mục 1."
    # after l.86 "Chương II": a Mục restarts in each chapter, so the chapter is named
    ("50-2024-QH15-luat-cong-doan.txt", "d36.2", "khoản 2", "khoản 2 Điều 36"),
    ("50-2024-QH15-luat-cong-doan.txt", "ch3", "Chương III", "Chương III"),
    ("50-2024-QH15-luat-cong-doan.txt", "ch2.m1", "Mục 1", "Mục 1 Chương II"),
    # 91-2015-QH13 "Phần thứ nhất", "PHẦN THỨ HAI" (printed in capitals)
    ("91-2015-QH13-bo-luat-dan-su.txt", "pt1", "Phần thứ nhất", "Phần thứ nhất"),
    ("91-2015-QH13-bo-luat-dan-su.txt", "pt2", "Phần thứ hai", "Phần thứ hai"),
    # 96-2024-ND-CP excerpt l.9 "PHỤ LỤC I", l.13 "Mẫu số Ia: …", l.63 "Điều 2." of the
    # model contract, l.65 "1. Đặc điểm …", l.66 "a) Căn hộ số: …": numbered within the form
    ("96-2024-ND-CP-excerpt.txt", "pl1", "Phụ lục I", "Phụ lục I"),
    ("96-2024-ND-CP-excerpt.txt", "pl1.mauia", "Mẫu số Ia", "Mẫu số Ia Phụ lục I"),
    ("96-2024-ND-CP-excerpt.txt", "pl1.mauia.d2.1.a", "điểm a",
     "điểm a khoản 1 Điều 2 Mẫu số Ia Phụ lục I"),
    # 03-NQ-CP-2025 (a state document): l.65 "II. NHIỆM VỤ CỤ THỂ", l.69 "1. Nâng cao …",
    # l.71 "a) Xây dựng, triển khai …" in the programme annexed without a "Phụ lục" title;
    # l.313 "PHỤ LỤC I" is the second annex
    ("03-NQ-CP-2025.md", "pl1", None, None),
    ("03-NQ-CP-2025.md", "pl1.II.1.a", "điểm a", "điểm a khoản 1 mục II"),
    ("03-NQ-CP-2025.md", "pl2", "Phụ lục I", "Phụ lục I"),
    # 239-2025-ND-CP l.185 "d) Sửa đổi, bổ sung đoạn đầu và một số điểm của khoản 10 …",
    # then l.186 "d.1)", l.190 "d.2)" (after a quotation closed by "”;"), l.202 "d.3)"
    ("239-2025-ND-CP.txt", "d1.5.d.d1", "điểm d.1", "điểm d.1 khoản 5 Điều 1"),
    ("239-2025-ND-CP.txt", "d1.5.d.d2", "điểm d.2", "điểm d.2 khoản 5 Điều 1"),
    ("239-2025-ND-CP.txt", "d1.5.d.d3", "điểm d.3", "điểm d.3 khoản 5 Điều 1"),
    # 07-KL-VPTW-2025 l.42 "**1. Về …", l.62 "(1) Công tác tham mưu …"
    ("07-KL-VPTW-2025.md", "1", "điểm 1", "điểm 1"),
    ("07-KL-VPTW-2025.md", "1.1", "(1)", "(1) điểm 1"),
]


@pytest.mark.parametrize(("name", "path", "label", "full"), REAL)
def test_real_provisions_carry_the_label_a_reader_cites(name, path, label, full):
    node = parsed(name).find(path)
    assert node is not None, f"{name} has no {path}"
    assert (node.cite_label, node.cite_as) == (label, full)


@pytest.mark.parametrize(("kind", "label", "heading", "party", "expected"), [
    ("clause", "2", None, False, "khoản 2"),
    ("point", "đ", None, False, "điểm đ"),          # a law's point
    ("point", "a", None, True, "tiết a"),           # a Party text's point (36-HD/VPTW)
    ("item", "2", None, True, "điểm 2"),            # "2-" of a Party resolution
    ("item", "2", None, False, "khoản 2"),          # "2." of a state plan (NĐ 30/2020)
    ("section", "III", None, True, "mục III"),
    ("part", "A", None, True, "Phần A"),            # "A- …" of an older resolution
    ("part", "BA", None, False, "Phần thứ ba"),     # "PHẦN THỨ BA"
    ("chapter", "3", None, False, "Chương 3"),      # the numeral as printed
    ("article", "12a", None, False, "Điều 12a"),
    ("annex", "1", "PHỤ LỤC SỐ 02 BIỂU MẪU", False, "Phụ lục 02"),
    ("annex", "1", "PHỤ LỤC (Kèm theo …)", False, "Phụ lục"),
    ("bullet", "-", None, True, None),
    ("paragraph", None, None, False, None),
])
def test_cite_label(kind, label, heading, party, expected):
    assert citable.cite_label(kind, label, heading, party) == expected


def test_nested_number_names_its_parent_once():
    """``1.2.`` under ``1.`` already prints its parent's number."""
    chain = [("section", "II", "mục II"), ("item", "1", "điểm 1"), ("item", "1.2", "điểm 1.2")]
    assert citable.cite_as(chain) == "điểm 1.2 mục II"


@pytest.mark.parametrize(("number", "header", "party"), [
    ("02-NQ/TW", None, True),
    ("20-NQ/TW", None, True),
    ("03/NQ-CP", None, False),
    ("50/2024/QH15", None, False),
    (None, "ĐẢNG CỘNG SẢN VIỆT NAM", True),
])
def test_party_documents_are_told_by_number_or_header(number, header, party):
    assert citable.is_party(number, header) is party
