"""Articles found against ``Điều N.`` headings printed, per law (issue 10, done-when).
Run by hand, not in ``make test``:

    .venv/bin/python scripts/article_count.py /work/shared/bench-corpus

The headings are counted from the source text, without the parser: a line that begins
``Điều N.`` (``Điều N:``, or ``Điều N`` alone on its line), outside a quotation (an
amending law quotes the articles it replaces), and continuing the law's own numbering
(``N`` after the last counted heading, at most a few further on, or ``Na`` after ``N``),
so that a quoted article whose quote the source left open or closed early is not one of
the law's own. A PDF extraction that breaks a heading (``Điều 4`` / ``7`` / ``. Xây
dựng …``, ``Điều`` / ``8. …``) is read joined.

One tab-separated line per law whose counts differ (file, headings, articles, labels
only printed, labels only found), then ``# laws: E of N equal``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from parsers import parse_document

_HEADING = re.compile(r"^(?:[ĐÐ]iều|ĐIỀU)\s*(\d{1,4})([a-zđ]?)\s*(?:[.:]|$)")
_MARKUP = re.compile(r"^[\s#>|]+|[*_]+")
# the rest of a broken heading: its last digits alone, or the dot and the title
_FRAGMENT = re.compile(r"^(?:\d{1,2}|\..*)$")
# How far the numbering may jump (an article the source left out) and still be the law's.
_JUMP = 3


def _joined(lines: list[str], i: int) -> tuple[str, int]:
    """Line ``i`` with the short fragments a PDF extraction broke off it, and the index of
    the line after them."""
    text, j = lines[i].rstrip(), i + 1
    while j < min(i + 3, len(lines)):
        piece = lines[j].strip()
        if re.search(r"[.:]", text) or not _FRAGMENT.match(piece):
            break
        text, j = text + piece, j + 1
    return text, j


def _depths(lines: list[str]) -> list[int]:
    """Curly quotes open where each line starts; a line ending in a closing quote closes."""
    out, depth = [], 0
    for line in lines:
        out.append(depth)
        depth = max(0, depth + line.count("“") - line.count("”"))
        if line.rstrip().endswith(("”", "”.", "”;")):
            depth = 0
    return out


def _in_order(number: int, suffix: str, last: tuple[int, str] | None) -> bool:
    if last is None or number == 1:
        # "Điều 1." again opens another text: a form of decision printed in an annex
        return number <= _JUMP + 1
    if suffix:
        return number == last[0] and suffix > last[1] or number == last[0] + 1
    return last[0] < number <= last[0] + _JUMP


def headings(text: str) -> list[str]:
    """The labels of the law's own ``Điều N.`` headings, in order."""
    return [label for label, kind in heading_lines(text) if kind == "own"]


def heading_lines(text: str) -> list[tuple[str, str]]:
    """Every line that begins ``Điều N.`` (broken headings read joined), with what it is:
    ``own`` (a heading of the law's own numbering), ``quoted`` (opening or inside a
    quotation: an amending law quoting the article it replaces) or ``out_of_order``
    (outside a quotation, off the law's numbering: a reference that wrapped, ``… tại khoản
    1`` / ``Điều 84 Luật Đất đai``; a quoted article whose quote mark sits alone on the line
    before it or that the source closed too early; a model decision printed in a form)."""
    lines = [_MARKUP.sub("", ln) for ln in text.splitlines()]
    out: list[tuple[str, str]] = []
    last: tuple[int, str] | None = None
    for i, depth in enumerate(_depths(lines)):
        opens = lines[i].lstrip().startswith(_OPENING_QUOTES)
        if opens:
            lines[i] = lines[i].lstrip().lstrip("".join(_OPENING_QUOTES))
        if not lines[i].lstrip().startswith(("Điều", "Ðiều", "ĐIỀU")):
            continue
        readings = _readings(lines, i)
        if not readings:
            continue
        if depth or opens:
            out.append((readings[-1], "quoted"))
            continue
        for label in readings:
            m = _LABEL.match(label)
            if m and _in_order(int(m.group(1)), m.group(2), last):
                last = (int(m.group(1)), m.group(2))
                out.append((label, "own"))
                break
        else:
            out.append((readings[-1], "out_of_order"))
    return out


# "“Điều 5. …" opens the quotation of an amended article (also ‘‘ and a straight quote)
_OPENING_QUOTES = ("“", '"', "‘")
_LABEL = re.compile(r"^(\d+)([a-zđ]?)$")
_DIGIT_AND_TITLE = re.compile(r"^(\d)\.\s*[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ]")


def _readings(lines: list[str], i: int) -> list[str]:
    """The labels line ``i`` may print: ``Điều 5`` / ``5. Điều chỉnh …`` is Điều 5 with its
    first clause or Điều 55 with its last digit printed beside the title; the numbering
    decides (the caller takes the first reading in order)."""
    text, j = _joined(lines, i)
    m = _HEADING.match(text.lstrip())
    if not m:
        return []
    label = m.group(1) + m.group(2)
    d = _DIGIT_AND_TITLE.match(lines[j].strip() if j < len(lines) else "")
    if d and not m.group(2) and re.fullmatch(r"(?:[ĐÐ]iều|ĐIỀU)\s*\d+", text.strip()):
        return [label + d.group(1), label]
    return [label]


def main(root: Path) -> None:
    out = sys.stdout.write
    out("file\theadings\tarticles\tonly_printed\tonly_found\n")
    equal = total = 0
    for path in sorted((root / "laws").glob("*.*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        printed = Counter(headings(text))
        doc = parse_document(text, name=path.stem)
        found = Counter(p.label for p in doc.walk() if p.kind == "article")
        total += 1
        if printed == found:
            equal += 1
            continue
        out(f"{path.name}\t{sum(printed.values())}\t{sum(found.values())}\t"
            f"{' '.join(sorted(printed - found))}\t{' '.join(sorted(found - printed))}\n")
    out(f"# laws: {equal} of {total} equal\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/bench-corpus"))
