"""Turn a parsed query into one tantivy query, whose score orders the hits.

Score of a hit (higher is better)::

    EXACT  × clauses typed with diacritics found with those diacritics (one tone style),
             so "hoà giải" ranks hoà giải above hóa giải and hoa giai
    PHRASE   if every adjacent pair of the query's words is adjacent in the heading or text
    CITE     if the query is how the provision itself is cited ("khoản 2 Điều 5")
    + BM25 of the required clauses over heading, text and citation together
    + 2 × BM25 of the query's words in the heading (a title outranks a passing mention)

BM25 of a few words stays far below CITE, so the bonuses decide first, in that order; the
words decide among equals. Every clause is required; filters are required and score 0.
Nothing the user typed reaches a query parser: every term is ``[a-z0-9]+`` or a normalized
word, used as a term.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from app.search.index import SCHEMA, anchored, pairs
from app.search.query import Clause, ParsedQuery

EXACT = 1000.0
PHRASE = 100.0
CITE = 50.0
HEADING_BOOST = 2.0
Occur = tantivy.Occur
Query = tantivy.Query


@dataclass(frozen=True)
class Filters:
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None


def build(parsed: ParsedQuery, expansions: dict[str, list[str]], filters: Filters) -> Query:
    """The whole query: required clauses and filters, optional bonuses."""
    parts = _required(parsed, expansions, filters)
    parts += [(Occur.Should, q) for q in _bonuses(parsed)]
    return Query.boolean_query(parts)


def matches_only(parsed: ParsedQuery, expansions: dict[str, list[str]],
                 filters: Filters) -> Query:
    """The same hits without the scoring extras: for counting and facets."""
    return Query.boolean_query(_required(parsed, expansions, filters))


def _required(parsed: ParsedQuery, expansions: dict[str, list[str]],
              filters: Filters) -> list[tuple[Occur, Query]]:
    # A clause typed twice is required once: "cong cong" finds and ranks as "cong".
    clauses = dict.fromkeys(parsed.clauses)
    parts = [(Occur.Must, _clause(c, expansions)) for c in clauses]
    return parts + [(Occur.Must, q) for q in _filters(filters)]


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


def _bonuses(parsed: ParsedQuery) -> list[Query]:
    clauses = list(dict.fromkeys(parsed.clauses))
    bonuses = [
        Query.const_score_query(_all_terms("exact", list(c.norm)), EXACT)
        for c in clauses if c.has_marks and c.norm
    ]
    terms = [t for c in clauses for t in c.terms]
    if len(terms) > 1:
        adjacent = _all_terms("pairs", list(dict.fromkeys(pairs(terms))))
        bonuses.append(Query.const_score_query(adjacent, PHRASE))
        bonuses.append(Query.const_score_query(_sequence("cite", anchored(terms)), CITE))
    words = sorted({t for c in clauses if c.is_word for t in c.terms})
    bonuses += [Query.boost_query(Query.term_query(SCHEMA, "heading", w), HEADING_BOOST)
                for w in words]
    return bonuses


def _all_terms(field: str, words: list[str]) -> Query:
    return Query.boolean_query([(Occur.Must, Query.term_query(SCHEMA, field, w)) for w in words])


def _filters(filters: Filters) -> list[Query]:
    pairs = [("doc", filters.doc), ("section", filters.section), ("kind", filters.kind),
             ("role", filters.role)]
    return [
        Query.const_score_query(Query.term_query(SCHEMA, name, value), 0.0)
        for name, value in pairs if value
    ]
