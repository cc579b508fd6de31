"""Bounded ``IN (…)`` lists: a query per chunk of ids, well under SQLite's limit on bound
parameters whatever the number of ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

MAX_IN_LIST = 500  # bound parameters per query

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = MAX_IN_LIST) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, in order."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])
