"""Quotations that the source closes too early: an amending item's quoted articles that
print after a stray closing quote are still quoted.

Thông tư 39/2018/TT-BTC, khoản 32 Điều 1: "Bổ sung Điều 52a, Điều 52b, Điều 52c, Điều 52d
và Điều 52đ như sau:" opens one quotation for five articles, but the text of Điều 52c ends
in ``.”`` and the quotation closes there; Điều 52d and 52đ, printed after it without a
quote, became articles of the circular itself (``d52d``, ``d52đ``) and everything after
them (khoản 33 … 75 of Điều 1) their clauses.
"""

from __future__ import annotations

import re

from parsers import patterns
from parsers.classify import Token

# "Bổ sung Điều 51a, Điều 51b và Điều 51c như sau:", "Điều 50 được sửa đổi, bổ sung như
# sau:": the articles a lead-in names, up to its "như sau".
_LEAD_IN = re.compile(r"\bnhư sau\s*:", re.I)
_NAMED = re.compile(
    r"\b[ĐÐ]iều\s+(\d{1,3}[a-zđ]?)((?:\s*(?:,|và)\s*(?:[ĐÐ]iều\s+)?\d{1,3}[a-zđ]?\b)*)"
)
_NUMBER = re.compile(r"\d{1,3}[a-zđ]?")


def _named_articles(text: str) -> set[str]:
    head = _LEAD_IN.split(text, maxsplit=1)[0]
    names: set[str] = set()
    for m in _NAMED.finditer(head):
        names.add(m.group(1))
        names.update(_NUMBER.findall(m.group(2)))
    return names


def _next_own(label: str | None) -> str:
    """The label the document's own next article would carry after ``label``."""
    digits = re.match(r"\d+", label or "0")
    return str(int(digits.group()) + 1 if digits else 1)


_LETTERS = patterns.POINT_LETTERS


def _order(token: Token) -> int | None:
    """Where a clause's number or a point's letter stands in its list."""
    label = token.label or ""
    if token.kind == "numbered" and label.isdigit():
        return int(label)
    if token.kind == "point" and label in _LETTERS:
        return _LETTERS.index(label)
    return None


def _follows(token: Token, lead_in: Token | None) -> bool:
    """``token`` is the next item of the lead-in's list (``33.`` after ``32.``, ``c)``
    after ``b)``)."""
    if lead_in is None or token.kind != lead_in.kind:
        return False
    mine, theirs = _order(token), _order(lead_in)
    return mine is not None and theirs is not None and mine == theirs + 1


def _repeats(token: Token, lead_in: Token | None) -> bool:
    """``token`` takes a label the lead-in's list has printed already."""
    if lead_in is None or token.kind != lead_in.kind:
        return False
    mine, theirs = _order(token), _order(lead_in)
    return mine is not None and theirs is not None and mine <= theirs


# "Bổ sung Điều 51a … như sau:", "Điều 50 được sửa đổi, bổ sung như sau:", "Khoản 1 Điều
# 23 sửa đổi …": what an amending item says; a quoted clause that happens to end in "như
# sau:" ("10. Dự án đầu tư … như sau:", Nghị định 05/2025) does not begin so.
_AMENDS = re.compile(
    r"^(?:Sửa đổi|Bổ sung|Thay thế|Bãi bỏ|Thay cụm từ|(?:Tên|Điều|Khoản|Điểm|Các)\s+\S+"
    r"[^:]*?(?:được\s+)?(?:sửa đổi|bổ sung|thay thế))"
)


def _amends(token: Token) -> bool:
    first = (token.text or token.heading or "").split("\n", 1)[0]
    return bool(_AMENDS.match(first)) and bool(_LEAD_IN.search(first))


def _next_lead_in(token: Token, lead_in: Token | None) -> bool:
    return _follows(token, lead_in) and _amends(token)


def reopen_quotes(tokens: list[Token], depths: list[int]) -> list[int]:
    """Depths mended where the source slipped a quote: an amending item printed inside
    the quotation of the item before it (whose closing quote is missing) is unquoted, and
    an article a lead-in names, printed after its quotation closed too early and not
    continuing the document's own articles, stays quoted up to the lead-in's next sibling
    item (``33.`` after ``32.``) or an article it does not name. A quote a sentence opens
    and never closes is closed first (``close_stray_quotes``)."""
    out = close_stray_quotes(tokens, depths)
    own: str | None = None  # the document's own last article
    # the last unquoted amending items ("… như sau:") of each kind: a clause, its point
    lead_ins: dict[str, Token] = {}
    named: set[str] = set()
    held = False
    for i, token in enumerate(tokens):
        lead_in = lead_ins.get(token.kind)
        if out[i] and _next_lead_in(token, lead_in):
            _unquote_from(out, i)
        if out[i]:
            held = False
            continue
        last = lead_ins.get("point") or lead_ins.get("numbered")
        if held and not _ends_hold(token, lead_ins, named):
            out[i] = 1
            continue
        held = i > 0 and out[i - 1] > 0 and _still_quoted(token, last, named, own)
        if held:
            out[i] = 1
        elif token.kind == "article":
            own, lead_ins, named = token.label, {}, set()
        elif token.kind in ("numbered", "point") and _amends(token):
            if token.kind == "numbered":
                lead_ins.pop("point", None)
            lead_ins[token.kind] = token
            named = _named_articles(token.text or token.heading or "")
    return out


# What may stand before the opening quote of a quotation that runs on over blocks: a
# lead-in's colon ("… như sau: “2. …"), or nothing (the block opens with it).
_RUNS_ON_AFTER = (":", "")
_TERMINAL = ".;!?…"


def close_stray_quotes(tokens: list[Token], depths: list[int]) -> list[int]:
    """Depths with a quote opened inside a sentence and never closed counted closed at the
    end of its block: "“làm ngày không đủ tranh thủ làm đêm”, “làm ngày làm đêm, làm thêm
    ngày nghỉ, “ăn tranh thủ ngủ khẩn trương” và …" (Thông báo 627/TB-VPCP II, a slogan
    whose closing quote was lost) made the rest of the notice quoted text, one provision.
    Only a block that ends its sentence, and a quote opened after a word (not after a
    lead-in's colon, nor at the block's start: those quote text that runs on)."""
    out = list(depths)
    for i in range(len(tokens) - 1):
        rise = out[i + 1] - out[i]
        if rise <= 0:
            continue
        text = tokens[i].block.text
        if text.rstrip(" *_")[-1:] not in _TERMINAL:
            continue
        stray = min(rise, _stray_openings(text))
        for j in range(i + 1, len(out) if stray else i + 1):
            if out[j] < stray:
                break
            out[j] -= stray
    return out


def _stray_openings(text: str) -> int:
    """Opening quotes of ``text`` left open at its end that a sentence opened mid-way."""
    opened: list[int] = []
    for k, ch in enumerate(text):
        if ch == "“":
            opened.append(k)
        elif ch == "”" and opened:
            opened.pop()
    return sum(1 for k in opened if text[:k].rstrip(" *_")[-1:] not in _RUNS_ON_AFTER)


def _unquote_from(out: list[int], i: int) -> None:
    """The stale quotation no longer counts from block ``i`` until the source closes it."""
    stale = out[i]
    for j in range(i, len(out)):
        if out[j] < stale:
            break
        out[j] -= stale


def _still_quoted(
    token: Token, lead_in: Token | None, named: set[str], own: str | None
) -> bool:
    """Right after a quotation closed: an article the lead-in names that does not continue
    the document's own, or a label the lead-in's list has printed already (``b) Cơ quan …``
    after ``b) Sửa đổi, bổ sung khoản 5 như sau:`` / ``“5. …`` / ``a) …”.``, Nghị định
    50/2024/NĐ-CP), is the quoted text going on."""
    if lead_in is None:
        return False
    if token.kind == "article":
        return token.label in named and token.label != _next_own(own)
    return _repeats(token, lead_in)


def _ends_hold(token: Token, lead_ins: dict[str, Token], named: set[str]) -> bool:
    if token.kind in ("chapter", "part", "subchapter"):
        return True
    if token.kind == "article":
        return token.label not in named
    return _next_lead_in(token, lead_ins.get(token.kind))


# "11. Sửa đổi Phụ lục XIII như sau:", "19. Bổ sung Phụ lục XXXIa và XXXIb vào trước Phụ
# lục XXXI như sau:", "10. Sửa đổi Phụ lục XI như sau" (its colon lost): an item that
# replaces another document's annex, then prints that annex whole with no quote marks.
_REPLACES_ANNEX = re.compile(
    r"^(?:Sửa đổi|Bổ sung|Thay thế)\b[^\n]*?\bPhụ lục\b[^\n]*\bnhư sau\s*:?\s*$", re.I
)
_ANNEX_TITLE = re.compile(r"^(?:Phụ lục|PHỤ LỤC)\s+[IVXLC\d]+[a-zđ]?\b")


def quoted_annexes(tokens: list[Token], depths: list[int]) -> list[int]:
    """An annex an amending item prints in place of another document's (``11. Sửa đổi Phụ
    lục XIII như sau:`` / ``Phụ lục XIII`` / its title, ``1. Chúng tôi là …``, Nghị định
    05/2025/NĐ-CP, amending the annexes of 08/2022) is quoted although the source prints
    no quote marks: its chapters and items are the item's text, up to the amending list's
    next item (``12. Sửa đổi Phụ lục XV như sau:``)."""
    out = list(depths)
    i = 0
    while i < len(tokens) - 1:
        item = tokens[i]
        if not (item.kind in ("numbered", "point") and not out[i] and _replaces_annex(item)
                and _ANNEX_TITLE.match(tokens[i + 1].block.text)):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not _next_amending_item(tokens[j], item):
            out[j] = max(out[j], 1)
            j += 1
        i = j
    return out


def _replaces_annex(token: Token) -> bool:
    first = (token.text or token.heading or "").split("\n", 1)[0]
    return bool(_REPLACES_ANNEX.match(first))


def _next_amending_item(token: Token, item: Token) -> bool:
    """The amending list's next item: ``12.`` after ``11.``, ``b)`` after ``a)``, itself
    an amendment."""
    first = (token.text or token.heading or "").split("\n", 1)[0]
    return _follows(token, item) and bool(_AMENDS.match(first))
