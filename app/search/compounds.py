"""Syllables that are one word: function words that are half of a word (``từ`` in ``từ
chối``, ``cho`` in ``cho vay``), and the words a relaxed search counts (``words``).

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
from app.search.query import Clause, ParsedQuery

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


# Two adjacent required syllables are one word of the query when at least this share of
# the provisions that have the rarer of them have the two side by side: "vi phạm" (0.15 of
# the provisions with "phạm"), "hợp pháp" (0.12), "tham gia" (0.32), "hỗ trợ" (0.64), but
# not "tiền quỹ" (0.001) nor "người nước" (0.01) of "người nước ngoài".
WORD_SHARE = 0.1
# Or when their pair is this share of the two syllables' provisions together (the Dice
# coefficient): a word whose syllables are each half of other common words ("hợp" of
# "trường hợp", "pháp" of "pháp luật") is a small share of either, and that share falls as
# laws are added ("hợp pháp": 0.108, then 0.099 with the Land Law 2024 and its thousand
# "trường hợp"), while its pair stays a steady part of the two together ("hợp pháp" 0.08,
# "tiền lương" 0.06; "người nước" 0.009, "tiền quỹ" 0.001, "không đồng" 0.006).
WORD_DICE = 0.05

# Required clauses of a query grouped into its words: one clause, or two syllables.
Unit = tuple[Clause, ...]


def words(searcher: tantivy.Searcher, parsed: ParsedQuery) -> list[Unit]:
    """The required clauses in query order, the two syllables of a compound as one unit.

    A relaxed search counts how many of the query's words a hit has: counted by syllable,
    "quỹ hỗ trợ đầu tư" was five of the seven words of "tiền của quỹ hỗ trợ đầu tư lấy từ
    đâu", and any provision naming the fund had "enough" of the question. Where two
    candidate pairs overlap ("người lao động"), the more telling one is the word
    ("lao động"). Cost: three term lookups for each pair of adjacent required words,
    asked when a search is relaxed or its best hits are checked for scattered words (a
    query of three required clauses or more, ``search._whole``)."""
    clauses = parsed.clauses
    links = [(_strength(searcher, clauses[i], clauses[i + 1]), i)
             for i in range(len(clauses) - 1)
             if _syllable(clauses[i]) and _syllable(clauses[i + 1])]
    joined: dict[int, int] = {}  # index of a syllable → index of its word's first
    for (dice, share), i in sorted(links, key=lambda link: (-link[0][0], link[1])):
        if (share >= WORD_SHARE or dice >= WORD_DICE) and i not in joined \
                and i + 1 not in joined:
            joined[i] = joined[i + 1] = i
    units = [tuple(clauses[i:i + 2]) if joined.get(i) == i else (c,)
             for i, c in enumerate(clauses) if not c.optional and joined.get(i, i) == i]
    return list(dict.fromkeys(units))


def _syllable(clause: Clause) -> bool:
    return clause.is_word and not clause.optional


def _strength(searcher: tantivy.Searcher, first: Clause, second: Clause
              ) -> tuple[float, float]:
    """How much two syllables are one word: the Dice coefficient of their pair (which of two
    overlapping pairs wins: "tài khoản" over "khoản vốn", where "vốn" is rare and "khoản"
    everywhere), and the share of the rarer one's provisions that hold the pair (whether
    they are one word at all)."""
    together = searcher.doc_freq("pairs", pair(first.terms[0], second.terms[0]))
    if together < MIN_PAIRS:
        return 0.0, 0.0
    each = (searcher.doc_freq("body", first.terms[0]),
            searcher.doc_freq("body", second.terms[0]))
    return 2 * together / max(sum(each), 1), together / max(min(each), 1)
