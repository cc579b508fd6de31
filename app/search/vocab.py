"""Typo tolerance: expand a query term to the index's own terms within an edit distance.

The vocabulary is the table ``search_terms`` (folded term → number of provisions that
contain it), kept by ingest in the same transaction as the provisions (``record_terms``).
Each process loads it once, then reads only the rows whose ``seq`` is newer than what it
has seen: a term that falls to zero provisions stays as a row with ``docs = 0``, so a
process that knew it learns that it is gone.

A word the corpus lacks is expanded. A word the corpus holds is taken as meant, which keeps
precision for short Vietnamese syllables (``luat`` is not ``luan``), unless a word within
its edits is in ``COMMON_RATIO`` times as many provisions: then it is most likely a typo the
corpus itself carries (an OCR or typing slip, ``vieec`` in 46 provisions beside ``viec`` in
173 333), and the common word is searched beside it. The word as typed still matches, and
still ranks first where it is printed (its rarer term weighs more, and only it earns the
exact-diacritics bonus). Real words stay apart: ``soan`` (soạn) is in 1/356 as many
provisions as ``doan`` at a million provisions, ``quat`` in 1/334 of ``luat``.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.db import models
from app.search.terms import folded_term_set

MAX_VARIANTS = 8
COMMON_RATIO = 1000
MAX_TERM_CHARS = 100
# A three-letter word is one edit from dozens of syllables: it is expanded only to those
# COMMON_RATIO times as frequent as itself (and as one provision when the corpus lacks it),
# so "kai" finds "khai" and "đóg" "đóng", and not every rare syllable around them.
SHORT = 3
_T = models.table_of(models.SearchTerm)


def max_edits(term: str) -> int:
    """3+ characters may carry one typo, 8+ two."""
    if len(term) >= 8:
        return 2
    if len(term) >= SHORT:
        return 1
    return 0


# Every Vietnamese syllable has a vowel; a term without one is an abbreviation of a
# document number ("cp" of NĐ-CP, "qh", "tw"), frequent wherever documents are cited. A
# typed word with a vowel is never a slip for one ("cúp" is not "cp").
_VOWELS = frozenset("aeiouy")


def _has_vowel(term: str) -> bool:
    return not _VOWELS.isdisjoint(term)


@dataclass
class Vocabulary:
    seq: int = 0  # the newest change applied
    doc_freq: dict[str, int] = field(default_factory=dict)
    # The most provisions any term was seen in: no word is COMMON_RATIO times as frequent
    # as a word in more than top / COMMON_RATIO, so only rarer words are compared.
    top: int = 0
    # Insertion-ordered dicts as ordered sets: a term can leave in O(1).
    by_length: dict[int, dict[str, None]] = field(default_factory=lambda: defaultdict(dict))

    def refresh(self, session: Session) -> None:
        """Apply every term row changed since ``self.seq``."""
        rows = session.execute(
            select(_T.c.term, _T.c.docs, _T.c.seq).where(_T.c.seq > self.seq)
        ).all()
        for term, docs, seq in rows:
            self._set(term, docs)
            self.seq = max(self.seq, seq)

    def _set(self, term: str, docs: int) -> None:
        if docs > 0:
            self.doc_freq[term] = docs
            self.top = max(self.top, docs)
            self.by_length[len(term)][term] = None
        elif self.doc_freq.pop(term, None) is not None:
            self.by_length[len(term)].pop(term, None)

    def expand(self, term: str) -> list[str]:
        """Index terms within the allowed edits of ``term``, most frequent first."""
        edits = max_edits(term)
        known = self.doc_freq.get(term, 0)
        if edits == 0 or known * COMMON_RATIO > self.top or term.isdigit():
            return []
        pool = [
            candidate
            for length in range(len(term) - edits, len(term) + edits + 1)
            for candidate in self.by_length.get(length, ())
        ]
        matches = process.extract(
            term, pool, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
        )
        floor = COMMON_RATIO * (max(known, 1) if len(term) == SHORT else known)
        vowelled = _has_vowel(term)
        ranked = sorted((distance, -self.doc_freq[c], c) for c, distance, _ in matches
                        if c != term and self.doc_freq[c] >= floor
                        and (_has_vowel(c) or not vowelled))
        return [c for _, _, c in ranked[:MAX_VARIANTS]]


_lock = threading.Lock()
_cache: dict[str, Vocabulary] = {}


def vocabulary(session: Session, head: int) -> Vocabulary:
    """This process's vocabulary of the session's database, brought up to change ``head``."""
    key = session.get_bind().engine.url.render_as_string(hide_password=False)
    with _lock:
        vocab = _cache.setdefault(key, Vocabulary())
        if vocab.seq < head:
            vocab.refresh(session)
            # A change that touched no term leaves no row at its seq: remember it was seen.
            vocab.seq = max(vocab.seq, head)
        return vocab


def forget(session: Session) -> None:
    """Drop this process's copy (after the table was rebuilt under it)."""
    with _lock:
        _cache.pop(session.get_bind().engine.url.render_as_string(hide_password=False), None)


def provision_terms(row: Mapping[str, Any]) -> set[str]:
    """The distinct terms one provision contributes to the vocabulary."""
    text = f"{row.get('heading') or ''} {row['text']} {row.get('citation') or ''}"
    terms = folded_term_set(text)
    # A term over the limit is rare: the set is copied only when it holds one.
    if max(map(len, terms), default=0) <= MAX_TERM_CHARS:
        return terms
    return {t for t in terms if len(t) <= MAX_TERM_CHARS}


def count_terms(rows: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """How many of ``rows`` (provisions with their whole citation) hold each term."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(provision_terms(row))
    return counts


def record_terms(session: Session, added: Iterable[Mapping[str, Any]],
                 removed: Iterable[Mapping[str, Any]], seq: int,
                 counted: Counter[str] | None = None) -> int:
    """Add the terms of ``added`` provisions and take away those of ``removed`` ones, in
    the caller's transaction; returns how many terms changed. ``counted``: ``count_terms``
    of more added provisions, counted already (by the process that prepared them)."""
    delta = count_terms(added)
    if counted:
        delta.update(counted)
    for row in removed:
        delta.subtract(provision_terms(row))
    # In key order: each upsert lands next to the one before in the term index.
    changes = sorted((t, n) for t, n in delta.items() if n)
    if not changes:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        _upsert_unnest(session, changes, seq)
        return len(changes)
    # Plain tuples to the driver: a Core executemany builds a parameter dict per term (a
    # few thousand per document).
    session.connection().exec_driver_sql(_UPSERT_SQLITE, [(t, n, seq) for t, n in changes])
    return len(changes)


_UPSERT_SQLITE = (
    "INSERT INTO search_terms (term, docs, seq) VALUES (?, ?, ?) "
    "ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + excluded.docs, "
    "seq = excluded.seq"
)


_UPSERT_UNNEST = text(
    "INSERT INTO search_terms (term, docs, seq) "
    "SELECT term, docs, :seq FROM unnest(CAST(:terms AS text[]), CAST(:docs AS integer[])) "
    "AS delta(term, docs) "
    "ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + excluded.docs, seq = excluded.seq"
)


def _upsert_unnest(session: Session, changes: list[tuple[str, int]], seq: int) -> None:
    # One statement with two arrays: psycopg's executemany sends one Bind/Execute per term
    # (a few thousand per document), which was 40 % of storing a document on PostgreSQL.
    session.execute(_UPSERT_UNNEST, {"seq": seq, "terms": [t for t, _ in changes],
                                     "docs": [n for _, n in changes]})


def rebuild_terms(session: Session, rows: Iterable[Mapping[str, Any]], seq: int) -> None:
    """Recount the whole vocabulary from ``rows`` (``vnlex reindex``)."""
    counts = count_terms(rows)
    session.execute(_T.delete())
    batch = [{"term": t, "docs": n, "seq": seq} for t, n in counts.items()]
    for start in range(0, len(batch), 10_000):
        session.execute(_T.insert(), batch[start : start + 10_000])
    forget(session)
