"""The same migrations, ingest, browsing and search on PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from factories_app import CORPUS, RESOLUTION_ID, law, resolution
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from app.core.config import Settings
from app.db import bulk
from app.db.session import read_session, session_scope
from app.main import create_app
from app.services import listing
from app.services.copy import copied_tables
from app.services.ingest import ingest_document, ingest_paths

pytestmark = pytest.mark.postgres

# Columns that say when a row was written: they differ between two ingests of one file.
CLOCK = ("created_at", "updated_at", "ingested_at")


def test_ingest_is_idempotent_on_postgres(pg_url: str) -> None:
    with session_scope(pg_url) as session:
        first = ingest_document(session, resolution())
    with session_scope(pg_url) as session:
        again = ingest_document(session, resolution(I_1="Văn bản đã sửa."))
    assert first.added == 11
    assert (again.added, again.changed, again.removed) == (0, 1, 0)


SAME_ANSWERS = ["cong doan", "hòa giải", "thoa uoc lao dong", "truonh", '"tập thể"',
                "khoản 1", "99-NQ/TW"]


def test_browsing_and_search_answer_as_on_sqlite(pg_url: str, db_url: str,
                                                 tmp_path: Path) -> None:
    answers = []
    for url, index in ((pg_url, tmp_path / "pg.index"), (db_url, tmp_path / "sqlite.index")):
        with session_scope(url) as session:
            ingest_document(session, resolution())
        settings = Settings(database_url=url, index_dir=str(index))
        with TestClient(create_app(settings)) as client:
            body = client.get(f"/provisions/{RESOLUTION_ID}/III.1").json()
            assert [c["path"] for c in body["children"]] == ["III.1.1", "III.1.2"]
            assert client.get(f"/documents/{RESOLUTION_ID}").json()["toc"]
            answers.append([_search(client, q) for q in SAME_ANSWERS])
    on_postgres, on_sqlite = answers
    assert on_postgres == on_sqlite
    assert all(ids for ids, _ in on_postgres[:3])  # the cases that must find something


def _search(client: TestClient, q: str) -> tuple[list[str], int]:
    response = client.get("/search", params={"q": q, "limit": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    return [h["id"] for h in body["items"]], body["total"]


def test_analysis_and_its_routes_on_postgres(pg_url: str) -> None:
    with session_scope(pg_url) as session:
        ingest_document(session, resolution())
    with session_scope(pg_url) as session:
        ingest_document(session, resolution())  # replaced, not duplicated
    with TestClient(create_app(Settings(database_url=pg_url))) as client:
        bodies = client.get(f"/provisions/{RESOLUTION_ID}/III.1.1/bodies").json()["items"]
        assert [(b["body_id"], b["role"]) for b in bodies] == [("ban-to-chuc-trung-uong", "lead")]
        duties = client.get("/duties", params={"doc": RESOLUTION_ID, "format": "csv"})
        assert duties.content.startswith(b"\xef\xbb\xbfbody_id,")
        targets = client.get("/targets", params={"doc": RESOLUTION_ID}).json()["items"]
        assert [t["value"] for t in targets] == [16_500_000]
        assert client.get("/bodies", params={"q": "ban to chuc"}).json()["total"] == 1
        found = client.get("/resolve", params={"cite": "99-NQ/TW mục III.1.1"})
        assert found.json()["match"]["provision_id"] == f"{RESOLUTION_ID}/III.1.1"


def test_pages_and_batched_exports_on_postgres(pg_url: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # The keyset of an export batch, `(document_id, id) > (…)`, is a row comparison that
    # PostgreSQL must order as its ORDER BY does.
    monkeypatch.setattr(listing, "EXPORT_BATCH", 2)
    with session_scope(pg_url) as session:
        ingest_document(session, resolution())
        ingest_document(session, law())
    with TestClient(create_app(Settings(database_url=pg_url))) as client:
        page = client.get("/duties", params={"limit": 100}).json()
        assert page["total"] == len(page["items"]) > 2
        exported = client.get("/duties", params={"format": "csv"}).content.decode("utf-8-sig")
        assert [row["provision_id"] for row in csv.DictReader(io.StringIO(exported))] == [
            item["provision_id"] for item in page["items"]]
        documents = client.get("/documents", params={"limit": 1})
        assert documents.json()["total"] == 2 and documents.json()["next"]
        assert "source" not in documents.json()["items"][0]


def test_copy_stores_the_rows_executemany_stores(pg_url: str, db_url: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest on PostgreSQL writes provisions and analysis with COPY (app/db/bulk.py):
    the same rows, JSON and the quoted ``end`` column included, as the executemany on
    SQLite. (search_terms is written by neither; its text keys sort by collation.)"""
    stored = []
    for url, copy_min in ((pg_url, 1), (db_url, 10**9)):
        monkeypatch.setattr(bulk, "COPY_MIN_ROWS", copy_min)
        assert not ingest_paths(url, [CORPUS], jobs=1).refused
        with session_scope(url) as session:
            stored.append({t.name: session.execute(
                select(*[c for c in t.columns if c.name not in CLOCK])
                .order_by(*t.primary_key.columns)).all()
                for t in copied_tables() if t.name != "search_terms"})
    on_postgres, by_executemany = stored
    assert on_postgres["provisions"] and on_postgres["duties"] and on_postgres["targets"]
    assert on_postgres == by_executemany


def test_a_request_reads_outside_a_transaction_on_postgres(pg_url: str) -> None:
    """An API request's session on PostgreSQL sends no BEGIN: two statements apart in
    time see two transaction start times (in one transaction ``now()`` would not move).
    A write session still runs in one transaction."""
    reader = read_session(pg_url)
    try:
        first = reader.execute(text("SELECT now()")).scalar_one()
        reader.execute(text("SELECT pg_sleep(0.02)"))
        assert reader.execute(text("SELECT now()")).scalar_one() > first
    finally:
        reader.close()
    with session_scope(pg_url, write=True) as writer:
        first = writer.execute(text("SELECT now()")).scalar_one()
        writer.execute(text("SELECT pg_sleep(0.02)"))
        assert writer.execute(text("SELECT now()")).scalar_one() == first
