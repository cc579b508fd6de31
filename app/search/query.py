"""Split what a user typed into clauses, never passing any query syntax through.

Worked examples (what was typed on the left, the clauses on the right)::

    thoả ước lao động      →  thoa · uoc · lao · dong         four words, all required
    "tập thể"              →  "tap the"                       a phrase
    02-NQ/TW               →  "02 nq tw"                      one chunk, several terms: a phrase
    16,5  or  16.5         →  "16 5"                          so both spellings match
    Điều 5                 →  dieu · 5
    a"b (unbalanced)       →  a · b                           a lone quote is ignored
    thời hiệu là bao lâu   →  thoi · hieu · (la · bao · lau)  question words optional

Question and function words (``là gì``, ``bao lâu``, ``có … không``) are optional clauses:
they rank but need not match, since a provision does not ask questions. A single word counts
as one only as typed with its marks (``có``, not ``co``, which is also cơ in "cơ quan"),
unless its unaccented form is no other common word. In a query typed with marks (at least
half of its words have them), a word that has none of its own is written as meant (``cho``
is cho, ``con`` is con, not còn): it counts as typed with its marks, so ``cho``, ``khi``,
``theo``, ``trong`` are optional there.

Every term is ``[a-z0-9]+`` (``app.search.terms``, over ``parsers.vntext``) and is used as
a term of the index (``app/search/plan.py``), so no user character is ever read as an
operator.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from app.errors import BadQuery
from app.search.terms import exact_terms, folded_terms
from parsers import vntext

MAX_TERMS = 64
_OPTIONAL_WORDS = ("là gì nào không có được ai đâu thì mà của và những các một này đó khi "
                   "nếu để tôi em mình bạn ạ vậy nhỉ hả chưa rồi nữa bị cho với phải về "
                   "theo từ trong ở tại sẽ đã đang cần muốn hỏi xin gồm mấy")
_OPTIONAL_FOLDED = frozenset({"gi", "nao", "khong", "duoc", "nhung", "cua", "thi", "la",
                              "va", "cac"})
_OPTIONAL_PHRASES = ("bao nhiêu", "bao lâu", "thế nào", "như thế nào", "ra sao", "làm sao",
                     "khi nào", "tại sao", "vì sao", "ở đâu", "hay không", "hay chưa",
                     "bao giờ", "lúc nào", "do ai", "là ai", "gồm những gì",
                     # What a question asks for, which the law prints as a figure ("không
                     # quá 30%", "ít nhất 45 ngày"), not in these words.
                     "tối đa", "tối thiểu", "phần trăm")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@dataclass(frozen=True)
class Clause:
    """A word (one term, typo-expandable) or a phrase (several terms in order)."""

    terms: tuple[str, ...]  # folded
    norm: tuple[str, ...]  # normalized (diacritics kept) words as typed
    quoted: bool = False
    optional: bool = False  # a question or function word: ranks, need not match
    # Other wordings that match instead (a synonym table's), folded, each in order.
    alternatives: tuple[tuple[str, ...], ...] = ()
    # A word with no marks of its own in a query typed with diacritics: written as meant
    # ("con" is con, not còn; "cho" is cho, not chó), so it counts as typed with its marks.
    meant: bool = False

    @property
    def is_word(self) -> bool:
        return len(self.terms) == 1 and not self.quoted and not self.alternatives

    @property
    def has_marks(self) -> bool:
        """The user typed diacritics in this clause (they may mean exactly those)."""
        return self.meant or any(vntext.fold(w) != w for w in self.norm)


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return [t for c in self.clauses for t in c.terms]

    @property
    def has_marks(self) -> bool:
        return any(c.has_marks for c in self.clauses)


def clean(q: str) -> str:
    """NFC, control and invisible characters turned into spaces."""
    return vntext.nfc(_CONTROL.sub(" ", q))


def parse_query(q: str) -> ParsedQuery:
    """Split a query into word and phrase clauses.

    Raises:
        BadQuery: nothing searchable, or more than ``MAX_TERMS`` terms.
    """
    text = clean(q)
    parts = text.split('"')
    if len(parts) % 2 == 0:
        # An unbalanced quote: treat the tail after it as unquoted text.
        parts = [*parts[:-2], parts[-2] + " " + parts[-1]]
    parsed = ParsedQuery()
    for index, part in enumerate(parts):
        if index % 2:
            _add(parsed, part, quoted=True)
        else:
            for chunk in part.split():
                _add(parsed, chunk, quoted=False)
    if not parsed.clauses:
        raise BadQuery("the query has no searchable words", query=q[:200])
    if len(parsed.terms) > MAX_TERMS:
        raise BadQuery(f"too many words in the query (at most {MAX_TERMS})")
    return mark_optional(_as_meant(parsed))


def _as_meant(parsed: ParsedQuery) -> ParsedQuery:
    """In a query typed with diacritics, its words without marks marked ``meant``, and those
    that are function words as typed ("cho", "khi", "theo", "trong") optional like "có".

    Typed with diacritics means at least half of its words have marks: about a third of
    Vietnamese syllables have none ("cho con đi học" is typed with them), while one marked
    word among unmarked ones ("thoả uoc lao dong tap the") is a user who stopped typing
    marks, whose "uoc" is ước."""
    words = [c for c in parsed.clauses if c.is_word]
    marked = sum(c.has_marks for c in words)
    if not marked or 2 * marked < len(words):
        return parsed
    clauses = [replace(c, meant=True) if c.is_word and not c.has_marks else c
               for c in parsed.clauses]
    # "ai" keeps the rule its case decides (``_add``): "AI" is the technology.
    return ParsedQuery([replace(c, optional=True)
                        if not c.optional and _optional_word(c) and c.norm != ("ai",)
                        else c for c in clauses])


def mark_optional(parsed: ParsedQuery) -> ParsedQuery:
    """Question phrases made optional too; nothing optional when nothing else would be
    required."""
    flags = [c.optional for c in parsed.clauses]
    for start, length in _phrase_spans(parsed.clauses):
        flags[start:start + length] = [True] * length
    # "năm" before a year ("luật đất đai năm 2024"): the year says it, and a citation
    # prints the year inside the number ("31/2024/QH15"), without the word.
    for i, (clause, following) in enumerate(itertools.pairwise(parsed.clauses)):
        if clause.is_word and clause.terms == ("nam",) and is_year(following.terms[0]):
            flags[i] = True
    return ParsedQuery([replace(c, optional=flag and not all(flags))
                        for c, flag in zip(parsed.clauses, flags, strict=True)])


def is_year(term: str) -> bool:
    """A term that reads as a year of Vietnamese law (1945 on)."""
    return len(term) == 4 and term.isdigit() and 1945 <= int(term) <= 2100


def _optional_word(clause: Clause) -> bool:
    if not clause.is_word:
        return False
    if clause.has_marks:
        return len(clause.norm) == 1 and clause.norm[0] in _MARKED
    return clause.terms[0] in _OPTIONAL_FOLDED


def _phrase_spans(clauses: list[Clause]) -> list[tuple[int, int]]:
    """(start, length) of every run of word clauses that spells an optional phrase."""
    words = [c.terms[0] if c.is_word else None for c in clauses]
    return [(i, len(p)) for p in _PHRASES for i in range(len(words) - len(p) + 1)
            if tuple(words[i:i + len(p)]) == p]


def _add(parsed: ParsedQuery, chunk: str, *, quoted: bool) -> None:
    terms = tuple(folded_terms(chunk))
    if not terms:
        return
    norm = tuple(exact_terms(chunk))
    clause = Clause(terms=terms, norm=norm, quoted=quoted)
    # "ai" is "who" as typed in lower case; "AI" in a query is the technology.
    optional = _optional_word(clause) or clause.is_word and chunk.strip(_EDGES) == "ai"
    parsed.clauses.append(replace(clause, optional=optional) if optional else clause)


_MARKED = frozenset(exact_terms(_OPTIONAL_WORDS))
_EDGES = "\"'.,;:!?()[]«»“”‘’"
_PHRASES = tuple(tuple(folded_terms(p)) for p in _OPTIONAL_PHRASES)
