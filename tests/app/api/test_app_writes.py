"""Writes over HTTP (issue 12): POST /documents and DELETE /documents/{id} exist only with
VNLEX_ADMIN_TOKEN, need that bearer token, are all or nothing, and the search index
follows them at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories_app import CORPUS
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.api import auth
from app.core.config import Settings
from app.db.models import Document, IndexChange
from app.db.session import session_scope
from app.main import create_app

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

# Real TCVN3 lines in their legacy bytes (tests/fixtures/encodings/README.md).
TCVN3_BYTES = (Path(__file__).resolve().parents[2] / "fixtures" / "encodings"
               / "tcvn3-lines.txt").read_text("utf-8").encode("latin-1")

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NQ02_TEXT = (CORPUS / "02-NQ-TW-2021.md").read_bytes()
NQ02 = "02-nq-tw-2021"


@pytest.fixture
def admin_client(db_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=db_url, admin_token=TOKEN, max_body_bytes=1_000_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _stored(db_url: str) -> tuple[int, int]:
    """Documents and logged changes: what any write would move."""
    with session_scope(db_url) as session:
        docs = session.scalar(select(func.count()).select_from(Document)) or 0
        changes = session.scalar(select(func.count()).select_from(IndexChange)) or 0
    return docs, changes


def test_without_a_token_there_are_no_write_routes(client: TestClient) -> None:
    assert client.post("/documents", content=NQ02_TEXT, headers=AUTH).status_code == 405
    assert client.delete(f"/documents/{NQ02}", headers=AUTH).status_code == 405
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]["/documents"]) == {"get"}
    assert "securitySchemes" not in spec.get("components", {})


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "unauthorized"),
    ({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
    ({"Authorization": "Bearer "}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong"}, 403, "forbidden"),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403, "forbidden"),
])
def test_writes_need_the_token(admin_client: TestClient, db_url: str,
                               headers: dict[str, str], status: int, code: str) -> None:
    before = _stored(db_url)
    for response in (admin_client.post("/documents", content=NQ02_TEXT, headers=headers),
                     admin_client.delete(f"/documents/{NQ02}", headers=headers)):
        assert response.status_code == status, response.text
        assert response.json() == {"error": response.json()["error"]}
        assert response.json()["error"]["code"] == code
        if status == 401:
            assert response.headers["www-authenticate"] == "Bearer"
    assert _stored(db_url) == before


def test_the_token_is_compared_in_constant_time(admin_client: TestClient,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    admin_client.delete("/documents/nope", headers={"Authorization": "Bearer guess"})
    assert compared == [(b"guess", TOKEN.encode())]


def test_upload_search_replace_delete(admin_client: TestClient, db_url: str) -> None:
    created = admin_client.post("/documents?name=02-NQ-TW-2021.md", content=NQ02_TEXT,
                                headers={**AUTH, "Content-Type": "text/markdown"})
    assert created.status_code == 201, created.text
    assert created.headers["location"] == f"/documents/{NQ02}"
    assert created.json()["id"] == NQ02 and created.json()["created"] is True
    assert created.json()["added"] > 50
    # The index follows the write at once: the next search finds the new provisions.
    found = admin_client.get("/search", params={"q": "thoả ước lao động tập thể"}).json()
    assert found["total"] > 0 and {hit["doc_id"] for hit in found["items"]} == {NQ02}
    detail = admin_client.get(f"/documents/{NQ02}").json()
    assert detail["source_file"] == "02-NQ-TW-2021.md"

    again = admin_client.post("/documents", content=NQ02_TEXT, headers=AUTH)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["unchanged"] == created.json()["added"]

    deleted = admin_client.delete(f"/documents/{NQ02.upper()}", headers=AUTH)
    assert deleted.status_code == 200 and deleted.json() == {"id": NQ02, "deleted": True}
    assert admin_client.get(f"/documents/{NQ02}").status_code == 404
    assert admin_client.get("/search", params={"q": "thoả ước lao động"}).json()["total"] == 0
    assert _stored(db_url)[0] == 0
    assert admin_client.delete(f"/documents/{NQ02}", headers=AUTH).status_code == 404


@pytest.mark.parametrize(("body", "code"), [
    (b"", "ingest_failed"),  # empty: the parser's "empty document"
    (TCVN3_BYTES, "ingest_failed"),  # a legacy font encoding, refused by name
    ("Nghị quyết 02-NQ/TW".encode("cp1258", errors="replace") + b"\xe0\xe1", "ingest_failed"),
])
def test_a_broken_upload_writes_nothing(admin_client: TestClient, db_url: str, body: bytes,
                                        code: str) -> None:
    before = _stored(db_url)
    response = admin_client.post("/documents", content=body, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == code
    assert _stored(db_url) == before


def test_an_upload_over_the_limit_is_a_413_and_writes_nothing(db_url: str) -> None:
    settings = Settings(database_url=db_url, admin_token=TOKEN, max_body_bytes=1000)
    with TestClient(create_app(settings)) as small:
        declared = small.post("/documents", content=NQ02_TEXT, headers=AUTH)
        assert declared.status_code == 413
        assert declared.json()["error"]["code"] == "payload_too_large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            for start in range(0, 3000, 500):
                yield NQ02_TEXT[start:start + 500]

        streamed = small.post("/documents", content=chunks(), headers=AUTH)
        assert streamed.status_code == 413, streamed.text
        assert streamed.json()["error"]["code"] == "payload_too_large"
    assert _stored(db_url) == (0, 0)


def test_an_upload_never_replaces_a_file_on_the_server(client: TestClient,
                                                       corpus_url: str) -> None:
    settings = Settings(database_url=corpus_url, admin_token=TOKEN)
    with TestClient(create_app(settings)) as writer:
        before = _stored(corpus_url)
        response = writer.post("/documents", content=NQ02_TEXT, headers=AUTH)
        assert response.status_code == 409, response.text
        assert response.json()["error"]["code"] == "conflict"
        assert str(CORPUS) not in response.text
        assert _stored(corpus_url) == before
