"""Search service: parse the query, expand typos, ask the node's index, shape the page.

Costs per request: one look at the change log (is the index fresh?); the synonym table
and the real-word check (``app/search/synonyms.py``, ``app/search/context.py``: dictionary
and term lookups); one pass of the index that ranks and counts the hits, keeping the best
``max(offset + limit, 1000)`` in a heap (never a sort of every hit), and when some of the
best three have every word, whether each of those three has two words side by side (a
seek per posting list, ``_whole``); facets over those
best 1 000, which are every hit up to 1 000 hits (past that ``facets_exact`` is false);
one store query for the page's rows by primary key. Pages past the 10 000th hit are
refused, as search engines do. When every word is common, the pass asks first for the
hits that earn every ranking bonus (``plan.top_tier``), which come first anyway: if they
fill the window they are the answer, and past ``COUNT_CAP`` of them the total is a lower
bound (``total_is_exact`` false); below it the matches are counted on a second thread
while the tier is ranked (both in tantivy, without the GIL). Repeated searches are answered
from a per-process cache keyed by the index build and change. When no provision has every
word, one more pass asks with real-word corrections (``context``); if still fewer than
``FEW`` (a hit whose words all lie apart not counting, ``_whole``), one asks for
half of the words (``plan.relaxation``), then one word fewer each time while nothing has
them; the answer says so under ``relaxed`` (with the
number of hits that have every word) and marks each hit that lacks some ``partial``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import tantivy
from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from app.core.config import get_settings, index_dir_for
from app.db import models
from app.db.analysis_models import Term
from app.errors import BadQuery
from app.search import compounds, context, highlight, plan, synonyms
from app.search.index import facet_key
from app.search.query import Clause, ParsedQuery, parse_query
from app.search.sync import Snapshot, fresh_index
from app.search.vocab import Vocabulary, vocabulary
from app.services import crumbs, status
from app.services.metrics import SEARCH_SECONDS
from parsers import abbreviations, vntext
from parsers.model import KINDS, ROLES

FACET_SIZE = 50
# Facets count the best FACET_SAMPLE hits: every hit when there are no more.
FACET_SAMPLE = 1_000
FACET_NAMES_KEPT = 1_000_000
# Deeper pages cost a heap of offset + limit hits; search engines stop at 10 000 too.
MAX_WINDOW = 10_000
# Past this many hits with every bonus, the total is reported as at least that many
# (``total_is_exact`` false), as search engines do, instead of counting every match.
COUNT_CAP = 10_000
# A word in fewer provisions than this keeps the ranked pass cheap (the index intersects
# from the rarest word): the top tier is tried only when every word is this common.
TIER_FROM = 5_000
# Fewer hits than this with every word, and the search asks again for enough of the words
# (``plan.relaxation``): two provisions that happen to hold every word of a question rarely
# answer it, and the top 3 is what a reader looks at. The second pass runs only then, and
# is bounded like the first (a union of at most 35 intersections).
FEW = 3
# Of the best GROUPED hits, an article's best comes before any second hit of one article,
# so three clauses of one article do not fill the top 3 when another article answers too.
# Bounded: one fast-field read of GROUPED keys, whatever the number of hits.
GROUPED = 100
_ARTICLE_KIND = facet_key("article", "kind")
FACETS = {"documents": "doc", "sections": "root", "kinds": "kind", "roles": "role"}
_P = models.table_of(models.Provision)
_T = models.table_of(Term)
PAGE_COLUMNS = (_P.c.pk, _P.c.id, _P.c.document_id, _P.c.path, _P.c.kind, _P.c.role,
                _P.c.label, _P.c.cite_label, _P.c.cite_as, _P.c.heading, _P.c.text,
                _P.c.ancestry)
# Built once, so every page reuses the compiled statement.
_PAGE = select(*PAGE_COLUMNS).where(_P.c.pk.in_(bindparam("pks", expanding=True)))
_PAGE_NAMES = tuple(column.name for column in PAGE_COLUMNS)


@dataclass(frozen=True)
class SearchParams:
    q: str
    limit: int = 20
    offset: int = 0
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None
    in_force: bool | None = None


def search(session: Session, params: SearchParams, index_dir: Path | None = None
           ) -> dict[str, Any]:
    """Run one search.

    Args:
        session: a session on a database migrated to head.
        params: the query, page and filters.
        index_dir: this node's index folder (default: from the settings and the URL).

    Returns:
        ``{"total", "items", "facets", "expansions", "index"}``; items are best first.

    Raises:
        BadQuery: no searchable words, too many words, an unknown kind/role, or a page
            deeper than ``MAX_WINDOW`` hits.
    """
    filters = _filters(params)
    parsed, used = synonyms.apply(parse_query(params.q), _synonym_table())
    root = index_dir or _default_index_dir(session)
    with SEARCH_SECONDS.time():
        snapshot = fresh_index(session, root)
        if params.in_force is not None:
            # Stored facts, an indexed comparison (app/services/status.py): no cache to keep.
            filters = replace(filters, not_in_force=status.out_of_force(session))
        key = (str(root), snapshot.state.build, snapshot.state.seq, params, filters)
        cached = _cache.get(key)
        if cached is None:
            cached = {**_search(session, snapshot, parsed, filters, params), "synonyms": used}
            _cache.put(key, cached)
    return {**cached, "index": {"seq": snapshot.state.seq, "lag": snapshot.lag}}


def _search(session: Session, snapshot: Snapshot, parsed: ParsedQuery, filters: plan.Filters,
            params: SearchParams) -> dict[str, Any]:
    vocab = vocabulary(session, snapshot.head)
    searcher = snapshot.index.searcher()
    parsed = compounds.keep_compounds(searcher, parsed)
    expansions = _expansions(vocab, parsed)
    defining = _defining(session, parsed)
    total, exact, found, rescore = _ranked(searcher, parsed, expansions, filters, params,
                                           defining=defining)
    if not total:
        fixes = context.corrections(searcher, vocab, parsed)
        if fixes:
            expansions = {w: [*v, *fixes.get(w, [])] for w, v in expansions.items()}
            total, exact, found, rescore = _ranked(searcher, parsed, expansions, filters,
                                                   params, defining=defining)
    # The best hits are sorted by score: the whole ones (every word, each typed with its
    # diacritics found with them) lead, so counting up to FEW of them reads FEW scores.
    floor = plan.exact_floor(parsed, expansions)
    # The query's words, looked up once if at all: the whole hits and a relaxed search both
    # read them.
    words = functools.cache(lambda: compounds.words(searcher, parsed))
    first = _whole(searcher, parsed, expansions, found, floor, rescore, words)
    exact_hits = len(first)
    relax = None if exact_hits >= FEW else plan.relaxation(
        parsed, _rarity(searcher, expansions), words())
    whole = {_key(address) for _, address in first}
    if relax is not None:
        total, exact, more, _ = _ranked(searcher, parsed, expansions, filters, params,
                                        relax, defining=defining)
        # Half of the rare words may still be more than any one provision holds ("thắp
        # hương đốt vàng mã … lưu ý": the article says "đốt vàng mã", three of the seven):
        # one fewer each time while fewer than FEW have them, rather than no answer at all
        # or one that happens to hold four words of seven; those that have more come first.
        while len(more) < FEW and relax.need > 1:
            relax = replace(relax, need=relax.need - 1)
            total, exact, looser, _ = _ranked(searcher, parsed, expansions, filters, params,
                                              relax, defining=defining)
            seen = {_key(address) for _, address in more}
            more = [*more, *(hit for hit in looser if _key(hit[1]) not in seen)]
        # The few hits with every word stay first (their scores are of another query).
        found = [*first, *(hit for hit in more if _key(hit[1]) not in whole)]
    found, bounds, stand_in = _by_article(searcher, found, whole, forms=_asks_for_form(parsed))
    window = params.offset + params.limit
    # The top tier's hits are ranked by BM25 raised by a constant; the page shows the
    # scores of the full ranking (``plan.TopTier.score``), its ties included.
    page = [(pk, rescore(score)) for pk, score in _pks(searcher, found[params.offset:window])]
    on_page = list(zip(page, found[params.offset:window], strict=False))
    partial = set() if relax is None else {
        pk for (pk, _), (_, address) in on_page if _key(address) not in whole}
    # Where each hit ranks on the page: its tier, and a stand-in article the score of the
    # hit it stands for.
    ranks = {pk: (bisect.bisect_right(bounds, params.offset + i),
                  float(rescore(stand_in[_key(address)]) if _key(address) in stand_in
                        else score))
             for i, ((pk, score), (_, address)) in enumerate(on_page)}
    facets = _facets(searcher, [address for _, address in found[:FACET_SAMPLE]])
    return {
        "total": total,
        "total_is_exact": exact,
        "items": _items(session, _in_order(page, partial, ranks), parsed, expansions,
                        partial=partial, version=snapshot.head),
        "facets": facets,
        "facets_exact": total <= FACET_SAMPLE,
        "expansions": {term: variants for term, variants in expansions.items() if variants},
        "relaxed": _relaxed(relax, exact_hits),
    }


Hits = list[tuple[Any, tantivy.DocAddress]]
# Words of a query, at least, for a hit that holds them all apart to be chance: two words
# in one provision ("lao động", "việc làm") are what was asked; four in a long clause about
# something else ("nghỉ", "phép", "năm", "ngày") are not.
SCATTER_WORDS = 3


def _whole(searcher: tantivy.Searcher, parsed: ParsedQuery, expansions: dict[str, list[str]],
           found: Hits, floor: float, rescore: Callable[[float], float],
           words: Callable[[], list[compounds.Unit]]) -> Hits:
    """The whole hits among the best ``FEW`` (every word, each typed with its diacritics
    found with them), less those with no two of the query's words side by side
    (``plan.linked``; a compound's own two syllables are one word): scattered words are
    chance, and the search then asks for most of the words instead. Each of those few hits
    is asked alone (``_matches``), only when some of the best are whole; none when the top
    tier answered (its hits have every pair adjacent)."""
    whole = list(itertools.takewhile(lambda hit: hit[0] >= floor, found[:FEW]))
    if not whole or rescore is not _same:
        return whole
    # The words are never more than the distinct required clauses: a shorter query needs
    # no term lookups to be let through.
    required = {c for c in parsed.clauses if not c.optional}
    if len(required) < SCATTER_WORDS or len(words()) < SCATTER_WORDS:
        return whole
    query = plan.linked(parsed, expansions, words())
    if query is None:
        return whole
    return [hit for hit in whole if _matches(searcher, query, hit[1])]


def _matches(searcher: tantivy.Searcher, query: tantivy.Query,
             address: tantivy.DocAddress) -> bool:
    """Whether one hit matches ``query``: a seek in each of its posting lists. A search
    restricted to the hit's row id instead read the whole ``pk`` column (0.7 ms at 100 000
    provisions, growing with the corpus; this is a few microseconds)."""
    return _score_of(searcher, query, address) is not None


def _score_of(searcher: tantivy.Searcher, query: tantivy.Query,
              address: tantivy.DocAddress) -> float | None:
    """One hit's score under ``query`` (None: it does not match), read alone."""
    try:
        explanation = query.explain(searcher, address)
    except ValueError as exc:
        if "does not match" in str(exc):
            return None
        raise
    # The explanation prints the 32-bit score shortest: read back as that float.
    return plan.f32(float(json.loads(explanation.to_json())["value"]))


def _with_defining(searcher: tantivy.Searcher,
                   tier: tuple[int, bool, Hits, Callable[[float], float]],
                   ranked: tantivy.Query, defining: tuple[int, ...]
                   ) -> tuple[int, bool, Hits, Callable[[float], float]]:
    """The top tier's hits with the provisions that define what a "… là gì" question asks
    where the full ranking (``ranked``) puts them: the tier knows no definition bonus, and
    a definition may lack a bonus the tier requires. The few defining rows are scored alone
    (one term of ``pk`` each, then ``_score_of``), so the question still needs no pass
    that ranks every hit of its common words (55–125 ms at a million provisions)."""
    total, exact, hits, rescore = tier
    rows = searcher.search(plan.row_ids(defining), len(defining), count=False).hits
    scored = [(score, address) for _, address in rows
              if (score := _score_of(searcher, ranked, address)) is not None]
    if not scored:
        return tier
    moved = {_key(address) for _, address in scored}
    # Stable: among equal scores the tier's hits keep the index's order.
    merged = sorted([*(hit for hit in hits if _key(hit[1]) not in moved), *scored],
                    key=lambda hit: -hit[0])
    # Their scores are the full ranking's already; the tier's hits still need ``rescore``.
    full = {score for score, _ in scored}
    return total, exact, merged[:len(hits)], \
        lambda score: score if score in full else rescore(score)


def _ranked(searcher: tantivy.Searcher, parsed: ParsedQuery, expansions: dict[str, list[str]],
            filters: plan.Filters, params: SearchParams, relax: plan.Relax | None = None,
            *, defining: tuple[int, ...] = ()
            ) -> tuple[int, bool, Hits, Callable[[float], float]]:
    """The total, whether it is exact, the best ``max(offset + limit, FACET_SAMPLE)`` hits,
    and what turns their scores into the full ranking's."""
    ranked = plan.build(parsed, expansions, filters, relax, defining, _titled(searcher))
    window = params.offset + params.limit
    if window > MAX_WINDOW:
        total = _count(searcher, plan.matches_only(parsed, expansions, filters, relax))
        if params.offset < total:
            raise BadQuery(f"results past the first {MAX_WINDOW} cannot be paged to; "
                           "narrow the query with words or filters", max_window=MAX_WINDOW)
        hits = searcher.search(ranked, FACET_SAMPLE, count=False).hits if total else []
        return total, True, hits, _same
    wanted = max(window, FACET_SAMPLE)
    counting: Future[int] | None = None
    if relax is None and _common(searcher, parsed):
        answer, counting = _tiered(searcher, parsed, expansions, filters, wanted)
        if answer is not None:
            return _with_defining(searcher, answer, ranked, defining) if defining else answer
    # One pass: the page, the count (unless the tier's is under way), and enough of the
    # best hits to count facets on.
    result = searcher.search(ranked, wanted, count=counting is None)
    total = counting.result() if counting else int(result.count)  # type: ignore[attr-defined]
    return total, True, result.hits, _same


def _tiered(searcher: tantivy.Searcher, parsed: ParsedQuery, expansions: dict[str, list[str]],
            filters: plan.Filters, wanted: int
            ) -> tuple[tuple[int, bool, Hits, Callable[[float], float]] | None,
                       Future[int] | None]:
    """The top tier's answer (None: it cannot fill the window), and the count of every match
    when it was started beside the tier (the one-pass ranking then takes it)."""
    tier = plan.top_tier(parsed, expansions, filters, _titled(searcher))
    most = tier.most(searcher.doc_freq)
    if most is not None and most < wanted:
        return None, None  # too few, known from term frequencies alone: no pass that fails
    matches = plan.matches_only(parsed, expansions, filters)
    if most is None or most >= COUNT_CAP:
        return _top_tier(searcher, tier, wanted, functools.partial(_count, searcher, matches)), \
            None
    # Under COUNT_CAP hits in the tier: the total will be counted whether the tier answers
    # or not, so on another core while this one ranks (the bindings release the GIL).
    counting = _ASIDE.submit(_count, searcher, matches)
    return _top_tier(searcher, tier, wanted, counting.result), counting


# Counts run beside the ranking pass of their search (``_ranked``): as many threads as
# searches that may run at once (anyio's pool), so no search waits for another's count.
_ASIDE = ThreadPoolExecutor(max_workers=40, thread_name_prefix="vnlex-count")


# A pair in the titles of more than this share of the provisions names no article: in the
# Labour Code "người lao động" heads a tenth of them, and an article's title holding it
# outranked an objective about "thoả ước lao động tập thể" (tests/app/api/routes/
# test_app_search_route.py). Such a pair earns no title bonus, as a common word little BM25.
# In a few titles a pair is telling whatever their share (one short law of twenty rows).
TITLE_COMMON = 0.05
TITLE_FEW = 20


def _titled(searcher: tantivy.Searcher) -> plan.Titled:
    """Whether a pair is in some title, and in few enough of them to tell an article."""
    most = max(TITLE_COMMON * searcher.num_docs, TITLE_FEW)

    def titled(pair_: str) -> bool:
        return 0 < searcher.doc_freq("titles", pair_) <= most
    return titled


def _same(score: float) -> float:
    return score


def _common(searcher: tantivy.Searcher, parsed: ParsedQuery) -> bool:
    """Whether every required word is in ``TIER_FROM`` provisions: only then can the hits
    with every bonus fill the facets' sample, and only then does ranking them all cost."""
    required = [c for c in parsed.clauses if not c.optional]
    rarity = _rarity(searcher)
    return bool(required) and all(rarity(c) >= TIER_FROM for c in required)


def _top_tier(searcher: tantivy.Searcher, tier: plan.TopTier, wanted: int,
              count: Callable[[], int]
              ) -> tuple[int, bool, Hits, Callable[[float], float]] | None:
    """The best ``wanted`` hits when the hits with every bonus (``plan.top_tier``) are at
    least that many: they are then the best of all, in the same order with the same scores.
    Their number is a lower bound of the total; past ``COUNT_CAP`` it is reported as such,
    below it the total is ``count()`` (matching alone, without ranking). None: too few."""
    result = searcher.search(tier.query, wanted, count=True)
    found = int(result.count)  # type: ignore[attr-defined]
    if found < wanted:
        return None
    shift = tier.shift
    hits = [(score + shift, address) for score, address in result.hits]
    if found >= COUNT_CAP:
        return found, False, hits, tier.score
    return count(), True, hits, tier.score


# "mẫu", folded: a query that names a form ("mẫu văn bản đề nghị") wants the form itself.
FORM_WORD = "mau"


def _asks_for_form(parsed: ParsedQuery) -> bool:
    return any(FORM_WORD in c.terms for c in parsed.clauses)


# "là gì", folded: a question that asks what a term means.
_WHAT_IS = ("la", "gi")
# Of the terms a question's words begin, this many at most earn the definition bonus.
MAX_DEFINING = 3


def _defining(session: Session, parsed: ParsedQuery) -> tuple[int, ...]:
    """The row ids of the provisions that define what a "… là gì" question asks: the
    defined term (``Giải thích từ ngữ``) that its words spell, or else the few that begin
    with them ("thuê mua nhà" → "Thuê mua nhà ở, công trình xây dựng"). Lookups on the
    indexed folded term (the term, then the range of those it begins), only for such
    questions."""
    words = [c.terms[0] for c in parsed.clauses if c.optional]
    if not any(tuple(words[i:i + 2]) == _WHAT_IS for i in range(len(words) - 1)):
        return ()
    asked = _asked(parsed)
    if not asked:
        return ()
    defined = select(_T.c.folded, _P.c.pk).join(_P, _P.c.id == _T.c.provision_id)
    exact = session.execute(defined.where(_T.c.folded.in_(asked)).limit(MAX_DEFINING)).all()
    if exact:
        return tuple(pk for _, pk in exact)
    # A range of the index, not LIKE 'x %', which reads every defined term on SQLite:
    # folded terms are [a-z0-9 ], and "!" is the character after " ". (Checked again here:
    # on PostgreSQL a collation other than C may order the range otherwise.)
    rows = session.execute(
        defined.where(or_(*(and_(_T.c.folded > term + " ", _T.c.folded < term + "!")
                            for term in asked)))
        .order_by(func.length(_T.c.folded)).limit(MAX_DEFINING)).all()
    return tuple(pk for folded, pk in rows if any(folded.startswith(term + " ")
                                                   for term in asked))


# Of the wordings a "… là gì" question may have with its synonyms, at most this many are
# looked up.
MAX_ASKED = 4


def _asked(parsed: ParsedQuery) -> list[str]:
    """The folded term a "… là gì" question asks about: as typed, then with a synonym's
    wordings in the law's ("doanh nghiệp fdi" → "doanh nghiệp có vốn đầu tư trực tiếp nước
    ngoài"), which is how a definition names it."""
    options = [[c.terms, *c.alternatives] for c in parsed.clauses if not c.optional]
    if not options:
        return []
    spelled = itertools.islice(itertools.product(*options), MAX_ASKED)
    return list(dict.fromkeys(" ".join(t for terms in words for t in terms)
                              for words in spelled))


def _relaxed(relax: plan.Relax | None, exact_hits: int) -> dict[str, Any] | None:
    """What a relaxed answer tells the user: the words that counted, how many of them
    each hit has at least, and how many hits have every word."""
    if relax is None:
        return None
    return {"words": [" ".join(w for c in unit for w in c.norm or c.terms)
                      for unit in relax.pool],
            "min_matched": relax.need, "exact_hits": exact_hits}


def _key(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


def _rarity(searcher: tantivy.Searcher, expansions: dict[str, list[str]] | None = None
            ) -> Callable[[Clause], int]:
    """How many provisions have a clause's rarest term (a synonym clause counts as rarest,
    -1: the law's wording is what the user means); 0 only when no provision has it, nor
    any of its variants (``expansions``, read only for a word the index lacks)."""
    def rarity(clause: Clause) -> int:
        if clause.alternatives:
            return -1
        found = min(searcher.doc_freq("body", term) for term in clause.terms)
        if found or not expansions or not clause.is_word:
            return found
        return sum(searcher.doc_freq("body", v) for v in expansions.get(clause.terms[0], []))
    return rarity


@functools.lru_cache(maxsize=1)
def _synonym_table() -> synonyms.Table:
    table = synonyms.load(get_settings().synonyms_path)
    return synonyms.with_abbreviations(table, abbreviations.default_table())


def section_exists(session: Session, section: str, index_dir: Path | None = None) -> bool:
    """Whether any provision has the path ``section`` or lies under it (one term of the
    index: the store has no index on paths alone)."""
    snapshot = fresh_index(session, index_dir or _default_index_dir(session))
    return bool(snapshot.index.searcher().search(plan.section_query(section), 1).hits)


def _pks(searcher: tantivy.Searcher, found: list[tuple[Any, tantivy.DocAddress]]
         ) -> list[tuple[int, float]]:
    """(pk, score) of the hits, in the index's order."""
    pks = searcher.fast_field_values("pk", [address for _, address in found])
    return [(int(pk), float(score)) for pk, (score, _) in zip(pks, found, strict=True)
            if pk is not None]


def _in_order(page: list[tuple[int, float]], partial: set[int],
              ranks: dict[int, tuple[int, float]]) -> list[tuple[int, float]]:
    """Equal scores in store order, whatever segment they came from (which of a tie that
    straddles the page boundary lands on this page follows the index's order); each
    article's first hit before second hits (``_by_article``'s tiers and stand-in scores);
    hits with every word before partial ones, whose scores come from another query."""
    def key(hit: tuple[int, float]) -> tuple[int, bool, float, int]:
        tier, score = ranks.get(hit[0], (0, hit[1]))
        return tier, hit[0] in partial, -score, hit[0]
    return sorted(page, key=key)


def _by_article(searcher: tantivy.Searcher, found: list[tuple[Any, tantivy.DocAddress]],
                whole: set[tuple[int, int]], *, forms: bool = False
                ) -> tuple[list[tuple[Any, tantivy.DocAddress]], list[int],
                           dict[tuple[int, int], Any]]:
    """The best ``GROUPED`` hits, one per article first (in the order of each article's best
    hit), then the other hits (in theirs); the rest as they were. An article that is itself
    among them stands for its clauses when it has every word as their best does: its heading
    names what they say. Lines of a blank form (``Mẫu số 01``) come after all the others
    there, grouped the same way, unless the query asks for a form (``forms``): a form
    repeats the words of the articles it serves and answers none. Also where the tiers end,
    and the score each stand-in ranks by."""
    head = found[:GROUPED]
    addresses = [address for _, address in head]
    keys = searcher.fast_field_values("article_key", addresses)
    kinds = searcher.fast_field_values("kind_key", addresses)
    blank = [False] * len(head) if forms else \
        [bool(b) for b in searcher.fast_field_values("blank", addresses)]
    parts = [[i for i in range(len(head)) if blank[i] == in_form] for in_form in (False, True)]
    ordered: list[tuple[Any, tantivy.DocAddress]] = []
    bounds: list[int] = []
    stand_in: dict[tuple[int, int], Any] = {}
    for part in parts:
        if not part:
            continue
        firsts, repeats = _grouped([head[i] for i in part], [keys[i] for i in part],
                                   [kinds[i] for i in part], whole, stand_in)
        ordered += firsts
        bounds.append(len(ordered))
        ordered += repeats
        bounds.append(len(ordered))
    return [*ordered, *found[GROUPED:]], bounds, stand_in


def _grouped(head: list[tuple[Any, tantivy.DocAddress]], keys: list[Any], kinds: list[Any],
             whole: set[tuple[int, int]], stand_in: dict[tuple[int, int], Any]
             ) -> tuple[list[tuple[Any, tantivy.DocAddress]],
                        list[tuple[Any, tantivy.DocAddress]]]:
    """``head``'s first hit of each article (or the article standing for it, whose stand-in
    score is put in ``stand_in``), and its other hits."""
    own: dict[Any, int] = {}
    for i, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
        if kind == _ARTICLE_KIND:
            own.setdefault(key, i)
    firsts, repeats, seen, taken = [], [], set(), set()
    for i, (hit, key) in enumerate(zip(head, keys, strict=True)):
        if i in taken:
            continue
        if key in seen:
            repeats.append(hit)
            continue
        seen.add(key)
        j = own.get(key, i)  # never before i: the article would have been seen
        if j != i and (_key(head[j][1]) in whole) == (_key(hit[1]) in whole):
            firsts.append(head[j])
            taken.add(j)
            repeats.append(hit)
            stand_in[_key(head[j][1])] = hit[0]
        else:
            firsts.append(hit)
    return firsts, repeats


# Every provision has a ``blank`` value (0 or 1), so counting them counts the hits. An
# aggregation asks for no score: a search counts through a top-k collector, which scores
# every hit (bindings' multi-collector, no pruning). Common words at a million provisions:
# 1.7-4.2 ms a count that way, 1.1-2.9 ms this way (scripts/count_bench.py).
_COUNT = {"hits": {"value_count": {"field": "blank"}}}


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return int(searcher.aggregate(query, _COUNT)["hits"]["value"])


class _LRU:
    """Answers to repeated searches, keyed by the index build and change they came from, so
    an ingest never serves a stale one."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> dict[str, Any] | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: dict[str, Any]) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_cache = _LRU(get_settings().search_cache_size)  # a few KB an answer


def _default_index_dir(session: Session) -> Path:
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    return index_dir_for(url, _CONFIGURED_INDEX_DIR)


_CONFIGURED_INDEX_DIR = get_settings().index_dir  # read once: settings parse the environment


def _filters(params: SearchParams) -> plan.Filters:
    """The filters as asked (the documents out of force are added once the store's change
    is known); bad values refused before any work on the index."""
    # "" is no kind and no role: refused, as the schema's enums say (not read as no filter).
    if params.kind is not None and params.kind not in KINDS:
        raise BadQuery(f"unknown kind {params.kind!r}", valid=list(KINDS))
    if params.role is not None and params.role not in ROLES:
        raise BadQuery(f"unknown role {params.role!r}", valid=list(ROLES))
    # A doc that slugs to nothing must still filter (to no hits), not vanish.
    doc = (vntext.slug(params.doc) or params.doc) if params.doc else None
    section = params.section.strip() if params.section else None
    return plan.Filters(doc=doc, section=section or None, kind=params.kind, role=params.role,
                        in_force=params.in_force)


def _expansions(vocab: Vocabulary, parsed: ParsedQuery) -> dict[str, list[str]]:
    return {c.terms[0]: vocab.expand(c.terms[0]) for c in parsed.clauses if c.is_word}


def _items(session: Session, hits: list[tuple[int, float]], parsed: ParsedQuery,
           expansions: dict[str, list[str]], *, partial: set[int],
           version: int) -> list[dict[str, Any]]:
    """The page's rows from the store, in the index's order. A row deleted since the index
    saw it is left out (the next sync drops it from the index)."""
    if not hits:
        return []
    rows = session.connection().execute(_PAGE, {"pks": [pk for pk, _ in hits]}).all()
    # Tuples zipped with the column names: ``.mappings()`` cost a tenth of a search.
    by_pk = {row[0]: dict(zip(_PAGE_NAMES, row, strict=True)) for row in rows}
    chains = crumbs.breadcrumbs(session, by_pk.values(), version=version)
    regex = highlight.pattern(
        [t for c in parsed.clauses if c.is_word for t in c.terms]
        + [v for variants in expansions.values() for v in variants],
        [c.terms for c in parsed.clauses if not c.is_word],
    )
    return [{**_item({**by_pk[pk], "score": score}, chains[by_pk[pk]["id"]], regex),
             "partial": pk in partial}
            for pk, score in hits if pk in by_pk]


def _item(row: dict[str, Any], chain: list[dict[str, str | None]],
          regex: re.Pattern[str] | None) -> dict[str, Any]:
    return {
        **_fields(row),
        "breadcrumbs": chain,
        "snippet": _snippet(row, regex),
        "score": round(float(row["score"]), 6),
    }


def _snippet(row: dict[str, Any], regex: re.Pattern[str] | None) -> str:
    """The text around the first match; the heading when only it matched or there is no text."""
    text_snippet = highlight.snippet(row["text"], regex)
    heading = row["heading"]
    if not heading or "<mark>" in text_snippet and row["text"].strip():
        return text_snippet
    heading_snippet = highlight.snippet(heading, regex)
    if not row["text"].strip() or "<mark>" in heading_snippet:
        return heading_snippet
    return text_snippet


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "doc_id": row["document_id"],
        "path": row["path"],
        "kind": row["kind"],
        "role": row["role"],
        "label": row["label"],
        "cite_label": row["cite_label"],
        "cite_as": row["cite_as"],
        "heading": row["heading"],
        "text": row["text"],
    }


def _facets(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]
            ) -> dict[str, list[dict[str, Any]]]:
    """Counts by document, top-level section, kind and role over ``addresses`` (best
    first): the top ``FACET_SIZE`` of each; equal counts in the order of their best hit, so
    only the values shown are ever named (naming every value tied at the cut, then sorting
    by name, was half the time of a search at a million provisions)."""
    out = {}
    for name, field in FACETS.items():
        keys = searcher.fast_field_values(f"{field}_key", addresses)
        # Counter keeps first appearances in order, and most_common sorts stably: equal
        # counts stay in the order of their best hit. C loops only (a thousand hits).
        counts = Counter(keys)
        counts.pop(None, None)
        top = counts.most_common(FACET_SIZE)
        named = ((_facet_names.get((field, k)) or _facet_value(searcher, field, keys, k,
                                                               addresses), n)
                 for k, n in top)
        out[name] = [{"value": value, "count": n} for value, n in named if value]
    return out


_facet_names: dict[tuple[str, Any], str] = {}


def _facet_value(searcher: tantivy.Searcher, field: str, keys: list[Any], key: Any,
                 addresses: list[tantivy.DocAddress]) -> str:
    """The text behind a facet key not yet named: read from the stored fields of its best
    hit (found only now: a scan of the keys), then remembered (a corpus has as many values
    as documents, sections, kinds and roles, not hits)."""
    name = str(searcher.doc(addresses[keys.index(key)]).get_first(field) or "")
    if len(_facet_names) < FACET_NAMES_KEPT:
        _facet_names[(field, key)] = name
    return name
