"""Roles of the bodies named in a provision: who leads, coordinates, implements, is reported to.

Each mention found by ``parsers.bodies.find_mentions`` gets one role, read from the clause
it stands in (clauses end at ``.``/``;`` + space, at line ends and at table cell bars). The
rules, on folded words so any spelling counts (docs/analysis.md has the full table):

* **lead**: a list + ``chủ trì``; the clause's subject + ``lãnh đạo``/``chỉ đạo`` within
  four words (ten after ``theo chức năng, nhiệm vụ …``); ``do``/``giao`` + list + ``chủ trì``.
* **implement**: the subject + any other verb ("Chính phủ, các bộ, ngành liên quan và chính
  quyền các cấp tăng cường …"), the subject + ``:``, or the list after ``yêu cầu``/``giao``.
* **coordinate**: the list after ``phối hợp``, or after ``với`` within five words of it.
* **report_to**: the list after ``báo cáo``, ``trình``, ``gửi`` (skipping ``kết quả`` …).
* **mention**: every other mention.

A list is bodies separated only by punctuation and ``và``/``các``/``cùng``/``hoặc``, so
"Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng Liên đoàn Lao động Việt Nam"
gives one lead and one coordinate. In a markdown table with a ``chủ trì`` column (the
appendices of a Chính phủ programme) the column decides. With ``provision_role`` other than
``task``/``implementation`` every mention is a ``mention``: a situation or viewpoint says
what bodies are, not what they must do.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from parsers import vntext
from parsers.bodies import Mention, Registry, Unresolved, read_mentions

ROLES = ("lead", "coordinate", "implement", "report_to", "mention")
ACTIVE_PROVISION_ROLES = (None, "task", "implementation")

_CLAUSE_END = re.compile(r"[.;](?=\s|$)|\n|\|")
_WORD = re.compile(r"[^\W_]+")
_CONNECTORS = frozenset({"va", "cac", "cung", "hoac"})
# Words allowed before the subject of a clause: labels, "Các", "Người đứng đầu".
_LEAD_IN = frozenset({"cac", "nguoi", "dung", "dau"})
_LEAD_VERBS = (("lanh", "dao"), ("chi", "dao"))
_REPORT_SKIP = frozenset(
    {"ket", "qua", "voi", "ve", "len", "cho", "va", "kien", "nghi", "thuc", "hien", "de", "xuat"}
)
# First words of an opening adverbial: "Ở …,", "Trên cơ sở …,", "Định kỳ …,", "Khi …,".
_INTRO = frozenset({"o", "tren", "trong", "dinh", "khi", "sau", "truoc", "de", "nham", "can"})
# Order verbs: their object list is told to act ("yêu cầu các bộ, ngành …").
# "chỉ đạo các cơ quan liên quan tổng hợp": the bodies directed act (the director leads).
_ORDERS = frozenset({("yeu", "cau"), ("de", "nghi"), ("chi", "thi"), ("chi", "dao")})
# Words before "X chủ trì" that make X the lead: "do X chủ trì", "giao X chủ trì".
_PASSIVE = frozenset({"do", "giao", "cho", "de"})
# "chương trình", "quá trình", "công trình" … are nouns, not "submit to".
_NOT_SUBMIT = frozenset({"chuong", "qua", "cong", "lo", "quy", "tien", "giao", "hanh", "lich"})
# A subject followed by one of these is a noun phrase or a statement, not an order:
# "công đoàn cơ sở tại doanh nghiệp…" (a list item), "Công đoàn Việt Nam đã trưởng thành…".
# fmt: off
_NOT_ORDERS = frozenset({
    "tai", "cua", "trong", "o", "ve", "la", "da", "dang", "duoc", "bi", "nhu", "thi", "nay",
    "do", "khi", "voi", "truc", "thuoc", "va", "cung", "hay", "hoac", "con",
})
# fmt: on
# Verbs of the issuer's own view, not orders to the subject.
_STATEMENTS = frozenset({("nhat", "tri"), ("ghi", "nhan"), ("danh", "gia"), ("ket", "luan"),
                         ("bieu", "duong"), ("tan", "thanh")})
# Offices that name a body through its head: "Bộ trưởng Bộ Y tế", "Chủ tịch Ủy ban nhân dân
# tỉnh", "Thủ trưởng các cơ quan", "Trưởng Ban Tổ chức Trung ương" (longest first).
_POSITIONS = (
    ("tong", "giam", "doc"), ("pho", "chu", "tich"), ("bo", "truong"), ("chu", "tich"),
    ("thu", "truong"), ("giam", "doc"), ("bi", "thu"), ("chanh", "an"), ("vien", "truong"),
    ("chu", "nhiem"), ("tong", "kiem", "toan"), ("thong", "doc"), ("ban", "thuong", "vu"),
    ("thuong", "truc"), ("chanh",), ("truong",),
)
# Words allowed between "giao <bodies>" and "chủ trì": "Giao X tiếp tục chủ trì",
# "giao X là cơ quan chủ trì", "giao X khẩn trương chủ trì".
_LEAD_FILLERS = frozenset({"tiep", "tuc", "khan", "truong", "truc", "la", "co", "quan",
                           "dau", "moi", "thuong", "xuyen", "chu", "dong"})
# "Căn cứ Luật …", "Căn cứ Nghị định …", "Căn cứ đề nghị của …": a legal basis, never an
# assignment; "Căn cứ chức năng, nhiệm vụ, các bộ …" is one, and goes on.
_BASIS = frozenset({"luat", "nghi", "quyet", "hien", "dieu", "quy", "thong", "de", "to",
                    "bao", "ket", "chi", "van", "cong", "y", "chuong", "ke", "bo", "phap"})


@dataclass(frozen=True, slots=True)
class Duty:
    """A body's role in a text. ``evidence`` is ``text[evidence_start:evidence_end]``."""

    body_id: str
    role: str
    start: int  # the mention
    end: int
    text: str
    evidence_start: int
    evidence_end: int
    evidence: str
    position: str | None = None  # the office it was named through: "Bộ trưởng"


class _Item(NamedTuple):
    """A word of a clause, or a whole mention standing for one word (a tuple: one is made
    per word of every clause, and a frozen dataclass costs twice as much to build)."""

    word: str  # folded word, "" for a mention
    start: int
    end: int
    mention: Mention | None = None
    position: str | None = None  # printed office before the mention ("Bộ trưởng")


def assign_roles(
    text: str,
    registry: Registry,
    *,
    provision_role: str | None = None,
    mentions: Sequence[Mention] | None = None,
    unknown: Sequence[Unresolved] | None = None,
) -> list[Duty]:
    """Every body mentioned in ``text`` with its role and the span that decided it.

    Args:
        text: a provision's text (NFC); offsets refer to it.
        registry: from ``parsers.bodies.load_registry``.
        provision_role: the provision's role (``task``, ``implementation``, …) if known.
        mentions: ``find_mentions(text, registry)``, when the caller has it already.
        unknown: the names ``read_mentions`` could not resolve (with ``mentions``). They
            hold their place in a list ("Chánh Văn phòng …; Giám đốc Sở X; Ủy ban nhân dân
            các xã … chịu trách nhiệm") and get no duty.

    Returns:
        One ``Duty`` per mention, in text order.
    """
    if mentions is None:
        mentions, unknown = read_mentions(text, registry)
    if provision_role not in ACTIVE_PROVISION_ROLES:
        return [_duty(m, "mention", m.start, m.end, text) for m in mentions]
    named = sorted([*mentions, *(_placeholder(u) for u in unknown or ())],
                   key=lambda m: m.start)
    decided: dict[int, Duty] = {}
    for duty in _table_duties(text, named):
        decided[duty.start] = duty
    starts = [m.start for m in named]  # sorted: mentions come in text order
    for start, end in _joined(text, clauses(text), named, starts):
        within = named[bisect_left(starts, start) : bisect_left(starts, end)]
        inside = [m for m in within if m.start not in decided]
        if inside:
            for duty in _clause_duties(text, start, end, inside):
                decided[duty.start] = duty
    return [decided.get(m.start) or _duty(m, "mention", m.start, m.end, text) for m in mentions]


def _placeholder(name: Unresolved) -> Mention:
    return Mention("", name.start, name.end, name.text, "")


def _joined(text: str, spans: list[tuple[int, int]], named: list[Mention],
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


def _only_names(text: str, start: int, end: int, named: list[Mention],
                starts: list[int]) -> bool:
    within = named[bisect_left(starts, start) : bisect_left(starts, end)]
    if not within:
        return False
    items = _items(text, start, end, within)
    return all(it.mention is not None or it.word in _CONNECTORS or _is_lead_in(it)
               or it.word == "giao" for it in items)


def clauses(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause: split after ``.``/``;`` + space, at line ends and
    at table cell bars (a cell is read on its own)."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _clause_duties(text: str, start: int, end: int, mentions: list[Mention]) -> list[Duty]:
    items = _items(text, start, end, mentions)
    if _is_legal_basis(items):
        return []
    roles: dict[int, Duty] = {}

    def mark(members: list[_Item], role: str, ev_start: int, ev_end: int) -> None:
        for item in members:
            if item.mention and item.mention.start not in roles:
                roles[item.mention.start] = _duty(item.mention, role, ev_start, ev_end, text,
                                                  item.position)

    subject, after = _subject(text, items)
    if subject:
        role, stop = _subject_role(text, items, subject, after, end)
        if role:
            mark(subject, role, subject[0].start, stop)
    for i, item in enumerate(items):
        nxt = _word(items, i + 1)
        if item.word == "chu" and nxt == "tri":  # "… do Bộ X chủ trì", "giao Bộ X chủ trì"
            j = i - 1
            while j >= 0 and (items[j].mention or items[j].word in _CONNECTORS):
                j -= 1
            members = [it for it in items[j + 1 : i] if it.mention]
            if members and _word(items, j) in _PASSIVE:
                mark(members, "lead", members[0].start, items[i + 1].end)
        elif item.word == "phoi" and nxt == "hop":
            members = _coordinated(items, i + 2)
            if members:
                mark(members, "coordinate", item.start, members[-1].end)
        elif _order_length(items, i):  # "yêu cầu các bộ …", "giao Bộ X …"
            members, after = _list_at(items, i + _order_length(items, i))
            lead_at = _lead_after(items, after)
            if members:
                stop = members[-1].end if lead_at is None else items[lead_at + 1].end
                mark(members, "implement" if lead_at is None else "lead", item.start, stop)
        elif _is_report(items, i):
            k = i + (2 if item.word == "bao" else 1)
            while k < len(items) and items[k].word in _REPORT_SKIP and k - i < 8:
                k += 1
            members, _ = _list_at(items, k)
            if not members:  # "gửi báo cáo kết quả thực hiện về Bộ Nội vụ"
                members = _sent_to(items, k)
            if members:
                mark(members, "report_to", item.start, members[-1].end)
    return list(roles.values())


def _subject_role(
    text: str, items: list[_Item], subject: list[_Item], after: int, end: int
) -> tuple[str | None, int]:
    """The role of the clause's subject and where its evidence ends."""
    words = [it.word for it in items[after : after + 12]]
    # "Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì …"
    # "… căn cứ quy định tại Điều 4 của Nghị định số 255/2025/NĐ-CP chỉ đạo …"
    reach = 10 if words[:1] == ["theo"] else 20 if words[:2] == ["can", "cu"] else 4
    words = [it.word for it in items[after : after + reach]]
    trigger = _find_lead(words)
    if trigger is not None:
        return "lead", items[after + trigger].end
    gap_end = items[after].start if after < len(items) else end
    if ":" in text[subject[-1].end : gap_end]:  # "Ủy ban nhân dân các tỉnh …: a) …"
        return "implement", subject[-1].end
    if after >= len(items) or items[after].mention or items[after].word in _NOT_ORDERS:
        return None, 0
    if _is_statement(items, after):  # "Bộ Chính trị, Ban Bí thư cơ bản nhất trí với …"
        return None, 0
    if "," in text[subject[-1].end : gap_end] and {
        it.word for it in items[after : after + 4]
    } & {"duoc", "bi"}:  # "Chủ tịch … cấp tỉnh, cấp huyện được mời …": passive
        return None, 0
    if _order_length(items, after):  # "Thủ tướng Chính phủ yêu cầu …" gives the order
        return None, 0
    return "implement", items[min(after + 1, len(items) - 1)].end


def _is_legal_basis(items: list[_Item]) -> bool:
    """Whether the clause opens with "Căn cứ" + an act or a body ("Căn cứ Luật …")."""
    i = 0
    while i < len(items) and (items[i].word.isdigit() or len(items[i].word) == 1):
        i += 1  # a label: "1.", "a)", "-"
    if (_word(items, i), _word(items, i + 1)) != ("can", "cu"):
        return False
    nxt = items[i + 2] if i + 2 < len(items) else None
    return nxt is None or nxt.mention is not None or nxt.word in _BASIS


def _lead_after(items: list[_Item], after: int) -> int | None:
    """Index of "chủ trì" (or "lãnh đạo", "chỉ đạo") right after a list, past up to four
    filler words."""
    k = after
    while k < len(items) and k - after <= 4:
        pair = (_word(items, k), _word(items, k + 1))
        if pair == ("chu", "tri") or pair in _LEAD_VERBS:  # "Giao X lãnh đạo, chỉ đạo"
            return k
        if items[k].mention or items[k].word not in _LEAD_FILLERS:
            return None
        k += 1
    return None


def _sent_to(items: list[_Item], k: int) -> list[_Item]:
    """The list after "về" within fifteen words of a report verb, if no body comes first."""
    for j in range(k, min(k + 15, len(items))):
        if items[j].mention:
            return []
        if items[j].word == "ve":
            return _list_at(items, j + 1)[0]
    return []


def _continues_list(items: list[_Item], i: int) -> bool:
    """Whether ``items[i]`` goes on a list of bodies that a report or order verb opened."""
    j = i - 1
    while j >= 0 and (items[j].mention or items[j].word in _CONNECTORS):
        j -= 1
    if j == i - 1:
        return False
    return _is_report(items, j - 1) or _is_report(items, j) or bool(
        _order_length(items, j - 1) or _order_length(items, j))


def _is_statement(items: list[_Item], after: int) -> bool:
    """Whether the words after a subject state a view rather than an action: the issuer
    agreeing, noting, assessing ("nhất trí", "ghi nhận", "đánh giá", "kết luận")."""
    pair = (_word(items, after), _word(items, after + 1))
    if pair == ("co", "ban"):  # "cơ bản nhất trí", "cơ bản thống nhất với Báo cáo"
        pair = (_word(items, after + 2), _word(items, after + 3))
        return pair in _STATEMENTS or pair == ("thong", "nhat")
    # Bare "thống nhất với" is also an action ("Cấp uỷ thống nhất với công đoàn cấp trên
    # trong việc đề bạt …"): not a statement.
    return pair in _STATEMENTS


def _coordinated(items: list[_Item], k: int) -> list[_Item]:
    """The list after "phối hợp": right after it, or after "với" within five words."""
    members, _ = _list_at(items, k)
    if members:
        return members
    for j in range(k, min(k + 6, len(items))):
        if items[j].mention:
            return []
        if items[j].word == "voi":
            return _list_at(items, j + 1)[0]
    return []


def _order_length(items: list[_Item], i: int) -> int:
    """Words of an order verb at ``items[i]`` ("yêu cầu", "đề nghị", "giao" + "cho"), or 0."""
    word, nxt = items[i].word, _word(items, i + 1)
    if (word, nxt) in _ORDERS:
        return 3 if _word(items, i + 2) == "cho" else 2
    if word == "giao" and _word(items, i - 1) not in ("duoc", "ban", "tiep"):
        return 2 if nxt == "cho" else 1
    return 0


def _subject(text: str, items: list[_Item]) -> tuple[list[_Item], int]:
    """The list of bodies that is the clause's subject, and the index of the word after it.

    At the start ("Ban Tổ chức Trung ương chủ trì …"), or after an opening adverbial that
    ends in a comma ("Ở những nơi chưa có tổ chức đảng, Đảng lãnh đạo …").
    """
    first = _after_label(text, items)
    while first < len(items) and _is_lead_in(items[first]):
        first += 1
    subject, after = _list_at(items, first)
    opening = {it.word for it in items[: first + 1]}  # "1. Trên cơ sở …", "Ở những nơi …"
    if subject or not opening & _INTRO:
        return subject, after
    i = 1
    while i < len(items):
        gap = text[items[i - 1].end : items[i].start]
        # A list that goes on after the comma is not a subject: in "định kỳ báo cáo Bộ
        # Chính trị, Ban Bí thư đánh giá …" Ban Bí thư is reported to.
        if "," in gap and items[i].mention:
            if _continues_list(items, i):  # the opening has ended: no subject after it
                return [], 0
            subject, after = _list_at(items, i)
            if after < len(items) and items[after].word not in _NOT_ORDERS:
                return subject, after
            # A list read from any later mention of it ends at the same word and fails the
            # same way: skip it (rereading it from each mention was quadratic).
            i = after
            continue
        i += 1
    return [], 0


def _after_label(text: str, items: list[_Item]) -> int:
    """Index of the first item after a short label that ends in ":" ("Bước 2:",
    "Trình tự thực hiện: Bước 1:"), or 0: no body, at most six words before it."""
    first = 0
    for k in range(1, min(len(items), 8)):
        if items[k - 1].mention:
            break
        if ":" in text[items[k - 1].end : items[k].start]:
            first = k
    return first


def _table_duties(text: str, mentions: Sequence[Mention]) -> list[Duty]:
    """Roles from the columns of markdown tables with a ``chủ trì`` column."""
    duties: list[Duty] = []
    starts = [m.start for m in mentions]
    columns: dict[int, str] = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = _cells(line, offset)
        offset += len(line)
        if not cells:
            columns = {}
            continue
        folded = [vntext.fold(text[s:e]) for s, e in cells]
        if any(_is_header(f, "chu tri") for f in folded):
            columns = {i: "lead" for i, f in enumerate(folded) if _is_header(f, "chu tri")}
            columns.update(
                {i: "coordinate" for i, f in enumerate(folded) if _is_header(f, "phoi hop")}
            )
            continue
        for index, role in columns.items():
            if index >= len(cells):
                continue
            s, e = cells[index]
            for m in mentions[bisect_left(starts, s) : bisect_left(starts, e)]:
                if m.end <= e:
                    duties.append(_duty(m, role, s, e, text))
    return duties


def _is_header(cell: str, words: str) -> bool:
    # A short cell: "Cơ quan chủ trì". A task cell may say "… quy định chủ trì …" too.
    return words in cell and len(cell) <= 40


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the cells of a table row (stripped), or [] when ``line`` is not a row."""
    stripped = line.strip()
    if not stripped.startswith("|"):
        return []
    bars = [offset + i for i, ch in enumerate(line) if ch == "|"]
    spans = []
    for a, b in zip(bars, bars[1:], strict=False):
        cell = line[a - offset + 1 : b - offset]
        lead = len(cell) - len(cell.lstrip())
        spans.append((a + 1 + lead, a + 1 + len(cell.rstrip())))
    return spans


def _items(text: str, start: int, end: int, mentions: list[Mention]) -> list[_Item]:
    folded, offsets = vntext.fold_with_map(text[start:end])
    items = [_Item("", m.start, m.end, m) for m in mentions]
    k = 0  # mentions are in text order and never overlap: the first not ended yet is the one
    for match in _WORD.finditer(folded):
        s = start + offsets[match.start()]
        while k < len(mentions) and mentions[k].end <= s:
            k += 1
        if k < len(mentions) and mentions[k].start <= s:
            continue
        e = start + (offsets[match.end()] if match.end() < len(offsets) else end - start)
        items.append(_Item(match.group(0), s, e))
    return _with_positions(text, sorted(items, key=lambda it: it.start))


def _with_positions(text: str, items: list[_Item]) -> list[_Item]:
    """Fold an office printed just before a mention into it ("Bộ trưởng Bộ Y tế" is one
    item standing for Bộ Y tế, with the position kept), so the clause reads the body."""
    out: list[_Item] = []
    for item in items:
        if item.mention is not None:
            n = _position_length(out)
            if n:
                first = out[-n]
                del out[-n:]
                item = item._replace(position=text[first.start:_out_end(first, n, text)])
        out.append(item)
    return out


def _out_end(first: _Item, n: int, text: str) -> int:
    """End of the ``n`` words starting at ``first`` (the printed position)."""
    end = first.end
    for _ in range(n - 1):
        match = _WORD.search(text, end)
        end = match.end() if match else end
    return end


def _position_length(items: list[_Item]) -> int:
    for position in _POSITIONS:
        n = len(position)
        tail = items[-n:] if len(items) >= n else []
        if (tail and all(it.mention is None for it in tail)
                and tuple(it.word for it in tail) == position):
            return n
    return 0


def _list_at(items: list[_Item], i: int) -> tuple[list[_Item], int]:
    """The list of mentions starting at ``items[i]`` and the index just after it."""
    while i < len(items) and items[i].word == "cac":
        i += 1
    members: list[_Item] = []
    j = i
    while j < len(items) and (items[j].mention or items[j].word in _CONNECTORS):
        if items[j].mention:
            members.append(items[j])
        j += 1
    while j > i and not items[j - 1].mention:  # give back a trailing "và"
        j -= 1
    return members, j


def _is_lead_in(item: _Item) -> bool:
    return not item.mention and (
        item.word in _LEAD_IN or item.word.isdigit() or len(item.word) == 1
    )


def _find_lead(window: list[str]) -> int | None:
    """Index of the last word of the first lead trigger in ``window``."""
    for i in range(len(window) - 1):
        pair = (window[i], window[i + 1])
        if pair in _LEAD_VERBS or pair == ("chu", "tri"):
            return i + 1
    return None


def _is_report(items: list[_Item], i: int) -> bool:
    word = items[i].word
    if word == "bao":
        return _word(items, i + 1) == "cao"
    if word in ("trinh", "gui"):
        return _word(items, i - 1) not in _NOT_SUBMIT
    return False


def _word(items: list[_Item], i: int) -> str | None:
    return items[i].word if 0 <= i < len(items) else None


def _duty(m: Mention, role: str, ev_start: int, ev_end: int, text: str,
          position: str | None = None) -> Duty:
    return Duty(m.body_id, role, m.start, m.end, m.text, ev_start, ev_end, text[ev_start:ev_end],
                position)
