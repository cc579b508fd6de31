"""A document's source text, stored without the provision texts it already holds.

``documents.source_rest`` keeps the cleaned text the parser read (``Document.source``, the
text provision offsets refer to) for re-parsing; no request reads it. Most of it is the
provisions' own texts, which ``provisions.text`` stores already: zlib-compressing the whole
source cost a quarter of its size again (0.78 of the 11.5 MB database at SCALE=0.01). What
is stored instead is the source with each provision text cut out where it stands verbatim
inside the provision's span, compressed: headers, labels, signatures and the texts the
parser joined across a page break (those differ from their span, so they stay).

Layout: one mode byte, then zlib. ``r``: the rest, where each provision with a text, in
``(start, ordinal)`` order, left one mark: ``CUT`` where its text was taken out, ``KEPT``
where it was not. ``f``: the whole source (it holds a mark character, or the rest would
not give it back). ``pack`` checks that ``unpack`` gives the source back before it answers.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CUT, KEPT = "\x00", "\x01"
_MARKS = re.compile(f"([{CUT}{KEPT}])")
LEVEL = 6
REST, WHOLE = b"r", b"f"


def spans(rows: Iterable[Mapping[str, Any]]) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of the provision rows that have a text, in the order marks are
    written: by ``start``, then ``ordinal``."""
    kept = sorted((r for r in rows if r["text"]), key=lambda r: (r["start"], r["ordinal"]))
    return [(r["start"], r["end"], r["text"]) for r in kept]


def pack(source: str, texts: Sequence[tuple[int, int, str]]) -> bytes:
    """``source`` without the provision texts it holds (``texts`` as ``spans`` gives them)."""
    if CUT not in source and KEPT not in source:
        packed = REST + zlib.compress(_rest(source, texts).encode("utf-8"), LEVEL)
        if unpack(packed, texts) == source:
            return packed
    return WHOLE + zlib.compress(source.encode("utf-8"), LEVEL)


def _rest(source: str, texts: Sequence[tuple[int, int, str]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, text in texts:
        # Only within its own span, after the last cut: marks stay in text order.
        found = source.find(text, max(start, pos), end)
        if found < 0:
            out.append(KEPT)
            continue
        out.append(source[pos:found])
        out.append(CUT)
        pos = found + len(text)
    out.append(source[pos:])
    return "".join(out)


def unpack(packed: bytes, texts: Sequence[tuple[int, int, str]]) -> str:
    """The source again, from what ``pack`` stored and the same provision texts.

    Raises:
        ValueError: the marks and the texts do not match (not the same provisions).
    """
    body = zlib.decompress(packed[1:]).decode("utf-8")
    if packed[:1] == WHOLE:
        return body
    pieces = _MARKS.split(body)
    if sum(piece in (CUT, KEPT) for piece in pieces) != len(texts):
        raise ValueError("the stored source does not match these provisions")
    remaining = iter(texts)
    out = []
    for piece in pieces:
        if piece == CUT:
            out.append(next(remaining)[2])
        elif piece == KEPT:
            next(remaining)
        else:
            out.append(piece)
    return "".join(out)
