"""A published copy of the search index: restored by a new node instead of a rebuild, its
later changes applied from the change log, and a damaged or foreign copy never served."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories_app import LAW_ID, law, resolution
from index_helpers import found, state, store
from sqlalchemy import func, select, text

from app.db import models
from app.db.session import new_session, session_scope
from app.search import snapshots, sync
from app.services.copy import copied_tables
from app.services.maintenance import publish_index, reindex

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

QUERIES = ["cong doan", "hòa giải", "khoản 2 điều 5", '"tập thể"', "truonh"]


def files(index: Path) -> dict[str, bytes]:
    build = index / state(index)["build"]
    return {p.name: p.read_bytes() for p in build.iterdir()
            if p.name not in snapshots.SKIPPED_FILES}


def copies(url: str) -> int:
    with new_session(url) as session:
        return int(session.scalar(select(func.count()).select_from(models.IndexSnapshot)) or 0)


def test_a_new_node_restores_the_published_index_byte_for_byte(db_url: str,
                                                               tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    store(db_url, resolution())
    store(db_url, law())
    answers = [found(db_url, q, first) for q in QUERIES]
    published, size = publish_index(db_url, first)
    assert size > 0 and copies(db_url) == 1
    assert [found(db_url, q, second) for q in QUERIES] == answers
    assert state(second)["seq"] == published.seq
    assert state(second)["build"] != published.build  # a folder of its own, same files
    assert files(second) == files(first)


def test_changes_after_the_copy_are_applied_on_restore(db_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    store(db_url, resolution())
    found(db_url, "cong doan", first)
    published, _ = publish_index(db_url, first)
    store(db_url, law())
    assert found(db_url, "dieu 5", second, doc=LAW_ID)[0] == f"{LAW_ID}/d5"
    assert state(second)["seq"] > published.seq


def test_a_damaged_copy_is_not_served_and_the_node_rebuilds(db_url: str,
                                                            tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    store(db_url, resolution())
    answers = [found(db_url, q, first) for q in QUERIES]
    publish_index(db_url, first)
    with session_scope(db_url) as session:  # one byte of the archive flipped
        data = session.scalar(select(models.IndexSnapshotPart.data))
        assert data is not None
        session.execute(models.table_of(models.IndexSnapshotPart).update().values(
            data=bytes([data[0] ^ 1]) + data[1:]))
    with new_session(db_url) as session:
        head, sid = sync.store_head(session)
        assert snapshots.restore(session, sync.folder(second), sid, head) is None
    assert not second.exists() or not any(p.is_dir() for p in second.iterdir())
    assert [found(db_url, q, second) for q in QUERIES] == answers
    assert files(second) != files(first)  # rebuilt: new segment ids


@pytest.mark.parametrize("change", ["schema = schema - 1", "store_id = 'another'"])
def test_a_copy_of_another_index_schema_or_store_is_ignored(db_url: str, tmp_path: Path,
                                                            change: str) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    store(db_url, resolution())
    found(db_url, "cong doan", first)
    publish_index(db_url, first)
    with session_scope(db_url) as session:
        session.execute(text(f"UPDATE index_snapshots SET {change}"))  # noqa: S608 - ours
    with new_session(db_url) as session:
        head, sid = sync.store_head(session)
        assert snapshots.restore(session, sync.folder(second), sid, head) is None


def test_the_store_keeps_one_copy(db_url: str, tmp_path: Path) -> None:
    index = tmp_path / "a"
    store(db_url, resolution())
    found(db_url, "cong doan", index)
    publish_index(db_url, index)
    store(db_url, law())
    found(db_url, "cong doan", index)
    second, _ = publish_index(db_url, index)
    with new_session(db_url) as session:
        seqs = session.scalars(select(models.IndexSnapshot.seq)).all()
        ids = set(session.scalars(select(models.IndexSnapshotPart.snapshot_id)).all())
    assert seqs == [second.seq] and len(ids) == 1


@pytest.mark.postgres
def test_publishing_again_reuses_the_replaced_copys_space(pg_url: str, tmp_path: Path
                                                         ) -> None:
    """Each reindex replaces the copy; without freeing the old parts the database grew by
    a copy per publish (dead TOAST rows until autovacuum)."""
    index = tmp_path / "a"
    store(pg_url, resolution())
    store(pg_url, law())
    found(pg_url, "cong doan", index)
    publish_index(pg_url, index)
    publish_index(pg_url, index)
    before, copy = parts_bytes(pg_url)
    for _ in range(3):
        publish_index(pg_url, index)
    after, _ = parts_bytes(pg_url)
    assert after - before < 2 * copy  # without freeing: three copies more


def parts_bytes(url: str) -> tuple[int, int]:
    """The parts table on disk (TOAST, indexes and all), and the one copy's bytes."""
    with new_session(url) as session:
        return (int(session.scalar(text("SELECT pg_total_relation_size('index_snapshot_parts')"))
                    or 0),
                int(session.scalar(text("SELECT sum(length(data)) FROM index_snapshot_parts"))
                    or 0))


def test_reindex_publishes_on_postgres_only(db_url: str, tmp_path: Path) -> None:
    store(db_url, resolution())
    reindex(db_url, tmp_path / "a")
    assert copies(db_url) == (1 if db_url.startswith("postgresql") else 0)


def test_a_copied_store_leaves_the_index_copies_behind() -> None:
    """They are tied to the source's store id, which a copy does not keep."""
    names = {table.name for table in copied_tables()}
    assert not names & {"store_info", "index_snapshots", "index_snapshot_parts"}


def test_a_starting_writer_restores_the_copy_too(db_url: str, tmp_path: Path) -> None:
    """``ensure_built`` is what a server's index writer runs at start (app/search/follow.py)."""
    first, second = tmp_path / "a", tmp_path / "b"
    store(db_url, resolution())
    found(db_url, "cong doan", first)
    published, _ = publish_index(db_url, first)
    with new_session(db_url) as session:
        started = sync.ensure_built(session, second)
    assert started.seq == published.seq and files(second) == files(first)
