"""GET /documents and /documents/{id}."""

from __future__ import annotations

import pytest
from factories_app import LAW_ID, RESOLUTION_ID
from fastapi.testclient import TestClient

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


def test_list_has_every_document_with_counts(client: TestClient) -> None:
    body = client.get("/documents").json()
    ids = {d["id"]: d for d in body["items"]}
    assert body["total"] == len(body["items"]) >= 5 and body["next"] is None
    assert {"02-nq-tw-2021", RESOLUTION_ID, LAW_ID} <= set(ids)
    assert ids[RESOLUTION_ID]["provision_count"] == 11
    assert ids[LAW_ID]["number"] == "98/2025/QH15"


def test_document_has_metadata_and_table_of_contents(client: TestClient) -> None:
    body = client.get(f"/documents/{RESOLUTION_ID}").json()
    assert body["type"] == "Nghị quyết" and body["date"] == "2025-01-15"
    assert [n["path"] for n in body["toc"]] == ["I", "II", "III"]
    assert [n["path"] for n in body["toc"][2]["children"]] == ["III.1", "III.2"]
    assert body["toc"][0]["title"] == "TÌNH HÌNH"


def test_document_lookup_by_number_style_id(client: TestClient) -> None:
    assert client.get("/documents/99-NQ-TW-2025").json()["id"] == RESOLUTION_ID


def test_unknown_document_suggests(client: TestClient) -> None:
    response = client.get("/documents/99-nq-tw")
    assert response.status_code == 404
    assert RESOLUTION_ID in response.json()["error"]["suggestions"]


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["schema_revision"]
