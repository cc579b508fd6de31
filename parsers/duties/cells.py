"""Roles from a table printed one cell a line: the columns of ``tables.py`` without bars.

A crawled annex (Nghị quyết 394/NQ-CP, "Danh mục đề án ưu tiên") prints each cell of its
table on a line of its own, so the parser makes each cell a paragraph and the rows are
lost. The header cells are still there ("TT", "Tên đề án ưu tiên", "Cơ quan chủ trì",
"Cơ quan phối hợp", "Thời hạn hoàn thành"), and the two role columns stand side by side:
the first cell naming only bodies after a cell that is not one (the project's name, a
deadline) is in the ``chủ trì`` column, and the cell right after it in the ``phối hợp``
column, whether it names bodies the registry knows or not ("Đài Truyền hình và các cơ
quan thông tấn, báo chí tại địa phương"). A row that goes on under the same project ("Ủy
ban nhân dân các tỉnh …" then its partners, after the deadline) is read the same way.

A lead cell may name only bodies the registry does not know ("Sở Tài chính", "Bộ CHQS
tỉnh"): it still holds the ``chủ trì`` column, so the cell after it coordinates. A cell
that opens with the kind of a document ("Quyết định của Chủ tịch UBND tỉnh", the expected
result; "Thông tư số 92/2009/TT-BTC … của Bộ Tài chính", a task's second line) names no
doer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers import vntext

# Header cells of the two role columns (folded, spaces collapsed).
_LEAD_HEADERS = frozenset({"co quan chu tri", "don vi chu tri", "co quan, don vi chu tri",
                           "chu tri"})
_PARTNER_HEADERS = frozenset({"co quan phoi hop", "don vi phoi hop",
                              "co quan, don vi phoi hop", "phoi hop"})
# A header cell is short; a cell of bodies is at most this many words.
_HEADER_WORDS = 6
_CELL_WORDS = 40
# The kinds of document a result cell (or a cited act) opens with, folded.
_PRODUCT = re.compile(r"^(?:quyet dinh|van ban|bao cao|ke hoach|de an|thong tu|nghi dinh|"
                      r"nghi quyet|chi thi|cong van|quy che|quy dinh)\b")


@dataclass(frozen=True, slots=True)
class Cell:
    """What this module needs of a paragraph: its text, whether it names a registered
    body, and whether its own wording gave a role (then it is a sentence, not a cell)."""

    text: str
    names_bodies: bool
    has_roles: bool
    opens_with_unknown: bool = False  # its first words are a body the registry lacks


def column_roles(cells: Sequence[Cell]) -> dict[int, str]:
    """Index → role (``lead``/``coordinate``) of the cells in a role column, for siblings
    printed one cell a line; {} when no header "Cơ quan chủ trì" followed by "Cơ quan phối
    hợp" opens them."""
    folded = [" ".join(vntext.fold(c.text).strip(" *|").split()) for c in cells]
    start = next((i + 2 for i in range(len(cells) - 1)
                  if folded[i] in _LEAD_HEADERS and folded[i + 1] in _PARTNER_HEADERS), None)
    if start is None:
        return {}
    while start < len(cells) and _is_header(cells[start], folded[start]):
        start += 1  # "Thời hạn hoàn thành", "Ghi chú"
    roles: dict[int, str] = {}
    previous = "other"
    for i in range(start, len(cells)):
        if previous == "lead" or (previous == "coordinate" and _goes_on(cells[i - 1])
                                  and _lists_bodies(cells[i], folded[i], last_item=True)):
            previous = "coordinate"
        elif _lists_bodies(cells[i], folded[i]) and previous == "other":
            previous = "lead"
        else:
            previous = "other"
        if previous != "other":
            roles[i] = previous
    return roles


def _goes_on(cell: Cell) -> bool:
    """Whether a cell is an item of a list that goes on ("- Bộ Xây dựng;"): the next item
    is in the same column."""
    return cell.text.strip(" *|\n").endswith(";")


# A section row in capitals names the group of rows under it ("A. | BỘ NÔNG NGHIỆP VÀ
# MÔI TRƯỜNG", 2530/QĐ-TTg Phụ lục I), not the lead cell of a row: a lead cell is printed
# in running case.
_SECTION_ROW_WORDS = 3


def _section_row(text: str) -> bool:
    return text.isupper() and len(text.split()) >= _SECTION_ROW_WORDS


def _is_header(cell: Cell, folded: str) -> bool:
    return not cell.names_bodies and len(folded.split()) <= _HEADER_WORDS and not any(
        ch.isdigit() for ch in folded)


def _lists_bodies(cell: Cell, folded: str, last_item: bool = False) -> bool:
    """Whether a cell only names bodies: a registered one (or opens with an unknown one),
    no role read from a verb, no sentence (a stop at its end, unless it is the last item
    of a list of bodies, ``last_item``), no document, short."""
    text = cell.text.strip(" *|\n")
    return ((cell.names_bodies or cell.opens_with_unknown) and not cell.has_roles
            and (last_item or not text.endswith(".")) and not _PRODUCT.match(folded)
            and not _section_row(text)
            and len(text.split()) <= _CELL_WORDS)
