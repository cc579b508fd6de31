"""Index documents for a writer, their tokenizing shared among worker processes.

Turning a provision row into its index fields (folding, tone placement, pairs) is Python,
and it was four fifths of a rebuild (py-spy of ``vnlex reindex``), on one core. For a
large build, worker processes each read a slice of the store and return the fields as
plain strings and numbers (``index_fields``); this process turns them into tantivy
documents in the order the slices were asked for. The writer gets the same documents in
the same order as from one process, so a parallel build answers exactly like a serial one.

Workers are spawned, not forked: a server rebuilds in a background thread, and a fork
copies whatever lock another thread holds at that moment. Spawning costs each worker an
import (about half a second), so small builds stay in this process.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

import tantivy
from sqlalchemy.orm import Session

from app.db.session import session_scope
from app.db.urls import sqlite_file
from app.search import rows
from app.search.index import IndexFields, document_of, index_fields

logger = logging.getLogger(__name__)

# Below this many rows a build stays in this process: workers' start-up would eat the gain.
PARALLEL_MIN_ROWS = 40_000
# Documents per slice when re-indexing changed documents.
DOCS_PER_SLICE = 100

# Slices a worker reads whole, in this order, ahead of the writer (memory stays bounded).
AHEAD_PER_WORKER = 2


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def every_row(session: Session, jobs: int | None = None) -> Iterator[tantivy.Document]:
    """An index document for every provision of the store, in row id order."""
    low, high = rows.pk_bounds(session)
    if not _worth_workers(session, high - low + 1, jobs):
        for row in rows.all_rows(session):
            yield document_of(index_fields(row))
        return
    calls = [(_range_fields, (start, min(start + rows.BATCH - 1, high)))
             for start in range(low, high + 1, rows.BATCH)]
    yield from _from_workers(session, calls, jobs)


def rows_of_documents(session: Session, doc_ids: Sequence[str],
                      jobs: int | None = None) -> Iterator[tantivy.Document]:
    """An index document for every provision of ``doc_ids``."""
    chunks = [list(doc_ids[i : i + DOCS_PER_SLICE])
              for i in range(0, len(doc_ids), DOCS_PER_SLICE)]
    # About 140 provisions a document in the benchmark's corpus.
    if not _worth_workers(session, 140 * len(doc_ids), jobs):
        for chunk in chunks:
            for row in rows.rows_of(session, chunk):
                yield document_of(index_fields(row))
        return
    yield from _from_workers(session, [(_documents_fields, (chunk,)) for chunk in chunks], jobs)


def _worth_workers(session: Session, estimated_rows: int, jobs: int | None) -> bool:
    url = session.get_bind().engine.url
    # Workers open the database themselves: an in-memory SQLite would be a new, empty one.
    in_memory = url.get_backend_name() == "sqlite" and sqlite_file(url) is None
    return (jobs or cores()) > 1 and estimated_rows >= PARALLEL_MIN_ROWS and not in_memory


_Call = tuple[Callable[..., list[IndexFields]], tuple[Any, ...]]


def _from_workers(session: Session, calls: list[_Call],
                  jobs: int | None) -> Iterator[tantivy.Document]:
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    workers = jobs or cores()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    try:
        pending: deque[tuple[_Call, Future[list[IndexFields]]]] = deque()
        queue = iter(calls)
        for call in itertools.islice(queue, AHEAD_PER_WORKER * workers):
            pending.append((call, pool.submit(call[0], url, *call[1])))
        while pending:
            call, future = pending.popleft()
            try:
                fields = future.result()
            except BrokenProcessPool:
                # A worker could not start or died (killed, out of memory): the build goes
                # on here, slower, rather than leave the node without an index.
                logger.warning("index workers stopped; building the rest in this process")
                for rest in [call, *(c for c, _ in pending), *queue]:
                    yield from map(document_of, rest[0](url, *rest[1]))
                return
            following = next(queue, None)
            if following is not None:
                pending.append((following, pool.submit(following[0], url, *following[1])))
            yield from map(document_of, fields)
    finally:  # a writer that stopped early (an error) leaves no slice running
        pool.shutdown(wait=True, cancel_futures=True)


def _range_fields(url: str, low: int, high: int) -> list[IndexFields]:
    """In a worker: the index fields of the provisions with row ids in ``[low, high]``."""
    with session_scope(url) as session:
        return [index_fields(row) for row in rows.rows_between(session, low, high)]


def _documents_fields(url: str, doc_ids: list[str]) -> list[IndexFields]:
    """In a worker: the index fields of the provisions of ``doc_ids``."""
    with session_scope(url) as session:
        return [index_fields(row) for row in rows.rows_of(session, doc_ids)]
