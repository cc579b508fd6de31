"""An ingest feeds the node's index as it stores (``app/search/intake.py``): the same index
documents a rebuild reads from the store, the same answers, and ``sync``'s rules kept when
another process writes the store meanwhile or the ingest stops half way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories_app import CORPUS, REPO
from index_helpers import found, state
from sqlalchemy import select

from app.db import models
from app.db.session import session_scope
from app.search import intake, rows, sync
from app.search.index import index_fields, keyed
from app.services import registry as bodies_registry
from app.services.ingest import _store_file, ingest_file, ingest_paths, prepare_file

pytestmark = pytest.mark.any_store

FIXTURES = REPO / "tests" / "fixtures"
# A code with articles, clauses and points (a point's lead-in), a resolution, an annex.
FILES = [CORPUS / "50-2024-QH15-luat-cong-doan.txt", CORPUS / "02-NQ-TW-2021.md",
         FIXTURES / "05-2025-ND-CP.txt", FIXTURES / "182-2024-ND-CP.txt"]
QUERIES = ["cong doan", "hòa giải", "dieu 29 luat cong doan", '"thỏa ước lao động tập thể"',
           "kinh phí công đoàn", "truonh", "nghị định 182/2024"]


def _answers(url: str, index: Path) -> list[list[str]]:
    return [found(url, q, index) for q in QUERIES]


def _head(url: str) -> int:
    with session_scope(url) as session:
        return sync.store_head(session)[0]


def test_prepared_rows_make_the_fields_the_store_reads(db_url: str) -> None:
    """``rows.prepared`` is the store's joins (article heading and row, a point's lead-in,
    the whole citation) done in Python: every row's index fields are the same."""
    registry = bodies_registry.load()
    for path in FILES:
        prepared = prepare_file(path, registry, for_index=True)
        ingest_file(db_url, path, registry)
        assert prepared.index is not None
        with session_scope(db_url) as session:
            stored = {row["pk"]: index_fields(row)
                      for row in rows.rows_of(session, [prepared.doc_id])}
            pk = intake.row_ids(session, prepared.doc_id)
        fed = {pk[row_id]: keyed(fields, pk[row_id], pk[article_id])
               for row_id, article_id, fields in prepared.index}
        assert fed == stored, path.name
        # The file has points under clauses and clauses under articles: not vacuous.
        kinds = {row["kind"] for row in prepared.rows}
        assert path.suffix == ".md" or {"article", "clause"} <= kinds


def test_an_ingest_feeds_the_index_a_rebuild_would_make(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    summary = ingest_paths(db_url, FILES, jobs=1, index_dir=index)
    assert not summary.refused and state(index)["seq"] == _head(db_url)
    fed = _answers(db_url, index)
    assert fed[2][0] == "50-2024-qh15/d29" and all(fed[:5])
    shutil.rmtree(index)
    assert _answers(db_url, index) == fed


def test_a_reingest_feeds_the_current_build(db_url: str, tmp_path: Path) -> None:
    """Into an index that exists: the changed document replaces its old rows, a superseded
    one (the same file under a new number) goes, the others stay: the answers of a node that
    caught up from the change log instead (deleted rows count in BM25's statistics until
    tantivy merges them away, so a rebuild may order ties of score differently)."""
    index = tmp_path / "idx"
    folder = tmp_path / "docs"
    folder.mkdir()
    copy = folder / FILES[0].name
    shutil.copy(FILES[0], copy)
    ingest_paths(db_url, [copy, FILES[1]], jobs=1, index_dir=index)
    build = state(index)["build"]
    other_node = tmp_path / "other"
    assert _answers(db_url, other_node) == _answers(db_url, index)
    text = copy.read_text("utf-8")
    copy.write_text(text.replace("50/2024/QH15", "51/2024/QH15").replace(
        "Thỏa ước lao động tập thể", "Thỏa ước lao động tập thể ngành"), "utf-8")
    summary = ingest_paths(db_url, [copy, FILES[1]], jobs=1, index_dir=index)
    assert summary.reports[0].superseded == ["50-2024-qh15"]
    assert state(index)["build"] == build and state(index)["seq"] == _head(db_url)
    fed = _answers(db_url, index)
    assert not any(pid.startswith("50-2024-qh15/") for answer in fed for pid in answer)
    assert any(pid.startswith("51-2024-qh15/") for pid in fed[0])
    assert fed[2][0] == "51-2024-qh15/d29"
    assert _answers(db_url, other_node) == fed


def test_a_change_logged_meanwhile_by_another_writer_is_caught_up(db_url: str,
                                                                    tmp_path: Path) -> None:
    """The state stops below a change the feed did not apply; the catch-up applies it and
    what follows (the feed's own again, harmlessly)."""
    index = tmp_path / "idx"
    registry = bodies_registry.load()
    ours = [prepare_file(path, registry, for_index=True) for path in FILES[:2]]
    with intake.feeding(db_url, index) as feed:
        first = _store_file(db_url, ours[0], registry, feed=feed)
        ingest_file(db_url, FILES[2], registry)  # another process: not fed
        _store_file(db_url, ours[1], registry, feed=feed)
    assert state(index)["seq"] == first.changes[-1] < _head(db_url)
    assert found(db_url, "cong doan", index)  # the search catches up first
    assert state(index)["seq"] == _head(db_url)
    assert any(pid.startswith("05-2025-nd-cp/")  # the other writer's document
               for pid in found(db_url, "nước thải phải xử lý", index))
    assert _indexed(index) == _provisions(db_url)  # nothing twice


def _indexed(index: Path) -> int:
    node = sync.folder(index)
    current = node.state()
    assert current is not None
    return int(node.index(current).searcher().num_docs)


def _provisions(url: str) -> int:
    with session_scope(url) as session:
        return len(session.scalars(select(models.table_of(models.Provision).c.pk)).all())


def test_an_ingest_stopped_half_way_leaves_a_consistent_index(db_url: str,
                                                             tmp_path: Path) -> None:
    """What was fed after the last commit is dropped with the error; the store kept those
    documents, so the next search catches them up."""
    index = tmp_path / "idx"
    registry = bodies_registry.load()
    ingest_paths(db_url, [FILES[1]], jobs=1, index_dir=index)
    seq = state(index)["seq"]
    prepared = prepare_file(FILES[0], registry, for_index=True)
    with pytest.raises(KeyboardInterrupt), intake.feeding(db_url, index) as feed:
        _store_file(db_url, prepared, registry, feed=feed)
        raise KeyboardInterrupt
    assert state(index)["seq"] == seq
    assert found(db_url, "dieu 29 luat cong doan", index)[0] == "50-2024-qh15/d29"


def test_an_unchanged_document_feeds_nothing(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "idx"
    ingest_paths(db_url, FILES[:2], jobs=1, index_dir=index)
    before = state(index)
    summary = ingest_paths(db_url, FILES[:2], jobs=1, index_dir=index)
    assert all(report.changes == [] for report in summary.reports)
    assert state(index)["seq"] == before["seq"]
    with session_scope(db_url) as session:
        count = session.scalar(select(models.table_of(models.IndexChange).c.seq)
                               .order_by(models.table_of(models.IndexChange).c.seq.desc())
                               .limit(1))
    assert count == before["seq"]
