"""Duplicate labels per document over a folder of real documents (issue 10, class 7).
Run by hand, not in ``make test``:

    .venv/bin/python scripts/dup_labels.py /work/shared/bench-corpus > /tmp/dups.tsv

One tab-separated line per document that has any ``_N`` id or any warning: group, file,
``_N`` ids, ``duplicate_label`` warnings (of which repeats printed twice in a row,
``finalize.SOURCE_REPEAT``), all warnings, and a few of the ``_N`` paths. The last lines
(``#`` first) total each group: documents with a ``_N`` id, ``_N`` ids, warnings, provisions
over ``LONG_PROVISION`` characters with no ``long_provision`` warning naming them, and the
articles against the ``Điều N.`` heading lines. A document whose article count differs
from its heading lines gets an ``# articles`` line that splits the lines as
``scripts/article_count.py`` reads them, without the parser: the document's own headings,
headings inside a quotation (an amending law quoting the article it replaces) and headings
off the document's numbering outside quotes (a model decision printed in a form); a
heading broken over lines by a PDF extraction (``Điều 4`` / ``7`` / ``. Xây dựng …``) is
one line. ``own_equal`` counts the documents whose articles are exactly their own
headings; a law where they differ is a parse error, flagged ``PARSE ERROR`` with the
labels only printed and only found (a crawled page, which may print its articles
otherwise, ``Article 5.`` in English or a heading in a table cell, is flagged ``differs``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# The checkout this script sits in, not the package the venv has installed (the main
# checkout's): run from a worktree, it measures that worktree's parser.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers import parse_document  # noqa: E402
from parsers.finalize import SOURCE_REPEAT  # noqa: E402
from parsers.pipeline import LONG_PROVISION  # noqa: E402
from scripts.article_count import heading_lines  # noqa: E402

REPEATED = re.compile(r"_\d+(?:\.|$)")
# An article heading as printed at the start of a line, bold or not: "Điều 12.", "**Điều 5a."
ARTICLE_LINE = re.compile(r"^[^\w\n]{0,3}Điều\s+\d+[a-zđ]?\s*\.", re.M)


def _row(path: Path, totals: Counter[str]) -> tuple[int, int, int, int, list[str]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    doc = parse_document(text, name=path.stem)
    repeated = [p.path for p in doc.walk() if REPEATED.search(p.path)]
    dup = [w for w in doc.warnings if w.code == "duplicate_label"]
    in_a_row = sum(SOURCE_REPEAT in w.message for w in dup)
    warned = " ".join(w.message for w in doc.warnings if w.code == "long_provision")
    totals["long_unwarned"] += sum(
        len(p.text) > LONG_PROVISION and f"{p.path} has" not in warned for p in doc.walk()
    )
    found = Counter(p.label for p in doc.walk() if p.kind == "article")
    _count_articles(path.parent.name, path.name, text, found, totals)
    return len(repeated), len(dup), in_a_row, len(doc.warnings), repeated[:3]


ARTICLES: list[str] = []


def _count_articles(group: str, name: str, text: str, found: Counter[str | None],
                    totals: Counter[str]) -> None:
    lines = heading_lines(text)
    kinds = Counter(kind for _, kind in lines)
    own = Counter(label for label, kind in lines if kind == "own")
    articles = sum(found.values())
    totals["own_equal"] += found == own
    totals["lines_equal"] += articles == len(lines)
    totals["quoted_lines"] += kinds["quoted"]
    totals["out_of_order_lines"] += kinds["out_of_order"]
    if articles == len(lines) and found == own:
        return
    note = f"# articles {name}: {articles} found, {len(lines)} heading lines = {kinds['own']} own"
    note += f" + {kinds['quoted']} quoted + {kinds['out_of_order']} out of order"
    if found != own:
        only_printed = " ".join(sorted(own - found))
        only_found = " ".join(sorted(str(label) for label in found - own))
        # a law's own headings are the done-when's measure; a crawled page may print its
        # articles otherwise ("Article 5." in English, a heading in a table cell)
        tag = "PARSE ERROR" if group == "laws" else "differs"
        note += f"; {tag}: only printed [{only_printed}], only found [{only_found}]"
    ARTICLES.append(note + "\n")


def main(root: Path) -> None:
    out = sys.stdout.write
    out("group\tfile\tids_N\tdup_warnings\tin_a_row\twarnings\texamples\n")
    for group in ("laws", "tvpl"):
        totals: Counter[str] = Counter()
        for path in sorted((root / group).glob("*.*")):
            ids_n, dup, in_a_row, warnings, examples = _row(path, totals)
            totals["documents"] += 1
            totals["with_N"] += ids_n > 0
            totals["ids_N"] += ids_n
            totals["warnings"] += warnings
            totals["dup_warnings"] += dup
            if ids_n or dup:
                out(f"{group}\t{path.name}\t{ids_n}\t{dup}\t{in_a_row}\t{warnings}\t"
                    f"{' '.join(examples)}\n")
        out("".join(ARTICLES))
        ARTICLES.clear()
        out(f"# {group}: " + ", ".join(f"{k} {v}" for k, v in totals.items()) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/bench-corpus"))
