"""Labels checked against their neighbours: a label out of sequence is text, not structure.

Each pass takes the classified tokens of one zone in document order and turns a token that
breaks its list back into a paragraph (its printed text unchanged).
"""

from __future__ import annotations

import re

from parsers import patterns
from parsers.classify import Token, roman_to_int


def in_sequence(tokens: list[Token]) -> list[Token]:
    """All the passes below, in order."""
    passes = (form_listings, column_numbers, placeholder_marks, repeated_chapters,
              inline_enumerations,
              lettered_parts, subpoints, dotted_points, long_sections)
    for step in passes:
        tokens = step(tokens)
    return tokens


_LETTERS = patterns.POINT_LETTERS


def dotted_points(tokens: list[Token]) -> list[Token]:
    """A point printed with a dot (``a. Nội dung …`` / ``b. Lý do: …``) is one only in a
    list that starts at ``a.`` and goes on letter by letter: ``i. Sửa đổi, bổ sung điểm c
    …`` as the first of an article's clauses (a ``1.`` the conversion misread, a crawled
    circular of 2025) stays text. A list starts again at ``a.`` only after a label of
    another kind: with nothing but text since ``b.``, it is a list of headings whose
    numbers the outline does not support (``3.2.3.3 Quy tắc chuyển tiếp``, no dot and no
    ``3.2.3.2`` before it, ``parsers.outline``), so no labels (Nghị định 236/2025/NĐ-CP,
    the guide to Mẫu 01/TKTT-QĐMTT)."""
    out, last, labelled = [], None, False
    for token in tokens:
        if token.kind == "point" and patterns.DOTTED_LETTERED.match(token.block.text):
            label = token.label or ""
            follows = last is not None and _LETTERS.find(label) == _LETTERS.find(last) + 1
            if not follows and (label != "a" or (last is not None and not labelled)):
                out.append(_as_text(token))
                continue
            last, labelled = label, False
        elif token.kind not in ("paragraph", "bullet"):
            labelled = True
        out.append(token)
    return out


def _as_text(token: Token) -> Token:
    return Token("paragraph", None, None, token.block.text, token.block)


# Kinds above an enumeration: each opens a new list, so "(1)" may start again.
_ABOVE_ENUMERATION = frozenset({"part", "chapter", "subchapter", "article", "section",
                                "milestone", "numbered", "point", "subpoint"})


_COLUMN_TWO = re.compile(r"^\(2\)")


def column_numbers(tokens: list[Token]) -> list[Token]:
    """``(1)`` / ``(2)`` / ``(3)=(2)-(1)`` one cell a line: the row that numbers a table's
    columns (price notices of the Ministry of Industry and Trade, report forms of Thông tư
    18/2024/TT-NHNN as crawled), not an enumeration; left one, its ``(1)`` would take the
    id of the table's first row ``1. Xăng E5RON92`` (``1_2``)."""
    return [
        _as_text(token)
        if token.kind == "enumeration" and token.label == "1"
        and _COLUMN_TWO.match(token.heading or token.text)
        else token
        for token in tokens
    ]


# Only dots after the mark: "(1) ...................", "(2) …………"
_DOTS_ONLY = re.compile(r"^[.…\s]+$")


def placeholder_marks(tokens: list[Token]) -> list[Token]:
    """``Kính gửi: Sở Y tế ............`` / ``(1) ...................`` / ``Tôi là …``: a
    blank of a form whose footnote mark the wrap put first on the line (a province's Sở Y
    tế procedures, the request form for importing medicines, whose notes ``(1) Ủy ban
    nhân dân …`` follow the signature): text of the form, not an enumeration, unless the
    label before or after it is ``(N-1)`` or ``(N+1)`` (a list of blanks to fill in)."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token.kind != "enumeration" or not _DOTS_ONLY.match(token.text or "x"):
            continue
        number = int(token.label or 0)
        before = next((t for t in reversed(tokens[:i]) if t.kind != "paragraph"), None)
        after = next((t for t in tokens[i + 1 :] if t.kind != "paragraph"), None)
        if not (_enumerates(before, number - 1) or _enumerates(after, number + 1)):
            out[i] = _as_text(token)
    return out


def _enumerates(token: Token | None, number: int) -> bool:
    return token is not None and token.kind == "enumeration" and token.label == str(number)


def repeated_chapters(tokens: list[Token]) -> list[Token]:
    """``Chương II`` printed after Chương II or a later chapter begins a line only because
    a reference wrapped (``… theo quy định tại``
    / ``Chương II Thông tư này được xét …``, a crawled circular on scientific titles of
    2025): chapters only go forward, so the line is text. ``Chương I`` may begin another
    document printed after the first, and a form opens a body of its own."""
    out, chapter = [], 0
    for token in tokens:
        label = (token.label or "").upper()
        if token.kind in ("form", "example"):
            chapter = 0
        elif token.kind == "chapter":
            number = int(label) if label.isdigit() else roman_to_int(label)
            if 1 < number <= chapter:
                token = _as_text(token)
            else:
                chapter = number
        out.append(token)
    return out


def inline_enumerations(tokens: list[Token]) -> list[Token]:
    """An ``(N)`` that does not follow ``(N-1)`` continues a list printed inline in the text
    before it ("… gồm: (1) …; (2) …; (4) …;" / "(5) …" on the next table row of 03/NQ-CP):
    it is that text's continuation, not an enumeration of its own."""
    out, last = [], 0
    for token in tokens:
        if token.kind == "enumeration":
            number = int(token.label or 0)
            if number != 1 and number != last + 1:
                token = _as_text(token)
            else:
                last = number
        elif token.kind in _ABOVE_ENUMERATION:
            last = 0
        out.append(token)
    return out


def lettered_parts(tokens: list[Token]) -> list[Token]:
    """Parts lettered ``A``, ``B``, ``C`` … count from ``A``, each after the one before it: a
    ``C.`` heading with no ``B.`` before it is a heading of the text, not a part (nor is an
    ``A.`` after ``B.``, which starts no new list of parts in one body). A form (``Mẫu số
    PC18``) is a body of its own: its parts count from ``A`` again."""
    out, last = [], ""
    for token in tokens:
        label = token.label or ""
        if token.kind in ("form", "example"):
            last = ""
        elif token.kind == "part" and len(label) == 1 and label in "ABCDEFGH":
            if ord(label) - ord(last or "@") != 1:
                token = _as_text(token)
            else:
                last = label
        out.append(token)
    return out



# Kinds that close the point a sub-point could belong to.
_ABOVE_SUBPOINT = frozenset({"part", "chapter", "subchapter", "article", "section", "numbered"})


def subpoints(tokens: list[Token]) -> list[Token]:
    """``b.1)`` is a sub-point only inside point ``b)``: ``m3)`` wrapped from "(m3)" is a
    unit, and a sub-point whose point was not printed is text."""
    out, point = [], ""
    for token in tokens:
        if token.kind == "point":
            point = token.label or ""
        elif token.kind in _ABOVE_SUBPOINT:
            point = ""
        elif token.kind == "subpoint" and not (point and (token.label or "").startswith(point)):
            token = _as_text(token)
        out.append(token)
    return out


def _listing_row(tokens: list[Token], i: int) -> bool:
    """``Mẫu số 02 | Quyết định về việc …``: a form label in the first cell of a table row
    whose next cell, on the same printed line, names the form."""
    if not 0 <= i < len(tokens) - 1 or tokens[i].kind != "form":
        return False
    block, after = tokens[i].block, tokens[i + 1].block
    return block.lines[-1].cell and after.line == block.lines[-1].number


def form_listings(tokens: list[Token]) -> list[Token]:
    """A table listing an annex's forms, one row a form (``Mẫu số 01 | Tờ trình …`` /
    ``Mẫu số 02 | Báo cáo …``), names the forms and prints none: its rows are text, each
    row one paragraph (kind ``listed_form`` until ``parsers.tree`` places it). Two
    such rows one after the other make a listing; a form printed under a layout table
    whose other cell is the motto stays a form (Nghị định 103/2024, 175/2024)."""
    return [
        Token("listed_form", None, None, token.block.text, token.block)
        if _listing_row(tokens, i) and (_listing_row(tokens, i - 2) or _listing_row(tokens, i + 2))
        else _as_text(token) if _links_its_file(tokens, i) or _named_in_a_list(tokens, i)
        else token
        for i, token in enumerate(tokens)
    ]


def _named_in_a_list(tokens: list[Token], i: int) -> bool:
    """``Mẫu số 01: Đơn đề nghị cấp …`` / ``Mẫu số 02: Giấy phép thi công …`` on the next
    line, no blank between, no line of either form printed: a procedure's field "Tên mẫu
    đơn, mẫu tờ khai" naming its forms (a crawled decision of a province on road junction
    permits), not the forms, which are printed later under the same numbers."""
    def close_pair(first: int) -> bool:
        return (
            0 <= first < len(tokens) - 1
            and tokens[first].kind == tokens[first + 1].kind == "form"
            and not tokens[first + 1].block.lines[0].blank_before
        )
    return close_pair(i) or close_pair(i - 1)


# "Mẫu 01.docx", "BM.XNKBCXB.01.doc x": the cell linking a form's file, alone or closing
# the cell of its name as the block joined them
_FORM_FILE = re.compile(r"(?:^|\s)\S+\.(?:doc ?x?|xls ?x?|pdf)$", re.I)
# A listed form's cells: its label, its name, the link to its file.
_LISTING_CELLS = 3


def _links_its_file(tokens: list[Token], i: int) -> bool:
    """``Mẫu 01`` / ``Giấy tiếp nhận hồ sơ …`` / ``Mẫu 01.docx``: a row of a procedure's
    list of forms, printed one cell a line, names the form and links its file; the form
    itself is not printed there (each procedure of a province's list names Mẫu 01 to 06
    again)."""
    if tokens[i].kind != "form":
        return False
    for after in tokens[i + 1 : i + _LISTING_CELLS]:
        if after.kind == "form":
            return False
        if _FORM_FILE.search(after.block.text):
            return True
    return False


# Kinds that start a body whose sections count from I again.
_RESTARTS_SECTIONS = frozenset({"part", "chapter", "form", "example"})


def long_sections(tokens: list[Token]) -> list[Token]:
    """``IV. Trình tự, thủ tục điều chỉnh … và số liệu bàn giao đất trên thực địa`` right
    after section III: a heading over 250 characters (``classify`` reads one that long as
    a sentence) is a section when it is the next one in sequence and ends no sentence
    (Nghị định 151/2025/NĐ-CP, Phụ lục, sections IV and V of part III)."""
    out, last = [], 0
    for token in tokens:
        if token.kind == "section":
            last = roman_to_int(token.label or "")
        elif token.kind in _RESTARTS_SECTIONS:
            last = 0
        elif token.kind == "paragraph" and last:
            section = _next_section(token, last)
            if section is not None:
                token, last = section, last + 1
        out.append(token)
    return out


def _next_section(token: Token, last: int) -> Token | None:
    """The paragraph, one printed line, as section ``last + 1``."""
    if len(token.block.lines) != 1:
        return None
    m = patterns.SECTION.match(token.text)
    if m is None or roman_to_int(m.group("label")) != last + 1:
        return None
    rest = m.group("rest").strip()
    if not rest[0].isupper() or rest[-1] in patterns.TERMINAL:
        return None
    return Token("section", m.group("label"), rest, "", token.block)
