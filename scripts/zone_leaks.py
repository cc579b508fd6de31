"""Front and back matter read as provisions, and dotless outline numbers left as running
text, over a folder of real documents (issue 10, classes 5, 6, 12 and class 2's outline).
Run by hand, not in ``make test``:

    .venv/bin/python scripts/zone_leaks.py /work/shared/bench-corpus > /tmp/leaks.tsv

A *leak* is a printed line that lies in a provision's share of the text and reads as the
document's own front or back matter: ``- Lưu: VT, …``, a signature mark (``TM.``, ``KT.``,
``T/M``), ``Số: 06/2021/NĐ-CP``, a dated place line (``Nơi nhận:`` alone is none: every
form prints one). A form in an annex prints its own header (the motto, ``Số: ……./……``):
lines with blanks to fill, and lines inside a provision of kind ``form``, are not counted.
A *dotless outline* is a line ``1.1 Thông tin …`` (no dot after the last number) that does
not open a provision labelled with its number. One tab-separated line per document with
either, then a ``#`` total per group.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import parse_document  # noqa: E402
from parsers.clean import clean  # noqa: E402
from parsers.model import Document  # noqa: E402

LEAK = re.compile(
    r"^(?:[-–]\s*Lưu\s*:|(?:TM|KT|TL)\.\s|[TK]/M\s|(?:Luật )?Số\s*:\s*\d"
    r"|[^\W\d][^,\d]{1,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
# A form in an annex prints its own header with the blanks left to fill: "Số: ……./……",
# "……., ngày……. tháng……. năm………", "- Lưu: …". Those are the form's text, not a leak.
BLANKS = re.compile(r"…|\.\.\.")
# not "3.810 MW": a thousands dot
DOTLESS = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+) [A-ZĐ]")


def _in_form(doc: Document, path: str) -> bool:
    """Whether the provision at ``path`` is a form or lies inside one."""
    parts = path.split(".")
    return any(
        (p := doc.find(".".join(parts[:n]))) is not None and p.kind == "form"
        for n in range(1, len(parts) + 1)
    )


def scan(text: str, name: str) -> tuple[list[str], list[str]]:
    doc = parse_document(text, name=name)
    _source, lines = clean(text)
    segments = sorted(doc.segments, key=lambda s: s.start)
    starts = [s.start for s in segments]
    # where each labelled provision opens, with its label
    opening = {(p.start, p.label) for p in doc.walk() if p.label}
    leaks, dotless = [], []
    for line in lines:
        i = bisect.bisect_right(starts, line.start) - 1
        if i < 0 or segments[i].end <= line.start:
            continue
        target = segments[i].target
        if not target.startswith("provision:"):
            continue
        path = target.split(":", 1)[1]
        if LEAK.match(line.text) and not BLANKS.search(line.text) and not _in_form(doc, path):
            leaks.append(f"{line.number}:{path}:{line.text[:40]}")
        m = DOTLESS.match(line.text)
        if m and (line.start, m.group("label")) not in opening:
            dotless.append(f"{line.number}:{path}:{line.text[:40]}")
    return leaks, dotless


def main(root: Path) -> None:
    out = sys.stdout.write
    out("group\tfile\tleaks\tdotless\texamples\n")
    for group in ("laws", "tvpl"):
        totals: Counter[str] = Counter()
        for path in sorted((root / group).glob("*.*")):
            leaks, dotless = scan(path.read_text(encoding="utf-8", errors="replace"), path.stem)
            totals["documents"] += 1
            totals["docs_with_leaks"] += bool(leaks)
            totals["leak_lines"] += len(leaks)
            totals["docs_with_dotless"] += bool(dotless)
            totals["dotless_lines"] += len(dotless)
            if leaks or dotless:
                out(f"{group}\t{path.name}\t{len(leaks)}\t{len(dotless)}\t"
                    f"{' | '.join((leaks + dotless)[:4])}\n")
        out(f"# {group}: " + ", ".join(f"{k} {v}" for k, v in totals.items()) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/bench-corpus"))
