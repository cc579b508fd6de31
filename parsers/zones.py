"""Stage 3a: cut the blocks into header, body, trailer and annexes.

The header is everything up to the last recognizable header field (number, date, type
line, title…) before the first numbered provision; an editorial lead-in ending with
"Trân trọng giới thiệu…" counts as header too. The trailer starts at the first recipient
list, signature mark, national motto or party header after the body begins. An annex
("(Kèm theo Nghị quyết số …)") after the trailer is body again.

A crawled page may print the header table, the recipients and the signature elsewhere: after
the annexes, between two of them, inside the last one (Nghị định 06/2021, 175/2024,
96/2024/NĐ-CP, Luật Quy hoạch 21/2017/QH14 as crawled). Such a run is lifted out of any body
(``Displaced``) when it reads as the document's own: a motto with a number or a dated place
line, or recipients and a signature mark closed by a person's name; a form's header, with
its blanks ``Số: ……./……``, is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers import header, patterns
from parsers.blocks import Block, is_upper, reads_as_title
from parsers.classify import classify

STRUCTURAL = frozenset({"section", "part", "chapter", "article", "numbered", "milestone"})
HEADER_FIELDS = frozenset(
    {"e_signature", "party_header", "motto", "number", "number_date", "place_date", "type",
     "web_title", "web_summary", "stamp", "issuer"}
)  # fmt: skip
TRAILER_OPENERS = frozenset(
    {"recipients", "on_behalf", "copy_mark", "motto", "party_header", "signed"}
)
# An English translation (thuvienphapluat.vn's, of Thông tư 44/2025/TT-BYT; vbpl.vn's) prints
# "(Enclosed with Circular No. …)", "(Issued together with Decree No. …)" there.
ANNEX = re.compile(
    r"^\(?\s*(?:(?:Ban hành\s+)?[Kk]èm theo\b"
    r"|(?:Enclosed with|Attached to|Issued (?:together )?with) (?:the )?[A-Z])"
)
# The text's own sentence, not an annex's "(Kèm theo Quyết định số …)": "Ban hành kèm theo
# Quyết định này Kế hoạch …" (Điều 1 of a decision, on the line after its heading), "Kèm
# theo Báo cáo này có các giấy tờ sau đây:". A document names itself "… này".
OWN_SENTENCE = re.compile(r"^\s*(?:Ban hành\s+)?[Kk]èm theo\s+(?:[^\s(),;:]+\s+){1,3}?này\b")
ANNEX_NAME = re.compile(r"^(?:PHỤ LỤC|Phụ lục|APPENDIX|Appendix|ANNEX)\b")
# Forms in an annex print a motto and a party header of their own: not a trailer there.
ANNEX_TRAILER_OPENERS = TRAILER_OPENERS - {"motto", "party_header"}


@dataclass(frozen=True, slots=True)
class Annex:
    title: list[Block]
    body: list[Block]
    trailer: list[Block]


@dataclass(frozen=True, slots=True)
class Displaced:
    """Front or back matter printed out of place: header fields, then recipients and a
    signature (either may be empty)."""

    header: list[Block]
    trailer: list[Block]

    @property
    def blocks(self) -> list[Block]:
        return [*self.header, *self.trailer]


@dataclass(frozen=True, slots=True)
class Zones:
    header: list[Block]
    body: list[Block]
    trailer: list[Block]
    annexes: list[Annex]
    displaced: list[Displaced] = field(default_factory=list)


def _first_structural(blocks: list[Block], fields: list[str | None]) -> int:
    for i, block in enumerate(blocks):
        if fields[i] is None and classify(block).kind in STRUCTURAL:
            return i
    return len(blocks)


def _header_end(blocks: list[Block], fields: list[str | None]) -> int:
    limit = _first_structural(blocks, fields)
    end = 0
    for i in range(limit):
        if fields[i] in HEADER_FIELDS:
            end = i + 1
        if i < 8 and header.EDITORIAL_END.search(blocks[i].text):
            end = max(end, i + 1)
    return _extend_title(blocks, fields, end, limit)


def _extend_title(blocks: list[Block], fields: list[str | None], end: int, limit: int) -> int:
    """Title lines after the header's last field: capitals, ``về …``, or a heading."""
    type_seen = any(f == "type" for f in fields[:end])
    while type_seen and end < limit:
        block = blocks[end]
        if fields[end] in HEADER_FIELDS:
            end += 1
            continue
        if not reads_as_title(block) or re.match(r"^(?:Căn cứ|Theo đề nghị)", block.text):
            break
        end += 1
    return end


def _trailer_start(
    blocks: list[Block], fields: list[str | None], start: int, in_annex: bool = False
) -> int:
    openers = TRAILER_OPENERS
    if in_annex:
        # An annex's trailer is its last signature block: a form or a numbered heading
        # after a signature mark means the mark was part of a form (Nghị định 96/2024).
        openers = ANNEX_TRAILER_OPENERS
        later = [i for i, b in enumerate(blocks) if classify(b, in_annex=True).kind == "form"]
        start = max(start, later[-1] + 1) if later else start
    for i in range(start, len(blocks)):
        if fields[i] in openers:
            if fields[i] in _HEADER_OPENERS:
                return _issuer_lines(blocks, fields, i, start)
            if i > start and fields[i - 1] == "issuer":
                return i - 1
            if fields[i] == "signed" and i > start and len(blocks[i - 1].text) < 60:
                return i - 1  # "Chủ tịch Quốc hội" / "(Đã ký)" / name
            return i
    return len(blocks)


_HEADER_OPENERS = frozenset({"motto", "party_header"})
# The issuing body above the motto in a header table: "BỘ TÀI CHÍNH", "ỦY BAN NHÂN DÂN" /
# "TỈNH ĐỒNG NAI".
_ISSUER_LINES, _ISSUER_MAX = 2, 60


def _issuer_lines(blocks: list[Block], fields: list[str | None], i: int, start: int) -> int:
    """Where the issuer's lines printed just above ``blocks[i]`` begin (``i`` if none):
    a known issuer, or short capitals that open no provision."""
    top = i
    while top > start and i - top < _ISSUER_LINES:
        above = blocks[top - 1]
        capitals = (fields[top - 1] is None and is_upper(above.text)
                    and len(above.text) <= _ISSUER_MAX
                    and classify(above).kind == "paragraph")
        if fields[top - 1] != "issuer" and not capitals:
            break
        top -= 1
    return top


def _is_heading(block: Block) -> bool:
    return block.emphasized or is_upper(block.text)


# How many heading lines a named annex prints between its name and its "(Kèm theo …)"
# line: "APPENDIX V" / "LETTER OF" / "AUTHORIZATION TEMPLATE" / "(Enclosed with …)".
_ANNEX_TITLE_LINES = 3


def _named_annex_start(blocks: list[Block], marker: int) -> int | None:
    """Where the annex's name (``PHỤ LỤC II``, ``APPENDIX V``) is printed above its
    "(Kèm theo …)" line, the lines between all headings; None when it is not."""
    for start in range(marker - 1, max(-1, marker - 2 - _ANNEX_TITLE_LINES), -1):
        block = blocks[start]
        if header.field_of(block.text) is not None or not _is_heading(block):
            return None
        if ANNEX_NAME.match(block.text):
            return start
    return None


def _annex_title_start(blocks: list[Block], marker: int) -> int:
    """The annex's title: the heading lines just above its "(Kèm theo …)" line."""
    named = _named_annex_start(blocks, marker)
    if named is not None:
        return named
    start = marker
    while start > 0:
        above = blocks[start - 1]
        heading = above.emphasized or is_upper(above.text)
        if header.field_of(above.text) is not None or not heading:
            break
        start -= 1
        if is_upper(above.text) and not (
            start > 0 and ANNEX_NAME.match(blocks[start - 1].text)
        ):
            break
    return start


def is_annex_marker(text: str) -> bool:
    return bool(ANNEX.match(text)) and not OWN_SENTENCE.match(text)


# How far above its "(Kèm theo …)" line a form prints its label: "Mẫu số 14a. …" / the
# form's title in capitals / "(Kèm theo Phiếu yêu cầu …)".
_FORM_HEAD = 3


def _under_form(blocks: list[Block], marker: int) -> bool:
    """The "(Kèm theo …)" line is part of a form's heading, a few lines under its label
    with no "PHỤ LỤC" between: what the form goes with (``(Kèm theo Phiếu yêu cầu …)``,
    ``(Kèm theo Mẫu số 15)``, ``(Kèm theo Quyết định số ... của UBND…)``, Nghị định
    151/2025/NĐ-CP, Phụ lục II), not another annex of this document."""
    for block in reversed(blocks[max(0, marker - _FORM_HEAD) : marker]):
        if ANNEX_NAME.match(block.text):
            return False
        if patterns.FORM.match(block.text):
            return True
    return False


# Header fields a displaced run holds. Their patterns need digits: a form's blanks ("Số:
# ……./……", "……., ngày……. tháng……. năm………") are none of them.
_RUN_HEADER = frozenset(
    {"issuer", "motto", "party_header", "number", "number_date", "place_date"}
)
_DATED = frozenset({"number", "number_date", "place_date"})
_MARKS = frozenset({"on_behalf", "signed"})
_BULLET = re.compile(r"^[-–•+]\s*\S")
# The signer's titles above the name: "KT. THỦ TƯỚNG" / "PHÓ THỦ TƯỚNG", "CHỦ TỊCH QUỐC HỘI".
_TITLE_LINES, _TITLE_MAX = 3, 60


@dataclass(frozen=True, slots=True)
class _Signature:
    end: int
    recipients: bool
    marked: bool


def _signature(blocks: list[Block], fields: list[str | None], i: int) -> _Signature | None:
    """``Nơi nhận:`` and its bullets (if printed), signature marks and titles, closed by a
    person's name: where it ends, or None when no name closes it."""
    k, n = i, len(blocks)
    recipients = k < n and fields[k] == "recipients"
    if recipients:
        k += 1
        while k < n and _BULLET.match(blocks[k].text):
            k += 1
    marked, titles = False, 0
    while k < n:
        text = blocks[k].text
        if fields[k] in _MARKS:
            marked, titles = True, 0
        elif fields[k] is None and header.is_name(text):
            return _Signature(k + 1, recipients, marked) if marked or titles else None
        elif (fields[k] in (None, "issuer") and is_upper(text) and len(text) <= _TITLE_MAX
              and titles < _TITLE_LINES):
            titles += 1
        else:
            return None
        k += 1
    return None


def _own_header(blocks: list[Block], fields: list[str | None], own: str | None) -> bool:
    """A motto with the number or a dated place: the document's header, not a form's. A
    number other than the header's own is another document's (a model printed in a form)."""
    numbers = [header.number_of(b.text) for b, f in zip(blocks, fields, strict=True)
               if f in ("number", "number_date")]
    return (
        any(f in ("motto", "party_header") for f in fields)
        and any(f in _DATED for f in fields)
        and (own is None or all(number == own for number in numbers))
    )


def _displaced_at(
    blocks: list[Block], fields: list[str | None], i: int, start: int, own: str | None
) -> tuple[int, int, int] | None:
    """(top, middle, end) of a displaced run whose first field is ``blocks[i]``: the issuer's
    lines from ``top``, header fields to ``middle``, recipients and signature to ``end``."""
    if fields[i] not in _RUN_HEADER and fields[i] != "recipients":
        return None
    middle = i
    while middle < len(blocks) and fields[middle] in _RUN_HEADER:
        middle += 1
    signature = _signature(blocks, fields, middle)
    if middle > i and _own_header(blocks[i:middle], fields[i:middle], own):
        top = _issuer_lines(blocks, fields, i, start)
        return top, middle, signature.end if signature else middle
    if middle == i and signature and signature.recipients and signature.marked:
        return i, i, signature.end
    return None


def lift_displaced(blocks: list[Block], own: str | None) -> tuple[list[Block], list[Displaced]]:
    """The blocks with every displaced run taken out, and the runs in printed order."""
    fields = [header.field_of(b.text) for b in blocks]
    kept: list[Block] = []
    runs: list[Displaced] = []
    i = start = 0
    while i < len(blocks):
        found = _displaced_at(blocks, fields, i, start, own)
        if found is None:
            kept.append(blocks[i])
            i += 1
            continue
        top, middle, end = found
        del kept[len(kept) - (i - top) :]  # the issuer's lines, kept before they were known
        runs.append(Displaced(blocks[top:middle], blocks[middle:end]))
        i = start = end
    return kept, runs


def split(blocks: list[Block], in_annex: bool = False, own: str | None = None) -> Zones:
    """Cut blocks into zones; an annex found after the header starts the annex list.
    ``own``: the number the header printed, which a displaced header must repeat."""
    fields = [header.field_of(b.text) for b in blocks]
    head_end = 0 if in_annex else _header_end(blocks, fields)
    if not in_annex:
        own = next((header.number_of(blocks[i].text) for i in range(head_end)
                    if fields[i] in ("number", "number_date")), None)
    marker = next(
        (i for i in range(head_end, len(blocks))
         if is_annex_marker(blocks[i].text) and not (in_annex and _under_form(blocks, i))),
        None,
    )
    end = len(blocks) if marker is None else _annex_title_start(blocks, marker)
    tail_start = _trailer_start(blocks[:end], fields, head_end, in_annex)
    body, displaced = lift_displaced(blocks[head_end:tail_start], own)
    annexes: list[Annex] = []
    if marker is not None:
        rest = split(blocks[marker + 1 :], in_annex=True, own=own)
        annexes = [Annex(blocks[end : marker + 1], rest.body, rest.trailer), *rest.annexes]
        displaced.extend(rest.displaced)
    return Zones(blocks[:head_end], body, blocks[tail_start:end], annexes, displaced)
