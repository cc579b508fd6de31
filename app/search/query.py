"""Split what a user typed into clauses, never passing any query syntax through.

Worked examples (what was typed on the left, the clauses on the right)::

    thoả ước lao động      →  thoa · uoc · lao · dong         four words, all required
    "tập thể"              →  "tap the"                       a phrase
    02-NQ/TW               →  "02 nq tw"                      one chunk, several terms: a phrase
    16,5  or  16.5         →  "16 5"                          so both spellings match
    Điều 5                 →  dieu · 5
    a"b (unbalanced)       →  a · b                           a lone quote is ignored

Every term is ``[a-z0-9]+`` (``app.search.terms``, over ``parsers.vntext``) and is used as
a term of the index (``app/search/plan.py``), so no user character is ever read as an
operator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.errors import BadQuery
from app.search.terms import exact_terms, folded_terms
from parsers import vntext

MAX_TERMS = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@dataclass(frozen=True)
class Clause:
    """A word (one term, typo-expandable) or a phrase (several terms in order)."""

    terms: tuple[str, ...]  # folded
    norm: tuple[str, ...]  # normalized (diacritics kept) words as typed
    quoted: bool = False

    @property
    def is_word(self) -> bool:
        return len(self.terms) == 1 and not self.quoted

    @property
    def has_marks(self) -> bool:
        """The user typed diacritics in this clause (they may mean exactly those)."""
        return any(vntext.fold(w) != w for w in self.norm)


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
    return parsed


def _add(parsed: ParsedQuery, chunk: str, *, quoted: bool) -> None:
    terms = tuple(folded_terms(chunk))
    if not terms:
        return
    norm = tuple(exact_terms(chunk))
    parsed.clauses.append(Clause(terms=terms, norm=norm, quoted=quoted))
