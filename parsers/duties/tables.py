"""Roles read from the columns of a markdown table with a ``chủ trì`` column (the
appendices of a Chính phủ programme): the column decides, not the wording."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from parsers import vntext
from parsers.bodies import Mention
from parsers.duties.model import Duty, make_duty


def table_duties(text: str, mentions: Sequence[Mention]) -> list[Duty]:
    """Roles from the columns of markdown tables with a ``chủ trì`` column."""
    duties: list[Duty] = []
    starts = [m.start for m in mentions]
    columns: dict[int, str] = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = _cells(line, offset)
        offset += len(line)
        if not cells:
            columns = {}
            continue
        folded = [vntext.fold(text[s:e]) for s, e in cells]
        if any(_is_header(f, "chu tri") for f in folded):
            columns = {i: "lead" for i, f in enumerate(folded) if _is_header(f, "chu tri")}
            columns.update(
                {i: "coordinate" for i, f in enumerate(folded) if _is_header(f, "phoi hop")}
            )
            continue
        for index, role in columns.items():
            if index >= len(cells):
                continue
            s, e = cells[index]
            for m in mentions[bisect_left(starts, s) : bisect_left(starts, e)]:
                if m.end <= e:
                    duties.append(make_duty(m, role, s, e, text))
    return duties


def _is_header(cell: str, words: str) -> bool:
    # A short cell: "Cơ quan chủ trì". A task cell may say "… quy định chủ trì …" too.
    return words in cell and len(cell) <= 40


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the cells of a table row (stripped), or [] when ``line`` is not a row."""
    stripped = line.strip()
    if not stripped.startswith("|"):
        return []
    bars = [offset + i for i, ch in enumerate(line) if ch == "|"]
    spans = []
    for a, b in zip(bars, bars[1:], strict=False):
        cell = line[a - offset + 1 : b - offset]
        lead = len(cell) - len(cell.lstrip())
        spans.append((a + 1 + lead, a + 1 + len(cell.rstrip())))
    return spans
