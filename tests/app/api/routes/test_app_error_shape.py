"""One JSON error shape everywhere: {"error": {"code", "message", ...}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/no/such/route", 404),
        ("get", "/documents/nope", 404),
        ("get", "/provisions/nope/I", 404),
        ("get", "/search", 422),
        ("get", "/search?q=", 422),
        ("get", "/search?q=a&limit=x", 422),
        ("post", "/search?q=a", 405),
        ("delete", "/documents", 405),
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
            "/health"} <= set(spec["paths"])
    search = spec["paths"]["/search"]["get"]
    assert "404" in search["responses"] or "422" in search["responses"]
    assert "thoả ước" in str(spec["components"]["schemas"]["SearchHit"])
