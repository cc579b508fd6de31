"""The terms of a text as the index stores them and the query path looks them up.

Both sides call these two functions, so what is indexed and what is asked cannot drift
apart; the rules themselves (folding, tone placement) are ``parsers.vntext``'s.
"""

from __future__ import annotations

import functools
import re
from itertools import chain

from parsers import vntext

_EXACT_WORD = re.compile(r"[^\W_]+")


def folded_terms(text: str) -> list[str]:
    """Folded terms (``[a-z0-9]+``): what matches, whatever the diacritics."""
    return [term for chunk in text.split() for term in _chunk_terms(chunk)]


def folded_term_set(text: str) -> set[str]:
    """``set(folded_terms(text))``, without the list in between (the vocabulary counts a
    term once per provision); each distinct chunk looked up once (a provision repeats its
    words)."""
    return set(chain.from_iterable(map(_chunk_terms, set(text.split()))))


def exact_terms(text: str) -> list[str]:
    """Normalized words (diacritics kept, one tone style): what "typed exactly" compares."""
    return [word for chunk in text.split() for word in _chunk_exact(chunk)]


def both_terms(text: str) -> tuple[list[str], list[str]]:
    """``(folded_terms(text), exact_terms(text))`` in one pass: the index needs both of
    every text, and one memo lookup per chunk instead of two halves the cost."""
    folded: list[str] = []
    exact: list[str] = []
    for chunk in text.split():
        chunk_folded, chunk_exact = _chunk_both(chunk)
        folded += chunk_folded
        exact += chunk_exact
    return folded, exact


def exact_words_of(text: str) -> list[str]:
    """``exact_terms`` computed on the whole text at once (the reference for the memo)."""
    return _EXACT_WORD.findall(vntext.normalize(text))


# Memoized per whitespace-separated chunk: a corpus repeats a few thousand syllables, and
# folding and tone placement never look across white space (tests/app/test_app_search_index.py
# checks that chunk by chunk equals all at once).
@functools.lru_cache(maxsize=300_000)
def _chunk_terms(chunk: str) -> tuple[str, ...]:
    return tuple(vntext.terms(chunk))


@functools.lru_cache(maxsize=300_000)
def _chunk_exact(chunk: str) -> tuple[str, ...]:
    return tuple(exact_words_of(chunk))


@functools.lru_cache(maxsize=300_000)
def _chunk_both(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _chunk_terms(chunk), _chunk_exact(chunk)
