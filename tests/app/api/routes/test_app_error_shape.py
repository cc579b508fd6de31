"""One JSON error shape everywhere: {"error": {"code", "message", ...}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/no/such/route", 404),
        ("get", "/documents/nope", 404),
        ("get", "/provisions/nope/I", 404),
        ("get", "/search", 422),
        ("get", "/search?q=a&x=1", 400),
        ("get", "/search?q=a&q=b", 400),
        ("get", "/search?q=a&doc=nope", 404),
        ("get", "/search?q=a&section=nope", 404),
        ("get", "/search?q=a&limit=x", 422),
        ("post", "/search?q=a", 405),
        ("delete", "/documents", 405),
        ("get", "/bodies/nope", 404),
        ("get", "/bodies?q=" + "x" * 201, 422),
        ("get", "/provisions/nope/I/bodies", 404),
        ("get", "/provisions/nope/I/citations", 404),
        ("get", "/duties?role=x", 422),
        ("get", "/duties?limit=0", 422),
        ("get", "/targets?year=x", 422),
        ("get", "/resolve", 422),
        ("get", "/resolve?cite=%3F%3F", 404),
        ("get", "/resolve?cite=99-XX/TW", 404),
        ("delete", "/resolve?cite=a", 405),  # GET and POST (a batch) exist
    ],
)
def test_every_error_has_the_same_shape(client: TestClient, method: str, url: str,
                                         status: int) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_openapi_documents_the_routes_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/search", "/documents", "/documents/{doc_id}", "/provisions/{provision_id}",
            "/health", "/bodies", "/bodies/{body_id}", "/provisions/{provision_id}/bodies",
            "/provisions/{provision_id}/citations", "/duties", "/targets",
            "/resolve"} <= set(spec["paths"])
    search = spec["paths"]["/search"]["get"]
    assert "404" in search["responses"] or "422" in search["responses"]
    assert "thoả ước" in str(spec["components"]["schemas"]["SearchHit"])
    schemas = spec["components"]["schemas"]
    assert "Ban Tổ chức Trung ương" in str(schemas["BodySummary"])
    assert "13,5 triệu" in str(schemas["TargetRow"])
    assert "Đến năm 2025" in str(schemas["TargetRow"]["properties"]["milestone"])
    assert "300" in spec["paths"]["/resolve"]["get"]["responses"]
    assert "text/csv; charset=utf-8" in spec["paths"]["/duties"]["get"]["responses"]["200"][
        "content"]
    for path in ("/bodies", "/duties", "/targets", "/resolve"):
        for operation in spec["paths"][path].values():
            assert operation.get("description") or operation.get("summary")
