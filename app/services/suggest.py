"""Closest existing ids for a 404, so a mistyped citation still leads somewhere."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from parsers import vntext


def closest(wanted: str, ids: Sequence[str], limit: int = 5) -> list[str]:
    """Up to ``limit`` ids most like ``wanted`` (folded, so case and diacritics don't count)."""
    if not ids:
        return []
    matches = process.extract(
        vntext.fold(wanted), ids, scorer=fuzz.ratio, processor=vntext.fold,
        limit=limit, score_cutoff=40,
    )
    return [choice for choice, _score, _index in matches]
