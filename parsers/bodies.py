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

KINDS = ("party_organ", "state_organ", "socio_political", "class")

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


@dataclass(frozen=True, slots=True)
class Mention:
    """A body named in a text: ``text[start:end]`` is the printed name."""

    body_id: str
    start: int
    end: int
    text: str
    alias: str  # the registry spelling that matched


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


def load_registry(path: str | Path) -> Registry:
    """Read ``bodies.yaml`` (see its header for the fields).

    Raises:
        ValueError: the file breaks a rule listed in ``Registry.build``.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    bodies = [
        Body(
            id=entry["id"],
            name=vntext.nfc(entry["name"]),
            kind=entry["kind"],
            parent=entry.get("parent"),
            aliases=tuple(vntext.nfc(a) for a in entry.get("aliases") or ()),
            cased_aliases=tuple(vntext.nfc(a) for a in entry.get("cased_aliases") or ()),
            match_case=bool(entry.get("match_case", False)),
        )
        for entry in data.get("bodies") or ()
    ]
    return Registry.build(bodies, (vntext.nfc(e) for e in data.get("exclusions") or ()))


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Every body named in ``text``, in order, with offsets into ``text``.

    Args:
        text: the text as stored (NFC); offsets refer to it as given.
        registry: from ``load_registry``.

    Returns:
        Non-overlapping mentions sorted by ``start``; exclusions are not returned.
    """
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
    if body.kind != "class" and spelling[:1].isupper():
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
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"repeated ids: {', '.join(sorted(duplicates))}")
