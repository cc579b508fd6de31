"""The pure parts, one row per rule: citations as typed, context, relations, terms, dates."""

from __future__ import annotations

import pytest

from parsers.citations import find_citations, parse_citation, relative_path
from parsers.effective import Row as EffectiveRow
from parsers.effective import effective_date, signed_date
from parsers.relations import Row, find_relations
from parsers.terms import Row as TermRow
from parsers.terms import find_terms


@pytest.mark.parametrize(("cite", "number", "title", "year", "path"), [
    ("Điều 5 BLDS", "91/2015/QH13", None, 2015, "d5"),  # the version in the table
    ("dieu 5 blds 2005", None, "Bộ luật Dân sự", 2005, "d5"),  # another year: by title
    ("Điều 3 Luật ĐĐ", "31/2024/QH15", None, 2024, "d3"),  # a two-word key
    ("45/2019", "45/2019", None, 2019, None),  # the code left out
    ("luật công đoàn 2024 điều 5", None, "luật công đoàn", 2024, "d5"),
])
def test_parse_citation(cite: str, number: str | None, title: str | None, year: int | None,
                        path: str | None) -> None:
    query = parse_citation(cite)
    assert (query.number, query.title, query.year, query.path) == (number, title, year, path)


@pytest.mark.parametrize(("cite", "origin", "path"), [
    ("khoản 2 Điều này", "d5.3", "d5.2"),
    ("khoản 2", "d5.3.a", "d5.2"),  # a bare clause: of this article
    ("điểm a khoản này", "d5.3.c", "d5.3.a"),
    ("điểm b", "d5.3", "d5.3.b"),
    ("Điều này", "d5.3", "d5"),
    ("Điều 7 của Luật này", "d5.3", "d7"),
    ("Luật này", "d5.3", None),  # the whole document
    ("khoản 2 Điều này", "p1", None),  # a preamble is inside no article
])
def test_relative_path(cite: str, origin: str, path: str | None) -> None:
    assert relative_path(parse_citation(cite), origin) == path


def test_abbreviations_in_running_text_only_in_capitals() -> None:
    found = find_citations("Theo Điều 34 BLLĐ; còn ldt viết thường không phải viết tắt.")
    assert [(c.raw, c.number) for c in found] == [("Điều 34 BLLĐ", "45/2019/QH14")]


def _rows(*rows: tuple[str, str | None, str | None, str]) -> list[Row]:
    return [Row(pid, pid.split("/")[1], parent, heading, text)
            for pid, parent, heading, text in rows]


def test_an_amending_article_scopes_its_items_and_quoted_text_is_not_read() -> None:
    rows = _rows(
        ("x/p1", None, None, "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật "
                             "Ban hành văn bản quy phạm pháp luật số 64/2025/QH15."),
        ("x/d1", None, "Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm "
                       "pháp luật", ""),
        ("x/d1.1", "x/d1", None, "Sửa đổi, bổ sung khoản 3 Điều 9 như sau: “3. Bãi bỏ "
                                 "Nghị định số 1/2020/NĐ-CP.”"),
        ("x/d1.2", "x/d1", None, "Sửa đổi, bổ sung một số điểm, khoản của Điều 31 như sau:"),
        ("x/d1.2.a", "x/d1.2", None, "Bổ sung điểm c1 vào sau điểm c khoản 4 như sau:"),
    )
    found = {(r.kind, r.target_number, r.target_path) for r in find_relations(None, rows)}
    assert ("amends", "64/2025/QH15", "d9.3") in found
    assert ("amends", "64/2025/QH15", "d31.4") in found  # a point inserted: its clause
    assert not any(number == "1/2020/NĐ-CP" for _, number, _ in found)


def test_a_basis_or_a_task_is_a_citation_not_an_amendment() -> None:
    rows = _rows(
        ("x/p1", None, None, "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
                             "Chính phủ số 1/2019/QH14;"),
        ("x/pl1.1", None, None, "Sửa đổi Luật Khoa học và Công nghệ số 29/2013/QH13."),
    )
    kinds = {(r.kind, r.target_number) for r in find_relations(None, rows)}
    assert kinds == {("cites", "1/2019/QH14"), ("cites", "29/2013/QH13")}


def test_terms_and_not_the_list_items_under_them() -> None:
    rows = [TermRow("l/d3", "Giải thích từ ngữ", ""),
            TermRow("l/d3.1", None, "Điện năng lượng tái tạo là điện được sản xuất từ:", "l/d3"),
            TermRow("l/d3.1.a", None, "Năng lượng mặt trời;", "l/d3.1"),
            TermRow("l/d3.2", None, "Trường hợp khác thì áp dụng theo quy định của pháp luật "
                                    "về đầu tư và các luật có liên quan khác là", "l/d3")]
    assert [t.term for t in find_terms(rows)] == ["Điện năng lượng tái tạo"]


def test_a_term_printed_in_quotation_marks_is_the_words_inside_them() -> None:
    # Thông tư 06/2019/TT-NHNN Điều 3 prints its terms so (tests/fixtures/06-2019-TT-NHNN.txt).
    text = "“Tài khoản vốn đầu tư trực tiếp” là tài khoản thanh toán bằng ngoại tệ"
    rows = [TermRow("t/d3", "Giải thích từ ngữ", ""),
            TermRow("t/d3.5", None, text, "t/d3"),
            TermRow("t/d3.6", None, "“ngân hàng” là …", "t/d3")]  # a lower-case start: no term
    found = find_terms(rows)
    assert [(t.term, t.folded) for t in found] == [
        ("Tài khoản vốn đầu tư trực tiếp", "tai khoan von dau tu truc tiep")]
    assert text[found[0].start:found[0].end] == found[0].term


def test_effective_from_signing_needs_the_date_signed() -> None:
    rows = [EffectiveRow("n/d9", "Hiệu lực thi hành",
                         "Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.")]
    assert effective_date(rows, None) is None
    found = effective_date(rows, "2024-12-31")
    assert found is not None and found.date == "2024-12-31"


def test_a_document_naming_itself_is_no_relation() -> None:
    rows = _rows(("x/p1", None, None, "Quốc hội ban hành Luật Công đoàn."),
                 ("x/d2", None, None, "Theo Luật Mặt trận Tổ quốc Việt Nam."))
    titles = [r.target_title for r in find_relations("Luật CÔNG ĐOÀN", rows)]
    assert titles == ["Luật Mặt trận Tổ quốc Việt Nam"]


@pytest.mark.parametrize(("text", "signed", "date"), [
    # hard-wrapped, as crawled pages print it (Quyết định 2666/QĐ-UBND Cần Thơ)
    ("Quyết định này có hiệu lực thi hành\nkể từ ngày ký.", "2025-11-26", "2025-11-26"),
    ("Quyết định này có hiệu lực kể từ ngày ban hành.", "2025-11-24", "2025-11-24"),
    ("Quyết định này có hiệu lực thi hành kể từ ngày 05/12/2025 và thay thế …", None,
     "2025-12-05"),
    ("Quy định này thay thế Quy định số 270-QĐ/TW, ngày 06/12/2014 của Ban Bí thư và có "
     "hiệu lực\nthi hành kể từ ngày ký.", "2025-11-19", "2025-11-19"),
    ("Hướng dẫn này, các phụ lục 1, 2A, 2B kèm theo có hiệu lực từ ngày ký và thay thế …",
     "2025-11-21", "2025-11-21"),
    # a transitional clause names the day, it does not give it
    ("Thời gian ủy quyền từ ngày Quyết định này có hiệu lực thi hành đến hết ngày "
     "28/02/2027.", "2025-11-20", None),
    ("Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 262/2025/NĐ-CP có hiệu "
     "lực.", "2025-11-21", None),
    # a form in an annex ("Giấy chứng nhận này …") is not the document
    ("Giấy chứng nhận này có hiệu lực kể từ ngày ký đến hết ngày … tháng … năm …",
     "2022-01-10", None),
])
def test_effective_statements_as_printed(text: str, signed: str | None,
                                         date: str | None) -> None:
    found = effective_date([EffectiveRow("q/d2", None, text)], signed)
    assert (found.date if found else None) == date


def test_the_header_text_is_read_when_no_provision_says_it() -> None:
    rows = [EffectiveRow("q/d1", None, "Công bố kèm theo Quyết định này 5 thủ tục.")]
    found = effective_date(rows, "2025-11-21",
                           ["Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành."])
    assert found is not None and (found.date, found.provision_id) == ("2025-11-21", None)
    assert effective_date(rows, "2025-11-21") is None


@pytest.mark.parametrize(("text", "number", "doc_id", "date"), [
    ("(Kèm theo Nghị định số 182/2024/NĐ-CP ngày 31 tháng 12 năm 2024 của Chính phủ)",
     None, "182-2024-nd-cp", "2024-12-31"),
    ("Nghị quyết 388/NQ-CP ngày 01/12/2025 nghiên cứu tiếp thu", "388/NQ-CP", None,
     "2025-12-01"),
    # another number, however alike, is another document
    ("Nghị quyết 1388/NQ-CP ngày 01/12/2025", "388/NQ-CP", None, None),
    ("Căn cứ Nghị định số 85/2024/NĐ-CP ngày 10 tháng 7 năm 2024", "36/2025/TT-BXD",
     "36-2025-tt-bxd", None),
])
def test_the_date_signed_from_the_own_number(text: str, number: str | None,
                                             doc_id: str | None, date: str | None) -> None:
    assert signed_date(text, number, doc_id) == date
