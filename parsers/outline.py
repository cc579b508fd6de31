"""Outline numbers printed without their last dot: ``1.1 Thông tin …``, ``12.3 Công ty mẹ …``.

A form's outline (Nghị định 236/2025/NĐ-CP, Mẫu số 01/TKTT-QDMTT: ``1 THÔNG TIN …`` /
``1.1 Thông tin …`` / ``1.2.1 …``), or one item of a dotted list whose dot the source
forgot (``3.9.`` / ``3.10 Trường hợp khác:`` / ``4.``, Nghị định 103/2024/NĐ-CP), prints
labels that ``patterns.NUMBERED`` does not take, since a number and a space also begin
"3.810 MW" or a decimal a wrap put first on its line. Such a line is a label only where the
document's own numbering goes on through it, with the heading rules of issue 10's class 2:

* its number is the next one under its parent (``1.2`` after ``1.1``, ``3.10`` after
  ``3.9.``, ``1.3.1`` right under ``1.3``, ``2`` after ``1 …``), counting the labels printed
  with a dot as well;
* a parent never printed (a page that left it out) is allowed when the line is the first
  of its list and the next label goes on from it (``3.1`` then ``3.2``);
* a single number (``2 Quy định …``) needs its first child next (``2.1``);
* the line above does not end on the word that cites a number (``… tại điểm`` / ``3.1 …``).

Pure: the cleaned lines in, the numbers of the lines that are labels out. A numbering
restarts under an annex, a form, an article, a chapter or a Roman section.
"""

from __future__ import annotations

import re

from parsers import patterns
from parsers.clean import Line

# The number, then a space and a capital: "1.1 Thông tin", "3.10 Trường hợp khác:".
DOTLESS = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\s+(?P<rest>[^\W\d_].*)$", re.S)
_DOTTED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\.(?!\d)")
_RESTARTS = (patterns.FORM, patterns.ARTICLE, patterns.CHAPTER, patterns.SECTION,
             re.compile(r"^(?:PHỤ LỤC|Phụ lục)\s+[IVXLC\d]+\b"))
_RESTART_INITIALS = frozenset("MPĐÐACIVX")
# "… quy định tại điểm" / "3.1 mục này": a number cited at the end of the line above.
_CITES = re.compile(r"\b(?:mục|khoản|điểm|tiết|tại|theo|số|Điều|Phụ lục)$")
# How far ahead the next label may be printed (the fields of a form between headings).
_LOOKAHEAD = 40

Key = tuple[int, ...]


def _key(label: str) -> Key:
    return tuple(int(n) for n in label.split("."))


def _read(line: Line) -> tuple[str, Key | None]:
    """What a line is to the outline: a restart, a dotted label, a dotless candidate."""
    text = line.text
    if not text[:1].isdigit():
        # only "Mẫu", "Phụ lục", "Điều", "Article", "Chương", a Roman numeral restart
        restarts = text[:1] in _RESTART_INITIALS and any(p.match(text) for p in _RESTARTS)
        return ("restart", None) if restarts else ("", None)
    m = _DOTTED.match(text)
    if m:
        return "dotted", _key(m.group("label"))
    m = DOTLESS.match(text)
    if m and m.group("rest")[0].isupper():
        return "dotless", _key(m.group("label"))
    return "", None


class _Outline:
    def __init__(self) -> None:
        self.last: dict[Key, int] = {}  # parent → its last child's number
        self.seen: set[Key] = set()

    def add(self, key: Key) -> None:
        self.seen.add(key)
        self.last[key[:-1]] = key[-1]

    def goes_on(self, key: Key, following: Key | None) -> bool:
        parent = key[:-1]
        if key[-1] != self.last.get(parent, 0) + 1:
            return False
        if len(key) == 1:
            return following == (*key, 1)
        if parent in self.seen or parent in self.last:
            return True
        return key[-1] == 1 and following in ((*parent, 2), (*key, 1))


def outline_lines(lines: list[Line]) -> frozenset[int]:
    """Numbers of the lines whose dotless number is a label of the document's outline."""
    if not any(line.text[:1].isdigit() and DOTLESS.match(line.text) for line in lines):
        return frozenset()  # most documents print none: no need to read the numbering
    read = [_read(line) for line in lines]
    outline, found = _Outline(), set()
    for i, (kind, key) in enumerate(read):
        if kind == "restart":
            outline = _Outline()
        elif kind == "dotted" and key:
            outline.add(key)
        elif kind == "dotless" and key:
            cited = i > 0 and not lines[i].blank_before and _CITES.search(lines[i - 1].text)
            if not cited and outline.goes_on(key, _following(read, i)):
                found.add(lines[i].number)
                outline.add(key)
    return frozenset(found)


def _following(read: list[tuple[str, Key | None]], i: int) -> Key | None:
    """The next label after line ``i``, dotted or not, before a restart."""
    for kind, key in read[i + 1 : i + 1 + _LOOKAHEAD]:
        if kind == "restart":
            return None
        if key is not None:
            return key
    return None
