"""The ninth round of the question set (issue 13): a blank form's lines after the articles it
serves, a title bonus for the query's word pairs in a heading, and a "… là gì" question's
defined term first. One hand-written law whose annex prints a numbered form (``Mẫu số 01``)
that repeats the words of its Điều 5, as Nghị định 182/2024/NĐ-CP's forms do; and (the
sixteenth round) an article whose own heading is what a question asks, in a law of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.db.session import session_scope
from app.search import index, plan
from app.search.query import parse_query
from app.services import search as service
from app.services.search import SearchParams, search
from parsers.ids import in_blank_form

LAW = """QUỐC HỘI
Luật số: 98/2098/QH98

LUẬT
THỬ NGHIỆM LẦN CHÍN

Điều 1. Giải thích từ ngữ
Trong Luật này, các từ ngữ dưới đây được hiểu như sau:
1. Thuê mua nhà ở là việc bên thuê mua trả trước một khoản tiền rồi trả dần phần còn lại.
2. Hồ sơ hỗ trợ là các giấy tờ doanh nghiệp nộp để được hưởng hỗ trợ.

Điều 2. Quyền của bên thuê mua nhà ở
Bên thuê mua nhà ở được nhận nhà đúng thời hạn.

Điều 3. Từ chối nhận di sản
1. Người thừa kế có quyền từ chối nhận di sản.
2. Việc từ chối nhận di sản phải lập thành văn bản.

Điều 4. Tài sản không có người nhận thừa kế
Trường hợp không có người nhận thừa kế thì tài sản thuộc về Nhà nước; người thừa kế từ chối \
nhận di sản thì phần di sản đó chia theo pháp luật.

Điều 5. Đề nghị hỗ trợ chi phí
Doanh nghiệp gửi văn bản đề nghị hỗ trợ chi phí cho cơ quan tiếp nhận.

PHỤ LỤC
(Kèm theo Luật số 98/2098/QH98)

Mẫu số 01
VĂN BẢN ĐỀ NGHỊ HỖ TRỢ CHI PHÍ
Kính gửi: cơ quan tiếp nhận
Doanh nghiệp đề nghị hỗ trợ chi phí như sau:
1. Tên doanh nghiệp đề nghị hỗ trợ chi phí: …
2. Số tiền đề nghị hỗ trợ chi phí: …
"""
LAW_ID = "98-2098-qh98"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from test_app_search_meaning import stored

    return stored(tmp_path_factory, "titles", LAW, "98-2098-QH98.txt")


def ids(url: str, q: str, tmp: Path, limit: int = 10) -> list[str]:
    with session_scope(url) as session:
        answer: dict[str, Any] = search(session, SearchParams(q=q, limit=limit), tmp / "index")
    return [hit["id"] for hit in answer["items"]]


@pytest.mark.parametrize("path, blank", [
    ("pl1.mau01", True),  # the form itself
    ("pl1.mau01htdt.I.p1", True),  # a line of it (Mẫu số 01/HTĐT)
    ("pl2.mau01.d1", True),  # a model contract's own Điều 1
    ("pl1.p3.I", False),  # an untitled document printed in an annex: content
    ("pl1.II.2.g", False),  # an annex that is the content (03/NQ-CP)
    ("d5.2.a", False),
    ("ch2.m1", False),  # a Mục, whose part begins with "m" too
])
def test_which_paths_are_a_blank_forms(path: str, blank: bool) -> None:
    assert in_blank_form(path) is blank


def test_a_blank_forms_lines_come_after_the_article_they_repeat(
        url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    q = "doanh nghiệp đề nghị hỗ trợ chi phí"
    found = ids(url, q, tmp_path)
    in_form = [in_blank_form(hit.split("/", 1)[1]) for hit in found]
    assert found[0] == f"{LAW_ID}/d5"
    assert any(in_form) and in_form == sorted(in_form)  # every form line after the rest
    # Without the rule (as when the query names a form) a form line leads: it says the
    # words more often than the article does.
    monkeypatch.setattr(service, "_asks_for_form", lambda parsed: True)
    service._cache._items.clear()
    assert in_blank_form(ids(url, q, tmp_path)[0].split("/", 1)[1])


def test_a_query_that_names_a_form_asks_for_it() -> None:
    assert service._asks_for_form(parse_query("mẫu văn bản đề nghị hỗ trợ"))
    assert not service._asks_for_form(parse_query("văn bản đề nghị hỗ trợ"))


def test_an_article_whose_title_is_the_question_ranks_above_a_mention(
        url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    q = "từ chối nhận di sản thừa kế"
    assert ids(url, q, tmp_path)[0].startswith(f"{LAW_ID}/d3")
    monkeypatch.setattr(plan, "TITLE", 0.0)  # without it, the mention in Điều 4 leads
    service._cache._items.clear()
    assert ids(url, q, tmp_path)[0] == f"{LAW_ID}/d4"


def test_a_what_is_question_finds_the_definition_first(url: str, tmp_path: Path) -> None:
    assert ids(url, "thuê mua nhà ở là gì", tmp_path)[0] == f"{LAW_ID}/d1.1"
    assert ids(url, "thue mua nha la gi", tmp_path)[0] == f"{LAW_ID}/d1.1"  # a prefix
    # Not a question of meaning: the article about the thing leads.
    assert ids(url, "thuê mua nhà ở", tmp_path)[0] != f"{LAW_ID}/d1.1"


# Shaped on Luật Thương mại 2005 Điều 6 "Thương nhân", among many "… của thương nhân".
HEADINGS = """QUỐC HỘI
Luật số: 97/2097/QH97

LUẬT
THỬ NGHIỆM LẦN MƯỜI SÁU

Điều 1. Thương nhân
Thương nhân bao gồm tổ chức kinh tế và cá nhân hoạt động thương mại có đăng ký kinh doanh.

Điều 2. Nghĩa vụ của thương nhân
Thương nhân phải thông tin đầy đủ cho người tiêu dùng; thương nhân chịu trách nhiệm về \
hàng hoá của thương nhân.
"""


@pytest.fixture(scope="module")
def headings(tmp_path_factory: pytest.TempPathFactory) -> str:
    from test_app_search_meaning import stored

    return stored(tmp_path_factory, "headings", HEADINGS, "97-2097-QH97.txt")


def test_the_article_whose_heading_is_the_question_comes_first(
        headings: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ids(headings, "thương nhân là ai", tmp_path)[0].startswith("97-2097-qh97/d1")
    # Without the whole heading, the article that says the words more often leads.
    monkeypatch.setattr(plan, "whole_heading", lambda terms: [])
    service._cache._items.clear()
    assert ids(headings, "thương nhân là ai", tmp_path)[0].startswith("97-2097-qh97/d2")


def test_a_heading_is_one_token_only_when_short() -> None:
    assert index.whole_heading(("thuong", "nhan")) == ["=thuong_nhan"]
    assert index.whole_heading(()) == []
    assert index.whole_heading(tuple("abcdefghi")) == []  # nine terms: a sentence
