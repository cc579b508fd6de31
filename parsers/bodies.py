"""The registry of bodies (``corpus/bodies.yaml``) and finding their mentions in text.

A mention is found in any spelling: diacritics or not, old or new tone placement, capitals
or not, hyphens and spaces between the words of a name (``Bộ Lao động - Thương binh và Xã
hội`` = ``bo lao dong thuong binh va xa hoi``). Names never match across a clause break
(``.``, ``;``, ``:``, newline, brackets, table cell bar), nor across a comma the name does
not have (``Ủy ban nhân dân tỉnh, Ủy ban …`` is not ``tỉnh ủy``).

Longest match first, no overlaps: every place where some name or exclusion matches is a
candidate; candidates are taken from the longest down and one that overlaps a taken one
is dropped. An exclusion (``Luật Công đoàn``) is taken like a name and yields nothing, so
it hides the shorter name inside it.

Case and diacritics, where folding alone would be wrong:

* a body's name starting with a capital needs that first capital in print (``cán bộ khoa
  học và công nghệ`` is not the ministry); names of classes match in any case;
* abbreviations in capitals (``VTV``), ``cased_aliases`` and bodies marked ``match_case``
  need every capital as printed (``Nhà nước`` yes, ``quản lý nhà nước`` no), and an
  abbreviation inside a document number (``569/TB-VPCP``) is not a mention;
* a one-word name needs its diacritics (``Đang`` is not ``Đảng``).

    >>> reg = Registry.build([Body("bo-chinh-tri", "Bộ Chính trị", "party_organ")])
    >>> [(m.body_id, m.start, m.end) for m in find_mentions("bao cao Bo Chinh tri.", reg)]
    [('bo-chinh-tri', 8, 20)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path

import yaml

from parsers import vntext
from parsers.spans import Taken

# party_organ, state_organ, socio_political (mass organisations), local (bodies of a
# province, city, commune, and classes of them), collective (a class of bodies, not one
# body: "các bộ, ngành", "các cấp ủy, tổ chức đảng").
KINDS = ("party_organ", "state_organ", "socio_political", "local", "collective")
# Classes are named in any case ("các cấp ủy", "uỷ ban nhân dân các tỉnh"); so are the
# local ones: a text writes "ủy ban nhân dân cấp tỉnh" as often as with a capital.
_ANY_CASE_KINDS = frozenset({"collective", "local"})
# Ministries whose Party organisation is not under Đảng ủy Chính phủ (Quyết định
# 243-QĐ/TW: "không bao gồm tổ chức đảng Bộ Quốc phòng, Bộ Công an").
_OWN_PARTY_COMMITTEE = frozenset({"bo-quoc-phong", "bo-cong-an"})

_TOKEN = re.compile(r"[^\W_]+")
# Characters that end a clause: a name never spans them.
_HARD_BREAK = re.compile(r"[.;:!?\n|()\[\]]")
_ANY_CASE, _INITIAL_CAPITAL, _AS_PRINTED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Body:
    """One entry of the registry. ``id`` is ``vntext.slug(name)``."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    cased_aliases: tuple[str, ...] = ()
    match_case: bool = False
    valid_from: str | None = None  # ISO date
    valid_to: str | None = None
    successor: str | None = None  # id of the body that holds its duties after valid_to
    change_act: str | None = None  # the act that made the change, as cited
    sources: tuple[str, ...] = ()  # where the change was read


@dataclass(frozen=True, slots=True)
class Mention:
    """A body named in a text: ``text[start:end]`` is the printed name."""

    body_id: str
    start: int
    end: int
    text: str
    alias: str  # the registry spelling that matched


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name shaped like a body (``Đảng ủy Tập đoàn Điện lực Việt Nam``, ``Sở Y tế``) that
    the registry does not know: ``text[start:end]``; ``head`` is its first words."""

    start: int
    end: int
    text: str
    head: str
    key: str  # vntext.words(text): how counts group spellings


@dataclass(frozen=True, slots=True)
class _Pattern:
    tokens: tuple[str, ...]  # folded words
    words: tuple[str, ...]  # the same words as written in the registry
    body_id: str | None  # None for an exclusion
    spelling: str
    case: int  # _ANY_CASE, _INITIAL_CAPITAL or _AS_PRINTED
    commas: tuple[bool, ...]  # whether the spelling has a comma between word k and k+1


@dataclass(frozen=True, slots=True)
class Registry:
    """All bodies plus the exclusions, indexed by the first folded word of each spelling."""

    bodies: tuple[Body, ...]
    exclusions: tuple[str, ...] = ()
    _index: dict[str, tuple[_Pattern, ...]] = field(default_factory=dict, compare=False, repr=False)
    # (first word, second word) → the spellings that may start so, filled as texts are read.
    _pairs: dict[tuple[str, str | None], tuple[_Pattern, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(cls, bodies: Iterable[Body], exclusions: Iterable[str] = ()) -> Registry:
        """Validate the entries and index every spelling.

        Raises:
            ValueError: an id is not the slug of its name, is repeated, has an unknown kind
                or parent, or one spelling belongs to two bodies.
        """
        bodies = tuple(bodies)
        exclusions = tuple(exclusions)
        _validate(bodies)
        index: dict[str, list[_Pattern]] = {}
        owner: dict[tuple[str, ...], str | None] = {}
        for spelling, body_id, case in _spellings(bodies, exclusions):
            spelled = vntext.nfc(spelling)
            found = list(_TOKEN.finditer(spelled))
            words = tuple(m.group(0) for m in found)
            commas = tuple(
                "," in spelled[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)
            )
            tokens = tuple(vntext.fold(w) for w in words)
            if not tokens:
                continue
            if tokens in owner and owner[tokens] != body_id:
                raise ValueError(f"spelling {spelling!r} belongs to {owner[tokens]} and {body_id}")
            owner[tokens] = body_id
            pattern = _Pattern(tokens, words, body_id, spelling, case, commas)
            index.setdefault(tokens[0], []).append(pattern)
        frozen = {k: tuple(v) for k, v in index.items()}
        return cls(bodies, exclusions, frozen)

    def starting(self, first: str, second: str | None) -> tuple[_Pattern, ...]:
        """The spellings whose folded words may start ``first second`` (``second`` None at
        the end of a text), in index order. "các", "ban", "bộ" start dozens of names; the
        second word leaves one or two to compare."""
        key = (first, second)
        found = self._pairs.get(key)
        if found is None:
            found = tuple(
                p for p in self._index.get(first, ()) if len(p.tokens) == 1 or p.tokens[1] == second
            )
            self._pairs[key] = found
        return found

    def get(self, body_id: str) -> Body | None:
        """The body with this id, or None."""
        return next((b for b in self.bodies if b.id == body_id), None)

    def predecessors(self, body_id: str) -> list[Body]:
        """Bodies whose duties passed to ``body_id``, directly or through a chain."""
        out: list[Body] = []
        todo = [body_id]
        while todo:
            current = todo.pop()
            for body in self.bodies:
                if body.successor == current and body not in out:
                    out.append(body)
                    todo.append(body.id)
        return out


def load_registry(path: str | Path) -> Registry:
    """Read ``bodies.yaml`` (see its header for the fields).

    Raises:
        ValueError: the file breaks a rule listed in ``Registry.build``.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    bodies = [_body(entry) for entry in data.get("bodies") or ()]
    committee = data.get("ministry_party_committees")
    if committee:
        bodies.extend(ministry_committees(bodies, committee))
    return Registry.build(bodies, (vntext.nfc(e) for e in data.get("exclusions") or ()))


def _body(entry: dict[str, object]) -> Body:
    def text(key: str) -> str | None:
        value = entry.get(key)
        return None if value is None else vntext.nfc(str(value))

    def texts(key: str) -> tuple[str, ...]:
        values = entry.get(key) or ()
        assert isinstance(values, list | tuple), f"{entry.get('id')}: {key} is not a list"
        return tuple(vntext.nfc(str(v)) for v in values)

    return Body(
        id=str(entry["id"]), name=vntext.nfc(str(entry["name"])), kind=str(entry["kind"]),
        parent=text("parent"), aliases=texts("aliases"), cased_aliases=texts("cased_aliases"),
        match_case=bool(entry.get("match_case", False)),
        valid_from=text("valid_from"), valid_to=text("valid_to"), successor=text("successor"),
        change_act=text("change_act"), sources=texts("sources"),
    )


def ministry_committees(bodies: list[Body], rule: dict[str, object]) -> list[Body]:
    """``Đảng ủy Bộ X`` for every ministry in force (no ``valid_to``) under Đảng ủy Chính
    phủ, with the act and sources of ``rule`` (the registry's ``ministry_party_committees``).
    Spelled out by rule rather than by hand: one entry per ministry would repeat one fact."""
    parent = str(rule["parent"])
    made = []
    for body in bodies:
        also = body.id in (rule.get("also") or ())  # type: ignore[operator]
        if not also and (body.kind != "state_organ" or not body.name.startswith("Bộ ")
                         or body.valid_to or body.parent != "chinh-phu"
                         or body.id in _OWN_PARTY_COMMITTEE):
            continue
        name = f"Đảng ủy {body.name}"
        made.append(Body(
            id=vntext.slug(name), name=name, kind="party_organ", parent=parent,
            aliases=tuple(f"Đảng ủy {a}" for a in body.aliases
                          if a.startswith(("Bộ ", "Ngân hàng"))),
            valid_from=str(rule["valid_from"]), change_act=str(rule["change_act"]),
            sources=tuple(str(s) for s in rule.get("sources") or ()),  # type: ignore[attr-defined]
        ))
    return made


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
    registered = _distributed(text, _registered(text, registry), registry)
    unknown = _unknown_names(text, registered)
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


# Heads of body names, folded; "Đảng ủy" also in "Ban Thường vụ Đảng ủy …".
_HEADS = (
    ("ban", "can", "su", "dang"), ("dang", "uy"), ("dang", "doan"), ("dang", "bo"),
    ("so",), ("tinh", "uy"), ("thanh", "uy"), ("huyen", "uy"), ("quan", "uy"),
    ("uy", "ban", "nhan", "dan"), ("hoi", "dong", "nhan", "dan"),
)
# Lower-case words allowed between a local head and the name: "Ủy ban nhân dân tỉnh X".
_ADMIN = frozenset({"tinh", "thanh", "pho", "xa", "phuong", "huyen", "quan", "dac", "khu"})
_NAME_JOINERS = frozenset({"va"})


def _unknown_names(text: str, mentions: Sequence[Mention]) -> list[Unresolved]:
    words = [(m.start(), m.end(), vntext.fold(m.group(0))) for m in _TOKEN.finditer(text)]
    starts = {m.start: m for m in mentions}
    found: list[Unresolved] = []
    i = 0
    while i < len(words):
        head = _head_at(words, i, text)
        if not head:
            i += 1
            continue
        j = i + head
        if j - i >= 4 or words[i][2] in ("so",):  # a local head may name its level
            while j < len(words) and words[j][2] in _ADMIN and not text[words[j][0]].isupper():
                j += 1
        end = _name_end(words, j, text, starts)
        if end == j:  # "Đảng ủy cấp trên", "sở hữu": no name
            i += head
            continue
        first = starts.get(words[i][0])
        # Known when a registered name covers it all; a shorter one ("Đảng" in "Đảng ủy
        # Tập đoàn …", the class "ban cán sự đảng") does not make it known.
        if first is None or first.end < words[end - 1][1]:
            span = text[words[i][0]:words[end - 1][1]]
            found.append(Unresolved(words[i][0], words[end - 1][1], span,
                                    text[words[i][0]:words[i + head - 1][1]],
                                    vntext.words(span)))
        i = end
    return found


def _head_at(words: list[tuple[int, int, str]], i: int, text: str) -> int:
    """How many words of a head start at ``words[i]`` (printed with a capital), or 0."""
    if not text[words[i][0]].isupper():
        return 0
    for head in _HEADS:
        n = len(head)
        if tuple(w[2] for w in words[i:i + n]) == head and not _broken(words, i, i + n, text):
            return n
    return 0


def _name_end(words: list[tuple[int, int, str]], j: int, text: str,
              starts: dict[int, Mention]) -> int:
    """Index after the capitalised name starting at ``words[j]``; ``j`` if none."""
    k = j
    while k < len(words) and not _broken(words, k - 1, k + 1, text):
        known = starts.get(words[k][0])
        if known is not None and (k == j or text[words[k - 1][0]].isupper()):
            while k < len(words) and words[k][1] <= known.end:  # "… đảng Bộ Ngoại giao"
                k += 1
        elif text[words[k][0]].isupper() or words[k][2].isdigit():
            k += 1
        elif (words[k][2] in _NAME_JOINERS and k > j and k + 1 < len(words)
              and text[words[k + 1][0]].isupper() and words[k + 1][0] not in starts
              and not _head_at(words, k + 1, text)):
            k += 1  # "Sở Tài nguyên và Môi trường", not "Sở Y tế và Bộ Công an"
        elif words[k][2] not in _NAME_JOINERS and _lower_tail(words, j, k, text):
            k += 1  # "Sở Y tế", "Sở Giáo dục và Đào tạo": the lower-case half of a word pair
        else:
            break
    return k


def _lower_tail(words: list[tuple[int, int, str]], j: int, k: int, text: str) -> bool:
    """Whether the lower-case ``words[k]`` ends a two-word name part ("Y tế", "Tư pháp"):
    the word before it is capitalised and is the first capital of its run, so "Công
    Thương chủ trì" stops before "chủ"."""
    def upper(n: int) -> bool:
        return text[words[n][0]].isupper()

    return k - 1 >= j and upper(k - 1) and (k - 2 < j or not upper(k - 2))


def _broken(words: list[tuple[int, int, str]], a: int, b: int, text: str) -> bool:
    """A clause break or comma between ``words[a]`` and ``words[b - 1]``."""
    if a < 0:
        return False
    gap_start, gap_end = words[a][1], words[min(b, len(words)) - 1][0]
    between = text[gap_start:gap_end]
    return bool(_HARD_BREAK.search(between)) or "," in between


def _registered(text: str, registry: Registry) -> list[Mention]:
    words = _Words(text)
    tokens = words.tokens
    # (start, end, pattern, first word, word count)
    candidates: list[tuple[int, int, _Pattern, int, int]] = []
    # The words that start some spelling, picked out without a Python step per word.
    firsts = compress(range(len(tokens)), map(registry._index.__contains__, tokens))
    for i in firsts:
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
    taken: list[tuple[int, int, _Pattern]] = []
    for start, end, pattern, first, n in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if used.free(first, first + n):
            used.take(first, first + n)
            taken.append((start, end, pattern))
    return [
        Mention(p.body_id, s, e, text[s:e], p.spelling)
        for s, e, p in sorted(taken, key=lambda c: c[0])
        if p.body_id is not None
    ]


def _fits(pattern: _Pattern, window: list[tuple[str, int, int, bool]], text: str) -> bool:
    """Whether the printed words in ``window`` really spell ``pattern`` (beyond folding)."""
    if any(w[3] for w in window[1:]):  # a clause break inside the name
        return False
    for k in range(len(window) - 1):  # "Ủy ban nhân dân tỉnh, Ủy ban …" is not "tỉnh ủy"
        if "," in text[window[k][2] : window[k + 1][1]] and not pattern.commas[k]:
            return False
    start, end = window[0][1], window[-1][2]
    if _is_abbreviation(pattern.spelling) and (
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
        self.tokens: list[str] = _TOKEN.findall(self._folded)
        self._found: list[re.Match[str]] | None = None
        self._offsets: Sequence[int] = ()

    def window(self, i: int, n: int) -> list[tuple[str, int, int, bool]]:
        """``(folded word, start, end, clause break before it)`` for words ``i … i+n-1``;
        the first one's break is not looked for (False)."""
        if self._found is None:
            if len(self._folded) == len(self._text):  # one character per cluster
                self._offsets = range(len(self._text))
            else:
                self._offsets = vntext.fold_with_map(self._text)[1]
            self._found = list(_TOKEN.finditer(self._folded))
        out: list[tuple[str, int, int, bool]] = []
        for match in self._found[i : i + n]:
            start = self._offsets[match.start()]
            end = self._offsets[match.end()] if match.end() < len(self._offsets) else len(
                self._text
            )
            broken = bool(out) and bool(_HARD_BREAK.search(self._text, out[-1][2], start))
            out.append((match.group(0), start, end, broken))
        return out


def _case_agrees(pattern: _Pattern, starts: list[int], text: str) -> bool:
    """Whether the printed words have the capitals the pattern asks for."""
    if pattern.case == _ANY_CASE:
        return True
    if pattern.case == _INITIAL_CAPITAL:
        return text[starts[0] : starts[0] + 1].isupper()
    for word, start in zip(pattern.words, starts, strict=True):
        printed = text[start : start + len(word)]
        if word[:1].isupper() and not printed[:1].isupper():
            return False
        if len(word) > 1 and word.isupper() and not printed.isupper():
            return False
    return True


def _spellings(
    bodies: tuple[Body, ...], exclusions: tuple[str, ...]
) -> Iterable[tuple[str, str | None, int]]:
    """``(spelling, body id or None, case rule)`` for every name, alias and exclusion."""
    for body in bodies:
        for alias in (body.name, *body.aliases):
            yield alias, body.id, _case_rule(body, alias)
        for alias in body.cased_aliases:
            yield alias, body.id, _AS_PRINTED
    for phrase in exclusions:
        yield phrase, None, _ANY_CASE


def _case_rule(body: Body, spelling: str) -> int:
    if body.match_case or _is_abbreviation(spelling):
        return _AS_PRINTED
    # A proper name starts with a capital: "cán bộ khoa học và công nghệ" is not a ministry.
    if body.kind not in _ANY_CASE_KINDS and spelling[:1].isupper():
        return _INITIAL_CAPITAL
    return _ANY_CASE


def _needs_diacritics(pattern: _Pattern) -> bool:
    return len(pattern.tokens) == 1 and not _is_abbreviation(pattern.spelling)


def _is_abbreviation(spelling: str) -> bool:
    # One word in capitals (TLĐLĐVN, VTV): in lower case it is usually something else.
    return " " not in spelling.strip() and len(spelling) > 1 and spelling.isupper()


def _validate(bodies: tuple[Body, ...]) -> None:
    ids = [b.id for b in bodies]
    for body in bodies:
        if body.id != vntext.slug(body.name):
            raise ValueError(f"id {body.id!r} is not the slug of {body.name!r}")
        if body.kind not in KINDS:
            raise ValueError(f"{body.id}: unknown kind {body.kind!r}; valid: {', '.join(KINDS)}")
        if body.parent is not None and body.parent not in ids:
            raise ValueError(f"{body.id}: unknown parent {body.parent!r}")
        if body.successor is not None and body.successor not in ids:
            raise ValueError(f"{body.id}: unknown successor {body.successor!r}")
        if body.successor is not None and not (body.valid_to and body.change_act
                                               and body.sources):
            raise ValueError(f"{body.id}: a successor needs valid_to, change_act and sources")
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"repeated ids: {', '.join(sorted(duplicates))}")
