"""Typo tolerance: expand a query term to the index's own terms within an edit distance.

The vocabulary (``provisions_fts_vocab``) is loaded once per index generation and cached;
an ingest bumps ``search_state.generation``, which invalidates the cache in every process.
Only terms missing from the vocabulary are expanded: a word the corpus contains is taken as
meant, which keeps precision for short Vietnamese syllables (``luat`` is not ``luan``).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import text
from sqlalchemy.orm import Session

MAX_VARIANTS = 8


def max_edits(term: str) -> int:
    """4+ characters may carry one typo, 8+ two."""
    if len(term) >= 8:
        return 2
    if len(term) >= 4:
        return 1
    return 0


@dataclass
class Vocabulary:
    generation: int
    doc_freq: dict[str, int] = field(default_factory=dict)
    by_length: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, session: Session, generation: int) -> Vocabulary:
        vocab = cls(generation=generation)
        for term, docs in session.execute(text("SELECT term, doc FROM provisions_fts_vocab")):
            vocab.doc_freq[term] = docs
            vocab.by_length[len(term)].append(term)
        return vocab

    def expand(self, term: str) -> list[str]:
        """Index terms within the allowed edits of ``term``, most frequent first."""
        edits = max_edits(term)
        if edits == 0 or term in self.doc_freq or term.isdigit():
            return []
        pool = [
            candidate
            for length in range(len(term) - edits, len(term) + edits + 1)
            for candidate in self.by_length.get(length, ())
        ]
        matches = process.extract(
            term, pool, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
        )
        ranked = sorted((distance, -self.doc_freq[c], c) for c, distance, _ in matches)
        return [c for _, _, c in ranked[:MAX_VARIANTS]]


_lock = threading.Lock()
_cache: dict[str, Vocabulary] = {}


def current_generation(session: Session) -> int:
    value = session.execute(text("SELECT generation FROM search_state WHERE id = 1")).scalar()
    return int(value or 0)


def vocabulary(session: Session) -> Vocabulary:
    """The cached vocabulary of this database, reloaded when an ingest changed the index."""
    key = str(session.get_bind().engine.url)
    generation = current_generation(session)
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached.generation == generation:
        return cached
    fresh = Vocabulary.load(session, generation)
    with _lock:
        _cache[key] = fresh
    return fresh
