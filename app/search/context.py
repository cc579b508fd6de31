"""Real-word typos: a word that exists, typed where a near neighbour belongs.

``thời hiệu khởi kiệt`` is four real syllables, so the vocabulary's typo expansion (which
only expands words the corpus lacks) leaves them alone, and the query finds nothing
useful. The index knows which words stand next to each other (the ``pairs`` field): when
no provision has the typed word next to any of its neighbours in the query, but some have
a word one edit away next to all of them (``khởi kiện``), that word is searched too and
reported with the typo expansions. The search service asks only when the words as typed
match nothing: a phrase people type is often not one the law prints, so a missing pair
alone proves little.

Cost: two term lookups per query word, and for a suspicious word its one-edit variants
that the vocabulary holds (a few dozen dictionary probes), two lookups each.
"""

from __future__ import annotations

import string

import tantivy

from app.search.index import pair
from app.search.query import Clause, ParsedQuery
from app.search.vocab import Vocabulary

# A correction must stand next to both its query neighbours (each in at least one
# provision), or, at the edge of the query, next to its one neighbour in this many
# provisions and in this share of those that have the neighbour.
MIN_EDGE_PAIRS = 3
MIN_EDGE_SHARE = 0.05
MAX_CORRECTIONS = 2
_ALPHABET = string.ascii_lowercase + string.digits


def corrections(searcher: tantivy.Searcher, vocab: Vocabulary, parsed: ParsedQuery
                ) -> dict[str, list[str]]:
    """``{typed word: [likelier words]}`` for the words that stand next to none of their
    query neighbours in any provision, where a word one edit away stands next to all of
    them (at the query's edge, often: ``_edge_floor``)."""
    words = [c for c in parsed.clauses if not c.optional]
    found: dict[str, list[str]] = {}
    for i, clause in enumerate(words):
        if not _checkable(clause, vocab):
            continue
        before = words[i - 1].terms[-1] if i > 0 else None
        after = words[i + 1].terms[0] if i + 1 < len(words) else None
        if before is None and after is None:
            continue
        word = clause.terms[0]
        if any(_support(searcher, before, word, after)):
            continue
        ranked = sorted(((_support(searcher, before, v, after), v) for v in _edits(word, vocab)),
                        key=lambda pair: -sum(pair[0]))
        floor = _edge_floor(searcher, before or after or "") if before is None or after is None \
            else 1
        better = [v for sides, v in ranked if min(sides) >= floor][:MAX_CORRECTIONS]
        if better:
            found[word] = better
    return found


def _edge_floor(searcher: tantivy.Searcher, neighbour: str) -> int:
    """With one neighbour, a correction must follow it often: in ``MIN_EDGE_PAIRS``
    provisions and in ``MIN_EDGE_SHARE`` of those that have the neighbour."""
    return max(MIN_EDGE_PAIRS, int(MIN_EDGE_SHARE * searcher.doc_freq("body", neighbour)))


def _checkable(clause: Clause, vocab: Vocabulary) -> bool:
    word = clause.terms[0]
    return clause.is_word and not word.isdigit() and len(word) >= 2 \
        and word in vocab.doc_freq


def _support(searcher: tantivy.Searcher, before: str | None, word: str,
             after: str | None) -> tuple[int, ...]:
    """How many provisions have ``word`` right after ``before``, and right before
    ``after`` (one count per neighbour the query has)."""
    pairs = ([pair(before, word)] if before is not None else []) \
        + ([pair(word, after)] if after is not None else [])
    return tuple(searcher.doc_freq("pairs", pair) for pair in pairs)


def _edits(word: str, vocab: Vocabulary) -> set[str]:
    """Words of the vocabulary one edit from ``word`` (not numbers)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    candidates = {a + b[1:] for a, b in splits if b}
    candidates |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    candidates |= {a + c + b for a, b in splits for c in _ALPHABET}
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    candidates.discard(word)
    return {c for c in candidates if c in vocab.doc_freq and not c.isdigit()}
