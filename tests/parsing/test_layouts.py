"""Small layouts seen in real conversions, each with the tree it must give.

Each row: a snippet (modelled on a line of the development or benchmark corpus) and the
paths, in document order, with kinds. Rows state only the structure; other tests pin text.
"""

from __future__ import annotations

import pytest

from parsers import parse_document

LAYOUTS = [
    (  # an article label cut by a hard wrap (Luật Bảo vệ môi trường 2020)
        "Điều 46\n. Công trình bảo vệ môi trường và v\nận hành thử nghiệm\n"
        "1. Công trình bảo vệ môi trường bao gồm:\na) Công trình xử lý nước thải;",
        [("d46", "article"), ("d46.1", "clause"), ("d46.1.a", "point")],
    ),
    (  # an unlabeled paragraph between points continues the point before it (Luật 2025)
        "Điều 5. Lấy ý kiến\n1. Việc lấy ý kiến như sau:\na) Lấy ý kiến bằng văn bản;\n"
        "Đối với dự án luật thì gửi cơ quan thẩm tra.\nb) Lấy ý kiến phản biện xã hội.",
        [("d5", "article"), ("d5.1", "clause"), ("d5.1.a", "point"), ("d5.1.b", "point")],
    ),
    (  # Roman heading in sentence case inside an annex (Nghị định 151/2025)
        "I. Hồ sơ\n1. Tờ trình.\nII. Trình tự thủ tục thẩm định\n1. Cơ quan hoàn thiện hồ sơ.",
        [("I", "section"), ("I.1", "item"), ("II", "section"), ("II.1", "item")],
    ),
    (  # Ð (eth) printed for Đ; the stored label keeps what was printed
        "Ðiều 68. Hiệu lực\n1. Luật này có hiệu lực.",
        [("d68", "article"), ("d68.1", "clause")],
    ),
    (  # quoted articles inside an amending clause stay text (Luật 87/2025/QH15)
        "Điều 1. Sửa đổi\n1. Sửa đổi Điều 5 như sau:\n“Điều 5. Nguyên tắc\n1. Bảo đảm.”.\n"
        "Điều 2. Hiệu lực thi hành",
        [("d1", "article"), ("d1.1", "clause"), ("d2", "article")],
    ),
    (  # a Gazette running head and a page number between two lines of one paragraph
        "Điều 1. Phạm vi\n1. Nghị định này quy định về\nCÔNG BÁO/Số 1329/Ngày 16-9-2025\n12\n"
        "thủ tục đầu tư.\n2. Đối tượng.",
        [("d1", "article"), ("d1.1", "clause"), ("d1.2", "clause")],
    ),
    (  # "1." after a provision ending in ":" nests inside it (a list in a list)
        "1. Nội dung gồm:\n1. Thứ nhất.\n2. Thứ hai.",
        [("1", "item"), ("1.1", "item"), ("1.2", "item")],
    ),
    (  # Chương alone on its line: the line in capitals after it is its title
        "Chương II\nQUYỀN CỦA CÔNG ĐOÀN\nMục 1\nĐẠI DIỆN\nĐiều 9. Đại diện\nNội dung.",
        [("ch2", "chapter"), ("ch2.m1", "subchapter"), ("d9", "article")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_layout(text: str, expected: list[tuple[str, str]]):
    doc = parse_document(text)
    assert [(p.path, p.kind) for p in doc.walk()] == expected


def test_paragraph_inside_a_list_joins_the_point_text():
    doc = parse_document(LAYOUTS[1][0])
    point = doc.find("d5.1.a")
    assert point is not None
    assert point.text == "Lấy ý kiến bằng văn bản;\nĐối với dự án luật thì gửi cơ quan thẩm tra."


def test_running_head_is_not_text_and_the_split_is_joined():
    doc = parse_document(LAYOUTS[5][0])
    clause = doc.find("d1.1")
    assert clause is not None
    assert clause.text == "Nghị định này quy định về thủ tục đầu tư."
    assert [a.kind for a in doc.annotations] == ["running_head", "running_head"]


def test_chapter_title_is_its_heading():
    doc = parse_document(LAYOUTS[7][0])
    assert [(p.path, p.heading) for p in doc.walk()][:2] == [
        ("ch2", "QUYỀN CỦA CÔNG ĐOÀN"), ("ch2.m1", "ĐẠI DIỆN")
    ]
