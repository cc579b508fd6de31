"""Snippets with ``<mark>``: match on the folded text, mark the original NFC text.

``vntext.fold_with_map`` gives, for each folded character, its offset in the original, so a
match found in ``fold(text)`` lands on the right characters of ``text`` whatever its
diacritics or normalization form.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from parsers import vntext

SNIPPET_CHARS = 240
_EDGE_L = r"(?<![a-z0-9])"
_EDGE_R = r"(?![a-z0-9])"


def pattern(words: Iterable[str], phrases: Iterable[tuple[str, ...]]) -> re.Pattern[str] | None:
    """One regex over folded text: phrases (terms separated by non-terms) and single words."""
    alternatives = [r"[^a-z0-9]+".join(map(re.escape, p)) for p in phrases if p]
    alternatives += sorted({re.escape(w) for w in words if w}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(_EDGE_L + "(?:" + "|".join(alternatives) + ")" + _EDGE_R)


def spans(text: str, regex: re.Pattern[str] | None, folded: str | None = None
          ) -> list[tuple[int, int]]:
    """Character spans of ``text`` (original) whose folded form matches ``regex``.

    ``folded`` is ``fold(text)`` when the caller has it stored: if it is as long as ``text``
    every cluster is one character and the offset map is the identity, so the per-character
    ``fold_with_map`` is skipped.
    """
    if regex is None or not text:
        return []
    if folded is None:
        folded = vntext.fold(text)  # stored text is NFC: nearly always the identity map
    if len(folded) == len(text):
        found = [m.span() for m in regex.finditer(folded) if m.end()]
        return _merge(text, found)
    folded, offsets = vntext.fold_with_map(text)
    ends = [*offsets[1:], len(text)]
    found = [(offsets[m.start()], ends[m.end() - 1]) for m in regex.finditer(folded) if m.end()]
    return _merge(text, found)


def _merge(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join marks separated only by spaces, so a matched phrase reads as one mark."""
    merged: list[tuple[int, int]] = []
    for a, b in found:
        if merged and not text[merged[-1][1] : a].strip(" "):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def mark(text: str, found: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """HTML-escaped ``text[start:end]`` with each found span wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for a, b in found:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(html.escape(text[cursor:a]))
        out.append("<mark>" + html.escape(text[a:b]) + "</mark>")
        cursor = b
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def snippet(text: str, regex: re.Pattern[str] | None, width: int = SNIPPET_CHARS,
            folded: str | None = None) -> str:
    """A window of about ``width`` characters around the first match, marked."""
    if len(text) <= width:
        return mark(text, spans(text, regex, folded))
    if regex is not None:
        aligned = _aligned_fold(text, regex, width) if folded is None else \
            folded if len(folded) == len(text) else None
        if aligned is not None:
            return _cut(text, *_marked_window(text, aligned, regex, width))
    found = spans(text, regex, folded)
    return _cut(text, found, *_window(text, found[0][0] if found else 0, width))


# Folding costs about 70 ns a character and an article of a code runs to 80 000 of them,
# while a page's snippets need only the text up to each first match: fold a prefix, longer
# each time, until its first match and window lie well inside it.
_FIRST_PREFIX = 2048
# Past the first match: the window (``width`` plus a word either side) and room for a match
# that starts earlier and runs on beyond the prefix (a long quoted phrase).
_PREFIX_MARGIN = 512


def _aligned_fold(text: str, regex: re.Pattern[str], width: int) -> str | None:
    """``fold`` of ``text`` or of a prefix whose first match and snippet window are those of
    the whole text, one character for one; None when some character folds otherwise."""
    end = _FIRST_PREFIX
    while end < len(text):
        folded = vntext.fold(text[:end])
        if len(folded) != end:
            return None
        first = regex.search(folded)
        if first is not None and first.end() + width + _PREFIX_MARGIN <= end:
            return folded
        end *= 4
    folded = vntext.fold(text)
    return folded if len(folded) == len(text) else None


def _marked_window(text: str, folded: str, regex: re.Pattern[str], width: int
                   ) -> tuple[list[tuple[int, int]], int, int]:
    """The window and its marks when one character folds to one: only the window is
    searched (an article of a code names a common word hundreds of times)."""
    first = regex.search(folded)
    start, end = _window(text, first.start() if first else 0, width)
    # Either side of the window by a word or two: a mark its edge cuts is still whole.
    around = (max(0, start - 64), min(len(text), end + 64))
    return _merge(text, [m.span() for m in regex.finditer(folded, *around) if m.end()]), \
        start, end


def _cut(text: str, found: list[tuple[int, int]], start: int, end: int) -> str:
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + mark(text, found, start, end) + suffix


def _window(text: str, first: int, width: int) -> tuple[int, int]:
    """Where the snippet of a text longer than ``width`` starts and ends: a little before
    its first mark, at word boundaries."""
    start = _word_start(text, max(0, first - width // 4))
    return start, _word_end(text, min(len(text), start + width))


def _word_start(text: str, i: int) -> int:
    if i == 0:
        return 0
    space = text.find(" ", i)
    return space + 1 if 0 <= space < i + 20 else i


def _word_end(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    space = text.rfind(" ", i - 20, i)
    return space if space > 0 else i
