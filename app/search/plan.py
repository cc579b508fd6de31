"""Turn a parsed query into one tantivy query, whose score orders the hits.

Score of a hit (higher is better)::

    EXACT  × clauses typed with diacritics found with those diacritics (one tone style),
             so "hoà giải" ranks hoà giải above hóa giải and hoa giai
    PHRASE × the share of the query's adjacent word pairs adjacent in the heading or text
    CITE     if the query is how the provision itself is cited ("khoản 2 Điều 5")
    + BM25 of the required clauses over heading (counted twice: a title outranks a
      passing mention), text and citation together

BM25 of a few words stays far below CITE, so the bonuses decide first, in that order; the
words decide among equals. Every clause is required; filters are required and score 0.

Each bonus is an optional query nested one level deeper than the last, so the index seeks
it only at the documents the required clauses agreed on; side by side, the optional queries
would form one union that merges the long lists of common words over the whole corpus
(2.3× slower for "hợp đồng lao động" at a million provisions, with the same scores).

Nothing the user typed reaches a query parser: every term is ``[a-z0-9]+`` or a normalized
word, used as a term.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from app.search.index import SCHEMA, anchored
from app.search.query import Clause, ParsedQuery

EXACT = 1000.0
PHRASE = 100.0
CITE = 50.0
# First words of a query that cites a provision ("Điều 5", "khoản 2 Điều 5", "Chương II").
CITE_WORDS = frozenset({"dieu", "khoan", "diem", "chuong", "muc", "phan", "phu"})
Occur = tantivy.Occur
Query = tantivy.Query


@dataclass(frozen=True)
class Filters:
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None


def build(parsed: ParsedQuery, expansions: dict[str, list[str]], filters: Filters) -> Query:
    """The required clauses and filters, then each bonus as an optional extra."""
    query = matches_only(parsed, expansions, filters)
    for bonus in _bonuses(_unique(parsed)):
        # One optional query per level: tantivy then seeks it at each required hit. Side by
        # side, the optional queries become one union that merges their whole lists.
        query = Query.boolean_query([(Occur.Must, query), (Occur.Should, bonus)])
    return query


def matches_only(parsed: ParsedQuery, expansions: dict[str, list[str]],
                 filters: Filters) -> Query:
    """The hits, scored by BM25 alone: for counting, and the base of ``build``."""
    parts = [(Occur.Must, _clause(c, expansions)) for c in _unique(parsed)]
    return Query.boolean_query(parts + [(Occur.Must, q) for q in _filters(filters)])


def _unique(parsed: ParsedQuery) -> list[Clause]:
    # A clause typed twice is required once: "cong cong" finds and ranks as "cong".
    return list(dict.fromkeys(parsed.clauses))


def _bonuses(clauses: list[Clause]) -> list[Query]:
    bonuses = [Query.const_score_query(_all_terms("exact", list(c.norm)), EXACT)
               for c in clauses if c.has_marks and c.norm]
    # The pair each clause forms with the next: all of them adjacent earn PHRASE.
    links = list(dict.fromkeys(
        f"{a.terms[-1]} {b.terms[0]}" for a, b in zip(clauses, clauses[1:], strict=False)))
    bonuses += [Query.const_score_query(Query.term_query(SCHEMA, "pairs", link),
                                        PHRASE / len(links)) for link in links]
    terms = [t for c in clauses for t in c.terms]
    if len(terms) > 1 and terms[0] in CITE_WORDS:
        cite = _sequence("cite", anchored(terms))
        bonuses.append(Query.const_score_query(cite, CITE))
    return bonuses


def _clause(clause: Clause, expansions: dict[str, list[str]]) -> Query:
    """A word (or any of its typo variants) or a phrase."""
    if not clause.is_word:
        return _sequence("body", clause.terms)
    words = [clause.terms[0], *expansions.get(clause.terms[0], [])]
    if len(words) == 1:
        return Query.term_query(SCHEMA, "body", words[0])
    return _any([Query.term_query(SCHEMA, "body", word) for word in words])


def _sequence(field: str, terms: tuple[str, ...] | list[str]) -> Query:
    """Terms in this order; one term alone is a term query (tantivy panics on a phrase of
    one, which a quoted single word is)."""
    if len(terms) == 1:
        return Query.term_query(SCHEMA, field, terms[0])
    words: list[str | tuple[int, str]] = list(terms)
    return Query.phrase_query(SCHEMA, field, words)


def _any(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _all_terms(field: str, words: list[str]) -> Query:
    return Query.boolean_query([(Occur.Must, Query.term_query(SCHEMA, field, w)) for w in words])


def section_query(section: str) -> Query:
    """The provisions at ``section`` and under it."""
    return Query.term_query(SCHEMA, "section", section)


def _filters(filters: Filters) -> list[Query]:
    pairs_ = [("doc", filters.doc), ("section", filters.section), ("kind", filters.kind),
              ("role", filters.role)]
    return [
        Query.const_score_query(Query.term_query(SCHEMA, name, value), 0.0)
        for name, value in pairs_ if value
    ]
