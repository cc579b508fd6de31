"""Stage 1: raw converted text → cleaned source text and its lines.

Conversions from PDF, DOCX and web pages leave markup whose meaning we do not trust
(markdown heading levels, emphasis, escapes, table pipes, rule lines). This stage removes
it and keeps one fact per line that the later stages may use: whether the line was
emphasized (bold or a heading), which marks "this is a heading, not running text".

The cleaned ``source`` is what every offset in a parsed document refers to. Cleaning only
ever removes markup characters (``MARKUP``) and white space, and splits table cells onto
lines of their own; a test checks that no other character is lost.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from parsers import vntext

# Characters that cleaning may drop: markdown syntax and table/rule decoration.
MARKUP = frozenset("*#\\|-:_=`")

# A backslash escape as written by markdown converters: "1\." "\-" "\*".
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>&<=\"'])")
# Emphasis markers: runs of * not escaped.
EMPHASIS = re.compile(r"\*{1,3}")
# Underscore emphasis around a whole field, as some converters print it: "__Nơi nhận__:",
# "__Nơi nhận: __". Only at the ends of a line, so blanks in forms ("Số: ____") stay.
UNDERSCORE_EMPHASIS = re.compile(r"^__(?=[^\s_])|(?<=[^\s_])\s*__(?=\s*:?\s*$)")
HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*")
# Page furniture inside the text: the Official Gazette's running head
# ("CÔNG BÁO/Số 1329 + 1330/Ngày 16-9-2025") and bare page numbers ("16"; a bare "2015"
# is a date cut by a line break).
RUNNING_HEAD = re.compile(r"^(?:CÔNG BÁO\s*/\s*Số\b.*|\d{1,3})$")
# "Điều 8" / "3" / ". Trách nhiệm …": a PDF extraction cut the article number Điều 83; the
# "3" is the rest of the label, not a page number (Nghị định 102/2024/NĐ-CP).
CUT_ARTICLE_NUMBER = re.compile(r"^[ĐÐ]iều(?:\s+\d{1,3})?$")
# "… quy định tại khoản" / "1" / " Điều này": a word that a number must follow; the bare
# number after it is text cut by the extraction, not a page number.
WANTS_NUMBER = re.compile(
    r"\b(?:[Kk]hoản|[Đđ]iều|[Đđ]iểm|[Ss]ố|[Nn]ăm|tháng|ngày|[Cc]hương|[Mm]ục)\s*:?$"
)
# "1.1.1" alone in a cell: the number of a row of a table whose rows nest (a price table,
# Thông tư 60/2025/TT-BCT, Phụ lục: "1" / "1.1" / "1.1.1" / "a) Giờ bình thường").
DOTTED_ROW = re.compile(r"^\d{1,3}(?:\.\d{1,3}){1,3}\.?$")
# A line that is only decoration: "-----", ":---- | :----", "|", "***".
RULE_LINE = re.compile(r"^[\s|:*_=\-–—]*$")
_PLACEHOLDER = "\x00"
# What every markup pattern above needs at least one of.
_ANY_MARKUP = re.compile(r"[*#\\_]")
_SPACES = re.compile(r"[ \t]+")


# "**Điều 2. **Giao", "**Điều 1. **** **Công": the bold closes after the label, and plain
# text follows on the same line.
BOLD_LABEL_ONLY = re.compile(r"^\*\*\s*Điều\s+\d+[a-zđ]?\s*\.\s*\*\*(?:\s*\*\*\s*\*\*)?\s*[^*\s]")


@dataclass(frozen=True, slots=True)
class Line:
    """One cleaned, non-empty line of the source."""

    number: int  # 1-based line number in the raw input
    start: int  # offset of the text in the cleaned source
    text: str
    emphasized: bool  # the whole line was bold/italic or a markdown heading
    emphasis_continues: bool  # an emphasis span opened on this line runs onto the next
    blank_before: bool  # a blank (or decoration) line separates it from the previous line
    running_head: bool = False  # a page's running head: kept out of the text
    cell: bool = False  # one cell of a layout table row: never glued to its neighbours
    # the number of the table row this line's cell opens ("|" / "2" / "|" / "Thủ tục …",
    # a table printed one cell a line): the number itself stays out of the text, as a page
    # number would, and is used only where a row must hold its own numbering (tree). A
    # dotted number ("1.1.2") is no page number's: it stays in the text.
    row: str | None = None
    # Only the label was bold, the line goes on in plain text ("**Điều 2. **Giao" / "Sở
    # Công Thương chủ trì …"): a conversion that wrapped the article's sentence right after
    # its bold label (crawled decisions of 2025 print hundreds so), not a title.
    bold_label_only: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_STAR_BULLET = re.compile(r"^\*\s+[^*\s][^*]*$")


def _star_bullet(raw_lines: list[str], i: int) -> bool:
    """``* Phụ lục kèm theo …`` with no asterisk on the lines after it (but another such
    item's): the star marks a
    list item (Nghị định 05/2025/NĐ-CP, Phụ lục), whereas ``* (Phụ lục Danh mục`` / … /
    ``… kèm theo)*`` is an italic span a crawled page wrapped. Counted as emphasis, a lone
    star left every line after it emphasized, joined into one block."""
    return bool(_STAR_BULLET.match(raw_lines[i].strip())) and not any(
        "*" in line and not _STAR_BULLET.match(line.strip())
        for line in raw_lines[i + 1 : i + 1 + _ITALIC_SPAN])


_ITALIC_SPAN = 3


def _strip_markup(raw: str, star_bullet: bool = False) -> tuple[str, bool, int]:
    """Remove markdown from one line. Returns (text, wholly emphasized, emphasis markers)."""
    if not _ANY_MARKUP.search(raw):  # most lines: eight regex passes would change nothing
        text = raw.strip()
        if "\t" in text or "  " in text:  # else every run of blanks is one space already
            text = _SPACES.sub(" ", text).strip()
        return text, False, 0
    return _strip_markdown(raw, star_bullet)


def _strip_markdown(raw: str, star_bullet: bool = False) -> tuple[str, bool, int]:
    heading = bool(HEADING_MARK.match(raw))
    text = HEADING_MARK.sub("", raw)
    escapes: list[str] = []

    def protect(m: re.Match[str]) -> str:
        escapes.append(m.group(1))
        return _PLACEHOLDER

    text = ESCAPE.sub(protect, text).strip()
    underscored = bool(UNDERSCORE_EMPHASIS.search(text))
    text = UNDERSCORE_EMPHASIS.sub("", text)
    bullet = star_bullet and bool(_STAR_BULLET.match(text))
    markers = EMPHASIS.findall(text[1:] if bullet else text)
    wholly = bool(markers) and text.startswith("*") and text.endswith("*") and not bullet
    text = EMPHASIS.sub("", text)
    restored = iter(escapes)
    text = re.sub(_PLACEHOLDER, lambda _m: next(restored), text)
    text = _SPACES.sub(" ", text).strip()
    return text, heading or wholly or underscored, len(markers)


def _cells(raw: str) -> list[str]:
    """Layout tables (a header in two cells) become one line per cell; a data table's row
    (three or more cells) stays one line, its cells joined by `` | ``."""
    if "|" not in raw:
        return [raw]
    cells = [cell.strip() for cell in raw.split("|") if cell.strip()]
    cells = [cell for cell in cells if not RULE_LINE.match(cell)]
    if len(cells) >= 3:
        return [" | ".join(cells)]
    return cells


def clean(raw: str) -> tuple[str, list[Line]]:
    """Clean a raw document.

    Args:
        raw: the text as read from the file (any normalization form, any newlines).

    Returns:
        The cleaned NFC source (lines joined by newlines, blank lines kept as separators)
        and its non-empty lines with their offsets.
    """
    text = vntext.nbsp(vntext.nfc(vntext.newlines(raw)))
    out: list[str] = []
    lines: list[Line] = []
    offset = 0
    blank = False
    open_emphasis = False
    in_label = False
    raw_lines = text.split("\n")
    row: str | None = None  # a row number read, waiting for the row's first cell
    for number, raw_line in enumerate(raw_lines, start=1):
        cells = _cells(raw_line)
        if not cells:
            blank = True
            open_emphasis = False  # as in CommonMark, emphasis never spans an empty line
        for cell in cells:
            if RULE_LINE.match(cell):
                # "**" alone on a line closes the bold span the line above opened; left
                # uncounted, every later line would read as one emphasized run. A lone
                # "*" is the star printed under a Party issuer's name, not markup.
                # ("** **" on its own line opens and closes: no change.)
                if re.fullmatch(r"\s*\*{2,3}\s*", cell):  # not "******", a rule
                    open_emphasis = not open_emphasis
                blank = True
                continue
            cleaned, emphasized, markers = _strip_markup(cell, _star_bullet(raw_lines, number - 1))
            if not cleaned or RULE_LINE.match(cleaned):
                blank = True
                continue
            was_open = open_emphasis
            if markers % 2:
                open_emphasis = not open_emphasis
            if out:
                sep = "\n\n" if blank else "\n"
                out.append(sep)
                offset += len(sep)
            # "Điều 1" / "1" / "7" / ". …" is Điều 117, one digit a line
            in_label = cleaned.isdigit() and (in_label or bool(
                lines and CUT_ARTICLE_NUMBER.match(lines[-1].text)
            ))
            alone = _row_number(raw_lines, number)
            wanted = lines and cleaned.isdigit() and WANTS_NUMBER.search(lines[-1].text)
            head = bool(RUNNING_HEAD.match(cleaned)) and not (in_label or wanted)
            # "2 | | | |": the row number of an empty row in a form's table is a cell of
            # its own, never glued to the "… | | |" row under it ("2…" read as "2.")
            in_row = len(cells) > 1 or _lone_cell_of_row(raw_line)
            lines.append(
                Line(
                    number=number,
                    start=offset,
                    text=cleaned,
                    emphasized=emphasized or was_open or open_emphasis,
                    emphasis_continues=open_emphasis,
                    blank_before=blank,
                    running_head=head,
                    cell=in_row,
                    row=None if head else row,
                    bold_label_only=bool(BOLD_LABEL_ONLY.match(cell)),
                )
            )
            if head and alone:
                row = cleaned
            elif alone and DOTTED_ROW.match(cleaned):
                row = cleaned.rstrip(".")  # stays in the text: no page is numbered "1.1.2"
            elif not head:
                row = None
            out.append(cleaned)
            offset += len(cleaned)
            blank = blank if head else False
        if not raw_line.strip():
            blank = True
            open_emphasis = False
    return "".join(out), _unmark_cut_labels(lines)


def _row_number(raw_lines: list[str], number: int) -> bool:
    """The line ``number`` (1-based) stands alone between two ``|`` lines: when it is a
    number, the first cell of a table row printed one cell a line (a province's list of
    procedures, each row a procedure whose steps number from 1 again)."""
    before = raw_lines[number - 2].strip() if number >= 2 else ""
    after = raw_lines[number].strip() if number < len(raw_lines) else ""
    return before == "|" and after == "|"


def _lone_cell_of_row(raw: str) -> bool:
    """A table row with one cell filled and the others empty (``2 | | | |``)."""
    parts = raw.split("|")
    return len(parts) >= 3 and sum(bool(p.strip()) for p in parts) == 1 and bool(
        parts[0].strip()
    )


def _unmark_cut_labels(lines: list[Line]) -> list[Line]:
    """``3`` / ``. Trình tự …``: a bare number followed by a line opening with ``.``
    is a clause label cut by the extraction (Nghị định 102/2024), not a page number."""
    out = list(lines)
    for i, line in enumerate(out[:-1]):
        if line.running_head and line.text.isdigit() and out[i + 1].text[0] == ".":
            out[i] = dataclasses.replace(line, running_head=False)
    return out
