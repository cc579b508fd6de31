"""Finding the registered bodies a text names, and the names it cannot resolve.

A mention is found in any spelling: diacritics or not, old or new tone placement, capitals
or not, hyphens and spaces between the words of a name (``Bộ Lao động - Thương binh và Xã
hội`` = ``bo lao dong thuong binh va xa hoi``). Names never match across a clause break
(``.``, ``;``, ``:``, newline, brackets, table cell bar), nor across a comma the name does
not have (``Ủy ban nhân dân tỉnh, Ủy ban …`` is not ``tỉnh ủy``).

Longest match first, no overlaps: every place where some name or exclusion matches is a
candidate; candidates are taken from the longest down and one that overlaps a taken one
is dropped. An exclusion (``Luật Công đoàn``) is taken like a name and yields nothing, so
it hides the shorter name inside it. An abbreviation inside a document number
(``569/TB-VPCP``) is not a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers import vntext
from parsers.bodies.model import Mention, Unresolved
from parsers.bodies.registry import (
    ANY_CASE,
    INITIAL_CAPITAL,
    Pattern,
    Registry,
    is_abbreviation,
    split_words,
)
from parsers.bodies.unknown import HARD_BREAK, unknown_names
from parsers.spans import Taken


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Every body named in ``text``, in order, with offsets into ``text``.

    A registered name inside an unknown name of a body's shape is not a mention: in
    ``Ban cán sự đảng Bộ Ngoại giao`` (unknown) the ministry is not the one named, and in
    ``Đảng ủy Tập đoàn …`` the Party is not.

    Args:
        text: the text as stored (NFC); offsets refer to it as given.
        registry: from ``load_registry``.

    Returns:
        Non-overlapping mentions sorted by ``start``; exclusions are not returned.
    """
    return read_mentions(text, registry)[0]


def read_mentions(text: str, registry: Registry) -> tuple[list[Mention], list[Unresolved]]:
    """``find_mentions`` and the names shaped like a body that the registry does not know
    (a head such as ``Đảng ủy``, ``Ban cán sự đảng``, ``Đảng đoàn``, ``Sở``, ``Ủy ban nhân
    dân tỉnh`` followed by a capitalised name), both in text order."""
    registered = _same_level(text, _distributed(text, _registered(text, registry), registry),
                             registry)
    registered = _central_committee(text, registered, registry)
    registered = _bare_ministries(text, registered, registry)
    unknown = unknown_names(text, registered)
    if not unknown:
        return registered, []
    kept = [m for m in registered
            if not any(u.start <= m.start and m.end <= u.end for u in unknown)]
    return kept, unknown


def _distributed(text: str, mentions: list[Mention], registry: Registry) -> list[Mention]:
    """"Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ": the plural head covers the whole list, so a
    ministry listed after a ministry's Party committee is that ministry's committee."""
    out: list[Mention] = []
    committee = False
    for m in mentions:
        gap = vntext.fold(text[out[-1].end : m.start]).strip() if out else None
        if committee and gap in (",", "va", ", va"):
            wanted = f"dang-uy-{m.body_id}"
            if registry.get(wanted) is not None:
                m = Mention(wanted, m.start, m.end, m.text, m.alias)
        else:
            committee = (m.body_id.startswith("dang-uy-bo-")
                         and vntext.fold(text[max(m.start - 4, 0) : m.start]).strip() == "cac")
        out.append(m)
    return out


# "Hội đồng nhân dân cùng cấp": the council of the level of the people's committee named
# before it ("Ủy ban nhân dân các tỉnh … tổng hợp, trình Hội đồng nhân dân cùng cấp …").
_SAME_LEVEL = re.compile(r"(?:Hội đồng nhân dân|HĐND) cùng cấp", re.IGNORECASE)


def _same_level(text: str, mentions: list[Mention], registry: Registry) -> list[Mention]:
    """``mentions`` with each "Hội đồng nhân dân cùng cấp" read as the council of the
    nearest people's committee named before it (``uy-ban-nhan-dan-X`` →
    ``hoi-dong-nhan-dan-X``, when registered); with none before it, it stays unread."""
    added = []
    # "cùng cấp" in any case is in every match: most texts are not searched at all
    for found in _SAME_LEVEL.finditer(text) if "cùng cấp" in text.lower() else ():
        before = [m for m in mentions if m.end <= found.start()
                  and m.body_id.startswith("uy-ban-nhan-dan-")]
        council = before and registry.get(before[-1].body_id.replace("uy-ban", "hoi-dong", 1))
        if council:  # it replaces the bare "Hội đồng nhân dân" read inside it
            mentions = [m for m in mentions
                        if not (m.start < found.end() and found.start() < m.end)]
            added.append(Mention(council.id, found.start(), found.end(), found.group(),
                                 found.group()))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


# "trình Trung ương, Bộ Chính trị, Ban Bí thư …": bare "Trung ương" reported to, first of
# a list or alone, is the Central Committee (capitalised, after a report verb only: "các
# nghị quyết của Trung ương" and "ở trung ương" are left alone).
_CENTRAL = re.compile(r"\b(?:trình|báo cáo)\s+(Trung ương)(?=\s*(?:,|và\s|[;.]|$))",
                      re.MULTILINE)


def _central_committee(text: str, mentions: list[Mention], registry: Registry
                       ) -> list[Mention]:
    """``mentions`` with bare "Trung ương" after a report verb read as the Central
    Committee (``_CENTRAL``)."""
    if "Trung ương" not in text:  # printed so in every match
        return mentions
    body = registry.get("ban-chap-hanh-trung-uong-dang")
    added = [Mention(body.id, m.start(1), m.end(1), m.group(1), m.group(1))
             for m in _CENTRAL.finditer(text)
             if body and not any(x.start < m.end(1) and m.start(1) < x.end for x in mentions)]
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


# "Các bộ khẩn trương trình Chính phủ …" (Thông báo 624/TB-VPCP III.2): bare "các bộ" as
# the doer of a duty is the class of ministries and ministerial agencies. Only before the
# words of a duty: "các bộ luật", "các bộ tiêu chí", "các bộ phận", "các bộ hồ sơ" are
# sets of things, and "các bộ, ngành …" is a longer registered name.
_BARE_MINISTRIES = re.compile(
    r"(?<!\w)(các bộ)(?= (?:khẩn trương|chủ trì|chủ động|phối hợp|tiếp tục|rà soát|tập trung"
    r"|cần|phải|nghiên cứu|xây dựng|thực hiện|triển khai|tổ chức|ban hành|hướng dẫn|sớm"
    r"|kịp thời|đẩy mạnh|quyết liệt|có trách nhiệm|chịu trách nhiệm|theo chức năng|căn cứ"
    r"|trình|báo cáo|gửi|hoàn thành|hoàn thiện|xử lý|bảo đảm|đảm bảo|được giao)(?!\w))",
    re.IGNORECASE)
_MINISTRIES = "cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu"


def _bare_ministries(text: str, mentions: list[Mention], registry: Registry
                     ) -> list[Mention]:
    """``mentions`` with bare "các bộ" before a duty's words read as the class of
    ministries (``_BARE_MINISTRIES``), where no registered name covers it."""
    body = registry.get(_MINISTRIES)
    if body is None or "các bộ" not in text.lower():  # in any case in every match
        return mentions
    added = [Mention(body.id, m.start(1), m.end(1), m.group(1), m.group(1))
             for m in _BARE_MINISTRIES.finditer(text)
             if not any(x.start < m.end(1) and m.start(1) < x.end for x in mentions)]
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _registered(text: str, registry: Registry) -> list[Mention]:
    words = _Words(text)
    tokens = words.tokens
    # (start, end, pattern, first word, word count)
    candidates: list[tuple[int, int, Pattern, int, int]] = []
    for i in registry.may_start(tokens):
        second = tokens[i + 1] if i + 1 < len(tokens) else None
        for pattern in registry.starting(tokens[i], second):
            n = len(pattern.tokens)
            if tuple(tokens[i : i + n]) != pattern.tokens:
                continue
            window = words.window(i, n)
            if not _fits(pattern, window, text):
                continue
            candidates.append((window[0][1], window[-1][2], pattern, i, n))
    # Words never overlap, so two candidates overlap in the text exactly when they share a
    # word: the test costs the length of a name, not the number of mentions already taken.
    used = Taken(len(tokens))
    taken: list[tuple[int, int, Pattern]] = []
    for start, end, pattern, first, n in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if used.free(first, first + n):
            used.take(first, first + n)
            taken.append((start, end, pattern))
    return [
        Mention(p.body_id, s, e, text[s:e], p.spelling)
        for s, e, p in sorted(taken, key=lambda c: c[0])
        if p.body_id is not None
    ]


def _fits(pattern: Pattern, window: list[tuple[str, int, int, bool]], text: str) -> bool:
    """Whether the printed words in ``window`` really spell ``pattern`` (beyond folding)."""
    if any(w[3] for w in window[1:]):  # a clause break inside the name
        return False
    for k in range(len(window) - 1):  # "Ủy ban nhân dân tỉnh, Ủy ban …" is not "tỉnh ủy"
        if "," in text[window[k][2] : window[k + 1][1]] and not pattern.commas[k]:
            return False
    start, end = window[0][1], window[-1][2]
    if is_abbreviation(pattern.spelling) and (
        text[start - 1 : start] in ("-", "/") or text[end : end + 1] in ("-", "/")
    ):
        return False  # the code inside a document number: 569/TB-VPCP, 03/2021/TT-BKHĐT
    if not _case_agrees(pattern, [w[1] for w in window], text):
        return False
    # One folded word is too short to trust: "Đang" (being) is not "Đảng".
    return not _needs_diacritics(pattern) or vntext.normalize(text[start:end]) == vntext.normalize(
        pattern.words[0]
    )


class _Words:
    """The folded words of a text; where they are in it, and whether a clause break comes
    before one, are worked out only for the few words that start some name."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._folded = vntext.fold(text)
        # [gap, word, gap, word, …, gap]: the words, and with their lengths where each is,
        # without a match object per word (cut once: unknown_names reads them too).
        self._cut = split_words(self._folded)
        self.tokens: list[str] = self._cut.words
        self._bounds: list[int] | None = None
        self._offsets: Sequence[int] = ()

    def window(self, i: int, n: int) -> list[tuple[str, int, int, bool]]:
        """``(folded word, start, end, clause break before it)`` for words ``i … i+n-1``;
        the first one's break is not looked for (False)."""
        if self._bounds is None:
            if len(self._folded) == len(self._text):  # one character per cluster
                self._offsets = range(len(self._text))
            else:
                self._offsets = vntext.fold_with_map(self._text)[1]
            self._bounds = self._cut.bounds
        bounds, offsets, size = self._bounds, self._offsets, len(self._offsets)
        parts = self._cut.parts
        out: list[tuple[str, int, int, bool]] = []
        for k in range(2 * i + 1, min(2 * (i + n), len(parts)), 2):
            start = offsets[bounds[k]]
            end = offsets[bounds[k + 1]] if bounds[k + 1] < size else len(self._text)
            broken = bool(out) and bool(HARD_BREAK.search(self._text, out[-1][2], start))
            out.append((parts[k], start, end, broken))
        return out


def _case_agrees(pattern: Pattern, starts: list[int], text: str) -> bool:
    """Whether the printed words have the capitals the pattern asks for."""
    if pattern.case == ANY_CASE:
        return True
    if pattern.case == INITIAL_CAPITAL:
        return text[starts[0] : starts[0] + 1].isupper()
    for word, start in zip(pattern.words, starts, strict=True):
        printed = text[start : start + len(word)]
        if word[:1].isupper() and not printed[:1].isupper():
            return False
        if len(word) > 1 and word.isupper() and not printed.isupper():
            return False
    return True


def _needs_diacritics(pattern: Pattern) -> bool:
    return len(pattern.tokens) == 1 and not is_abbreviation(pattern.spelling)
