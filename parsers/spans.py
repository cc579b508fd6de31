"""Which positions of a text (or of its words) are taken, for "longest first, no overlaps"."""

from __future__ import annotations


class Taken:
    """Positions ``0 … size-1``, each taken or free.

    Whether a span is free costs the length of the span, not the number of spans taken
    before it: comparing every candidate with every kept match made one long paragraph
    quadratic (a 760 KB paragraph took 26 s).
    """

    def __init__(self, size: int) -> None:
        self._used = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        """No position in ``start … end-1`` is taken."""
        return self._used.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        """Mark ``start … end-1`` taken."""
        self._used[start:end] = b"\x01" * (end - start)
