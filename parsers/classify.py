"""Stage 3: block → token (what kind of provision it opens, its label, heading and text).

Kinds come from numbering and wording only. Whether a numbered line is a heading or a
provision with text comes from how it reads: a heading is emphasized, or short and
without final punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers import outline, patterns
from parsers.blocks import Block, wrapped_sentence

# Ordinal words of "Phần thứ …" → number.
PART_ORDINALS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_HEADING_MAX = 200


def roman_to_int(numeral: str) -> int:
    """``"XIV"`` → 14."""
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # section, part, chapter, subchapter, article, numbered, point, milestone, bullet,
    # paragraph, closing, gap
    label: str | None
    heading: str | None
    text: str
    block: Block


def _reads_as_heading(block: Block, rest: str) -> bool:
    if not rest:
        return False
    if block.emphasized and all(ln.emphasized for ln in block.lines):
        return True
    return len(rest) <= _HEADING_MAX and rest[-1] not in patterns.TERMINAL and not rest[0].islower()


def _split(block: Block, rest: str) -> tuple[str | None, str]:
    """Heading or text: the remainder of a labeled line is one or the other."""
    rest = rest.strip()
    if wrapped_sentence(block):
        return None, rest
    if _reads_as_heading(block, rest):
        return rest, ""
    return None, rest


def classify(block: Block, in_annex: bool = False) -> Token:
    """Recognize one block; ``in_annex``: inside an annex, where forms (``Mẫu số 01``) open."""
    text = block.text
    # "Mẫu 01, 05; hồ sơ kèm theo" in a table cell names forms; it opens none
    if (
        in_annex
        and (m := patterns.FORM.match(text))
        and not _names_forms(m.group("rest"), text[m.end("label") : m.start("rest")])
        and not _FORM_FILE.search(m.group("label"))
    ):
        return Token("form", m.group("label"), (m.group("rest") or "").strip() or None, "", block)
    m = patterns.EXAMPLE.match(text) if in_annex else None
    # a heading in capitals or bold; "Ví dụ số 01 | Về phương pháp …" lists the examples
    if m and (block.emphasized or _upperish(text)) and "|" not in text:
        return Token("example", m.group("label"), m.group("rest").strip() or None, "", block)
    for kind, pattern in (
        ("part", patterns.PART),
        ("chapter", patterns.CHAPTER),
        ("subchapter", patterns.SUBCHAPTER),
        ("article", patterns.ARTICLE),
    ):
        m = pattern.match(text)
        if m and (kind != "part" or m.group("label").lower() in PART_ORDINALS):
            rest = (m.group("rest") or "").strip()
            heading, body = _split(block, rest) if kind == "article" else (rest or None, "")
            return Token(kind, m.group("label"), heading, body, block)
    part = _lettered_part(block, text)
    if part is not None:
        return part
    m = patterns.PAREN_SECTION.match(text)
    if m and all(line.emphasized for line in block.lines):
        return Token("section", m.group("label"), m.group("rest").strip(), "", block)
    m = patterns.SECTION.match(text)
    if m and _reads_as_section(block, m.group("rest")):
        return Token("section", m.group("label"), m.group("rest").strip(), "", block)
    m = patterns.PROCEDURE.match(text)
    if m:
        return Token("row", m.group("label"), None, "", block)
    m = patterns.MILESTONE.match(text)
    if m:
        return Token("milestone", m.group("label"), re.sub(r"^[*•]\s*", "", text), "", block)
    m = outline.DOTLESS.match(text) if block.outline_label else None
    if m:
        heading, body = _split(block, m.group("rest"))
        return Token("numbered", m.group("label"), heading, body, block)
    for kind, pattern in (
        ("numbered", patterns.NUMBERED),
        ("point", patterns.LETTERED),
        ("point", patterns.DOTTED_LETTERED),
        ("subpoint", patterns.SUBPOINT),
        ("enumeration", patterns.ENUMERATED),
    ):
        m = pattern.match(text)
        if m:
            heading, body = _split(block, m.group("rest"))
            return Token(kind, m.group("label"), heading, body, block)
    m = _EMPTY_ENUMERATED.match(text)
    if m and block.empty_field:  # "(2)" under "(1) …": a field of a blank form left empty
        return Token("enumeration", m.group("label"), None, "", block)
    m = patterns.BULLET.match(text)
    if m:
        return Token("bullet", "-", None, m.group("rest").strip(), block)
    if patterns.GAP.match(text):
        return Token("gap", None, None, text, block)
    if patterns.CLOSING.match(text):
        return Token("closing", None, None, text, block)
    return Token("paragraph", None, None, text, block)


_EMPTY_ENUMERATED = re.compile(r"^\((?P<label>\d{1,2})\)$")
# "Mẫu 06.docx": a link to a form's file in a procedure table, not the form printed.
_FORM_FILE = re.compile(r"\.(?:docx?|xlsx?|pdf)$", re.I)
# "Mẫu số 13 tại Phụ lục II ban hành kèm theo Nghị định số 163/2025/NĐ-CP", "Mẫu 27
# Phụ lục III Nghị định số 163/2025/NĐ-CP", "Mẫu 05 kèm hồ sơ; Tờ trình …": a table
# cell citing a form of this or another document.
_CITES_FORM = re.compile(
    r"^(?:[a-zđ]\w|(?:Phụ lục|PHỤ LỤC)\s+[IVX\d]+[a-z]?\s+(?:Nghị định|Thông tư|Quyết định)\b)"
)


def _names_forms(rest: str, between: str) -> bool:
    """What follows ``Mẫu 01`` lists or cites (``, 05;``, ``tại Phụ lục II …``,
    ``kèm hồ sơ``): not a form's own heading, which a colon or a dot may introduce
    (``Mẫu số Ia: nội dung hợp đồng mẫu …``)."""
    return rest.startswith((",", ";", ")")) or (
        not between.strip() and bool(_CITES_FORM.match(rest.strip()))
    )


def _lettered_part(block: Block, text: str) -> Token | None:
    """``PHẦN A``, ``Phần I``, ``B- NHIỆM VỤ …``: a part above the Roman sections. A bare
    ``A.`` opens one only as a heading (in capitals or emphasized): ``B - ISO/F2: Hệ thống
    ghế …`` is a line of a list."""
    m = patterns.NAMED_PART.match(text)
    # "Phần I Phụ lục kèm theo Quyết định …" in a table cell cites a part
    if m and (not m.group("rest").strip() or block.emphasized or _upperish(m.group("rest"))):
        return Token("part", m.group("label"), m.group("rest").strip() or None, "", block)
    m = patterns.LETTERED_PART.match(text)
    if m and m.group("rest")[0].isupper() and (block.emphasized or _upperish(m.group("rest"))):
        return Token("part", m.group("label"), m.group("rest").strip(), "", block)
    return None


def _reads_as_section(block: Block, rest: str) -> bool:
    """``II. Trình tự thủ tục …`` is a heading unless it reads as a sentence."""
    if block.emphasized or _upperish(rest) or rest.startswith("| "):
        return True
    return rest[0].isupper() and rest[-1] not in patterns.TERMINAL and len(rest) < 250


def _upperish(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
