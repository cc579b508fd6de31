"""Stage 2: cleaned lines → blocks (paragraphs as printed, page breaks and hard wraps joined).

A block is what a reader sees as one paragraph or one heading. Lines are joined when the
earlier one stops mid-sentence: it ends without ``. : ; ! ?`` and the next line is not a
label (``1.``, ``a)``, ``- ``, ``Điều 5.``) and not a heading. Across a blank line (a page
break) the next line must also start in lower case; within a run of lines with no blank
between them (hard-wrapped web pages) that is enough when the document is hard-wrapped.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from parsers import patterns
from parsers.clean import CUT_ARTICLE_NUMBER, WANTS_NUMBER, Line
from parsers.outline import outline_lines

# Lines that start something of their own and are never glued to the line before.
_STARTERS = (
    patterns.SECTION,
    patterns.PART,
    patterns.CHAPTER,
    patterns.SUBCHAPTER,
    patterns.ARTICLE,
    patterns.NUMBERED,
    patterns.LETTERED,
    patterns.DOTTED_LETTERED,
    patterns.SUBPOINT,
    patterns.DOTTED_SUBHEADING,
    patterns.ENUMERATED,
    patterns.MILESTONE,
    patterns.BULLET,
)
_FIELD_LINE = re.compile(
    r"^(?:Người ký|Email|Cơ quan(?=\s*:)|Thời gian ký|Số|Nơi nhận|Kính gửi|Chuyển|Lưu hồ sơ|"
    r"T/M|TM\.|K/T|KT\.|TL\.|Q\.|THAY MẶT|[\[(]?\s*[Đđ]ã ký)\b",
    re.I,
)
# A line that ends on a word which cannot end a name or a phrase ("Bộ Khoa học và" /
# "Công nghệ", a cell of an annex printed one cell a line, hard-wrapped in a text whose
# other lines are not), or on the head of a body's name or an office ("phối hợp với Bộ" /
# "Xây dựng", "Quyết định Chủ tịch" / "UBND tỉnh"): the next line goes on with it,
# whatever its case.
_OPEN_END = re.compile(r"(?:^|\s)(?:và|hoặc|của|với|các|cho|về|tại|Bộ|Sở|Ủy ban|Hội đồng|"
                       r"Văn phòng|Đảng ủy|Thủ tướng|Chủ tịch|Bộ trưởng|Thủ trưởng|Trưởng|"
                       r"Giám đốc)$")
# "… kèm theo Nghị định số" / "151/2025/NĐ-CP.": a line ending on "số" goes on with the
# number it names.
_NUMBER_WORD = re.compile(r"(?:^|\s)[Ss]ố$")
# "Hà Nội, ngày 17 tháng 6 năm 2025" starts a line of its own (its own end may wrap).
_PLACE_DATE = re.compile(r"^[^\W\d][^,\d]{1,40},\s*ngày\s+\d")

_QUOTE_END = re.compile(r"”[.;,]?(?:/\.)?\s*$")
# "Số:" alone on its line, the number on the next (91/2015/QH13 as crawled).
_NUMBER_KEY = re.compile(r"^(?:\w+ )?[Ss]ố\s*:?$")
# A block grows a line at a time and is asked, line after line, whether it ends on some
# word: a match of these patterns starts in its last characters, so the search starts
# there (``search(text, pos)`` still sees the characters before ``pos`` for ``^`` and
# ``\b``), not at the start of a paragraph of hundreds of lines.
_TAIL = 32


def _ends_on(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(text, max(0, len(text) - _TAIL)))


@dataclass(slots=True)
class Block:
    """One paragraph or heading: its joined text and the source spans it came from."""

    text: str
    spans: list[tuple[int, int]]
    line: int  # raw line number of its first line
    emphasized: bool
    lines: list[Line] = field(default_factory=list)
    # raw line numbers of lines that look like headings but were read as running text
    running_headings: list[int] = field(default_factory=list)
    # a bare "(N)" under "(N-1)": a field of a blank form left empty, taking no text
    empty_field: bool = False
    # "1.1 Thông tin …": a number printed without its last dot that the document's own
    # numbering makes a label (``parsers.outline``)
    outline_label: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def is_upper(text: str) -> bool:
    """True for a line in capitals (headings, agency names): it has letters, none lower case."""
    # Stops at the first lower-case letter: a paragraph is asked this each time a line joins.
    has_letter = False
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                return False
            has_letter = True
    return has_letter


def reads_as_title(block: Block) -> bool:
    """A line of a document's title: capitals, ``về …``, or emphasized."""
    text = block.text
    return is_upper(text) or text.lower().startswith("về ") or block.emphasized


def _one_pattern(starters: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The starters as one pattern (their names dropped: only whether one matches is
    asked): one call instead of one a starter."""
    return re.compile(
        "|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', p.pattern)})" for p in starters), re.S)


# For every line joined.
_ANY_STARTER = _one_pattern(_STARTERS)
# The starters of a label (not a bullet), for every line of a hard-wrapped text.
_LABELS = tuple(p for p in _STARTERS if p is not patterns.BULLET)
_ANY_LABEL = _one_pattern(_LABELS)


def starts_something(text: str) -> bool:
    """A label, a metadata field or a line in capitals: never glued to the previous line."""
    return (
        bool(_ANY_STARTER.match(text))
        or _is_field_line(text)
        or bool(_PLACE_DATE.match(text))
        or is_upper(text)
    )


def _is_field_line(text: str) -> bool:
    # Fields are printed capitalized: "cơ quan đảng; …" continuing a hard-wrapped sentence
    # is not the e-signature's "Cơ quan:".
    return bool(_FIELD_LINE.match(text)) and (
        not text[0].islower() or text.lower().startswith("đã ký")
    )


def _heading_like(block: Block) -> bool:
    first = block.lines[0]
    if wrapped_sentence(block):
        return False  # an article's sentence wrapped after its bold label: a paragraph
    return (
        (first.emphasized and not first.emphasis_continues and len(block.lines) == 1)
        or is_upper(block.text)
        or bool(patterns.ARTICLE.match(block.text) or patterns.CHAPTER.match(block.text))
    )


# "1):" at the start of a line: with a "(" open on the line above, the end of a
# parenthesis a hard wrap cut ("a) Chấm bài kiểm tra lần thứ nhất (thành viên chấm" /
# "1):", a crawled regulation of 2025 on examinations), not item 1.
_CLOSES_PARENTHESIS = re.compile(r"^(?:\d{1,3}|[a-zđ])\)(?:[:;,.]|$)")
# A label printed alone on its line: "1.", "a)", "(2)".
_LABEL_ONLY = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.|[a-zđ]\)|\(\d{1,2}\))$")
# "(2)" alone on its line: in a run of such lines, the empty fields of a blank form.
_BARE_ENUMERATION = re.compile(r"^\((\d{1,2})\)$")
# Words a heading cannot end on: "Điều 7. Trách nhiệm của … và" / "các cơ quan …".
_DANGLING = re.compile(r"(?:,|\b(?:và|hoặc|của|với|trong|về|cho|đối với|theo|tại|để|sử))$")


def _open_parenthesis(text: str) -> bool:
    """A ``(`` left open on the line, its own label (``a)``) not counted."""
    text = re.sub(r"^(?:\d{1,3}|[a-zđ])\)\s*", "", text)
    return text.count("(") > text.count(")")


def _labelled(text: str) -> bool:
    return any(p.match(text) for p in _STARTERS)


def _heading_continues(block: Block, line: Line) -> bool:
    """An article title printed over two lines: the second line, right under the first, in
    lower case or after a word a title cannot end on, is the rest of the title."""
    if not patterns.ARTICLE.match(block.text) or len(block.lines) > 4 or line.blank_before:
        return False
    if block.text[-1] in patterns.TERMINAL or starts_something(line.text):
        return False
    return line.text[0].islower() or _ends_on(_DANGLING, block.text)


# Where a sentence ends; a line after ";" or ":" without a label of its own goes on with
# the enumeration ("Bộ trưởng các Bộ:" / "Xây dựng, Ngoại giao, …").
_SENTENCE_END = frozenset(".!?…")


def wrapped_sentence(block: Block) -> bool:
    """A sentence printed after a bold article label and wrapped over lines to its end
    (``**Điều 3. **Bộ`` / ``trưởng, … thi hành Quyết định này.``); a title wrapped so ends
    on no punctuation ("Hiệu lực và" / "trách nhiệm thi hành", then a blank line)."""
    if not block.lines[0].bold_label_only or len(block.lines) == 1:
        return False
    text = block.text.rstrip("/")  # "… thi hành Nghị quyết này./"
    return text[-1:] in patterns.TERMINAL or ";" in text  # a full stop a source forgot


def _wrapped_after_bold_label(block: Block, line: Line) -> bool:
    """``**Điều 2. **Giao`` / ``Sở Công Thương chủ trì …``: the sentence that began after a
    bold label goes on to its full stop, whatever the case of its lines (classify reads the
    whole as the article's text); a sentence after it is the paragraph it was before."""
    return (block.lines[0].bold_label_only and not line.blank_before
            and block.text[-1] not in _SENTENCE_END and not starts_something(line.text))


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Most lines are short and follow the previous one without a blank line."""
    if len(lines) < 20:
        return False
    tight = sum(1 for ln in lines if not ln.blank_before) / len(lines)
    median = statistics.median(len(ln.text) for ln in lines)
    return tight > 0.6 and median < 90


def blank_separated(lines: list[Line]) -> bool:
    """Every paragraph opens after a blank line: then a line with none before it, in a
    hard-wrapped text, is the same paragraph even after a full stop (07-KL/VPTW)."""
    starts = [ln for ln in lines if _ANY_LABEL.match(ln.text)]
    return len(starts) >= 5 and sum(ln.blank_before for ln in starts) / len(starts) > 0.9


def _joins(block: Block, line: Line, hard_wrapped: bool, by_blanks: bool = False) -> bool:
    last = block.lines[-1]
    if patterns.GAP.match(block.text) and patterns.GAP_CONTINUES.match(line.text):
        return True  # the paywall notice's second line, after a blank
    if last.emphasis_continues and line.emphasized:
        # a stray "**" inside a word ("*Thông tin v**ề") leaves bold open; a labelled line
        # after a blank line still starts its own block ("**Điều 3. Áp dụng …**")
        return not (line.blank_before and starts_something(line.text))
    if line.cell or last.cell:
        return False
    if (patterns.PAREN_SECTION.match(block.text) and not last.emphasis_continues
            and all(ln.emphasized for ln in block.lines) and not line.emphasized):
        return False  # "*II) Thẩm định kinh phí" / "nhiệm vụ đổi mới sáng tạo*": its title ends
    if _wrapped_after_bold_label(block, line):
        return True
    if _NUMBER_KEY.match(block.text) and not line.blank_before:
        return True
    if _last_digit_with_title(block, line):
        return True
    if line.text.isdigit():
        # a bare number kept as text continues "Điều 1…" or "… khoản"; else it is a label
        # cut from its dot ("3" / ". Trình tự …")
        return not line.blank_before and bool(
            _cut_label(block) or WANTS_NUMBER.search(block.text)
        )
    if not line.blank_before and line.text[0].isdigit() and _ends_on(_NUMBER_WORD, block.text):
        return True  # "… kèm theo Nghị định số" / "151/2025/NĐ-CP.": the number it names
    if _LABEL_ONLY.match(block.text) and len(block.lines) <= 2 and not _labelled(line.text):
        # "1. " alone, its text on the next line (PDF extraction); a bare "(1)" in a table
        # printed one cell a line ("Thuyết trình" / "(1)" / "|" / "Micro") marks a note,
        # and the cell after the "|" is not its text
        return not (line.blank_before and _BARE_ENUMERATION.match(block.text))
    if line.text[0] in ".,;:)" and block.text[-1] not in patterns.TERMINAL:
        return True  # "Điều 46" / ". Công trình bảo vệ môi trường…": a label cut by a wrap
    if _CLOSES_PARENTHESIS.match(line.text) and not line.blank_before and _open_parenthesis(
        last.text
    ):
        return True  # "(thành viên chấm" / "1):": the wrap put the ")" of "(…1)" first
    if _wrapped_dash(block, line):
        return True
    if starts_something(line.text) or (
        line.emphasized and patterns.PAREN_SECTION.match(line.text)
    ):
        return False  # "Bước 2: Xử lý hồ sơ" / "*I) Xét duyệt nhiệm vụ": a heading in italics
    if (
        _LABEL_ONLY.match(line.text)
        and not line.blank_before
        and line.emphasized
        and block.emphasized
        and not last.emphasis_continues
        and bool(patterns.SECTION.match(block.text))
    ):
        # "**1." alone, its title on the next line, right under a heading in bold whose
        # emphasis closed ("**I." / "Lĩnh vực Đầu tư theo phương thức PPP**"): the first
        # procedure of the section, not the end of its title (a crawled Quyết định of
        # Bắc Ninh, 2025, on internal procedures)
        return False
    if block.text[-1] in patterns.TERMINAL:
        # A hard-wrapped page breaks lines anywhere, also after "; " in mid-sentence: a
        # line in lower case right under it continues the paragraph.
        if not hard_wrapped or line.blank_before or _heading_like(block):
            return False
        return (block.text[-1] == ";" and line.text[0].islower()) or (
            by_blanks and block.text[-1] in ".;…" and not block.lines[-1].cell
        )
    if _is_field_line(block.text) or patterns.FORM_GUIDE.match(block.text):
        # a form guide's title ends its line: "Hướng dẫn khai tờ khai thuế TNDN bổ sung …" /
        # "1 Năm tài chính báo cáo là …" (its first note, Nghị định 236/2025/NĐ-CP)
        return False
    if not line.blank_before and _ends_on(_OPEN_END, block.text):
        return True
    if _heading_like(block):
        return _heading_continues(block, line)
    lower = line.text[0].islower() or line.text[0].isdigit()
    if line.blank_before:
        return lower
    return lower or hard_wrapped


# "các tổ chức chính trị" / "- xã hội tại địa phương …", "phát triển kinh tế" / "- xã hội
# của tỉnh": a compound's dash wrapped to the head of a line reads as a bullet. A bullet
# opens in capitals; one in lower case, right under a line that did not end its sentence or
# clause, goes on with it (37 of 37 such lines on 424 crawled pages, all compounds or a
# dash inside the sentence).
_DASH_GOES_ON = re.compile(r"^- [^\W\d_]")


def _wrapped_dash(block: Block, line: Line) -> bool:
    return (not line.blank_before and bool(_DASH_GOES_ON.match(line.text))
            and line.text[2].islower() and block.text[-1] not in patterns.TERMINAL
            and block.text[-1] not in ",*)" and not block.lines[-1].cell)


def empty_fields(lines: list[Line]) -> frozenset[int]:
    """Line numbers of the bare ``(N)`` that are fields of a blank form left empty: in a
    run of ``(1)``, ``(2)`` … printed one a line in order, no blank between, that a lead-in
    ending in ``:`` or a filled ``(1) …`` opens (``3. Giấy tờ … gồm có(4):`` / ``(1) Giấy
    chứng nhận đã cấp;`` / ``(2)`` / ``(3)`` / ``Cam đoan …``, Nghị định 151/2025/NĐ-CP,
    Mẫu số 18). A table printed one cell a line numbers its columns ``(1)``, ``(2)`` with
    a ``|`` (a blank) between; the placeholders atop a form (``(1)`` / ``(2)`` /
    ``CỘNG HÒA …``) follow its title, no lead-in."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        run = _field_run(lines, i)
        opened = (i > 0 and lines[i - 1].text.endswith(":")) or not _BARE_ENUMERATION.match(
            run[0].text if run else "")
        if len(run) >= 2 and opened:
            out.update(ln.number for ln in run if _BARE_ENUMERATION.match(ln.text))
        i += max(len(run), 1)
    return frozenset(out)


_FIELD_NUMBER = re.compile(r"^\((\d{1,2})\)")


def _field_run(lines: list[Line], i: int) -> list[Line]:
    """The lines from ``i`` numbered ``(1)``, ``(2)`` … in order, none after a blank."""
    run: list[Line] = []
    for k in range(i, len(lines)):  # not a copy (nor a skip) of the lines before at each i
        line = lines[k]
        m = _FIELD_NUMBER.match(line.text)
        if not m or int(m.group(1)) != len(run) + 1 or (run and line.blank_before):
            break
        run.append(line)
    return run


def quote_depths(blocks: list[Block]) -> list[int]:
    """For each block, how many curly quotes (“ ”) are open where it starts.

    Amending documents quote whole articles (“Điều 21. …”); inside a quotation labels
    are text of the amending provision, not structure of this document.
    """
    depths = []
    depth = 0
    quoting = False  # the open quotation began a block: an amendment's quoted text
    for block in blocks:
        depths.append(depth)
        text = block.text
        if "“" not in text and "”" not in text:
            # Straight quotes (Nghị định 175/2024: "2. Thẩm quyền kiểm tra: …") open at the
            # start of a block and close at the end of one; an odd count says which.
            if text.count('"') % 2:
                depth = depth + 1 if text.startswith('"') and not depth else 0
            continue
        if not depth:
            quoting = text.startswith("“")
        depth = _depth_after(text, depth)
        if _QUOTE_END.search(text) and not (quoting and _balanced(text)):
            # a block ending in a closing quote ends the quotation, balanced or not; inside
            # a quoted article, a phrase that opens and closes in the block ends nothing
            # (Tờ khai … ghi: “hàng hóa cho … thuê tài chính …”, Thông tư 39/2018, khoản
            # 61 Điều 1), while a quote opened inside a sentence and never closed (“Phần
            # C. … ĐẤT là không quá …”, Nghị định 151/2025) is a slip this one mends
            depth = 0
    return depths


def _depth_after(text: str, depth: int) -> int:
    """The quotation depth after a block that prints curly quotes. A straight quote there
    opens before a word (``thì: "Nhóm này bao gồm …``) and closes otherwise: ``“… số
    151/2025/NĐ-CP" tại …`` (Nghị định 226/2025/NĐ-CP, Điều 7) closes the curly one."""
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opens = (before.isspace() or before in ":(") and after.isalnum()
            depth = depth + 1 if opens else max(0, depth - 1)
    return depth


def _balanced(text: str) -> bool:
    """A phrase quoted inside the block's sentence, not a block quoted whole: a block
    printed “Điều 62. …” closes whatever an earlier slip left open (Nghị định 239/2025)."""
    return text.count("”") <= text.count("“") and not text.startswith("“")


def _last_digit_with_title(block: Block, line: Line) -> bool:
    """``Điều`` / ``9`` / ``0. Quản lý …``: the last digit of Điều 90 printed with the title."""
    return (
        len(block.lines) >= 2
        and _cut_label(block)
        and block.text[-1].isdigit()
        and bool(re.match(r"^\d\.\s", line.text))
    )


_CUT_ARTICLE = re.compile(r"^[ĐÐ]iều\s+(\d{1,3})$")
_DIGIT_WITH_TITLE = re.compile(r"^(\d)\.\s+\S")


def _completes_article(block: Block, line: Line, last_article: int | None) -> bool:
    """``Điều 5`` / ``5. Điều chỉnh, gia hạn …`` after Điều 54: the extraction cut the
    label before its last digit, which it printed with the title (Nghị định 31/2021/NĐ-CP,
    Điều 40, 55, 59, 98, 101, 102, 104, 105). Only the next article's number is read so:
    ``Điều 5`` / ``1. …`` in Điều 4's place is an article and its first clause."""
    m, d = _CUT_ARTICLE.match(block.text), _DIGIT_WITH_TITLE.match(line.text)
    return bool(
        m and d and last_article is not None and len(block.lines) == 1
        and not line.blank_before
        and int(m.group(1) + d.group(1)) == last_article + 1
    )


def _cut_label(block: Block) -> bool:
    """``Điều``, ``Điều 1``, ``Điều 11``: an article label whose number goes on below."""
    text = block.text
    return bool(CUT_ARTICLE_NUMBER.match(text) or re.match(r"^[ĐÐ]iều\s+\d{1,4}$", text))


def _article_number(text: str) -> int | None:
    m = patterns.ARTICLE.match(text)
    return int(re.sub(r"\D", "", m.group("label"))) if m else None


def _wrapped_reference(block: Block, line: Line, last_article: int | None) -> bool:
    """``… theo quy định tại`` / ``Điều 13. …``: a line opens with an article label only
    because the sentence above wrapped. The numbering says so: the label is not the next
    article or what follows it is no title (it ends a sentence), and the line above stops
    on a word, mid-sentence, with no blank between."""
    number = _article_number(line.text)
    if number is None or last_article is None:
        return False
    m = patterns.ARTICLE.match(line.text)
    rest = ((m.group("rest") if m else "") or "").strip()
    no_title = not rest or rest[0].islower() or rest[-1] in ".;,"
    if number in (last_article, last_article + 1) and not no_title:
        return False
    last = block.text[-1]
    return (
        not line.blank_before
        and ((last.isalpha() and last.islower()) or bool(_CITES_PART.search(block.text)))
        and not _heading_like(block)
        and not patterns.ARTICLE.match(block.text)
    )


# "… tại khoản 3" / "Điều 1.": a clause or point cited, its article on the next line
# (a crawled Nghị quyết of HĐND thành phố Huế, 2025, Điều 3 khoản 2).
_CITES_PART = re.compile(r"\b(?:khoản|điểm|tiết)\s+(?:\d{1,3}[a-zđ]?|[a-zđ])$")


_CITED_SUBCHAPTER = re.compile(r"^(?:Mục|MỤC)\s+\d{1,3}\s+(?P<rest>\S.*)$", re.S)


def _wrapped_subchapter(block: Block, line: Line) -> bool:
    """``… được quy định tại`` / ``Mục 2 Phần XI của “Phần C. …”`` (a crawled decision of
    2025): a line opens with ``Mục 2`` only because the sentence above wrapped. A heading
    prints ``Mục 2.`` or a title in capitals; a citation goes on in lower case."""
    m = _CITED_SUBCHAPTER.match(line.text)
    last = block.text[-1]
    return bool(
        m and not line.blank_before and last.isalpha() and last.islower()
        and not is_upper(m.group("rest")) and not _heading_like(block)
    )


# "… từ điểm a đến điểm đ, mục" / "3.2.1. Các chứng từ …": a sentence that names a
# section, clause or point by its word at a line's end goes on with its number below
# (Quyết định 3361/QĐ-BCT of 2025, as crawled; "… địa bàn cấp độ" / "1. …", Đắk Lắk 2025).
# "… có văn bản chấp thuận theo quy định tại bước" / "3. Trong thời hạn 03 tháng …" (a
# province's procedure of the Sở Y tế, 2025): a step cited, not item 3; "các bước" / "1."
# may announce a list, so only a step a preposition cites.
_CITING_WORD = re.compile(r"\b(?:mục|khoản|điểm|tiết|cấp độ|(?:tại|ở|theo|từ|đến) bước)$")


def _wrapped_number(block: Block, line: Line) -> bool:
    """A line that opens with a number only because the sentence above, ending on the word
    that cites it, wrapped: no blank between, and the number is the cited one."""
    return bool(
        not line.blank_before and patterns.NUMBERED.match(line.text)
        and _ends_on(_CITING_WORD, block.text) and not _heading_like(block)
    )


def to_blocks(lines: list[Line]) -> list[Block]:
    """Group cleaned lines into blocks."""
    hard_wrapped = is_hard_wrapped(lines)
    by_blanks = hard_wrapped and blank_separated(lines)
    blocks: list[Block] = []
    last_article: int | None = None
    fields = empty_fields(lines)
    labels = outline_lines(lines)
    for line in lines:
        if line.running_head:
            continue
        if line.number in fields or line.number in labels:
            blocks.append(Block(line.text, [(line.start, line.end)], line.number,
                                line.emphasized, [line], empty_field=line.number in fields,
                                outline_label=line.number in labels))
            continue
        if blocks and (
            _wrapped_reference(blocks[-1], line, last_article)
            or _wrapped_subchapter(blocks[-1], line)
            or _wrapped_number(blocks[-1], line)
        ):
            blocks[-1].running_headings.append(line.number)
            blocks[-1].text = f"{blocks[-1].text} {line.text}"
            blocks[-1].spans.append((line.start, line.end))
            blocks[-1].lines.append(line)
            continue
        completes = bool(blocks) and _completes_article(blocks[-1], line, last_article)
        if blocks and not blocks[-1].empty_field and (
            completes or _joins(blocks[-1], line, hard_wrapped, by_blanks)
        ):
            block = blocks[-1]
            cut_number = (
                completes
                or (_cut_label(block) and line.text.isdigit() and block.text[-1].isdigit())
                or (block.text.isdigit() and line.text[0] == ".")
                or _last_digit_with_title(block, line)
            )
            block.text = f"{block.text}{'' if cut_number else ' '}{line.text}"
            block.spans.append((line.start, line.end))
            block.lines.append(line)
            last_article = _article_number(block.text) or last_article
            continue
        last_article = _article_number(line.text) or last_article
        blocks.append(
            Block(
                text=line.text,
                spans=[(line.start, line.end)],
                line=line.number,
                emphasized=line.emphasized,
                lines=[line],
            )
        )
    return blocks
