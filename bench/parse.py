"""Parse benchmark: ``parsers.parse_document`` on every ``*.md``/``*.txt`` file of a corpus.

For each document: median and p90 wall time over ``repeat`` runs, characters per second,
provisions produced, and the ratio to a baseline measured in the same run on the same text
(NFC, split into lines, one regex match per line: the least a line-based parser must do).
The ratio is the number to compare across machines; absolute times are not.

Then totals, and the peak memory (tracemalloc) of parsing the largest document. A document
the parser raises on is reported as a failure and left out of the totals: the parser is being
rewritten, and one bad document must not hide the numbers of the others.
"""

from __future__ import annotations

import gc
import platform
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from parsers import parse_document, vntext

SUFFIXES = (".md", ".txt")

# What the baseline looks for on each line: a roman or arabic number, a point letter,
# a structure word (Chương, Mục, Điều, Phần) or a bullet. Only the cost matters.
BASELINE_LINE = re.compile(
    r"""
    \s* (?:
        [IVXLC]+ \s* [.\-]            # I- / II.   sections of a Party document
      | \d+ (?:\.\d+)* [.)]           # 1.  2.3.   items, clauses
      | [a-zđ] \)                     # a)  đ)     points
      | (?:Phần|Chương|Mục|Điều) \s   # structure words of a law
      | [-*+•]                        # bullets
    )
    """,
    re.X,
)


@dataclass(frozen=True, slots=True)
class Result:
    """Timings of one document that parsed."""

    name: str
    chars: int
    provisions: int
    median_ns: float
    p90_ns: float
    baseline_ns: float


def baseline(text: str) -> int:
    """A trivial line scan of ``text``: the floor a line-based parser cannot go below."""
    return sum(1 for line in vntext.nfc(text).split("\n") if BASELINE_LINE.match(line))


def parse_once(text: str) -> int:
    """Parse ``text`` and return the number of provisions produced."""
    return sum(1 for _ in parse_document(text).walk())


def measure(func: Callable[[str], object], text: str, repeat: int) -> list[int]:
    """Wall times in nanoseconds of ``repeat`` calls of ``func(text)``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        func(text)
        times.append(time.perf_counter_ns() - start)
    return times


def p90(values: list[int]) -> float:
    """90th percentile, nearest rank (the maximum for fewer than 10 values)."""
    ordered = sorted(values)
    return float(ordered[max(0, -(-len(ordered) * 9 // 10) - 1)])


def peak_memory(text: str) -> int:
    """Peak bytes allocated by Python while parsing ``text`` once."""
    gc.collect()
    tracemalloc.start()
    try:
        parse_document(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def documents(corpus_dir: Path) -> list[Path]:
    """Every ``*.md`` and ``*.txt`` file under ``corpus_dir``, recursively, sorted."""
    return sorted(p for p in corpus_dir.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def _ms(ns: float) -> str:
    return f"{ns / 1e6:9.2f} ms"


def _rate(chars: int, ns: float) -> str:
    return f"{chars / (ns / 1e9):13,.0f} chars/s" if ns > 0 else f"{'inf':>13} chars/s"


def _ratio(parse_ns: float, baseline_ns: float) -> str:
    text = f"x{parse_ns / baseline_ns:.1f}" if baseline_ns > 0 else "n/a"
    return f"{text:>8}"


def _line(r: Result, width: int) -> str:
    return (
        f"{r.name:<{width}} {r.chars:>10,} ch  median {_ms(r.median_ns)}  p90 {_ms(r.p90_ns)}"
        f"  {_rate(r.chars, r.median_ns)}  {r.provisions:>6,} prov"
        f"  {_ratio(r.median_ns, r.baseline_ns)} baseline"
    )


def run(corpus_dir: Path, repeat: int) -> list[str]:
    """Benchmark the parser on ``corpus_dir``; return the report, one string per line."""
    repeat = max(1, repeat)
    paths = documents(corpus_dir)
    lines = [
        f"parse benchmark: {corpus_dir} ({len(paths)} documents, repeat={repeat}, "
        f"Python {platform.python_version()}; baseline = NFC + split + one regex per line)",
    ]
    if not paths:
        return [*lines, f"no {'/'.join('*' + s for s in SUFFIXES)} files under {corpus_dir}"]
    width = min(48, max(len(str(p.relative_to(corpus_dir))) for p in paths))
    results: list[Result] = []
    failures: list[str] = []
    largest: tuple[int, str, str] | None = None  # (chars, name, text) of the largest parsed
    for path in paths:
        name = str(path.relative_to(corpus_dir))
        try:
            text = path.read_bytes().decode("utf-8")
            provisions = parse_once(text)  # warm-up, and the count
            gc.collect()
            times = measure(parse_once, text, repeat)
            base = measure(baseline, text, repeat)
        except Exception as exc:  # any error of the parser is a reported failure
            message = str(exc).splitlines()[0][:120] if str(exc) else ""
            failures.append(f"FAIL {name}: {type(exc).__name__}: {message}")
            lines.append(failures[-1])
            continue
        result = Result(
            name=name,
            chars=len(text),
            provisions=provisions,
            median_ns=statistics.median(times),
            p90_ns=p90(times),
            baseline_ns=statistics.median(base),
        )
        results.append(result)
        lines.append(_line(result, width))
        if largest is None or len(text) > largest[0]:
            largest = (len(text), name, text)
    lines.append("-" * 40)
    lines.extend(_totals(results, failures))
    if largest is not None:
        peak = peak_memory(largest[2])
        lines.append(
            f"peak memory parsing the largest document ({largest[1]}, {largest[0]:,} chars): "
            f"{peak / 2**20:.1f} MiB ({peak / max(1, largest[0]):.0f} bytes per char)"
        )
    return lines


def _totals(results: list[Result], failures: list[str]) -> list[str]:
    lines = [f"documents: {len(results)} parsed, {len(failures)} failed"]
    if not results:
        return lines
    chars = sum(r.chars for r in results)
    parse_ns = sum(r.median_ns for r in results)
    base_ns = sum(r.baseline_ns for r in results)
    provisions = sum(r.provisions for r in results)
    per_doc = statistics.median(r.median_ns for r in results)
    lines += [
        f"median per document: {_ms(per_doc).strip()}",
        f"total: {chars:,} chars in {_ms(parse_ns).strip()} (sum of medians):"
        f" {_rate(chars, parse_ns).strip()}, {provisions:,} provisions",
        f"parse/baseline over the corpus: {_ratio(parse_ns, base_ns).strip()}",
    ]
    return lines
