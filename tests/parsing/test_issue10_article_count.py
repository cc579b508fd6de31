"""Issue 10, done-when: "the number of articles found equals the number of ``Điều N.``
headings in each law". ``scripts/article_count.py`` counts the headings from the source
text without the parser (outside quotations, in the law's own numbering, PDF-broken
headings read joined); here it runs on every whole document bundled with the tests (the
excerpts start mid-law, so their numbering does not start at Điều 1). On the 69 laws of
the benchmark copy it reports 69 of 69 equal (68 before parser10: Thông tư 39/2018)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from types import ModuleType

import pytest

from tests.parsing.conftest import DOCUMENTS, ROOT, parsed


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "article_count", ROOT / "scripts" / "article_count.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


WHOLE = [p for p in DOCUMENTS if "excerpt" not in p.name]


@pytest.mark.parametrize("path", WHOLE, ids=[p.name for p in WHOLE])
def test_articles_found_are_the_headings_printed(path) -> None:  # noqa: ANN001
    printed = Counter(_script().headings(path.read_text(encoding="utf-8")))
    found = Counter(p.label for p in parsed(path.name).walk() if p.kind == "article")
    assert found == printed


def test_the_count_skips_quoted_articles_and_reads_broken_headings() -> None:
    text = (
        "Điều 1. Sửa đổi, bổ sung một số điều\n"
        "1. Điều 5 được sửa đổi như sau:\n"
        "“Điều 5. Quyền của người lao động\n"
        "Người lao động có quyền …”\n"
        "Điều 2. Hiệu lực thi hành\n"
        "Điều 3\n. Trách nhiệm thi hành\n"  # "Điều 46" / ". Công trình …" (Luật BVMT 2020)
        "Điều\n4\n. Điều khoản chuyển tiếp\n"  # "Điều" / "8" / ". Hỗ trợ …" (NĐ 102/2024)
    )
    assert _script().headings(text) == ["1", "2", "3", "4"]


def test_heading_lines_say_which_are_not_the_laws_own() -> None:
    text = (
        "Điều 1. Sửa đổi, bổ sung Điều 5 và Điều 7\n"
        "1. Điều 5 được sửa đổi như sau:\n"
        "“Điều 5. Quyền của người lao động\n"  # opens the quotation: quoted
        "Người lao động có quyền …”\n"
        "2. Điều 7 được sửa đổi như sau:\n"
        "“\n"
        "Điều 7. Nghĩa vụ\n"  # inside it, the quote mark alone before it: quoted
        "Người lao động có nghĩa vụ …”\n"
        "Điều 2. Hiệu lực thi hành theo quy định tại khoản 1\n"
        "Điều 84\n"  # a reference that wrapped: off the numbering
        "Điều 3. Trách nhiệm thi hành\n"
    )
    assert _script().heading_lines(text) == [
        ("1", "own"), ("5", "quoted"), ("7", "quoted"), ("2", "own"),
        ("84", "out_of_order"), ("3", "own"),
    ]
