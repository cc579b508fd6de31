"""A clause as a list of items: each folded word, or a whole mention standing for one word
(with the office it was named through folded into it: "Bộ trưởng Bộ Y tế")."""

from __future__ import annotations

import re
from itertools import accumulate
from typing import NamedTuple

from parsers import vntext
from parsers.bodies import Mention

WORD = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")
# Generic classes of bodies that the registry does not name (longest first).
# "các cơ quan khác ở trung ương" (NQ 380/NQ-CP, between the ministries and the provinces).
GENERIC = (("co", "quan", "khac", "o", "trung", "uong"), ("co", "quan", "chuc", "nang"),
           ("co", "quan", "khac"), ("co", "quan"))
# A level printed after a registered class, not part of its name: "các bộ, cơ quan trung
# ương, Ủy ban nhân dân các tỉnh …" (NQ 394/NQ-CP III).
_LEVEL = ("trung", "uong")
CONNECTORS = frozenset({"va", "cac", "cung", "hoac"})
# Words allowed before the subject of a clause: labels, "Các", "Người đứng đầu".
LEAD_IN = frozenset({"cac", "nguoi", "dung", "dau"})
# Offices that name a body through its head: "Bộ trưởng Bộ Y tế", "Chủ tịch Ủy ban nhân dân
# tỉnh", "Thủ trưởng các cơ quan", "Trưởng Ban Tổ chức Trung ương", "Các thành viên Đảng
# đoàn Quốc hội" (longest first).
_POSITIONS = (
    ("tong", "giam", "doc"), ("pho", "chu", "tich"), ("bo", "truong"), ("chu", "tich"),
    ("thu", "truong"), ("giam", "doc"), ("bi", "thu"), ("chanh", "an"), ("vien", "truong"),
    ("chu", "nhiem"), ("tong", "kiem", "toan"), ("thong", "doc"), ("ban", "thuong", "vu"),
    ("thuong", "truc"), ("thanh", "vien"), ("chanh",), ("truong",),
)
_ENDING_IN: dict[str, list[tuple[str, ...]]] = {}
for _position in _POSITIONS:
    _ENDING_IN.setdefault(_position[-1], []).append(_position)

class Item(NamedTuple):
    """A word of a clause, or a whole mention standing for one word (a tuple: one is made
    per word of every clause, and a frozen dataclass costs twice as much to build)."""

    word: str  # folded word, "" for a mention
    start: int
    end: int
    mention: Mention | None = None
    position: str | None = None  # printed office before the mention ("Bộ trưởng")


def items_of(text: str, start: int, end: int, mentions: list[Mention]) -> list[Item]:
    folded, offsets = vntext.fold_with_map(text[start:end])
    items = [Item("", m.start, m.end, m) for m in mentions]
    # [gap, word, gap, word, …, gap] and where each part starts: no match object per word.
    parts = _WORD_SPLIT.split(folded)
    bounds = list(accumulate(map(len, parts), initial=0))
    size = len(offsets)
    k = 0  # mentions are in text order and never overlap: the first not ended yet is the one
    for w in range(1, len(parts), 2):
        s = start + offsets[bounds[w]]
        while k < len(mentions) and mentions[k].end <= s:
            k += 1
        if k < len(mentions) and mentions[k].start <= s:
            continue
        e = start + (offsets[bounds[w + 1]] if bounds[w + 1] < size else end - start)
        items.append(Item(parts[w], s, e))
    return _with_positions(text, sorted(items, key=lambda it: it.start))


def _with_positions(text: str, items: list[Item]) -> list[Item]:
    """Fold an office printed just before a mention into it ("Bộ trưởng Bộ Y tế" is one
    item standing for Bộ Y tế, with the position kept), so the clause reads the body."""
    out: list[Item] = []
    for item in items:
        if item.mention is not None:
            # "Ban Thường vụ các tỉnh ủy": the office of each body of a plural class.
            plural = 1 if out and out[-1].mention is None and out[-1].word == "cac" else 0
            n = _position_length(out, len(out) - plural)
            if n:
                first = out[-n - plural]
                del out[-n - plural:]
                item = item._replace(position=text[first.start:_out_end(first, n, text)])
        out.append(item)
    return out


def _out_end(first: Item, n: int, text: str) -> int:
    """End of the ``n`` words starting at ``first`` (the printed position)."""
    end = first.end
    for _ in range(n - 1):
        match = WORD.search(text, end)
        end = match.end() if match else end
    return end


def _position_length(items: list[Item], stop: int) -> int:
    """Words of the office that ends ``items[:stop]``, or 0. Only the offices ending in its
    last word can (in ``_POSITIONS`` order): the 17 were tried on every mention."""
    last = items[stop - 1] if stop > 0 else None
    if last is None or last.mention is not None:
        return 0
    for position in _ENDING_IN.get(last.word, ()):
        n = len(position)
        if stop >= n and all(it.mention is None and it.word == word
                             for it, word in zip(items[stop - n:stop], position, strict=True)):
            return n
    return 0


def list_at(items: list[Item], i: int) -> tuple[list[Item], int]:
    """The list of mentions starting at ``items[i]`` and the index just after it. A generic
    class without a registered name ("cơ quan chức năng") holds its place in a list that
    names bodies ("các bộ, ngành, cơ quan chức năng và uỷ ban nhân dân các tỉnh"; "các cơ
    quan, ban đảng Trung ương") and gets no duty."""
    while i < len(items) and (items[i].word == "cac" or _honorific(items, i) or _count(items, i)):
        i += 2 if _honorific(items, i) else 1
    members: list[Item] = []
    j = i
    while j < len(items):
        if items[j].mention:
            members.append(items[j])
        elif items[j].word not in CONNECTORS:
            n = _generic(items, j) or _level(items, j)
            if not n:
                break
            j += n - 1
        j += 1
    if not members:
        return [], i
    while j > i and items[j - 1].word in CONNECTORS and not items[j - 1].mention:
        j -= 1  # give back a trailing "và"
    return members, j


def _count(items: list[Item], i: int) -> bool:
    """Whether ``items[i]`` is a number counting the bodies after it ("yêu cầu 11 Bộ, cơ
    quan tập trung …")."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    return items[i].word.isdigit() and nxt is not None and nxt.mention is not None


def _honorific(items: list[Item], i: int) -> bool:
    """Whether ``items[i]`` opens "đồng chí" before a body named through its head ("yêu
    cầu các đồng chí Bộ trưởng, Thủ trưởng …"): a form of address, not a word of the list."""
    nxt = items[i + 2] if i + 2 < len(items) else None
    return (items[i].word, word_at(items, i + 1)) == ("dong", "chi") and nxt is not None and (
        nxt.mention is not None)


def _generic(items: list[Item], j: int) -> int:
    """Words of a generic class name at ``items[j]`` ("cơ quan chức năng"), or 0."""
    for phrase in GENERIC:
        n = len(phrase)
        window = items[j : j + n]
        if tuple(it.word for it in window) == phrase and not any(it.mention for it in window):
            # Only a whole member: "cơ quan trung ương của …" is another, unknown name.
            nxt = items[j + n] if j + n < len(items) else None
            return n if nxt is None or nxt.mention or nxt.word in CONNECTORS else 0
    return 0


def _level(items: list[Item], j: int) -> int:
    """Words of a level ("trung ương") right after a member, before the next member."""
    n = len(_LEVEL)
    window = items[j : j + n]
    nxt = items[j + n] if j + n < len(items) else None
    return n if (j > 0 and items[j - 1].mention is not None
                 and tuple(it.word for it in window) == _LEVEL
                 and not any(it.mention for it in window)
                 and nxt is not None and nxt.mention is not None) else 0


def is_lead_in(item: Item) -> bool:
    return not item.mention and (
        item.word in LEAD_IN or item.word.isdigit() or len(item.word) == 1
    )


def word_at(items: list[Item], i: int) -> str | None:
    return items[i].word if 0 <= i < len(items) else None
