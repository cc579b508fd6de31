"""Parser fidelity on a folder of real documents (issue 10). Run by hand, not in ``make test``:

    .venv/bin/python scripts/fidelity_bench.py /work/shared/bench-corpus

Prints, for laws (``laws/``) and crawled pages (``tvpl/``) apart: the share of documents
with any ``_2`` id (and how many of those carry a ``duplicate_label`` warning, and how many
have only repeats the source prints twice in a row, ``finalize.SOURCE_REPEAT``), provisions
over 4 000 characters without a ``long_provision`` warning, and for each law the articles
found against the ``Điều N.`` headings printed at the start of a line outside quotations.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from parsers import parse_document
from parsers.finalize import SOURCE_REPEAT

TRAILER_TEXT = re.compile(r"^(?:Nơi nhận\b|Như trên\s*[;,.]?$|Lưu\s*:?\s*(?:VT|Văn thư|VP)\b)")
ARTICLE_LINE = re.compile(r"^\s*(?:\*\*)?[ĐÐ]iều\s+(\d{1,4}[a-zđ]?)\s*[.:]", re.M)


def _printed_articles(text: str) -> set[str]:
    """Distinct article numbers printed as headings, quoted amendments left out: a line
    after an opening “ that has not closed yet is inside a quotation."""
    found: set[str] = set()
    depth = 0
    # PDF extractions cut labels: "Điều 2" / "3" / ". Tư vấn …" is Điều 23, "Điều 46" / ". …"
    # "Điều" / "9" / "0. Quản lý …": the last digit printed with the title
    text = re.sub(r"(?m)^(\s*[ĐÐ]iều)[ \t]*\n(\d{1,2})[ \t]*\n(\d\.\s)", r"\1 \2\3", text)
    joined = None
    while joined != text:  # "Điều 1" / "1" / "7" / ". …" is Điều 117
        joined = text
        text = re.sub(
            r"(?m)^(\s*[ĐÐ]iều(?:\s+\d+)?)[ \t]*\n(\d{1,3})[ \t]*\n(?=\d|\s*[.:])",
            lambda m: f"{m.group(1)}{'' if m.group(1)[-1].isdigit() else ' '}{m.group(2)}\n",
            text,
        )
    text = re.sub(r"(?m)^(\s*[ĐÐ]iều\s+\d{1,4}[a-zđ]?)[ \t]*\n(?=\s*[.:])", r"\1", text)

    lines = text.splitlines()
    last = 0
    for i, line in enumerate(lines):
        # "Điều 5" / "5. Điều chỉnh …" after Điều 54 is Điều 55 (its last digit printed
        # with the title); only the next number is read so
        cut = re.match(r"^\s*[ĐÐ]iều\s+(\d{1,3})\s*$", line)
        digit = re.match(r"^\s*(\d)\.\s+\S", lines[i + 1]) if i + 1 < len(lines) else None
        if cut and digit and depth == 0 and int(cut.group(1) + digit.group(1)) == last + 1:
            found.add(str(last + 1))
            last += 1
            continue
        m = ARTICLE_LINE.match(line)
        if m and m.group(1).isdigit() and depth == 0:
            last = int(m.group(1))
        if m and depth == 0 and not line.lstrip().startswith("“"):
            found.add(m.group(1))
        depth = max(0, depth + line.count("“") - line.count("”"))
        if line.rstrip().endswith(("”.", "”;", "”")):
            depth = 0
    return found


def main(root: Path) -> None:
    out = sys.stdout.write
    for group in ("laws", "tvpl"):
        files = sorted((root / group).glob("*.*"))
        dup = dup_warned = dup_body = dup_source = long_silent = failures = trailer_docs = 0
        missing: dict[str, int] = {"number": 0, "date": 0, "issuer": 0}
        mismatches: list[str] = []
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            try:
                doc = parse_document(text, name=path.stem)
            except Exception as exc:  # noqa: BLE001 - a bench counts failures, it does not stop
                failures += 1
                out(f"  FAIL {path.name}: {exc}\n")
                continue
            codes = {w.code for w in doc.warnings}
            # forms in annexes print model documents with their own "Nơi nhận": content
            trailer_docs += any(
                TRAILER_TEXT.match(p.text) for p in doc.walk() if not p.path.startswith("pl")
            )
            for key in missing:
                missing[key] += getattr(doc, key) is None
            duplicated = [p.path for p in doc.walk() if re.search(r"_\d+(?:\.|$)", p.path)]
            if duplicated:
                dup += 1
                dup_warned += "duplicate_label" in codes
                dup_body += any(not path.startswith("pl") for path in duplicated)
                dup_source += all(SOURCE_REPEAT in w.message for w in doc.warnings
                                  if w.code == "duplicate_label")
            warned = {w.message.split()[0] for w in doc.warnings if w.code == "long_provision"}
            long_silent += sum(
                1 for p in doc.walk() if len(p.text) > 4000 and p.path not in warned
            )
            if group == "laws":
                found = {p.label for p in doc.walk() if p.kind == "article"}
                printed = _printed_articles(text)
                if len(found) != len(printed):
                    mismatches.append(f"{path.name}: found {len(found)}, printed {len(printed)}")
        n = len(files)
        out(f"{group}: {n} documents, {failures} failures\n")
        out(f"  with any _2 id: {dup} ({100 * dup / n:.1f}%), of which warned: {dup_warned}\n")
        out(f"  with a _2 id outside annexes: {dup_body} ({100 * dup_body / n:.1f}%)\n")
        out(f"  of those with a _2 id, only repeats printed in the source: {dup_source}; "
            f"with a parser failure: {dup - dup_source} ({100 * (dup - dup_source) / n:.1f}%)\n")
        out(f"  provisions over 4000 chars without a warning: {long_silent}\n")
        out(f"  documents with trailer lines (Nơi nhận, Như trên, Lưu: VT) as provisions "
            f"outside annexes: "
            f"{trailer_docs}\n")
        out("  documents without " + ", ".join(f"{k}: {v}" for k, v in missing.items()) + "\n")
        if group == "laws":
            out(f"  laws whose articles found != printed: {len(mismatches)}\n")
            for line in mismatches:
                out(f"    {line}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/bench-corpus"))
