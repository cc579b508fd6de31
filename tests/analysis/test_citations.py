"""Citations found in text and typed by users (parsers/citations.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nq02 import text_of

from parsers.citations import document_id, find_citations, parse_citation


def test_luat_cong_doan_2012_in_02_nq_tw():
    for path in ("III.6.1", "IV.2"):  # cited in the task and in its assignment
        text = text_of(path)
        (cite,) = find_citations(text)
        assert (cite.kind, cite.title, cite.year, cite.number) == (
            "law",
            "Luật Công đoàn",
            2012,
            None,
        )
        assert cite.raw == "Luật Công đoàn năm 2012" == text[cite.start : cite.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (kind, raw, number, title, year, article, clause, point, doc_id)
        (  # a law by title and year
            "sửa đổi Luật Công đoàn năm 2012.",
            [
                (
                    "law",
                    "Luật Công đoàn năm 2012",
                    None,
                    "Luật Công đoàn",
                    2012,
                    None,
                    None,
                    None,
                    None,
                )
            ],
        ),
        (  # a Party resolution by number: no year, so no id
            "thực hiện Nghị quyết số 20-NQ/TW về khoa học",
            [
                (
                    "resolution",
                    "Nghị quyết số 20-NQ/TW",
                    "20-NQ/TW",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            ],
        ),
        (  # its date gives the year, and so the id
            "Nghị quyết số 20-NQ/TW, ngày 01/11/2012 của Ban Chấp hành",
            [
                (
                    "resolution",
                    "Nghị quyết số 20-NQ/TW, ngày 01/11/2012",
                    "20-NQ/TW",
                    None,
                    2012,
                    None,
                    None,
                    None,
                    "20-nq-tw-2012",
                )
            ],
        ),
        (  # a law by title and number
            "theo Luật Lưu trữ số 33/2024/QH15 và",
            [
                (
                    "law",
                    "Luật Lưu trữ số 33/2024/QH15",
                    "33/2024/QH15",
                    "Luật Lưu trữ",
                    2024,
                    None,
                    None,
                    None,
                    "33-2024-qh15",
                )
            ],
        ),
        (  # a decree without "số"
            "Nghị định 13/2023/NĐ-CP về dữ liệu cá nhân",
            [
                (
                    "decree",
                    "Nghị định 13/2023/NĐ-CP",
                    "13/2023/NĐ-CP",
                    None,
                    2023,
                    None,
                    None,
                    None,
                    "13-2023-nd-cp",
                )
            ],
        ),
        (  # a long date after the number
            "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị",
            [
                (
                    "resolution",
                    "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024",
                    "57-NQ/TW",
                    None,
                    2024,
                    None,
                    None,
                    None,
                    "57-nq-tw-2024",
                )
            ],
        ),
        (  # a year in brackets; "và" inside a title followed by a capital
            "Sửa đổi Luật Khoa học và Công nghệ (2013) và các luật",
            [
                (
                    "law",
                    "Luật Khoa học và Công nghệ (2013)",
                    None,
                    "Luật Khoa học và Công nghệ",
                    2013,
                    None,
                    None,
                    None,
                    None,
                )
            ],
        ),
        (  # "và Luật …" starts another citation
            "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
            [
                (
                    "law",
                    "Luật Tổ chức Chính phủ",
                    None,
                    "Luật Tổ chức Chính phủ",
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
                (
                    "law",
                    "Luật Tổ chức chính quyền địa phương",
                    None,
                    "Luật Tổ chức chính quyền địa phương",
                    None,
                    None,
                    None,
                    None,
                    None,
                ),
            ],
        ),
        (  # a provision of a cited law
            "theo điểm a khoản 2 Điều 5 Luật Công đoàn năm 2024",
            [
                (
                    "law",
                    "điểm a khoản 2 Điều 5 Luật Công đoàn năm 2024",
                    None,
                    "Luật Công đoàn",
                    2024,
                    "5",
                    "2",
                    "a",
                    None,
                )
            ],
        ),
        (  # internal: "this article"
            "hồ sơ quy định tại khoản 1 Điều này",
            [("internal", "khoản 1 Điều này", None, None, None, None, "1", None, None)],
        ),
        (  # internal: an article of "this law"
            "tại Điều 30 của Luật này",
            [("internal", "Điều 30 của Luật này", None, None, None, "30", None, None, None)],
        ),
        # the heading of an article cites nothing
        ("Điều 5. Quyền thành lập", []),
        # "pháp luật về lao động" and "Luật này" name no other law
        ("pháp luật về lao động; Luật này có hiệu lực", []),
        (  # without diacritics
            "sua doi Luat Cong doan nam 2012",
            [
                (
                    "law",
                    "Luat Cong doan nam 2012",
                    None,
                    "Luat Cong doan",
                    2012,
                    None,
                    None,
                    None,
                    None,
                )
            ],
        ),
    ],
)
def test_find_citations(text, expected):
    got = [
        (c.kind, c.raw, c.number, c.title, c.year, c.article, c.clause, c.point, c.doc_id)
        for c in find_citations(text)
    ]
    assert got == expected
    for c in find_citations(text):
        assert text[c.start : c.end] == c.raw


@pytest.mark.parametrize(
    ("cite", "expected"),
    [
        # (kind, number, title, year, path, doc_id)
        ("02-NQ/TW mục III.4", ("resolution", "02-NQ/TW", None, None, "III.4", None)),
        ("02-nq/tw muc iii.4", ("resolution", "02-NQ/TW", None, None, "III.4", None)),  # typed
        ("02-NQ/TW 2021 II.2.b", ("resolution", "02-NQ/TW", None, 2021, "II.2.b", "02-nq-tw-2021")),
        (
            "điểm a khoản 2 Điều 5 Luật Công đoàn 2024",
            ("law", None, "Luật Công đoàn", 2024, "d5.2.a", None),
        ),
        (  # the same without diacritics
            "diem a khoan 2 dieu 5 luat cong doan 2024",
            ("law", None, "luat cong doan", 2024, "d5.2.a", None),
        ),
        (  # article before clause, by number
            "Điều 5 khoản 2 50/2024/QH15",
            ("law", "50/2024/QH15", None, 2024, "d5.2", "50-2024-qh15"),
        ),
        ("Luật Công đoàn năm 2012", ("law", None, "Luật Công đoàn", 2012, None, None)),
        ("Nghị định 13/2023/NĐ-CP", ("decree", "13/2023/NĐ-CP", None, 2023, None, "13-2023-nd-cp")),
        # a point keeps its printed letter
        (
            "điểm đ khoản 1 Điều 6 Luật Công đoàn",
            ("law", None, "Luật Công đoàn", None, "d6.1.đ", None),
        ),
    ],
)
def test_parse_citation(cite, expected):
    q = parse_citation(cite)
    assert (q.kind, q.number, q.title, q.year, q.path, q.doc_id) == expected


@pytest.mark.parametrize(
    ("number", "year", "expected"),
    [
        ("02-NQ/TW", 2021, "02-nq-tw-2021"),  # no year in the number: append it
        ("12/2012/QH13", None, "12-2012-qh13"),  # the year is in the number
        ("12/2012/QH13", 2012, "12-2012-qh13"),  # and never appended twice
        ("03/NQ-CP", 2025, "03-nq-cp-2025"),
        ("02-NQ/TW", None, None),  # unknown year: no id
    ],
)
def test_document_id(number, year, expected):
    assert document_id(number, year) == expected


@given(st.text(max_size=200))
def test_never_crashes(text):
    for c in find_citations(text):
        assert text[c.start : c.end] == c.raw
    parse_citation(text)
