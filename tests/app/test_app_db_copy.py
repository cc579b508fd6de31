"""`vnlex db copy`: SQLite → PostgreSQL → SQLite, and the same API answers at each end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from factories_app import LAW_ID, RESOLUTION_ID, resolution
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from app.cli import app
from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.models import IndexChange, Provision
from app.db.session import dispose, get_engine, session_scope
from app.main import create_app
from app.services.copy import copied_tables, table_counts
from app.services.ingest import ingest_document

pytestmark = pytest.mark.postgres
runner = CliRunner()

QUERIES = ["thoa uoc lao dong tap the", "cong doan", '"tập thể"', "02-NQ/TW", "truonh"]
PAGES = ["/documents", f"/documents/{RESOLUTION_ID}", f"/provisions/{LAW_ID}/d5.2.a",
         f"/provisions/{RESOLUTION_ID}/III.1.1/bodies", "/targets?limit=100",
         "/duties?limit=100", "/bodies?limit=100", "/resolve?cite=99-NQ/TW mục III.1.1"]


def answers(url: str, index: Path) -> list[Any]:
    """What the API says about the store at ``url``: pages and searches, as JSON."""
    with TestClient(create_app(Settings(database_url=url, index_dir=str(index)))) as client:
        out: list[Any] = []
        for page in PAGES:
            response = client.get(page)
            assert response.status_code == 200, (page, response.text)
            out.append(response.json())
        for q in QUERIES:
            body = client.get("/search", params={"q": q, "limit": 10}).json()
            out.append(([hit["id"] for hit in body["items"]], body["total"], body["facets"]))
    return out


def keys(url: str) -> list[tuple[int, str]]:
    with session_scope(url) as session:
        return list(session.execute(select(Provision.pk, Provision.id).order_by(Provision.pk)))


def copy(source: str, target: str) -> Any:
    return runner.invoke(app, ["db", "copy", "--from", source, "--to", target])


def test_sqlite_to_postgresql_and_back_gives_the_same_answers(
        sqlite_corpus_url: str, pg_url: str, db_url: str, tmp_path: Path) -> None:
    there = copy(sqlite_corpus_url, pg_url)
    assert there.exit_code == 0, there.output
    assert "copying rows" in there.output and "counts verified" in there.output
    back = copy(pg_url, db_url)
    assert back.exit_code == 0, back.output
    counts = table_counts(sqlite_corpus_url)
    assert counts["provisions"] > 500 and counts["duties"] and counts["index_changes"]
    assert table_counts(pg_url) == counts == table_counts(db_url)
    assert keys(pg_url) == keys(sqlite_corpus_url) == keys(db_url)  # ids and keys intact
    original = answers(sqlite_corpus_url, tmp_path / "a")
    assert answers(pg_url, tmp_path / "b") == original
    assert answers(db_url, tmp_path / "c") == original


def test_the_copy_goes_on_ingesting_after_its_largest_keys(sqlite_corpus_url: str,
                                                          pg_url: str) -> None:
    assert copy(sqlite_corpus_url, pg_url).exit_code == 0
    last = max(pk for pk, _ in keys(pg_url))
    with session_scope(pg_url) as session:
        head = session.scalar(select(IndexChange.seq).order_by(IndexChange.seq.desc()).limit(1))
        session.query(Provision).filter(Provision.document_id == RESOLUTION_ID).delete()
    with session_scope(pg_url) as session:  # new rows: the sequences were moved past
        ingest_document(session, resolution())
        seqs = session.scalars(select(IndexChange.seq).where(IndexChange.seq > head)).all()
    assert min(pk for pk, _ in keys(pg_url) if pk > last) == last + 1
    assert seqs == [head + 1]


def test_a_target_not_empty_or_at_another_revision_is_refused(
        sqlite_corpus_url: str, pg_url: str, tmp_path: Path) -> None:
    assert copy(sqlite_corpus_url, pg_url).exit_code == 0
    again = copy(sqlite_corpus_url, pg_url)
    assert again.exit_code == 2 and "the target is not empty: bodies" in again.output
    assert table_counts(pg_url) == table_counts(sqlite_corpus_url)  # nothing added

    older = f"sqlite:///{tmp_path / 'older.db'}"
    bare = f"sqlite:///{tmp_path / 'bare.db'}"
    try:
        upgrade(older, "0006")
        refused = copy(sqlite_corpus_url, older)
        assert refused.exit_code == 2 and "revision 0006" in refused.output
        assert not any(_rows_in_existing_tables(older).values())
        unmigrated = copy(sqlite_corpus_url, bare)
        assert unmigrated.exit_code == 2 and "is not migrated" in unmigrated.output
        assert copy(sqlite_corpus_url, sqlite_corpus_url).exit_code == 2
    finally:
        dispose(older)
        dispose(bare)


def _rows_in_existing_tables(url: str) -> dict[str, int]:
    """Rows per table of an older revision (later migrations' tables are not there)."""
    engine = get_engine(url)
    names = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        return {t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0)
                for t in copied_tables() if t.name in names}


def test_every_model_table_is_copied_parents_first() -> None:
    names = [t.name for t in copied_tables()]
    assert {"documents", "provisions", "duties", "targets", "citations", "crossrefs",
            "bodies", "index_changes", "search_terms"} <= set(names)
    assert names.index("documents") < names.index("provisions") < names.index("duties")
