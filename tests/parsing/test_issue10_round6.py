"""Issue 10, class 7, sixth round: numbering that restarts inside an annex under a title
that names a block of its own (``_2`` ids otherwise).

Each text quotes lines of a real document, cited in ``tests/fixtures/SOURCES.md``
("issue 10, class 7, sixth round"); the expected trees were written from reading them.
"""

from __future__ import annotations

from parsers import parse_document

# Nghị định 226/2025/NĐ-CP, Phụ lục I (l.483–541, long paragraphs cut to their first words,
# the worked figures and most bullets left out). The decree's last article is made up.
# Each example numbers its steps or cases from 1 again.
WORKED_EXAMPLES = (
    "Điều 3. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\n\n"
    "PHỤ LỤC I\nCÁC VÍ DỤ VỀ ÁP DỤNG PHƯƠNG PHÁP ĐỊNH GIÁ ĐẤT\n"
    "(Kèm theo Nghị định số 226/2025/NĐ-CP ngày 15 tháng 8 năm 2025 của Chính phủ)\n\n"
    "VÍ DỤ SỐ 01: VỀ PHƯƠNG PHÁP SO SÁNH\n"
    "1. Thông tin của thửa đất cần định giá\n"
    "Thửa đất cần định giá X là thửa đất ở tại đô thị, thời hạn sử dụng lâu dài.\n"
    "Thời điểm định giá đất là ngày 01 tháng 6 năm 2024.\n"
    "2. Xác định giá đất của thửa đất cần định giá\n"
    "2.1. Khảo sát, thu thập thông tin của thửa đất so sánh\n"
    "Kết luận: Giá đất của thửa đất cần định giá (làm tròn) là 41.377.000 đồng/m2.\n\n"
    "VÍ DỤ SỐ 02: VỀ PHƯƠNG PHÁP THU NHẬP\n"
    "1. Trường hợp 1:\n"
    "THỬA ĐẤT ĐỊNH GIÁ LÀ ĐẤT TRỒNG CÂY HÀNG NĂM\n"
    "Thửa đất cần định giá là thửa đất trồng cây hàng năm tại xã A, tỉnh C.\n"
    "Việc xác định giá đất theo phương pháp thu nhập thực hiện như sau:\n"
    "- Thu nhập bình quân một năm:\n"
    "- Chi phí bình quân một năm:\n"
    "Kết luận: Giá đất của thửa đất cần định giá (làm tròn) là 30.000 đồng/m2.\n\n"
    "2. Trường hợp 2:\n"
    "THỬA ĐẤT ĐỊNH GIÁ LÀ ĐẤT TRỒNG CÂY LÂU NĂM\n"
)


def _labeled(text: str) -> list[tuple[str, str]]:
    return [(p.path, p.kind) for p in parse_document(text).walk()
            if p.kind not in ("bullet", "paragraph")]


def test_each_worked_example_is_a_node_whose_numbering_restarts() -> None:
    """The two examples are the annex's children, each with its own 1. and 2.; before,
    example 02's steps hung inside example 01 and case 2 became ``pl1.2_2``."""
    doc = parse_document(WORKED_EXAMPLES)
    assert _labeled(WORKED_EXAMPLES) == [
        ("d3", "article"), ("pl1", "annex"),
        ("pl1.vd01", "example"), ("pl1.vd01.1", "item"), ("pl1.vd01.2", "item"),
        ("pl1.vd01.2.2.1", "item"),  # "2.1." (the id keeps its whole label)
        ("pl1.vd02", "example"), ("pl1.vd02.1", "item"), ("pl1.vd02.2", "item")]
    example = doc.find("pl1.vd02")
    assert example is not None
    assert (example.label, example.heading) == ("02", "VỀ PHƯƠNG PHÁP THU NHẬP")
    assert example.cite_label == "Ví dụ số 02"
    case = doc.find("pl1.vd02.2")
    assert case is not None and case.text.startswith("Trường hợp 2:")
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


def test_an_example_named_in_a_sentence_or_a_listing_opens_none() -> None:
    """``ví dụ số lỗ do hoạt động …`` (Nghị định 236/2025/NĐ-CP, l.474) is a sentence and
    ``1 | Ví dụ số 01 | Về phương pháp so sánh`` (Nghị định 226/2025/NĐ-CP, Phụ lục III,
    l.907) a row listing the examples; neither is an example, nor is a heading outside an
    annex."""
    annex = "Điều 1. Hiệu lực\nNghị định này có hiệu lực.\nPHỤ LỤC\n(Kèm theo …)\n"
    for line in ("Ví dụ số lỗ do hoạt động còn được mang sang kỳ sau.",
                 "1 | Ví dụ số 01 | Về phương pháp so sánh"):
        kinds = {p.kind for p in parse_document(f"{annex}{line}\n").walk()}
        assert "example" not in kinds, line
    body = "Điều 1. Ví dụ\nVÍ DỤ SỐ 01: VỀ PHƯƠNG PHÁP SO SÁNH\n1. Thông tin\n"
    assert "example" not in {p.kind for p in parse_document(body).walk()}


# Quyết định 2848/QĐ-UBND, 21/11/2025, Chủ tịch UBND Thành phố Hồ Chí Minh, as crawled
# (l.110–113, 140–166, 199–236, 256–263; cells and lists shortened, the first row's
# place, fee and legal basis left out): the annex's table prints one cell a line, a row's
# number alone between two "|" lines, and each row's procedure numbers its parts from 1
# again.
PROCEDURE_ROWS = (
    "**Điều 4.** Chánh Văn phòng Ủy ban nhân dân\nThành phố, Giám đốc Sở Khoa học và Công "
    "nghệ chịu trách nhiệm thi hành Quyết\nđịnh này./.\n|\n"
    "**DANH MỤC **\nTHỦ TỤC HÀNH CHÍNH ĐƯỢC\nSỬA ĐỔI, BỔ SUNG LĨNH VỰC HOẠT ĐỘNG KHOA HỌC "
    "VÀ CÔNG NGHỆ\n*(Ban hành kèm theo Quyết định số 2848/QĐ-UBND ngày 21 tháng 11 năm "
    "2025 của\nChủ tịch Ủy ban nhân dân Thành phố)*\n|\n"
    "**TT**\n|\n**Tên thủ tục\nhành chính**\n|\n**Thời hạn giải\nquyết**\n|\n|\n"
    "1\n|\nThay đổi, bổ sung, cấp lại giấy chứng nhận đăng\nký tổ chức khoa học và công "
    "nghệ\n|\n10 ngày làm việc kể từ ngày nhận được hồ sơ hợp\nlệ.\n|\n"
    "**1. Trình tự thực hiện TTHC**\n- Tổ chức đủ điều kiện quy định gửi hồ\n"
    "sơ đến Sở Khoa học và Công nghệ.\n"
    "**2. Cơ quan thực hiện TTHC:**\nSở Khoa học và Công nghệ.\n"
    "**3. Kết quả thực hiện TTHC:**\nGiấy chứng nhận đăng ký tổ chức khoa học và công "
    "nghệ.\n|\n|\n"
    "2\n|\nCấp Giấy chứng nhận văn phòng đại diện, chi nhánh\ncủa tổ chức khoa học và "
    "công nghệ\n|\n10 ngày làm việc kể từ ngày nhận được hồ sơ hợp\nlệ.\n|\n"
    "- Bộ phận Một cửa tại Sở Khoa học và Công nghệ\n(244 Điện Biên Phủ, Phường Xuân Hòa, "
    "Thành phố Hồ Chí Minh)\n|\nKhông\n|\n"
    "- Luật Khoa học, công nghệ và đổi mới sáng tạo số\n93/2025/QH15 ngày 27 tháng 6 năm "
    "2025.\n|\n"
    "**1. Trình tự thực hiện TTHC**\n- Tổ chức đủ điều kiện quy định gửi hồ\n"
    "sơ đến Sở Khoa học và Công nghệ.\n"
    "**2. Cơ quan thực hiện TTHC:**\nSở Khoa học và Công nghệ.\n|\n"
)


def test_a_later_row_of_a_one_cell_a_line_table_holds_its_own_steps() -> None:
    """Row 2 (its number, printed alone between two ``|``, read as a page number before)
    is a node titled by its first cell, holding the rest of the row: its ``1.`` and ``2.``
    are ``pl1.r2.1`` and ``pl1.r2.2``, no longer ``pl1.1_2``. Row 1's steps keep the ids
    they had (only labels that would repeat move), so row 1 is no node of its own."""
    doc = parse_document(PROCEDURE_ROWS)
    assert _labeled(PROCEDURE_ROWS) == [
        ("d4", "article"), ("pl1", "annex"),
        ("pl1.1", "item"), ("pl1.2", "item"), ("pl1.3", "item"),
        ("pl1.r2", "row"), ("pl1.r2.1", "item"), ("pl1.r2.2", "item")]
    row = doc.find("pl1.r2")
    assert row is not None and row.label == "2"
    assert row.heading == ("Cấp Giấy chứng nhận văn phòng đại diện, chi nhánh "
                           "của tổ chức khoa học và công nghệ")
    step = doc.find("pl1.r2.2")
    assert step is not None and step.heading == "Cơ quan thực hiện TTHC:"
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]


def test_rows_whose_numbering_does_not_repeat_open_no_node() -> None:
    """The same table with the second row's steps left out: nothing repeats, so no row
    node is made and every id is what it was (the row numbers stay out of the text)."""
    text = PROCEDURE_ROWS.split("**1. Trình tự thực hiện TTHC**")
    single = "**1. Trình tự thực hiện TTHC**".join(text[:2]) + "|\n|\n2\n|\nCấp Giấy\n|\n"
    doc = parse_document(single)
    assert "row" not in {p.kind for p in doc.walk()}
    assert [p.path for p in doc.walk() if p.kind == "item"] == ["pl1.1", "pl1.2", "pl1.3"]


# Quyết định of UBND tỉnh Hà Tĩnh, 11/2025 (internal procedures of the Sở Y tế for forensic
# examiners), as crawled, l.118–121, 137–140, 466–486 and 790–805 (two of each list's six
# forms): each procedure ends with its list of forms, one cell a line, every row the form's
# label, its name and the link to its file. The next procedure lists the same forms again.
LISTED_FORMS = (
    "Điều 4. Chủ tịch UBND cấp xã và các tổ\nchức, cá nhân có liên quan chịu trách nhiệm "
    "thi hành Quyết định này./.\n|\n"
    "# DANH MỤC VÀ QUY TRÌNH NỘI\nBỘ THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ SUNG LĨNH VỰC GIÁM "
    "ĐỊNH\n*(Kèm theo Quyết định số ** **/QĐ-UBND ngày ** **/11/2025 của Chủ tịch UBND "
    "tỉnh)*\n"
    "|\n**3**\n|\n**BIỂU MẪU**\n|\n|\n|\n"
    "Mẫu 01\n|\nGiấy tiếp nhận hồ sơ và hẹn trả kết quả\n|\nMẫu 01.docx\n|\n|\n|\n"
    "Mẫu 02\n|\nPhiếu yêu cầu bổ sung hoàn thiện hồ sơ\n|\nMẫu 02.docx\n|\n|\n"
    "**4**\n|\n**HỒ SƠ LƯU**\n|\n|\n"
    "|\n**3**\n|\n**BIỂU MẪU**\n|\n|\n|\n|\n"
    "Mẫu 01\n|\nGiấy tiếp nhận hồ sơ và hẹn trả kết quả\n|\nMẫu 01.docx\n|\n|\n|\n"
    "Mẫu 02\n|\nPhiếu yêu cầu bổ sung hoàn thiện hồ sơ\n|\nMẫu 02.docx\n|\n|\n"
)


def test_a_list_of_forms_linking_their_files_prints_no_form() -> None:
    """``Mẫu 01`` / its name / ``Mẫu 01.docx`` names a form and links its file: the row is
    text (before, the second list made ``mau01_2``, ``mau02_2``). The file may close the
    name's cell (``… đối với hàng hóa xuất khẩu … BM.XNKBCXB.01.doc x``, a Sở Công Thương
    list of 2025, l.574–579, as a block joins them)."""
    doc = parse_document(LISTED_FORMS)
    assert "form" not in {p.kind for p in doc.walk()}
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]
    texts = [p.text for p in doc.walk() if p.path.startswith("pl1.")]
    assert texts.count("Mẫu 01") == 2
    joined = LISTED_FORMS.replace(
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả\n|\nMẫu 01.docx",
        "Đơn đề nghị cấp giấy chứng\nnhận lưu hành tự do (CFS).\nBM.XNKBCXB.01.doc x")
    assert "form" not in {p.kind for p in parse_document(joined).walk()}


def test_a_printed_form_stays_a_form() -> None:
    """A form printed under its label (its title, then its text) links no file."""
    text = ("Điều 1. Hiệu lực\nNghị định này có hiệu lực.\nPHỤ LỤC\n(Kèm theo …)\n"
            "Mẫu 01\n\nGIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n\nMã hồ sơ: …\n")
    assert [p.path for p in parse_document(text).walk() if p.kind == "form"] == ["pl1.mau01"]


# Nghị định 18/2021/NĐ-CP, Phụ lục VII, Mẫu số 02h1 (the quota book), its guide printed in
# Vietnamese then in English (l.486, 503–524; items 6–7 of each language left out and
# the Vietnamese items shortened): the English points are lettered "a." and read as text.
BILINGUAL_GUIDE = (
    "Điều 1. Hiệu lực\nNghị định này có hiệu lực từ ngày ký.\n"
    "PHỤ LỤC VII\n(Kèm theo Nghị định số 18/2021/NĐ-CP)\n"
    "Mẫu số 02h1\n \nHƯỚNG DẪN\n"
    "1. Sổ định mức miễn thuế được sử dụng để mua hàng miễn thuế tại các cửa hàng miễn "
    "thuế ở Việt Nam trong 03 năm.\n"
    "2. Sổ định mức miễn thuế được sử dụng khi người được cấp sổ tự nhập khẩu.\n"
    "3. Khi mua hàng tại cửa hàng miễn thuế ở Việt Nam, người mua hàng xuất trình:\n"
    "a) Sổ định mức miễn thuế.\n"
    "b) Hộ chiếu hoặc chứng minh thư do Cục Lễ tân Nhà nước - Bộ Ngoại giao cấp.\n"
    "c) Công hàm đề nghị mua hàng.\n"
    "4. Khi mất Sổ, cơ quan được cấp Sổ cần thông báo ngay cho Cục Lễ tân Nhà nước - Bộ "
    "Ngoại giao.\n"
    "5. Khi thay Sổ mới, cơ quan được cấp Sổ phải gửi trả Sổ định mức miễn thuế này.\n"
    "8. Bộ Tài chính in, phát hành, quản lý, sử dụng Sổ định mức miễn thuế.\n \n"
    "INSTRUCTION\n"
    "1. The quota book is used to purchase commodities at Duty Free Shops in Vietnam within "
    "03 years.\n"
    "2. The quota book is also used when the user of the quota book imports commodities.\n"
    "3. To purchase commodities at Duty Free Shops in Vietnam, the followings are presented:\n"
    "a. The quota book.\n"
    "b. Passport or I.D Card which is granted by the Directorate of State Protocol Ministry "
    "of Foreign Affairs.\n"
    "c. Letter of recommendation.\n"
    "4. If the book is lost, the user is requested to inform immediately to the Directorate "
    "of State Protocol - Ministry of Foreign Affairs.\n"
    "5. If change the book, the user should return the quota book to the Directorate of "
    "State Protocol - Ministry of Foreign Affairs.\n"
)


def test_a_list_goes_on_beside_its_last_item_after_text_closed_it() -> None:
    """The English ``4.`` and ``5.`` follow the English ``3.``, whose points ``a.`` … ``c.``
    were read as unlabeled text and closed the list: they are its siblings, not the
    Vietnamese 4 and 5 again (``4_2``, ``5_2`` before)."""
    doc = parse_document(BILINGUAL_GUIDE)
    assert not [w for w in doc.warnings if w.code == "duplicate_label"]
    english = [p for p in doc.walk() if p.kind == "item" and p.text.startswith(
        ("The quota book", "To purchase", "If the book", "If change"))]
    assert [p.label for p in english] == ["1", "2", "3", "4", "5"]
    parents = {p.path.rsplit(".", 1)[0] for p in english}
    assert len(parents) == 1, parents
    # "a. The quota book." … are the English 3's points (printed with a dot, read as
    # points since round 12), in the printed order
    points = [p for p in doc.walk() if p.text.startswith(("The quota book.", "Passport", "Letter"))]
    assert [(p.path, p.kind) for p in points] == [
        (f"{english[2].path}.{x}", "point") for x in "abc"]
    order = [p.path for p in doc.walk()]
    assert order.index(points[0].path) < order.index(english[3].path)


def test_a_label_that_would_not_repeat_is_not_moved() -> None:
    """Without the Vietnamese 4 and 5, the English ``4.`` is free where it lands after the
    text that closed its list, and it stays there, as before."""
    start = BILINGUAL_GUIDE.index("4. Khi mất")
    text = BILINGUAL_GUIDE[:start] + BILINGUAL_GUIDE[BILINGUAL_GUIDE.index("8. Bộ Tài"):]
    # the English 3's points printed without their letters: unlabeled text that closes the
    # list (with "a." … they are points since round 12, and the 4 simply follows the 3)
    for letter in "abc":
        text = text.replace(f"\n{letter}. ", "\n")
    four = next(p for p in parse_document(text).walk() if p.text.startswith("If the book"))
    assert four.path == "pl1.4"
