"""The registry of bodies: every spelling of every name, indexed for the mention finder.

Each spelling carries its case rule, where folding alone would be wrong:

* a body's name starting with a capital needs that first capital in print (``cán bộ khoa
  học và công nghệ`` is not the ministry); names of classes match in any case;
* abbreviations in capitals (``VTV``), ``cased_aliases`` and bodies marked ``match_case``
  need every capital as printed (``Nhà nước`` yes, ``quản lý nhà nước`` no);
* a one-word name needs its diacritics (``Đang`` is not ``Đảng``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, KeysView
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

from parsers import vntext
from parsers.bodies.model import KINDS, Body

# Classes are named in any case ("các cấp ủy", "uỷ ban nhân dân các tỉnh"); so are the
# local ones: a text writes "ủy ban nhân dân cấp tỉnh" as often as with a capital.
_ANY_CASE_KINDS = frozenset({"collective", "local"})
TOKEN = re.compile(r"[^\W_]+")
ANY_CASE, INITIAL_CAPITAL, AS_PRINTED = 0, 1, 2
_SPLIT = re.compile(f"({TOKEN.pattern})")


class Words:
    """A folded text cut into ``parts`` [gap, word, gap, word, …, gap]: the ``words``, and
    where each part starts (``bounds``, the text's length last). The parts and bounds are
    worked out when asked, for the few texts where some name may start: an ASCII text's
    words alone come from ``str.split`` at a third of the regex's cost."""

    __slots__ = ("_bounds", "_folded", "_parts", "words")

    def __init__(self, folded: str) -> None:
        self._folded = folded
        self._parts: list[str] | None = None
        self._bounds: list[int] | None = None
        if folded.isascii():
            # ``TOKEN`` over ASCII is a run of letters and digits: every other character
            # a space, the runs are what ``split`` gives
            self.words: list[str] = folded.translate(_ASCII_NOT_WORD).split()
        else:
            self._parts = _SPLIT.split(folded)
            self.words = self._parts[1::2]

    @property
    def parts(self) -> list[str]:
        if self._parts is None:
            self._parts = _SPLIT.split(self._folded)
        return self._parts

    @property
    def bounds(self) -> list[int]:
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, self.parts), initial=0))
        return self._bounds


_ASCII_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not TOKEN.match(c)})


@lru_cache(maxsize=64)
def split_words(folded: str) -> Words:
    """``folded`` in words (``TOKEN``), cut once for the passes that read a provision's words
    (registered names, unknown names). Folding keeps each character a letter or digit, or
    not (checked for every character in tests), so the parts of the folded text are where
    the printed words are."""
    return Words(folded)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One spelling of a name (or of an exclusion) as the mention finder compares it."""

    tokens: tuple[str, ...]  # folded words
    words: tuple[str, ...]  # the same words as written in the registry
    body_id: str | None  # None for an exclusion
    spelling: str
    case: int  # ANY_CASE, INITIAL_CAPITAL or AS_PRINTED
    commas: tuple[bool, ...]  # whether the spelling has a comma between word k and k+1


@dataclass(frozen=True, slots=True)
class Registry:
    """All bodies plus the exclusions, indexed by the first folded word of each spelling."""

    bodies: tuple[Body, ...]
    exclusions: tuple[str, ...] = ()
    _index: dict[str, tuple[Pattern, ...]] = field(default_factory=dict, compare=False, repr=False)
    # (first word, second word) → the spellings that may start so, filled as texts are read.
    _pairs: dict[tuple[str, str | None], tuple[Pattern, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The words that start a one-word spelling, and the (first, second) words of the others:
    # exactly where ``starting`` finds something.
    _single_firsts: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _first_pairs: frozenset[tuple[str, str]] = field(default=frozenset(), compare=False,
                                                     repr=False)
    # The first words of every spelling, filled at the first ``may_start``.
    _firsts: set[str] = field(default_factory=set, compare=False, repr=False)
    # id → body, filled at the first ``get`` (asked for a few ids per provision).
    _by_id: dict[str, Body] = field(default_factory=dict, compare=False, repr=False)

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
        index: dict[str, list[Pattern]] = {}
        owner: dict[tuple[str, ...], str | None] = {}
        for spelling, body_id, case, derived in _spellings(bodies, exclusions):
            spelled = vntext.nfc(spelling)
            found = list(TOKEN.finditer(spelled))
            words = tuple(m.group(0) for m in found)
            commas = tuple(
                "," in spelled[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)
            )
            tokens = tuple(vntext.fold(w) for w in words)
            if not tokens:
                continue
            if derived and tokens in owner:
                continue  # a spelling written in the file wins over a derived one
            if tokens in owner and owner[tokens] != body_id:
                raise ValueError(f"spelling {spelling!r} belongs to {owner[tokens]} and {body_id}")
            owner[tokens] = body_id
            pattern = Pattern(tokens, words, body_id, spelling, case, commas)
            index.setdefault(tokens[0], []).append(pattern)
        frozen = {k: tuple(v) for k, v in index.items()}
        patterns = [p for group in frozen.values() for p in group]
        singles = frozenset(p.tokens[0] for p in patterns if len(p.tokens) == 1)
        pairs = frozenset((p.tokens[0], p.tokens[1]) for p in patterns if len(p.tokens) > 1)
        return cls(bodies, exclusions, frozen, {}, singles, pairs)

    def may_start(self, tokens: list[str]) -> list[int]:
        """The indexes ``i`` of ``tokens`` where ``starting(tokens[i], tokens[i + 1])`` finds
        some spelling, picked out without a Python step per word."""
        if not self._firsts:
            self._firsts.update(self._single_firsts, (first for first, _ in self._first_pairs))
        # A word that starts no spelling is stepped over in C; the few left are tried whole.
        singles, pairs, last = self._single_firsts, self._first_pairs, len(tokens) - 1
        return [i for i in compress(range(len(tokens)), map(self._firsts.__contains__, tokens))
                if tokens[i] in singles or (i < last and (tokens[i], tokens[i + 1]) in pairs)]

    @property
    def first_words(self) -> KeysView[str]:
        """The folded first words of every spelling (a word not among them starts none)."""
        return self._index.keys()

    def starting(self, first: str, second: str | None) -> tuple[Pattern, ...]:
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
        if not self._by_id:
            # the first body of an id wins, as a scan in order finds it
            self._by_id.update((b.id, b) for b in reversed(self.bodies))
        return self._by_id.get(body_id)

    def predecessors(self, body_id: str) -> list[Body]:
        """Bodies whose duties passed to ``body_id``, directly or through a chain."""
        out: list[Body] = []
        todo = [body_id]
        while todo:
            current = todo.pop()
            for body in self.bodies:
                if any(s.body == current for s in body.taken_over_by) and body not in out:
                    out.append(body)
                    if body.valid_to is not None:  # one still in force handed over a
                        todo.append(body.id)       # field, not what it took over
        return out


# "các" inside a name, not before "cấp" ("các cấp" is "every level", not a plural).
_INNER_PLURAL = re.compile(r"(?<=[\s,])các\s+(?!cấp\b)", re.IGNORECASE)


def _spellings(
    bodies: tuple[Body, ...], exclusions: tuple[str, ...]
) -> Iterable[tuple[str, str | None, int, bool]]:
    """``(spelling, body id or None, case rule, derived)`` for every name, alias and
    exclusion, written ones first; then each written name or alias without the "các" inside
    it, as texts print them ("Đảng ủy Mặt trận Tổ quốc, đoàn thể Trung ương" for "…, các
    đoàn thể Trung ương"). A derived spelling that another one already has is left out."""
    derived: list[tuple[str, str | None, int, bool]] = []
    for body in bodies:
        for alias in (body.name, *body.aliases):
            yield alias, body.id, _case_rule(body, alias), False
            bare = _INNER_PLURAL.sub("", alias)
            if bare != alias:
                derived.append((bare, body.id, _case_rule(body, bare), True))
        for alias in body.cased_aliases:
            yield alias, body.id, AS_PRINTED, False
    for phrase in exclusions:
        yield phrase, None, ANY_CASE, False
    yield from derived


def _case_rule(body: Body, spelling: str) -> int:
    if body.match_case or is_abbreviation(spelling):
        return AS_PRINTED
    # A proper name starts with a capital: "cán bộ khoa học và công nghệ" is not a ministry.
    if body.kind not in _ANY_CASE_KINDS and spelling[:1].isupper():
        return INITIAL_CAPITAL
    return ANY_CASE


def is_abbreviation(spelling: str) -> bool:
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
        _validate_successors(body, ids)
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"repeated ids: {', '.join(sorted(duplicates))}")


def _validate_successors(body: Body, ids: list[str]) -> None:
    if body.successor and body.successors:
        raise ValueError(f"{body.id}: one successor or a split among successors, not both")
    for later in body.taken_over_by:
        if later.body not in ids:
            raise ValueError(f"{body.id}: unknown successor {later.body!r}")
    if body.valid_to is None and body.successors:
        # A body still in force that handed a field over (Bộ Nội vụ's religious affairs to
        # Bộ Dân tộc và Tôn giáo, 2025): each part with its scope and the act that moved it.
        if any(not (s.scope and s.change_act) for s in body.successors) or not body.sources:
            raise ValueError(f"{body.id}: a field handed over needs its scope, change_act "
                             "and sources")
        return
    if body.taken_over_by and not (body.valid_to and body.change_act and body.sources):
        raise ValueError(f"{body.id}: a successor needs valid_to, change_act and sources")
    if len(body.successors) == 1 or any(not s.scope for s in body.successors):
        raise ValueError(f"{body.id}: a split needs two successors or more, each with its scope")
