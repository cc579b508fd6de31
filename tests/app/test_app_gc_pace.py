"""The collector's pace while a document is prepared (app/services/gc_pace.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.services.gc_pace import THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def _default_pace() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_raised_inside_and_put_back_after() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_put_back_after_an_error() -> None:
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError
    assert gc.get_threshold() == (700, 10, 10)


def test_never_lowers_a_higher_threshold() -> None:
    gc.set_threshold(50_000, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 10, 10)
    assert gc.get_threshold() == (50_000, 10, 10)


def test_nested_or_overlapping_uses_leave_it_no_lower_than_found() -> None:
    outer = fewer_collections()
    outer.__enter__()
    with fewer_collections():  # another document prepared meanwhile (a thread)
        pass
    outer.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)
