"""The query mix (``bench/queries.tsv``) and what counts as a correct answer.

One row per query, tab-separated, ``#`` lines are comments::

    qid  class  held_out  query  filters  expected  note

``filters`` is ``doc=…;kind=…;role=…;section=…`` or ``-``; ``expected`` is one or more
provision ids of the bundled corpus, space-separated; ``note`` quotes the printed words the
query was written from. A query is answered correctly when one of its expected provisions,
or the provision at the same path in a derived copy of the same source document
(``bench.build``), is among the top 10.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "queries.tsv"
CLASSES = ("plain", "unaccented", "tone", "typo", "phrase", "docnum", "filtered", "common")
FILTER_KEYS = ("doc", "kind", "role", "section")
TOP = 10


@dataclass(frozen=True)
class Query:
    qid: str
    klass: str
    held_out: bool
    q: str
    filters: Mapping[str, str] = field(default_factory=dict)
    expected: tuple[str, ...] = ()
    note: str = ""


def load(path: Path = QUERIES) -> list[Query]:
    """The queries of ``path``.

    Raises:
        ValueError: a row with an unknown class, filter or no expected id.
    """
    lines = [line for line in path.read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    queries = [_row(cells) for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    seen: set[str] = set()
    for query in queries:
        if query.qid in seen:
            raise ValueError(f"{path.name}: query id {query.qid} twice")
        seen.add(query.qid)
    return queries


def _row(cells: list[str]) -> Query:
    if len(cells) != 7:
        raise ValueError(f"queries: expected 7 tab-separated cells, got {len(cells)}: {cells}")
    qid, klass, held_out, q, filters, expected, note = cells
    if klass not in CLASSES:
        raise ValueError(f"queries: {qid}: unknown class {klass!r}")
    ids = tuple(expected.split())
    if not ids:
        raise ValueError(f"queries: {qid}: no expected provision")
    return Query(qid=qid, klass=klass, held_out=held_out == "yes", q=q,
                 filters=_filters(qid, filters), expected=ids, note=note)


def _filters(qid: str, cell: str) -> dict[str, str]:
    if cell in ("", "-"):
        return {}
    pairs = dict(part.split("=", 1) for part in cell.split(";"))
    unknown = set(pairs) - set(FILTER_KEYS)
    if unknown:
        raise ValueError(f"queries: {qid}: unknown filter {sorted(unknown)}")
    return pairs


def missing_ids(queries: Iterable[Query], known: set[str]) -> list[tuple[str, str]]:
    """``(qid, id)`` of every expected id that is not a provision of the corpus."""
    return [(q.qid, pid) for q in queries for pid in q.expected if pid not in known]


def source_path(hit_id: str, source_of: Mapping[str, str]) -> str:
    """The id a hit stands for in the source corpus: a copy's document id mapped back."""
    doc, _, path = hit_id.partition("/")
    return f"{source_of.get(doc, doc)}/{path}"


def is_correct(query: Query, hit_ids: Iterable[str], source_of: Mapping[str, str]) -> bool:
    """Whether an expected provision (in any copy of its document) is in the top 10."""
    expected = set(query.expected)
    return any(source_path(h, source_of) in expected for h in list(hit_ids)[:TOP])


def scores(queries: list[Query], correct: Mapping[str, bool]) -> dict[str, object]:
    """Correct answers overall, on the held-out rows and per class (only the queries run)."""
    ran = [q for q in queries if q.qid in correct]

    def count(subset: list[Query]) -> dict[str, int]:
        return {"correct": sum(correct[q.qid] for q in subset), "of": len(subset)}

    return {
        "all": count(ran),
        "held_out": count([q for q in ran if q.held_out]),
        "tuning": count([q for q in ran if not q.held_out]),
        "by_class": {k: count([q for q in ran if q.klass == k]) for k in CLASSES
                     if any(q.klass == k for q in ran)},
    }
