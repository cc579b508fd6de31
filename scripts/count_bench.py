"""Counting the hits of common-word queries two ways on a node's index folder: a search
with ``count=True`` (how ``_count`` counted before: a top-k collector scores every hit) and
the aggregation ``_count`` uses now (no scores). Minimum of 15 interleaved runs each.

    .venv/bin/python scripts/count_bench.py /path/to/vnlex.db.index
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import tantivy

from app.search.index import SCHEMA, IndexFolder
from app.services.search import _count

WORDS = [["nguoi", "lao", "dong"], ["co", "quan", "nha", "nuoc"], ["trach", "nhiem"],
         ["to", "chuc"], ["hop", "dong", "lao", "dong"], ["quy", "dinh"]]


def every(words: list[str]) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "body", w)) for w in words])


def main(root: str) -> None:
    folder = IndexFolder(Path(root))
    state = folder.state()
    if state is None:
        raise SystemExit(f"no usable index in {root}")
    searcher = folder.index(state).searcher()
    ways: dict[str, Callable[[tantivy.Query], int]] = {
        "search count": lambda q: int(searcher.search(q, 1, count=True).count),  # type: ignore[attr-defined]
        "aggregation": lambda q: _count(searcher, q),
    }
    sys.stdout.write(f"{searcher.num_docs} provisions; ms, minimum of 15\n")
    for words in WORDS:
        query, best, got = every(words), dict.fromkeys(ways, float("inf")), {}
        for _ in range(15):
            for name, way in ways.items():
                started = time.perf_counter()
                got[name] = way(query)
                best[name] = min(best[name], time.perf_counter() - started)
        assert len(set(got.values())) == 1, got
        cells = "  ".join(f"{name} {s * 1e3:.2f}" for name, s in best.items())
        sys.stdout.write(f"{' '.join(words):22s} {got['aggregation']:>8} hits  {cells}\n")


if __name__ == "__main__":
    main(sys.argv[1])
