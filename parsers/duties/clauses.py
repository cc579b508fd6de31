"""Where a provision's clauses begin and end (roles are read clause by clause)."""

from __future__ import annotations

import re
from bisect import bisect_left

from parsers.bodies import Mention
from parsers.duties.tokens import CONNECTORS, is_lead_in, items_of

_CLAUSE_END = re.compile(r"[.;](?=\s|$)|\n|\|")
# A run-in title before numbered tasks: "Khẩn trương xây dựng …: (1) Thanh tra Chính phủ ban
# hành …" (Thông báo 624/TB-VPCP III.3, its bold title printed in the paragraph).
_TITLE_END = re.compile(r":\W*(?=\(1\))")
# … or before the subject of its one task: "Đẩy mạnh rà soát, xây dựng, hoàn thiện thể chế,
# cơ chế chính sách: Các bộ khẩn trương trình …" (624/TB-VPCP III.2). Longer than a label
# ("Nội dung:", "Cơ quan chủ trì:", read with what follows: tokens' six words).
_COLON = re.compile(r":[\s*]*")
_TITLE_WORDS = 7
_ADVERBIAL = re.compile(r"(?:Sau khi|Trên cơ sở|Trong quá trình|Căn cứ)\b[^.;:]*?,\s*")


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause: split after ``.``/``;`` + space, at line ends and
    at table cell bars (a cell is read on its own)."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def joined(text: str, spans: list[tuple[int, int]], named: list[Mention],
            starts: list[int]) -> list[tuple[int, int]]:
    """Clauses, with one that only names bodies and ends in ";" joined to the next: the
    semicolons of "Chánh Văn phòng …; Giám đốc Sở …; Ủy ban nhân dân … chịu trách nhiệm
    thi hành" separate a list, not clauses."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in spans:
        first = start if pending is None else pending
        # Only at the start of the text: "… bao gồm X; Y; Z" mid-sentence is an
        # enumeration of objects, not a subject.
        opening = not out
        if opening and text[start:end].rstrip().endswith(";") and _only_names(
                text, start, end, named, starts):
            pending = first
            continue
        out.append((first, end))
        pending = None
    if pending is not None:
        out.append((pending, spans[-1][1]))
    return out


# A province's request restated before the answer: "Về đề nghị Chính phủ chỉ đạo Bộ Tài
# chính xem xét, bố trí vốn …: giao Bộ Tài chính chủ trì …" (Thông báo 634/TB-VPCP III.7).
_REQUEST = re.compile(r"[\s*]*Về\s+(?:việc\s+)?(?:đề nghị|kiến nghị|đề xuất)\b[^:]*:[\s*]*",
                      re.IGNORECASE)


def restates_request(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the request a notice answers, cut at its colon
    (``past_titles``): what it asks of bodies is not their duty."""
    found = _REQUEST.match(text, start, end)
    return found is not None and found.end() == end


def past_titles(text: str, spans: list[tuple[int, int]], named: list[Mention],
                starts: list[int]) -> list[tuple[int, int]]:
    """Clauses, with a run-in title that names no body and ends in ":" before "(1)" cut
    off as a clause of its own: the first task's subject opens the clause after it. A body
    before the colon ("Bộ Tài chính: (1) Chủ trì …") is the subject over the tasks, kept."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        title = (_REQUEST.match(text, start, end) or _TITLE_END.search(text, start, end)
                 or _titled_subject(text, start, end, starts))
        if title is not None and title.end() < end and (
                title.re is _REQUEST
                or bisect_left(starts, title.start()) == bisect_left(starts, start)):
            out += [(start, title.end()), (title.end(), end)]
        else:
            out.append((start, end))
    return out


def _titled_subject(text: str, start: int, end: int, starts: list[int]) -> re.Match[str] | None:
    """The colon of a run-in title of seven words or more that opens the text, with a
    body named right after it (the subject of the title's task), or None. Not a colon
    inside the text ("Nghiên cứu … một số mô hình mới, như: Công đoàn ngành, …" lists)."""
    if text[:start].strip(" *\n"):
        return None
    colon = _COLON.search(text, start, end)
    if colon is None or len(text[start:colon.start()].split()) < _TITLE_WORDS:
        return None
    at = bisect_left(starts, colon.end())
    if at < len(starts) and starts[at] == colon.end():
        return colon
    # "Thực hiện chi trả cho người hưởng …: Sau khi thực hiện mở tài khoản, Ủy ban nhân dân
    # xã, phường phối hợp …" (Kế hoạch 157/KH-UBND III.2.c): an opening adverbial, then
    # the subject after its comma.
    opening = _ADVERBIAL.match(text, colon.end(), end)
    return colon if opening and at < len(starts) and starts[at] < end else None


def _only_names(text: str, start: int, end: int, named: list[Mention],
                starts: list[int]) -> bool:
    within = named[bisect_left(starts, start) : bisect_left(starts, end)]
    if not within:
        return False
    items = items_of(text, start, end, within)
    return all(it.mention is not None or it.word in CONNECTORS or is_lead_in(it)
               or it.word == "giao" for it in items)
