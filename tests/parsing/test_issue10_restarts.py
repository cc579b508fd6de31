"""Issue 10, class 7, third round: labels printed again under one parent (``_2`` ids).

Each row quotes a few lines of a real document, cited in ``tests/fixtures/SOURCES.md``
("issue 10, class 7, third round"); the expected trees were written from reading those
lines. Before this round every row below gave ids ending in ``_2``.
"""

from __future__ import annotations

import pytest

from parsers import parse_document
from parsers.finalize import SOURCE_REPEAT

from .conftest import parsed

# The decree's last article, then its annex (made up, so that the rows below are annexes).
LAST_ARTICLE = "Điều 1. Hiệu lực\nNghị định này có hiệu lực từ ngày ký.\n"

# Nghị định 136/2020/NĐ-CP, Phụ lục: Mẫu số PC17 and PC18 (lines shortened to their first
# words where the dotted leaders run on). Each form has parts A, B with sections from I.
PC_FORMS = LAST_ARTICLE + (
    "PHỤ LỤC\n(Kèm theo Nghị định số: 136/2020/NĐ-CP ngày 24 tháng 11 năm 2020 của "
    "Chính phủ)\n"
    "Mẫu số PC17\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "A. ĐẶC ĐIỂM CÓ LIÊN QUAN ĐẾN CÔNG TÁC CHỮA CHÁY\n"
    "I. VỊ TRÍ CƠ SỞ/KHU DÂN CƯ: (3)\n"
    "B. PHƯƠNG ÁN XỬ LÝ MỘT SỐ TÌNH HUỐNG CHÁY \n"
    "I. PHƯƠNG ÁN XỬ LÝ TÌNH HUỐNG CHÁY PHỨC TẠP NHẤT:\n"
    "1. Giả định tình huống cháy phức tạp nhất: (9)\n\n"
    "Mẫu số PC18\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "A. ĐẶC ĐIỂM CÓ LIÊN QUAN ĐẾN CÔNG TÁC CHỮA CHÁY \n"
    "I. VỊ TRÍ CƠ SỞ/KHU DÂN CƯ: (5)\n"
    "B. PHƯƠNG ÁN XỬ LÝ TÌNH HUỐNG CHÁY PHỨC TẠP NHẤT CÓ HUY ĐỘNG LỰC LƯỢNG\n"
    "I. GIẢ ĐỊNH TÌNH HUỐNG CHÁY PHỨC TẠP NHẤT: (11)\n"
)

# Nghị định 175/2024/NĐ-CP, Phụ lục I: each form is named after its annex.
NAMED_AFTER_ANNEX = LAST_ARTICLE + (
    "PHỤ LỤC I\nMẪU TỜ TRÌNH VÀ CÁC VĂN BẢN TRONG QUY TRÌNH\n"
    "(Kèm theo Nghị định số 175/2024/NĐ-CP ngày 30 tháng 12 năm 2024 của Chính phủ)\n\n"
    "Phụ lục I - Mẫu số 01\n\nTỜ TRÌNH\n"
    "Kính gửi: (Cơ quan chuyên môn về xây dựng).\n"
    "I. THÔNG TIN CHUNG DỰ ÁN\n1. Tên dự án:\n\n"
    "Phụ lục I - Mẫu số 02\n\nBÁO CÁO KẾT QUẢ THẨM TRA\n"
    "Kính gửi: (Tên chủ đầu tư).\n"
    "I. THÔNG TIN CHUNG VỀ DỰ ÁN\n- Tên dự án:\n"
)

# Nghị quyết 64/2025/NQ-HĐND of Hà Nội: one annex prints Phụ lục I, II … one after the
# other, each a title in bold and sections from I (crawled page, hard-wrapped).
TITLED_DOCUMENTS = (
    "*(Ban hành kèm theo\nNghị quyết số 64/2025/NQ-HĐND quy định một số nội dung mức chi "
    "trong lĩnh vực\nvăn hóa, nghệ thuật của thành phố Hà Nội)*\n\n"
    "**Phụ\nlục I**\n\n"
    "**CHI HỖ TRỢ LUYỆN TẬP, HỖ TRỢ BIỂU DIỄN ĐỐI VỚI NGƯỜI\n"
    "LÀM VIỆC TRONG LĨNH VỰC NGHỆ THUẬT BIỂU DIỄN CỦA THÀNH PHỐ HÀ NỘI**\n\n"
    "**I. ĐỐI TƯỢNG ÁP DỤNG**\n\n"
    "Đối tượng được hưởng hỗ trợ luyện tập và hỗ trợ biểu\ndiễn là những người trực tiếp "
    "tham gia luyện tập, biểu diễn.\n\n"
    "**III. NGUỒN KINH PHÍ THỰC HIỆN**\n\n"
    "Nguồn ngân sách cấp Thành phố và các nguồn kinh phí\nhợp pháp khác./.\n\n\n"
    "**Phụ\nlục II**\n\n"
    "**CHI HỖ TRỢ ĐỐI VỚI CÁC THÀNH VIÊN HỘI ĐỒNG NGHỆ THUẬT\n"
    "TRONG LĨNH VỰC NGHỆ THUẬT BIỂU DIỄN, ĐIỆN ẢNH, MỸ THUẬT, NHIẾP ẢNH**\n\n"
    "**I. ĐỐI TƯỢNG ÁP DỤNG**\n\n"
    "Đối tượng hưởng hỗ trợ là thành viên Hội đồng nghệ\nthuật do đơn vị của Thành phố "
    "thành lập.\n"
)

# The Ministry of Industry and Trade's notice of petrol base prices of 20/11/2025 (crawled):
# a table one cell a line, its columns numbered (1) (2) … above the rows 1. 2. …
COLUMN_NUMBERS = (
    "Bộ Công Thương công bố giá cơ sở các mặt hàng xăng\n"
    "dầu tiêu dùng phổ biến trên thị trường, như sau:\n\n|\n*Mặt hàng*\n|\n"
    "*(%)*\n|\n|\n(1)\n|\n(2)\n|\n(3)=(2)-(1)\n|\n(4)=[(3):(1)]x100\n|\n|\n"
    "1. Xăng E5RON92\n|\n19.844\n|\n19.807\n|\n-37\n|\n-0,19\n|\n|\n"
    "2. Xăng RON95-III\n|\n20.576\n|\n20.542\n|\n"
)

# A crawled circular of 2025 on the codes and standards of scientific titles (l.177–182,
# 811–823, articles between left out, Điều 4's text shortened): Chương III's Điều 14 cites
# Chương II at the start of a wrapped line.
WRAPPED_CHAPTER = (
    "**Chương II**\n\n**MÃ SỐ VÀ TIÊU CHUẨN CHỨC DANH**\n\n"
    "**Điều 4. Mã số chức danh khoa học,\nchức danh công nghệ**\n\n"
    "1. Chức danh khoa học, bao gồm:\n\n"
    "**Chương III**\n\n**THÀNH TÍCH, KẾT QUẢ KHOA\n"
    "HỌC, CÔNG NGHỆ VÀ ĐỔI MỚI SÁNG TẠO ĐỂ XÉT BỔ NHIỆM VÀO CHỨC DANH KHOA HỌC, CHỨC\n"
    "DANH CÔNG NGHỆ CAO HƠN KHÔNG PHỤ THUỘC VÀO NĂM CÔNG TÁC**\n\n"
    "**Điều 14. Xét bổ nhiệm vào chức\n"
    "danh nghiên cứu viên (hạng III) hoặc chức danh kỹ sư (hạng III)**\n\n"
    "Viên chức đang giữ chức danh trợ lý nghiên cứu (hạng\n"
    "IV) hoặc chức danh kỹ thuật viên (hạng IV) đáp ứng tiêu chuẩn của chức danh\n"
    "nghiên cứu viên (hạng III) hoặc chức danh kỹ sư (hạng III) theo quy định tại\n"
    "Chương II Thông tư này được xét bổ nhiệm vào chức danh nghiên cứu viên (hạng\n"
    "III) hoặc chức danh kỹ sư (hạng III) không phụ thuộc vào năm công tác nếu trong\n"
    "thời gian chức danh hiện giữ đạt một trong các thành tích, kết quả hoạt động\n"
    "khoa học, công nghệ và đổi mới sáng tạo như sau:\n"
)

# Quyết định 2629/QĐ-TTg of 2025 (Chương trình phát triển Chính phủ số), its annex's table
# of targets one cell a line: groups I.1, I.2 under the stage I.
DECIMAL_SECTIONS = (
    "**I**\n|\n**Giai đoạn 2025-2027**\n|\n|\n**I.1**\n|\n"
    "**Cung cấp dịch vụ số bao trùm, thông minh**\n|\n|\n1\n|\n"
    "Tỉ lệ dịch vụ công trực tuyến toàn trình trên tổng\n"
    "số thủ tục hành chính có đủ điều kiện.\n|\n%\n|\n100%\n|\n"
    "Văn phòng Chính phủ\n|\n|\n**I.2**\n|\n"
)

ROWS = [
    (PC_FORMS, [  # the motto under a form label is the form's text
        ("d1", "article"), ("pl1", "annex"), ("pl1.maupc17", "form"),
        ("pl1.maupc17.ptA", "part"), ("pl1.maupc17.ptA.I", "section"),
        ("pl1.maupc17.ptB", "part"), ("pl1.maupc17.ptB.I", "section"),
        ("pl1.maupc17.ptB.I.1", "item"),
        ("pl1.maupc18", "form"),
        ("pl1.maupc18.ptA", "part"), ("pl1.maupc18.ptA.I", "section"),
        ("pl1.maupc18.ptB", "part"), ("pl1.maupc18.ptB.I", "section")]),
    (NAMED_AFTER_ANNEX, [  # "TỜ TRÌNH" is the form's text, "Kính gửi: …" a paragraph
        ("d1", "article"), ("pl1", "annex"), ("pl1.mau01", "form"),
        ("pl1.mau01.p1", "paragraph"), ("pl1.mau01.I", "section"), ("pl1.mau01.I.1", "item"),
        ("pl1.mau02", "form"), ("pl1.mau02.p1", "paragraph"),
        ("pl1.mau02.I", "section"), ("pl1.mau02.I.1", "bullet")]),
    (TITLED_DOCUMENTS, [
        ("pl1", "annex"), ("pl1.p1", "paragraph"), ("pl1.p2", "paragraph"),
        ("pl1.I", "section"), ("pl1.III", "section"),
        ("pl1.p3", "form"), ("pl1.p3.p1", "paragraph"), ("pl1.p3.I", "section")]),
    (COLUMN_NUMBERS, [  # the lead-in, two header cells, (1), (2), (3)=…, (4)=…; then rows
        # ("(1)" and "(2)" each a cell since round 12: a bare "(1)" takes no cell after "|")
        ("p1", "paragraph"), ("p2", "paragraph"), ("p3", "paragraph"), ("p4", "paragraph"),
        ("p5", "paragraph"), ("p6", "paragraph"), ("p7", "paragraph"),
        ("1", "item"), ("1.1", "bullet"), ("1.2", "bullet"), ("2", "item")]),
    (DECIMAL_SECTIONS, [  # "I.1", "I.2" are cells of the table, not section I twice
        ("1", "paragraph"), ("2", "paragraph"), ("3", "paragraph"), ("4", "paragraph"),
        ("5", "paragraph"), ("6", "paragraph"), ("7", "paragraph"), ("8", "paragraph")]),
    (WRAPPED_CHAPTER, [
        ("ch2", "chapter"), ("d4", "article"), ("d4.1", "clause"),
        ("ch3", "chapter"), ("d14", "article")]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_restart_rows(text: str, expected: list[tuple[str, str]]) -> None:
    doc = parse_document(text)
    assert [(p.path, p.kind) for p in doc.walk()] == expected
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


def test_titled_document_keeps_its_title_and_text() -> None:
    """The title of Phụ lục II is the new node's heading; Phụ lục I's last section keeps
    only its own sentence, and the title's second line is the node's first paragraph."""
    doc = parse_document(TITLED_DOCUMENTS)
    second, last_of_first = doc.find("pl1.p3"), doc.find("pl1.III")
    assert second is not None and last_of_first is not None
    assert second.heading == "Phụ lục II"
    assert second.children[0].text.startswith("CHI HỖ TRỢ ĐỐI VỚI CÁC THÀNH VIÊN")
    assert last_of_first.text == "Nguồn ngân sách cấp Thành phố và các nguồn kinh phí " \
        "hợp pháp khác./."


def test_wrapped_chapter_reference_stays_in_the_article() -> None:
    doc = parse_document(WRAPPED_CHAPTER)
    article = doc.find("d14")
    assert article is not None
    assert "Chương II Thông tư này được xét bổ nhiệm" in article.text


def test_form_listing_rows_are_text_in_182_2024() -> None:
    """Nghị định 182/2024 lists its forms in a table after the signature (l.687–693,
    ``Mẫu số 01/HTĐT | Văn bản đề nghị hỗ trợ chi phí``) after printing them: each row is
    one paragraph, label and name, and every form printed keeps its own id."""
    doc = parsed("182-2024-ND-CP.txt")
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]
    rows = [p for p in doc.walk() if p.text.startswith("Mẫu số 0") and "/HTĐT\n" in p.text]
    assert [p.text.split("\n") for p in rows][:2] == [
        ["Mẫu số 01/HTĐT", "Văn bản đề nghị hỗ trợ chi phí"],
        ["Mẫu số 02/HTĐT", "Văn bản đề nghị hỗ trợ chi phí đầu tư ban đầu"]]
    assert {p.kind for p in rows} == {"paragraph"}
    forms = [p.path for p in doc.walk() if p.kind == "form"]
    assert forms[:2] == ["pl1.mau01htdt", "pl1.mau02htdt"]


def test_a_form_in_a_layout_row_stays_a_form() -> None:
    """One row ``Mẫu số 01 | CỘNG HÒA …`` is a form printed under a layout table, not a
    listing (a listing is two rows or more)."""
    doc = parse_document(LAST_ARTICLE + "PHỤ LỤC\n(Kèm theo Nghị định số 1/2025/NĐ-CP)\n"
                         "Mẫu số 01 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n1. Tên: …\n")
    assert [(p.path, p.kind) for p in doc.walk()] == [
        ("d1", "article"), ("pl1", "annex"), ("pl1.mau01", "form"), ("pl1.mau01.1", "item")]


def test_source_repeat_is_told_apart_from_a_restart() -> None:
    """``3.`` printed right after ``3.`` (a resolution of 2025 as crawled, l.23 and l.38:
    ``3. Việc thay thế …`` / ``3. Cắt giảm …``) is a repeat in the source; ``I.`` printed
    again after ``II.`` starts another list the parser did not see: not called a misprint."""
    repeat = parse_document("Điều 1. Nội dung\n1. Một.\n2. Hai.\n3. Việc thay thế.\n"
                            "3. Cắt giảm các loại giấy tờ.\n")
    restart = parse_document("I. MỤC TIÊU\nNội dung một.\nII. NHIỆM VỤ\nNội dung hai.\n"
                             "I. MỤC TIÊU KHÁC\nNội dung ba.\n")
    [warned] = [w for w in repeat.warnings if w.code == "duplicate_label"]
    assert SOURCE_REPEAT in warned.message and warned.line == 5
    assert [p.path for p in restart.walk()] == ["I", "II", "I_2"]
    [failed] = [w for w in restart.warnings if w.code == "duplicate_label"]
    assert SOURCE_REPEAT not in failed.message


def test_a_repeated_number_without_words_is_no_source_repeat() -> None:
    """Nghị định 175/2024, Phụ lục XI prints a form's blank table rows ``2. ….`` under each
    other: a repeat with no words of its own is a table the parser did not read, so it is
    counted as the parser's failure, not the source's."""
    doc = parse_document("Điều 1. Kê khai\n1. Họ và tên: ….\n2. ….\n2. ….\n")
    [warned] = [w for w in doc.warnings if w.code == "duplicate_label"]
    assert [p.path for p in doc.walk()][-1] == "d1.2_2"
    assert SOURCE_REPEAT not in warned.message
