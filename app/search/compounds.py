"""Function words that are half of a word: ``từ`` in ``từ chối``, ``cho`` in ``cho vay``.

Question and function words are optional (``app/search/query.py``), but Vietnamese writes
compounds as separate syllables, and some compounds begin or end with a syllable that is a
function word alone: ``từ chối`` (refuse) is not ``từ`` (from) + ``chối``. An optional word
is required again when the index says its neighbour in the query rarely stands without it:
the pair (the ``pairs`` field) is in at least ``COMPOUND_SHARE`` of the provisions that
have the neighbour. ``từ ngày`` stays optional (``ngày`` stands alone in most provisions),
``từ chối`` does not.

Cost: for each optional word next to a required one, two term lookups (the pair and the
neighbour); nothing proportional to the hits.
"""

from __future__ import annotations

from dataclasses import replace

import tantivy

from app.search.index import pair
from app.search.query import ParsedQuery

COMPOUND_SHARE = 0.5
MIN_PAIRS = 3  # a pair in fewer provisions says nothing


def keep_compounds(searcher: tantivy.Searcher, parsed: ParsedQuery) -> ParsedQuery:
    """``parsed`` with each optional word that forms a compound with a neighbour
    required."""
    clauses = parsed.clauses
    keep = [c.optional and c.is_word and any(
        _compound(searcher, clauses[i].terms[0], clauses[j].terms[0], before=j > i)
        for j in (i - 1, i + 1)
        if 0 <= j < len(clauses) and clauses[j].is_word and not clauses[j].optional)
        for i, c in enumerate(clauses)]
    if not any(keep):
        return parsed
    return ParsedQuery([replace(c, optional=False) if k else c
                        for c, k in zip(clauses, keep, strict=True)])


def _compound(searcher: tantivy.Searcher, word: str, neighbour: str, *, before: bool) -> bool:
    # The index's own pair token (``index.pair``): a hand-written "a b" was never a term of
    # ``pairs`` ("a_b"), and this rule required nothing until that was seen.
    together = searcher.doc_freq("pairs", pair(word, neighbour) if before
                                 else pair(neighbour, word))
    alone = searcher.doc_freq("body", neighbour)
    return together >= MIN_PAIRS and together >= COMPOUND_SHARE * alone
