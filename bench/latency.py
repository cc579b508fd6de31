"""vnlex search in process: answers of the query mix (correctness) and latency per class.

Calls ``app.services.search.search`` with a session from ``app.db.session.read_session``,
one session per query of the kind an HTTP request has (on PostgreSQL outside a transaction:
no ``BEGIN`` and ``COMMIT`` round trips the API does not make), top 10 like a results page.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from app.db.session import dispose, read_session
from app.services.search import SearchParams, search
from bench.queries import CLASSES, TOP, Query, is_correct
from bench.stats import summary_ms


def params(query: Query) -> SearchParams:
    f = query.filters
    return SearchParams(q=query.q, limit=TOP, doc=f.get("doc"), kind=f.get("kind"),
                        role=f.get("role"), section=f.get("section"))


def answers(url: str, queries: list[Query]) -> dict[str, list[str]]:
    """Top-10 provision ids per query id; a query vnlex refuses (400) answers nothing."""
    out: dict[str, list[str]] = {}
    for query in queries:
        try:
            with read_session(url) as session:
                result = search(session, params(query))
        except Exception as exc:  # noqa: BLE001  (a refused or failing query is a wrong answer)
            out[query.qid] = [f"error: {type(exc).__name__}"]
            continue
        out[query.qid] = [item["id"] for item in result["items"]]
    return out


def timings(url: str, queries: list[Query], repeat: int) -> dict[str, list[float]]:
    """Wall times (seconds) per class over ``repeat`` passes of the whole mix.

    Passes, not repeats of one query in a row: a query repeated back to back is served from
    warm caches more than a real mix would be. The first pass is a warm-up.
    """
    def one(query: Query) -> float:
        started = time.perf_counter()
        try:
            with read_session(url) as session:
                search(session, params(query))
        except Exception:  # noqa: BLE001, S110  (refusals are timed too: they are answers)
            pass
        return time.perf_counter() - started

    for query in queries:
        one(query)
    samples: dict[str, list[float]] = {k: [] for k in CLASSES}
    for _ in range(repeat):
        for query in queries:
            samples[query.klass].append(one(query))
    return samples


def run(url: str, queries: list[Query], repeat: int,
        source_of: Mapping[str, str]) -> dict[str, Any]:
    """Correctness and latency of vnlex on the mix."""
    got = answers(url, queries)
    correct = {q.qid: is_correct(q, got[q.qid], source_of) for q in queries}
    samples = timings(url, queries, repeat)
    dispose(url)
    every = [s for values in samples.values() for s in values]
    return {
        "answers": got,
        "correct": correct,
        "ms": summary_ms(every),
        "ms_by_class": {k: summary_ms(v) for k, v in samples.items() if v},
        "repeat": repeat,
    }
