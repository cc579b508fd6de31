"""Turn a parsed query into one tantivy query, whose score orders the hits.

Score of a hit (higher is better)::

    EXACT  × clauses typed with diacritics found with those diacritics (one tone style),
             so "hoà giải" ranks hoà giải above hóa giải and hoa giai
    DEFINES  if the provision defines what a "… là gì" question asks (``defining``)
    PHRASE × the share of the query's adjacent word pairs adjacent in the heading or text
             (PHRASE_RELAXED in a relaxed search)
    CITE     if the query is how the provision itself is cited ("khoản 2 Điều 5")
    TITLE  × the share of those pairs adjacent in its heading or its article's heading
             (TITLE_RELAXED in a relaxed search): the article a question names first;
             TITLE once more if its own heading is the query's required words, no more
    + BM25 of the required clauses over heading (counted twice: a title outranks a
      passing mention), text and citation together

BM25 of a few words stays far below CITE, so the bonuses decide first, in that order; the
words decide among equals. Every clause is required, except question and function words
(optional: they add BM25 and adjacency only); filters are required and score 0. A word
matches as typed or as any of its variants (typos, real-word corrections in context); a
synonym clause as its own words or any of the law's wordings.

When nothing matches every clause, the search service asks again requiring only half of
the (up to seven) rarest that some provision has (``relaxation``): minimum-should-match,
written as the union of the intersections it allows (each a fast intersection of posting
lists) that filters,
with every clause optional and scoring BM25, so a hit that matches the rarer, more telling
words ranks first, not merely the one that matches the most words.

Each bonus is an optional query nested one level deeper than the last, so the index seeks
it only at the documents the required clauses agreed on; side by side, the optional queries
would form one union that merges the long lists of common words over the whole corpus
(2.3× slower for "hợp đồng lao động" at a million provisions, with the same scores).

Nothing the user typed reaches a query parser: every term is ``[a-z0-9]+`` or a normalized
word, used as a term.
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import tantivy

from app.search.index import SCHEMA, anchored, pair, whole_heading
from app.search.query import Clause, ParsedQuery, is_year

EXACT = 1000.0
# In a relaxed search the hits match different words, and EXACT per word matched would
# rank by how many words matched, common ones included ("người", "nhà"), over the rare
# words BM25 weighs: there a diacritic match only breaks near ties.
EXACT_RELAXED = 0.5
PHRASE = 100.0
# In a relaxed search, adjacency weighs about one telling word's BM25: at PHRASE, a pair of
# common words ("hợp pháp", "bằng văn bản") outranked the rare word that says what the
# question is about ("hụi", "trả chậm"). Measured on the question set (tests/app/
# test_app_questions.py): 100 → 10 gained l27, l59, l123, l135 and lost l44.
PHRASE_RELAXED = 10.0
# The share of those pairs adjacent in the provision's heading or its article's: about one
# telling word's BM25, so among hits equal on the bonuses above, the article whose title
# is the question ("từ chối nhận di sản") ranks above provisions that mention its words.
TITLE = 10.0
TITLE_RELAXED = 5.0
CITE = 50.0
# The provision that defines what a "… là gì" question asks (``Giải thích từ ngữ``): above
# every adjacency bonus, below a word's diacritics. Found by the search service in the
# store's defined terms (``app/services/search.py``), passed in as row ids.
DEFINES = 200.0
# First words of a query that cites a provision ("Điều 5", "khoản 2 Điều 5", "Chương II").
CITE_WORDS = frozenset({"dieu", "khoan", "diem", "chuong", "muc", "phan", "phu"})
# A relaxed search asks for half of this many of the rarest words: C(7, 4) = 35
# intersections at most.
POOL = 7
# Variants of one word that an adjacency bonus tries (each pair is one term lookup).
LINK_VARIANTS = 3
Occur = tantivy.Occur
Query = tantivy.Query


# Whether a pair token is in any provision's title (``titles``); by default assumed so.
Titled = Callable[[str], bool]


def _any_title(pair_: str) -> bool:
    return True


@dataclass(frozen=True)
class Filters:
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None
    # With in_force set: the documents not in force (kept out when True, the only ones
    # kept when False).
    in_force: bool | None = None
    not_in_force: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Relax:
    """A relaxed search: any ``need`` of the ``pool``'s words must match, each word one
    clause or the two syllables of a compound (``compounds.words``), side by side."""

    pool: tuple[tuple[Clause, ...], ...]
    need: int


def row_ids(pks: tuple[int, ...]) -> Query:
    """Provisions by row id: one term of the indexed ``pk`` each (a range over the fast
    column would read the whole column)."""
    return Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, "pk", pk))
                                for pk in pks])


def build(parsed: ParsedQuery, expansions: dict[str, list[str]], filters: Filters,
          relax: Relax | None = None, defining: tuple[int, ...] = (),
          titled: Titled = _any_title) -> Query:
    """The required clauses and filters, then each bonus as an optional extra; ``defining``:
    the row ids (``pk``) of provisions that define what the query asks; ``titled``: whether
    a pair is in any title (the index's term lookup), so no seek is spent on one that is
    in none."""
    query = matches_only(parsed, expansions, filters, relax)
    clauses, relaxed = _unique(parsed), relax is not None
    # The title bonuses innermost: the top tier adds them in the same order, so its scores
    # are this ranking's to the last bit (``top_tier``).
    # In a relaxed search a compound's own two syllables side by side are the word, which
    # its BM25 already counts; as a link too, "hợp pháp" in the heading "Di chúc hợp pháp"
    # outranked the one article with "hụi" for "chơi hụi có hợp pháp không".
    inner = _inner(relax)
    bonuses = [*_title_bonuses(clauses, expansions, titled, relaxed=relaxed, inner=inner),
               *_bonuses(clauses, expansions, relaxed=relaxed, inner=inner)]
    if defining:
        bonuses.append(Query.const_score_query(row_ids(defining), DEFINES))
    for bonus in bonuses:
        # One optional query per level: tantivy then seeks it at each required hit. Side by
        # side, the optional queries become one union that merges their whole lists.
        query = Query.boolean_query([(Occur.Must, query), (Occur.Should, bonus)])
    return query


# (field, term) lookups: every group must match, any term of a group may.
TermGroups = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class TopTier:
    """The hits that earn every bonus of ``build`` (each word with its diacritics as typed,
    every pair adjacent, the citation), scored by BM25 alone (``query``).

    Bonuses outrank BM25, so these hits come first in ``build``'s order, in the same order
    among themselves. Their bonuses are required terms here instead of optional queries
    seeked at every hit: for words a third of the corpus has, that halves the pass."""

    query: Query
    weights: tuple[float, ...]
    # The terms its bonuses require: the fewest provisions one group is in bound its hits.
    groups: TermGroups

    def most(self, doc_freq: Callable[[str, str], int]) -> int | None:
        """At most how many hits the tier has (None: no bonus, as many as the matches)."""
        if not self.groups:
            return None
        return min(sum(doc_freq(f, t) for f, t in group) for group in self.groups)

    @property
    def shift(self) -> float:
        """What a hit's BM25 is raised by to rank among ``build``'s scores (64-bit sums,
        exact: a 32-bit BM25 and these few constants)."""
        return sum(self.weights)

    def score(self, shifted: float) -> float:
        """``build``'s score of the hit whose BM25 plus ``shift`` is ``shifted``: tantivy
        adds in 32-bit floats, one nested level at a time, and so does this (the same sums
        give the same scores, ties included). A few multiplications a bonus: for a page."""
        total = f32(shifted - self.shift)
        for weight in self.weights:
            total = f32(total + f32(weight))
        return total


def top_tier(parsed: ParsedQuery, expansions: dict[str, list[str]],
             filters: Filters, titled: Titled = _any_title) -> TopTier:
    query = matches_only(parsed, expansions, filters)
    clauses = _unique(parsed)
    weighted = _weighted_bonuses(clauses, expansions)
    required = [(Occur.Must, Query.const_score_query(bonus, 0.0)) for _, bonus in weighted]
    if required:
        query = Query.boolean_query([(Occur.Must, query), *required])
    # Titles rank the tier's hits among themselves and are not required of them: few
    # provisions have a heading, and a tier of titled hits alone would rarely fill a page.
    for bonus in _title_bonuses(clauses, expansions, titled):
        query = Query.boolean_query([(Occur.Must, query), (Occur.Should, bonus)])
    return TopTier(query, tuple(weight for weight, _ in weighted),
                   _bonus_terms(clauses, expansions))


def _bonus_terms(clauses: list[Clause], expansions: dict[str, list[str]]) -> TermGroups:
    """The terms ``_weighted_bonuses`` requires of a top-tier hit, as ``TermGroups``."""
    groups = [[("exact", t)] for c in _exact_clauses(clauses) for t in c.norm]
    groups += [[("pairs", p) for p in link] for link in _links(clauses, expansions)]
    groups += [[("cite", t)] for t in anchored(_citation(clauses))]
    return groups


_F32 = struct.Struct("f")


def f32(value: float) -> float:
    """``value`` as the nearest 32-bit float, as tantivy scores are."""
    return float(_F32.unpack(_F32.pack(value))[0])


def matches_only(parsed: ParsedQuery, expansions: dict[str, list[str]],
                 filters: Filters, relax: Relax | None = None) -> Query:
    """The hits, scored by BM25 alone: for counting, and the base of ``build``."""
    clauses = _unique(parsed)
    required = [c for c in clauses if not c.optional]
    scoring = [c for c in clauses if c.optional]
    filtered = _filters(filters)
    if relax is None:
        spread = _spread(required, expansions, filtered)
        if spread is not None:
            return Query.boolean_query([(Occur.Must, spread), *(
                (Occur.Should, _clause(c, expansions)) for c in scoring)])
        parts = [(Occur.Must, _clause(c, expansions)) for c in required]
    else:
        # Any ``need`` of the pool must match (a filter that scores 0); every clause that
        # does adds its BM25, so rarer words outweigh common ones.
        pool = [_word(unit, expansions) for unit in relax.pool]
        enough = _any([_every(list(s)) for s in itertools.combinations(pool, relax.need)])
        parts = [(Occur.Must, Query.const_score_query(enough, 0.0))]
        scoring = required + scoring
    parts += [(Occur.Should, _clause(c, expansions)) for c in scoring]
    return Query.boolean_query(parts + filtered)


def _spread(required: list[Clause], expansions: dict[str, list[str]],
            filters: list[tuple[tantivy.Occur, Query]]) -> Query | None:
    """The required clauses when one of them has a synonym's wordings, as a union of one
    intersection per wording (None when none has, or it is alone). A union inside an
    intersection reads each of its lists a window at a time wherever the other words
    lead: the law's "người lao động" for "công nhân" read positions through every
    provision that says it (29 ms a search at a million provisions, 3 ms without). Each
    intersection here is led by the rarest of its own words instead. The wordings are
    made exclusive (a hit counts in the branch of the first wording it has, the later
    ones adding their score there), so hits and scores are those of the union."""
    index = next((i for i, c in enumerate(required) if c.alternatives), None)
    if index is None or len(required) < 2:
        return None
    clause = required[index]
    rest = [(Occur.Must, _clause(c, expansions)) for c in required if c is not clause]
    wordings = [_together(w) for w in (clause.terms, *clause.alternatives)]
    branches = [Query.boolean_query([
        *rest, (Occur.Must, wording),
        *((Occur.MustNot, earlier) for earlier in wordings[:i]),
        *((Occur.Should, later) for later in wordings[i + 1:]), *filters])
        for i, wording in enumerate(wordings)]
    return _any(branches)


def linked(parsed: ParsedQuery, expansions: dict[str, list[str]],
           words: Sequence[tuple[Clause, ...]] = ()) -> Query | None:
    """The provisions with at least two of the query's words side by side (in any of their
    variants, or its citation); None when the query has no such pair. ``words``: the
    query's words (``compounds.words``); the two syllables of one word side by side are
    that word, not two words together.

    A hit that holds every word of a question but no two of them together ("nghỉ", "phép",
    "năm", "ngày" scattered over a clause about land; "đội" of "quân đội" far from "dân",
    "phòng" and "nhiệm vụ") is chance, like a hit that lacks a word: it should not stop the
    search from asking for most of the words instead. Asked of a few hits one at a time
    (``Query.explain``, a seek in each posting list), never run over the whole index."""
    clauses = _unique(parsed)
    inner = frozenset((unit[0], unit[1]) for unit in words if len(unit) == 2)
    pairs_ = [p for link in _links(clauses, expansions, inner) for p in link]
    if not pairs_:
        return None
    # The provision a query cites ("khoản 2 điều 5") holds those words in its citation.
    cite = _citation(clauses)
    return _any([*(Query.term_query(SCHEMA, "pairs", p) for p in dict.fromkeys(pairs_)),
                 *([_cited(cite)] if cite else [])])


def relaxation(parsed: ParsedQuery, rarity: Callable[[Clause], int],
               words: list[tuple[Clause, ...]] | None = None) -> Relax | None:
    """Half (rounded up) of the ``POOL`` rarest of the query's words (``words``: its
    required clauses grouped by ``compounds.words``; by default each clause alone); None
    for fewer than two clauses, or when no provision has any of them. A word is as rare as
    its rarest clause.
    The pool keeps the union of intersections small (35 at most) at any query length, and
    rare words are the ones that say what a question is about.

    A clause that no provision has (``rarity`` 0: "email", "online", "scan", a word the law
    never prints and no typo variant of it does) is left out: it can match nowhere, and in
    the pool it would be the rarest, take a place and raise ``need`` among the others
    ("scan … file pdf" then asked for every one of the remaining words)."""
    if words is None:
        words = [(c,) for c in _unique(parsed) if not c.optional]
    if sum(len(unit) for unit in words) < 2:
        return None
    found = [(min(rarity(c) for c in unit), unit) for unit in words]
    required = [(r, unit) for r, unit in found if r != 0]
    if not required:
        return None
    pool = tuple(unit for _, unit in sorted(required, key=lambda ru: ru[0])[:POOL])
    return Relax(pool, math.ceil(len(pool) / 2))


def _marked(clause: Clause, expansions: dict[str, list[str]]) -> Query:
    """A clause as a relaxed pool counts it: a word typed with its marks and no variant
    only with those marks ("cấm" is not the "cầm" of "gia cầm"), as a whole hit has it
    (``exact_floor``)."""
    if clause in _exact_clauses([clause]) and not expansions.get(clause.terms[0]):
        return _all_terms("exact", list(clause.norm))
    return _clause(clause, expansions)


def _word(unit: tuple[Clause, ...], expansions: dict[str, list[str]]) -> Query:
    """One word of a relaxed pool: a clause, or two syllables (any of their variants) side
    by side, read from ``pairs`` (a term lookup, no positions)."""
    if len(unit) == 1:
        return _marked(unit[0], expansions)
    adjacent = _any([Query.term_query(SCHEMA, "pairs", p)
                     for p in _link(unit[0], unit[1], expansions)])
    return _every([*(_clause(c, expansions) for c in unit),
                   Query.const_score_query(adjacent, 0.0)])


def _unique(parsed: ParsedQuery) -> list[Clause]:
    # A clause typed twice is required once: "cong cong" finds and ranks as "cong".
    return list(dict.fromkeys(parsed.clauses))


def exact_floor(parsed: ParsedQuery, expansions: dict[str, list[str]]) -> float:
    """The least score of a hit that has every word typed with diacritics as typed: below
    it, a hit matched some word only folded ("phát" for "phạt"), which is not the word. A
    word with typo variants or corrections may rightly match without its marks: it does
    not count."""
    return EXACT * sum(1 for c in _exact_clauses(_unique(parsed))
                       if not expansions.get(c.terms[0]))


def _exact_clauses(clauses: list[Clause]) -> list[Clause]:
    return [c for c in clauses
            if c.has_marks and c.norm and not c.optional and not c.alternatives]


def _bonuses(clauses: list[Clause], expansions: dict[str, list[str]], *,
             relaxed: bool = False, inner: Inner = frozenset()) -> list[Query]:
    return [Query.const_score_query(query, weight)
            for weight, query in _weighted_bonuses(clauses, expansions, relaxed=relaxed,
                                                   inner=inner)]


def _weighted_bonuses(clauses: list[Clause], expansions: dict[str, list[str]], *,
                      relaxed: bool = False, inner: Inner = frozenset()
                      ) -> list[tuple[float, Query]]:
    exact = EXACT_RELAXED if relaxed else EXACT
    bonuses = [(exact, _all_terms("exact", list(c.norm))) for c in _exact_clauses(clauses)]
    # The pair each clause forms with the next (in any of their variants): all of them
    # adjacent earn PHRASE. A question word's pairs say nothing about a provision.
    links = _links(clauses, expansions, inner)
    phrase = PHRASE_RELAXED if relaxed else PHRASE
    bonuses += [(phrase / len(links), _any([Query.term_query(SCHEMA, "pairs", p)
                                            for p in link]))
                for link in links]
    cite = _citation(clauses)
    if cite:
        bonuses.append((CITE, _cited(cite)))
    return bonuses


def _title_bonuses(clauses: list[Clause], expansions: dict[str, list[str]],
                   titled: Titled, *, relaxed: bool = False, inner: Inner = frozenset()
                   ) -> list[Query]:
    """TITLE shared among the query's links, each earned where the pair is adjacent in the
    provision's heading or its article's (``titles``). A link no title has earns nothing
    anywhere and is left out (the same scores, one nested level fewer)."""
    links = _links(clauses, expansions, inner)
    title = TITLE_RELAXED if relaxed else TITLE
    found = [[p for p in link if titled(p)] for link in links]
    bonuses = [Query.const_score_query(
                   _any([Query.term_query(SCHEMA, "titles", p) for p in pairs_]),
                   title / len(links))
               for pairs_ in found if pairs_]
    # The heading that is the question's words and no more: TITLE again, so among hits
    # equal on every other bonus the article named by the question comes first.
    heading = whole_heading([t for c in clauses if not c.optional for t in c.terms])
    return bonuses + [Query.const_score_query(Query.term_query(SCHEMA, "titles", h), title)
                      for h in heading if titled(h)]


def _links(clauses: list[Clause], expansions: dict[str, list[str]],
           inner: Inner = frozenset()) -> list[tuple[str, ...]]:
    """The pairs of adjacent required clauses (each as any of their variants), but for the
    two syllables of one word of a relaxed pool (``inner``)."""
    return list(dict.fromkeys(
        _link(a, b, expansions) for a, b in zip(clauses, clauses[1:], strict=False)
        if not a.optional and not b.optional and (a, b) not in inner))


# The syllable pairs that are one word of a relaxed pool.
Inner = frozenset[tuple[Clause, Clause]]


def _inner(relax: Relax | None) -> Inner:
    if relax is None:
        return frozenset()
    return frozenset((unit[0], unit[1]) for unit in relax.pool if len(unit) == 2)


def _link(a: Clause, b: Clause, expansions: dict[str, list[str]]) -> tuple[str, ...]:
    lasts = _ends(a, expansions, last=True)
    firsts = _ends(b, expansions, last=False)
    return tuple(pair(x, y) for x in lasts for y in firsts)


def _ends(clause: Clause, expansions: dict[str, list[str]], *, last: bool) -> list[str]:
    """The words a clause may begin (or end) with: as typed, its variants, the law's."""
    end = -1 if last else 0
    words = [clause.terms[end], *expansions.get(clause.terms[0], [])] if clause.is_word \
        else [clause.terms[end], *(alt[end] for alt in clause.alternatives)]
    return list(dict.fromkeys(words))[:LINK_VARIANTS]


def _citation(clauses: list[Clause]) -> list[str]:
    """The terms from where the query cites a provision ("điều 5", "khoản 2 điều 5") to its
    end, or to a synonym (``BLDS``: citations print the title instead); "luật công đoàn
    điều 5" cites from "điều". Empty when it cites none."""
    for i in range(len(clauses)):
        terms = [t for c in itertools.takewhile(lambda c: not c.alternatives, clauses[i:])
                 for t in c.terms]
        if len(terms) > 1 and terms[0] in CITE_WORDS and (i == 0 or _numbered(terms[1])):
            return terms
    return []


def _cited(terms: list[str]) -> Query:
    """The provisions cited as the query cites (``_citation``), in ``cite``. A year typed
    after the title ("điều 29 luật công đoàn 2024", "… năm 2024") is printed inside the
    number ("Luật Công đoàn 50/2024/QH15"): it is required as a term of the citation, not
    as the phrase's next word, which the number's first part stands in the way of."""
    if len(terms) > 3 and is_year(terms[-1]):
        title = terms[:-2] if terms[-2] == "nam" else terms[:-1]
        return _every([_sequence("cite", anchored(title)),
                       Query.term_query(SCHEMA, "cite", terms[-1])])
    return _sequence("cite", anchored(terms))


def _numbered(term: str) -> bool:
    # Arabic (Điều 5) or Roman (Chương II) numbers; a letter (điểm a) only at the start.
    return term.isdigit() or bool(term) and set(term) <= set("ivxlc")


def _clause(clause: Clause, expansions: dict[str, list[str]]) -> Query:
    """A word (or any of its variants), a phrase, or a synonym's words or the law's."""
    if clause.alternatives:
        # Its own words side by side too: "trừ lương" apart is "trừ trường hợp … lương".
        return _any([_together(clause.terms),
                     *(_together(alt) for alt in clause.alternatives)])
    if not clause.is_word:
        return _sequence("body", clause.terms)
    words = [clause.terms[0], *expansions.get(clause.terms[0], [])]
    if len(words) == 1:
        return Query.term_query(SCHEMA, "body", words[0])
    return _any([Query.term_query(SCHEMA, "body", word) for word in words])


def _together(terms: tuple[str, ...]) -> Query:
    """Words side by side. Two words: each in ``body`` (scored by BM25 as any word) and
    their pair as a term of ``pairs`` (scoring nothing), with no positions to read: as a
    phrase, positions were read at every candidate of words half the corpus has ("công
    nhân"). Longer sequences stay phrases."""
    if len(terms) != 2:
        return _sequence("body", terms)
    words = [Query.term_query(SCHEMA, "body", t) for t in terms]
    adjacent = Query.const_score_query(Query.term_query(SCHEMA, "pairs", pair(*terms)), 0.0)
    return _every([*words, adjacent])


def _sequence(field: str, terms: tuple[str, ...] | list[str]) -> Query:
    """Terms in this order; one term alone is a term query (tantivy panics on a phrase of
    one, which a quoted single word is)."""
    if len(terms) == 1:
        return Query.term_query(SCHEMA, field, terms[0])
    words: list[str | tuple[int, str]] = list(terms)
    return Query.phrase_query(SCHEMA, field, words)


def _any(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query(
        [(Occur.Should, q) for q in queries])


def _all_terms(field: str, words: list[str]) -> Query:
    return _every([Query.term_query(SCHEMA, field, w) for w in words])


def _every(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query(
        [(Occur.Must, q) for q in queries])


def section_query(section: str) -> Query:
    """The provisions at ``section`` and under it."""
    return Query.term_query(SCHEMA, "section", section)


def _filters(filters: Filters) -> list[tuple[tantivy.Occur, Query]]:
    pairs_ = [("doc", filters.doc), ("section", filters.section), ("kind", filters.kind),
              ("role", filters.role)]
    found = [
        (Occur.Must, Query.const_score_query(Query.term_query(SCHEMA, name, value), 0.0))
        for name, value in pairs_ if value
    ]
    if filters.in_force is not None:
        out = Query.term_set_query(SCHEMA, "doc", sorted(filters.not_in_force)) \
            if filters.not_in_force else Query.empty_query()
        found.append((Occur.MustNot, out) if filters.in_force
                     else (Occur.Must, Query.const_score_query(out, 0.0)))
    return found
