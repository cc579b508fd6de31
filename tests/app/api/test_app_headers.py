"""Headers every response shares (issue 12): HEAD wherever GET is, nosniff, CORS closed
unless origins are configured, and a bound on request bodies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app

NQ02 = "02-nq-tw-2021"
PROBES = ["/health", "/documents", f"/documents/{NQ02}", f"/provisions/{NQ02}/IV.4",
          "/search?q=cong+doan&limit=1", "/duties?format=csv&limit=2", "/bodies/nope",
          "/openapi.json"]


@pytest.mark.parametrize("url", PROBES)
def test_head_answers_as_get_without_a_body(client: TestClient, url: str) -> None:
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code, url
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("link") == get.headers.get("link")


@pytest.mark.parametrize(("method", "url"), [
    ("GET", "/health"), ("GET", "/search?q=cong"), ("GET", "/duties?format=csv&limit=1"),
    ("GET", "/documents/nope"), ("GET", "/search?q=cong&x=1"), ("POST", "/health"),
    ("HEAD", "/health"), ("GET", "/openapi.json"), ("GET", "/no/such/route"),
])
def test_every_response_says_nosniff(client: TestClient, method: str, url: str) -> None:
    response = client.request(method, url)
    assert response.headers["x-content-type-options"] == "nosniff", (method, url)


def test_cors_is_closed_by_default(client: TestClient) -> None:
    simple = client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
    preflight = client.options("/search", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


@pytest.fixture
def cors_client(corpus_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=corpus_url,
                        cors_origins=["https://toasoan.vn", "https://b.example"])
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_configured_origins_and_only_those(cors_client: TestClient) -> None:
    allowed = cors_client.get("/health", headers={"Origin": "https://toasoan.vn"})
    assert allowed.headers["access-control-allow-origin"] == "https://toasoan.vn"
    preflight = cors_client.options("/search", headers={
        "Origin": "https://b.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://b.example"
    other = cors_client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_origins_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNLEX_CORS_ORIGINS", "https://a.vn, https://b.vn")
    assert Settings().cors_origins == ["https://a.vn", "https://b.vn"]
    monkeypatch.delenv("VNLEX_CORS_ORIGINS")
    assert Settings().cors_origins == []


@pytest.fixture
def small_body_client(corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=corpus_url, max_body_bytes=10))) as c:
        yield c


def test_a_body_over_the_limit_is_a_413(small_body_client: TestClient) -> None:
    declared = small_body_client.post("/health", content=b"x" * 11)
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "payload_too_large"
    assert declared.headers["x-content-type-options"] == "nosniff"
    assert small_body_client.post("/health", content=b"x" * 10).status_code == 405
