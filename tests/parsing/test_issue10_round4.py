"""Issue 10, class 7, fourth round: labels printed again under one parent (``_2`` ids).

Each text quotes a few lines of a real document, cited in ``tests/fixtures/SOURCES.md``
("issue 10, class 7, fourth round"); the expected trees were written from reading those
lines. Before this round each gave ids ending in ``_2`` or hung points beside clauses.
"""

from __future__ import annotations

from parsers import parse_document

# Decree 295/2025/ND-CP in English as a legal site crawls it (Article 6, l.311–313,
# 360–366, 394–417, points shortened to their first lines): the site leaves text out
# behind its paywall notice, and the points after it belong to a clause it did not print.
PAYWALL_GAP = (
    "**Article 6. Support for\ntelecommunications enterprises to provide public-utility "
    "telecommunications\nservices through bidding**\n\n"
    "3. Grounds for conducting\nbidding for the provision of universal telecommunications "
    "services:\n\n"
    "a) Bidding laws;\n\n"
    "b) The public-utility\ntelecommunications service program approved by the Prime "
    "Minister of Vietnam;\n\n"
    "...\n\n...\n\n...\n\n"
    "Hãy đăng nhập hoặc đăng ký Thành viên\n\n"
    "Pro tại đây để xem toàn bộ văn bản tiếng Anh.\n\n"
    "a) The funding source for\nbidding to provide universal telecommunications services "
    "shall be derived from\nthe estimates prescribed in Point c Clause 3 of this Article;\n\n"
    "b) The quotations\nsubmitted by enterprises, the bidding documents, and the request "
    "for proposals\nmust include contents reflecting the requirements.\n\n"
    "**Article 7. Dossier**\n\n1. The dossier includes:\n"
)


def _tree(text: str) -> list[tuple[str, str]]:
    return [(p.path, p.kind) for p in parse_document(text).walk()]


def _duplicates(text: str) -> list[str]:
    return [w.message for w in parse_document(text).warnings if w.code == "duplicate_label"]


def test_points_after_a_paywall_gap_are_not_the_clause_s_points_again() -> None:
    """The notice (both its lines) is one paragraph just under the article; the points
    printed after it, whose clause the page left out, are its children, and the next
    article closes it. (The first ``...`` follows the clause's points, the next two
    stand beside the clauses, as any unnumbered paragraph does.)"""
    assert _tree(PAYWALL_GAP) == [
        ("d6", "article"), ("d6.3", "clause"), ("d6.3.a", "point"), ("d6.3.b", "point"),
        ("d6.3.p1", "paragraph"), ("d6.p1", "paragraph"), ("d6.p2", "paragraph"),
        ("d6.p3", "paragraph"), ("d6.p3.a", "point"), ("d6.p3.b", "point"),
        ("d7", "article"), ("d7.1", "clause")]
    gap = parse_document(PAYWALL_GAP).find("d6.p3")
    assert gap is not None
    assert gap.text == ("Hãy đăng nhập hoặc đăng ký Thành viên "
                        "Pro tại đây để xem toàn bộ văn bản tiếng Anh.")
    assert not _duplicates(PAYWALL_GAP)


def test_a_label_after_the_gap_that_continues_nothing_still_stays_under_it() -> None:
    text = PAYWALL_GAP.replace("a) The funding source", "5. The funding source", 1)
    paths = [path for path, _ in _tree(text)]
    assert "d6.p3.5" in paths and not _duplicates(text)


# Thông tư 38/2015/TT-BTC, Điều 16, l.220–226 (points cut to their first words): clause 4
# announces a list, a paragraph goes on with the lead-in, a paragraph is printed inside
# point a), then the points go on.
LEAD_IN_CUT = (
    "Điều 16. Hồ sơ hải quan\n"
    "3. Hồ sơ hải quan đối với hàng hóa thuộc đối tượng miễn thuế:\n"
    "a) Danh mục hàng hóa miễn thuế;\n"
    "b) Chứng từ chuyển nhượng hàng hoá;\n"
    "c) Văn bản thông báo;\n"
    "d) Giấy báo trúng thầu.\n"
    "4. Hồ sơ hải quan đối với hàng hóa xuất khẩu, nhập khẩu thuộc đối tượng không chịu "
    "thuế:\n"
    "Trường hợp hàng hoá xuất khẩu, nhập khẩu thuộc đối tượng không chịu thuế, ngoài các "
    "chứng từ nêu tại khoản 1, khoản 2 Điều này, người khai hải quan nộp thêm các chứng từ "
    "sau:\n"
    "a) Tờ khai xác nhận viện trợ không hoàn lại của cơ quan tài chính;\n"
    "Trường hợp chủ dự án ODA không hoàn lại, nhà thầu chính thực hiện dự án ODA không "
    "hoàn lại xuất khẩu, nhập khẩu hàng hóa thì nộp thêm hợp đồng ký với chủ dự án;\n"
    "b) Hợp đồng bán hàng hoặc Hợp đồng cung cấp hàng hóa;\n"
    "c) Hợp đồng bán hàng cho các doanh nghiệp chế xuất theo kết quả đấu thầu;\n"
    "d) Hàng hoá thuộc đối tượng không chịu thuế giá trị gia tăng, nộp:\n"
    "5. Đối với thiết bị, dụng cụ chuyên dùng cho giảng dạy, nộp thêm văn bản xác nhận.\n"
)


def test_a_paragraph_between_a_lead_in_and_its_list_goes_on_with_the_lead_in() -> None:
    assert _tree(LEAD_IN_CUT) == [
        ("d16", "article"), ("d16.3", "clause"), ("d16.3.a", "point"), ("d16.3.b", "point"),
        ("d16.3.c", "point"), ("d16.3.d", "point"), ("d16.4", "clause"),
        ("d16.4.a", "point"), ("d16.4.b", "point"), ("d16.4.c", "point"),
        ("d16.4.d", "point"), ("d16.5", "clause")]
    clause = parse_document(LEAD_IN_CUT).find("d16.4")
    assert clause is not None and clause.text.endswith("nộp thêm các chứng từ sau:")
    point = parse_document(LEAD_IN_CUT).find("d16.4.a")
    assert point is not None and point.text.startswith("Tờ khai xác nhận viện trợ")
    assert "Trường hợp chủ dự án ODA" in point.text


def test_a_form_s_notes_after_its_last_lead_in_stay_notes() -> None:
    """``Ghi chú:`` after a form's last line ending in ``:`` (Nghị định 96/2024/NĐ-CP,
    Phụ lục XVII, l.3786–3790, the note shortened: ``4. Danh sách nhân viên môi giới:`` /
    ``Ghi chú:`` / ``(1) …``) opens the notes; it does not go on with the line before."""
    text = ("Điều 1. Hiệu lực\nNghị định này có hiệu lực từ ngày ký.\n"
            "PHỤ LỤC XVII\n(Kèm theo Nghị định số 96/2024/NĐ-CP)\n"
            "Chỗ ở hiện nay: \n4. Danh sách nhân viên môi giới:\n\nGhi chú:\n"
            "(1) Ghi cụ thể số nhà, đường/phố.\n")
    doc = parse_document(text)
    assert [p.kind for p in doc.walk() if p.text == "Ghi chú:"] == ["paragraph"]
    listed = next(p for p in doc.walk() if p.label == "4")
    assert listed.text == "Danh sách nhân viên môi giới:" and not listed.children


# A provincial Quyết định of 2025 publishing internal procedures (2916/QĐ-UBND, crawled;
# annex table one cell a line, l.505–529): the step's result cell cites form 05. The
# decree's last article and the form printed before the table are made up.
FORM_CITED_IN_A_STEP = (
    "Điều 1. Hiệu lực\nQuyết định này có hiệu lực từ ngày ký.\n"
    "PHỤ LỤC\n(Kèm theo Quyết định số 2916/QĐ-UBND)\n\n"
    "Mẫu 05\n\nPHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ\n\n"
    "|\nTrưởng phòng\n|\n02 ngày\n|\n"
    "Mẫu 05 kèm hồ sơ; Dự thảo: Tờ trình, Quyết định công nhận kết quả thăm\n"
    "dò khoáng sản hoặc Văn bản thông báo trả hồ sơ đã được lãnh đạo phòng xác nhận.\n"
    "|\n|\nB8\n|\nKý duyệt kết quả giải quyết của\nPhòng Khoáng sản tại B7.\n|\n"
    "Lãnh đạo Sở\n|\n02 ngày\n|\n"
    "Mẫu 05 kèm hồ sơ; Tờ trình và dự thảo Quyết định công nhận kết quả thăm\n"
    "dò khoáng sản đã được lãnh đạo Sở ký duyệt.\n|\n"
)


def test_a_cell_citing_a_form_opens_no_form() -> None:
    """``Mẫu 05 kèm hồ sơ; …`` (a lower-case word right after the number), ``Mẫu số 13
    tại Phụ lục II ban hành kèm theo Nghị định số 163/2025/NĐ-CP``, ``Mẫu 27 Phụ lục III
    Nghị định số 163/2025/NĐ-CP`` and the file link ``Mẫu 06.docx`` name a form; the form
    printed (``Mẫu 05`` / its title) keeps its id, once."""
    doc = parse_document(FORM_CITED_IN_A_STEP)
    assert [p.path for p in doc.walk() if p.kind == "form"] == ["pl1.mau05"]
    assert not _duplicates(FORM_CITED_IN_A_STEP)
    annex = "Điều 1. Hiệu lực\nNghị định này có hiệu lực.\nPHỤ LỤC\n(Kèm theo …)\n"
    for cell in ("Mẫu\nsố 13 tại Phụ lục II ban hành kèm theo Nghị định số 163/2025/NĐ-CP",
                 "Mẫu 27 Phụ lục III Nghị định số 163/2025/NĐ-CP", "Mẫu 06.docx"):
        kinds = {p.kind for p in parse_document(f"{annex}|\n{cell}\n|\n").walk()}
        assert "form" not in kinds, cell


def test_a_form_s_own_heading_after_a_colon_still_opens_it() -> None:
    """``Mẫu số Ia: nội dung hợp đồng mẫu …`` (Nghị định 96/2024/NĐ-CP, Phụ lục I) and
    ``Mẫu số 01 a | Công văn …`` (Nghị định 18/2021/NĐ-CP, a listing) are not citations."""
    annex = "Điều 1. Hiệu lực\nNghị định này có hiệu lực.\nPHỤ LỤC I\n(Kèm theo …)\n"
    doc = parse_document(f"{annex}Mẫu số Ia: nội dung hợp đồng mẫu\nĐiều 1. Các bên\n")
    assert [p.path for p in doc.walk() if p.kind == "form"] == ["pl1.mauia"]


# Nghị định 31/2021/NĐ-CP (Luật Đầu tư detail decree) as extracted from PDF, l.1555–1591
# (clauses shortened to their first words): Điều 55's label is cut before its last digit,
# which is printed with the title.
CUT_BEFORE_LAST_DIGIT = (
    "Điều 54.\n Điều chỉnh dự án đầu tư theo bản án, quyết định của tòa án, trọng tài\n\n"
    " 1. Đối với dự án đầu tư phải điều chỉnh theo bản án, quyết định có hiệu lực.\n\n"
    " 5. Trong trường hợp nhà đầu tư không thực hiện thủ tục điều chỉnh dự án đầu tư.\n\n"
    "Điều 5\n5. Điều chỉnh, gia hạn thời hạn hoạt động của dự án đầu tư\n\n"
    " 1. Nhà đầu tư được điều chỉnh thời hạn hoạt động của dự án đầu tư.\n\n"
    "Điều 56. Điều kiện, thủ tục ngừng hoạt động của dự án đầu tư\n"
)


def test_an_article_number_cut_before_its_last_digit() -> None:
    doc = parse_document(CUT_BEFORE_LAST_DIGIT)
    assert [(p.path, p.kind) for p in doc.walk()] == [
        ("d54", "article"), ("d54.1", "clause"), ("d54.5", "clause"),
        ("d55", "article"), ("d55.1", "clause"), ("d56", "article")]
    article = doc.find("d55")
    assert article is not None
    assert article.heading == "Điều chỉnh, gia hạn thời hạn hoạt động của dự án đầu tư"


def test_a_bare_article_label_before_its_first_clause_stays_itself() -> None:
    """``Điều 5`` / ``1. …`` where Điều 5 comes next is not Điều 51."""
    text = ("Điều 4. Đối tượng\nNghị định này áp dụng.\nĐiều 5\n"
            "1. Nhà đầu tư được điều chỉnh.\n")
    doc = parse_document(text)
    assert "d51" not in [p.path for p in doc.walk()]


# Nghị định 136/2020/NĐ-CP, Phụ lục, a form's table of goods (l.1976–1988, the notes
# shortened): its template rows print a row number and empty cells, the last row "...".
EMPTY_ROWS = (
    "Điều 1. Hiệu lực\nNghị định này có hiệu lực từ ngày ký.\n"
    "PHỤ LỤC\n(Kèm theo Nghị định số 136/2020/NĐ-CP)\n"
    "NHỮNG ĐIỀU CẦN CHÚ Ý\n"
    "1. Phương tiện giao thông cơ giới đường bộ phải dán biểu trưng ở kính chắn gió.\n"
    "2. Chỉ được chở loại hàng hóa nguy hiểm về cháy, nổ ghi trong giấy phép.\n"
    "TT | Tên hàng hóa nguy hiểm về cháy, nổ | Số UN | Loại nhóm hàng | Số hiệu nguy hiểm "
    "| Khối lượng vận chuyển | Ga đi - Ga đến\n"
    "1 | | | | | | \n2 | | | | | | \n... | | | | | | \n"
)


def test_the_number_of_an_empty_table_row_is_no_clause() -> None:
    """``2 | | |`` over ``... | | |`` was read as ``2...``, a second item 2."""
    doc = parse_document(EMPTY_ROWS)
    assert not _duplicates(EMPTY_ROWS)
    # (the lone "1" is taken for a page number, as before)
    assert [p.text for p in doc.walk() if p.path.startswith("pl1.p")][-2:] == ["2", "..."]


# Nghị định 151/2025/NĐ-CP, Phụ lục, Phần III, sections III–IV (l.589–636, items and
# points cut to their first words): section IV's heading runs to 320 characters.
LONG_SECTION = (
    "Điều 1. Hiệu lực\nNghị định này có hiệu lực từ ngày ký.\n"
    "PHỤ LỤC\n(Kèm theo Nghị định số 151/2025/NĐ-CP)\n"
    "III. Trình tự, thủ tục điều chỉnh quyết định giao đất, cho thuê đất, cho phép chuyển "
    "mục đích sử dụng đất do thay đổi căn cứ quyết định giao đất, cho thuê đất, cho phép "
    "chuyển mục đích sử dụng đất\n"
    "1. Trình tự, thủ tục thực hiện đối với trường hợp người sử dụng đất phải nộp tiền.\n"
    "5. Thành phần hồ sơ: Đơn theo Mẫu số 03 ban hành kèm theo Nghị định này.\n"
    "IV. Trình tự, thủ tục điều chỉnh quyết định giao đất, cho thuê đất, cho phép chuyển "
    "mục đích sử dụng đất do sai sót về ranh giới, vị trí, diện tích, mục đích sử dụng giữa "
    "bản đồ quy hoạch, bản đồ địa chính, quyết định giao đất, cho thuê đất, cho phép "
    "chuyển mục đích sử dụng đất và số liệu bàn giao đất trên thực địa\n"
    "1. Trình tự thực hiện đối với trường hợp không làm thay đổi tiền sử dụng đất.\n"
)


def test_a_long_heading_next_in_sequence_is_a_section() -> None:
    assert _tree(LONG_SECTION) == [
        ("d1", "article"), ("pl1", "annex"), ("pl1.III", "section"), ("pl1.III.1", "item"),
        ("pl1.III.5", "item"), ("pl1.IV", "section"), ("pl1.IV.1", "item")]


def test_a_long_sentence_out_of_sequence_stays_text() -> None:
    """``V. …`` after III, or a IV that ends a sentence, is no section."""
    for line in ("V. Trình tự thực hiện " + "rất dài " * 40,
                 "IV. Trình tự thực hiện " + "rất dài " * 40 + "xong."):
        text = LONG_SECTION.split("IV. ")[0] + line + "\n"
        sections = [p.path for p in parse_document(text).walk() if p.kind == "section"]
        assert sections == ["pl1.III"]


def test_a_range_wrapped_onto_a_line_is_no_item() -> None:
    """``… áp dụng giá bán lẻ điện sinh hoạt của bậc 2: từ`` / ``101 - 200 kWh cho toàn bộ
    …`` (a 2025 circular on electricity prices as crawled, l.594–598) and ``… suspended
    for a fixed period of`` / ``06 - 12 months …`` (Decree 301/2025 in English as crawled,
    l.324–325): a range, not an item ``101`` or ``06``; ``2- Các cấp uỷ …`` still is one."""
    text = ("Điều 12. Giá bán lẻ điện\n4. Bên mua điện\nsử dụng vào mục đích sinh hoạt thì áp "
            "dụng giá bán lẻ điện sinh hoạt của bậc 2: từ\n101 - 200 kWh cho toàn bộ sản lượng "
            "điện đo đếm được tại công tơ;\n")
    assert [p.path for p in parse_document(text).walk()] == ["d12", "d12.4"]
    assert [p.path for p in parse_document("1- Một.\n2- Các cấp uỷ.\n").walk()] == ["1", "2"]


# A crawled regulation of 2025 on a professional examination (Điều 21, l.1128–1163, the
# paragraphs between shortened): a hard wrap puts the end of "(thành viên chấm 1)" first.
WRAPPED_PARENTHESIS = (
    "**Điều 21. Chấm bài kiểm tra**\n\n"
    "1. Việc chấm bài kiểm tra được thực hiện thống nhất\ntại 1 khu vực.\n\n"
    "2. Trước khi chấm bài kiểm tra, Trưởng Ban chấm bài tổ chức họp Ban chấm bài như "
    "sau:\n\n"
    "a) Chấm bài kiểm tra lần thứ nhất (thành viên chấm\n1):\n\n"
    "Trưởng Ban chấm bài tổ chức bốc thăm ngẫu nhiên\nnguyên túi đựng bài kiểm tra.\n\n"
    "b) Chấm bài kiểm tra lần thứ hai (thành viên chấm\n2):\n\n"
    "Sau khi các thành viên chấm bài kiểm tra được phân\ncông làm nhiệm vụ.\n"
)


def test_the_end_of_a_wrapped_parenthesis_is_no_item() -> None:
    """``1):`` under ``(thành viên chấm`` closes the parenthesis; so does ``10);`` under
    ``(theo Mẫu số`` (a crawled archive regulation of 2025, l.1208–1209)."""
    doc = parse_document(WRAPPED_PARENTHESIS)
    # (the paragraph after the last point goes to the clause, as any such paragraph)
    assert [p.path for p in doc.walk()] == [
        "d21", "d21.1", "d21.2", "d21.2.a", "d21.2.b", "d21.2.p1"]
    point = doc.find("d21.2.a")
    assert point is not None
    assert point.text.startswith("Chấm bài kiểm tra lần thứ nhất (thành viên chấm 1):")
    other = parse_document("Điều 1. Hủy\n- Lập Biên bản bàn giao tài liệu (theo Mẫu số\n"
                           "10);\n- Hủy tài liệu;\n")
    assert [p.kind for p in other.walk()] == ["article", "bullet", "bullet"]


# Quyết định 95/2025/QĐ-UBND of Nghệ An (land registration coordination), as crawled,
# l.385–388 and 694–695 (hard-wrapped; the text between left out, the quote closed).
WRAPPED_SUBCHAPTER = (
    "**Mục 1. PHỐI HỢP TRONG CÔNG TÁC ĐĂNG KÝ**\n\n"
    "**Điều 9. Phối hợp đăng ký**\n\n"
    "đ) Đăng ký, cấp Giấy chứng nhận đối với trường hợp\n"
    "đã chuyển quyền sử dụng đất nhưng chưa làm thủ tục chuyển quyền được quy định tại\n"
    "Mục 2 Phần XI của “Phần C. TRÌNH TỰ, THỦ TỤC ĐĂNG KÝ ĐẤT ĐAI,\n"
    "TÀI SẢN GẮN LIỀN VỚI ĐẤT” thuộc Phần V của Phụ lục I kèm theo Nghị định số\n"
    "151/2025/NĐ-CP.\n\n"
    "**Mục 2. PHỐI HỢP TRONG CÔNG TÁC\n"
    "LẬP, CẬP NHẬT CHỈNH LÝ HỒ SƠ ĐỊA CHÍNH**\n\n"
    "**Điều 10. Phối hợp lập hồ sơ**\n"
)


def test_a_mục_cited_at_the_start_of_a_wrapped_line_is_text() -> None:
    doc = parse_document(WRAPPED_SUBCHAPTER)
    assert [(p.path, p.kind) for p in doc.walk()] == [
        ("m1", "subchapter"), ("d9", "article"), ("d9.đ", "point"),
        ("m2", "subchapter"), ("d10", "article")]
    point = doc.find("d9.đ")
    assert point is not None
    # (this short excerpt is not hard-wrapped as a whole: the sentence's first lines stay
    # the point's heading, as in any short text)
    assert "quy định tại Mục 2 Phần XI của" in f"{point.heading} {point.text}"
    assert [w.code for w in doc.warnings if w.line == 7] == ["heading_in_text"]
