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
from dataclasses import dataclass, field
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
    bytes: int
    provisions: int
    median_ns: float
    p90_ns: float
    baseline_ns: float


@dataclass
class Measured:
    """Documents that parsed, the failures, and the largest text (for peak memory)."""

    results: list[Result] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    largest: tuple[str, str] | None = None  # (name, text)


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


def measure_documents(paths: list[Path], root: Path, repeat: int,
                      on_line: Callable[[str], None] | None = None) -> Measured:
    """Parse every file of ``paths`` ``repeat`` times (after one warm-up), and its baseline."""
    width = min(48, max((len(_name(p, root)) for p in paths), default=1))
    measured = Measured()
    for path in paths:
        name = _name(path, root)
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            provisions = parse_once(text)  # warm-up, and the count
            gc.collect()
            times = measure(parse_once, text, repeat)
            base = measure(baseline, text, repeat)
        except Exception as exc:  # any error of the parser is a reported failure
            message = str(exc).splitlines()[0][:120] if str(exc) else ""
            measured.failures.append(f"FAIL {name}: {type(exc).__name__}: {message}")
            if on_line is not None:
                on_line(measured.failures[-1])
            continue
        result = Result(
            name=name,
            chars=len(text),
            bytes=len(raw),
            provisions=provisions,
            median_ns=statistics.median(times),
            p90_ns=p90(times),
            baseline_ns=statistics.median(base),
        )
        measured.results.append(result)
        if on_line is not None:
            on_line(_line(result, width))
        if measured.largest is None or len(text) > len(measured.largest[1]):
            measured.largest = (name, text)
    return measured


def _name(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def figures(paths: list[Path], repeat: int) -> dict[str, float | int]:
    """Throughput of the parser over ``paths`` (sum of per-document medians): docs/s, MB/s."""
    measured = measure_documents(paths, Path("/"), repeat)
    seconds = sum(r.median_ns for r in measured.results) / 1e9
    size = sum(r.bytes for r in measured.results)
    return {
        "documents": len(measured.results),
        "failed": len(measured.failures),
        "provisions": sum(r.provisions for r in measured.results),
        "mb": round(size / 2**20, 2),
        "seconds": round(seconds, 3),
        "docs_per_s": round(len(measured.results) / seconds, 1) if seconds else 0.0,
        "mb_per_s": round(size / 2**20 / seconds, 2) if seconds else 0.0,
        "provisions_per_s": round(sum(r.provisions for r in measured.results) / seconds, 1)
        if seconds else 0.0,
        "median_doc_ms": round(statistics.median(r.median_ns for r in measured.results) / 1e6, 2)
        if measured.results else 0.0,
    }


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
    measured = measure_documents(paths, corpus_dir, repeat, on_line=lines.append)
    lines.append("-" * 40)
    lines.extend(_totals(measured.results, measured.failures))
    if measured.largest is not None:
        name, text = measured.largest
        peak = peak_memory(text)
        lines.append(
            f"peak memory parsing the largest document ({name}, {len(text):,} chars): "
            f"{peak / 2**20:.1f} MiB ({peak / max(1, len(text)):.0f} bytes per char)"
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
