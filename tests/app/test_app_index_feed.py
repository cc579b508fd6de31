"""Index documents tokenized by worker processes are the ones tokenized here, in the same
order (``app/search/feed.py``): a parallel rebuild answers exactly like a serial one."""

from __future__ import annotations

import functools
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select

from app.db import models
from app.db.session import session_scope
from app.search import feed, rows

pytestmark = pytest.mark.any_store


def _dicts(documents: Any) -> list[dict[str, Any]]:
    return [document.to_dict() for document in documents]


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shared corpus has a few hundred provisions: force the workers and several slices,
    # so that their order is tested too.
    monkeypatch.setattr(feed, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(rows, "BATCH", 97)
    monkeypatch.setattr(feed, "DOCS_PER_SLICE", 2)


def test_every_row_from_workers_equals_one_process(corpus_url: str, small_slices: None,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    with session_scope(corpus_url) as session, caplog.at_level(logging.WARNING):
        here = _dicts(feed.every_row(session, jobs=1))
        workers = _dicts(feed.every_row(session, jobs=2))
        stored = session.scalar(select(models.func.count()).select_from(models.Provision))
    assert "index workers stopped" not in caplog.text  # the workers really did it
    assert len(here) == stored > 97 * 3
    assert [d["pk"] for d in here] == sorted(d["pk"] for d in here)
    assert workers == here


def test_documents_from_workers_equal_one_process(corpus_url: str, small_slices: None,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    with session_scope(corpus_url) as session, caplog.at_level(logging.WARNING):
        doc_ids = list(session.scalars(select(models.Document.id).order_by(models.Document.id)))
        here = _dicts(feed.rows_of_documents(session, doc_ids, jobs=1))
        workers = _dicts(feed.rows_of_documents(session, doc_ids, jobs=2))
    assert "index workers stopped" not in caplog.text
    assert len(doc_ids) > 2 * 2  # more than two slices
    assert {d["doc"][0] for d in here} == set(doc_ids)
    assert workers == here


def test_small_builds_stay_in_this_process(corpus_url: str) -> None:
    with session_scope(corpus_url) as session:
        assert not feed._worth_workers(session, feed.PARALLEL_MIN_ROWS - 1, jobs=2)
        assert not feed._worth_workers(session, feed.PARALLEL_MIN_ROWS, jobs=1)
        assert feed._worth_workers(session, feed.PARALLEL_MIN_ROWS, jobs=2)


def test_workers_that_cannot_start_leave_the_build_to_this_process(
        corpus_url: str, small_slices: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # Real worker processes, each exiting as it starts (as one killed or out of memory).
    monkeypatch.setattr(feed, "ProcessPoolExecutor",
                        functools.partial(ProcessPoolExecutor, initializer=os._exit,
                                          initargs=(1,)))
    with session_scope(corpus_url) as session, caplog.at_level(logging.WARNING):
        here = _dicts(feed.every_row(session, jobs=1))
        fallen_back = _dicts(feed.every_row(session, jobs=2))
    assert "index workers stopped" in caplog.text
    assert fallen_back == here
