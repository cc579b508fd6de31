"""Turn what a user typed into FTS5 MATCH expressions, never passing their syntax through.

Worked examples (folded terms on the left, the MATCH on the right)::

    thoả ước lao động      →  "thoa" "uoc" "lao" "dong"          four words, all required
    "tập thể"              →  "tap the"                          a phrase
    02-NQ/TW               →  "02 nq tw"                         one chunk, several terms: a phrase
    16,5  or  16.5         →  "16 5"                             so both spellings match
    Điều 5                 →  "dieu" "5"
    a"b (unbalanced)       →  "a" "b"                            a lone quote is ignored

Every term is ``[a-z0-9]+`` (``parsers.vntext.terms``) before it is quoted, so no user
character reaches FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.errors import BadQuery
from parsers import vntext

MAX_TERMS = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_NORM_WORD = re.compile(r"[^\W_]+")


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
    terms = tuple(vntext.terms(chunk))
    if not terms:
        return
    norm = tuple(_NORM_WORD.findall(vntext.normalize(chunk)))
    parsed.clauses.append(Clause(terms=terms, norm=norm, quoted=quoted))


def quote(terms: tuple[str, ...] | list[str]) -> str:
    """A safe FTS5 string: terms are already ``[a-z0-9]+`` or normalized letters."""
    return '"' + " ".join(t.replace('"', "") for t in terms) + '"'


def folded_match(parsed: ParsedQuery, expansions: dict[str, list[str]]) -> str:
    """The MATCH over the folded index: each clause required, words OR their typo variants."""
    out = []
    for clause in parsed.clauses:
        variants = expansions.get(clause.terms[0], []) if clause.is_word else []
        if variants:
            out.append("(" + " OR ".join(quote([v]) for v in [clause.terms[0], *variants]) + ")")
        else:
            out.append(quote(clause.terms))
    return " AND ".join(out)


def phrase_match(parsed: ParsedQuery) -> str | None:
    """The whole query as one phrase, when it has several words (ranks adjacent words first)."""
    terms = parsed.terms
    return quote(terms) if len(terms) > 1 else None


def citation_match(parsed: ParsedQuery) -> str | None:
    """The whole query at the start of a citation: "khoản 2 điều 5" is that clause itself,
    while its points merely contain it ("điểm a khoản 2 Điều 5")."""
    terms = parsed.terms
    return f"cite_folded : ^{quote(terms)}" if len(terms) > 1 else None


def exact_matches(parsed: ParsedQuery) -> list[str]:
    """MATCH expressions over the normalized index, one per clause typed with diacritics."""
    return [quote(list(c.norm)) for c in parsed.clauses if c.has_marks and c.norm]
