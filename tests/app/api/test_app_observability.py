"""Operations: /metrics in Prometheus text, and a request id on every log line of its
request (VNLEX_LOG_FORMAT json or text)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from factories_app import RESOLUTION_ID, law, resolution
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.session import session_scope
from app.main import create_app
from app.services.ingest import ingest_document

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


def metric(text: str, name: str, **labels: str) -> float | None:
    """The value of the sample ``name{labels…}`` in a Prometheus exposition, or None."""
    for line in text.splitlines():
        sample, _, value = line.rpartition(" ")
        if not sample.startswith(name + "{") and sample != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', sample))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(value)
    return None


@pytest.fixture
def app_client(db_url: str, tmp_path: Path) -> TestClient:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "index"))
    return TestClient(create_app(settings))


def test_route_latency_is_counted_under_the_route_template(app_client: TestClient) -> None:
    with app_client as client:
        assert client.get(f"/provisions/{RESOLUTION_ID}/III.1").status_code == 200
        assert client.get("/no/such/page").status_code == 404
        text = client.get("/metrics").text
    count = metric(text, "http_request_duration_seconds_count",
                   handler="/provisions/{provision_id:path}", method="GET", status="200")
    assert count == 1
    assert "III.1" not in text and "/no/such/page" not in text  # never the raw URL
    assert metric(text, "http_request_duration_seconds_bucket", handler="none", le="+Inf") == 1


def test_search_latency_pool_and_index_lag(app_client: TestClient, db_url: str) -> None:
    # Outside its lifespan the app runs no background follower (which would apply the
    # change whenever its poll or a PostgreSQL notification wakes it): the lag is then
    # exactly what this node's searches leave.
    client = app_client
    assert client.get("/search", params={"q": "cong doan"}).status_code == 200
    text = client.get("/metrics").text
    assert metric(text, "vnlex_search_seconds_count") is not None
    assert metric(text, "vnlex_search_seconds_count") >= 1  # type: ignore[operator]
    assert metric(text, "vnlex_db_pool_size", role="primary") is not None
    assert metric(text, "vnlex_db_pool_in_use", role="primary") == 0
    assert metric(text, "vnlex_index_lag_changes") == 0
    with session_scope(db_url) as session:  # stored, not yet searched for on this node
        ingest_document(session, law())
    assert metric(client.get("/metrics").text, "vnlex_index_lag_changes") == 1
    client.get("/search", params={"q": "cong doan"})
    assert metric(client.get("/metrics").text, "vnlex_index_lag_changes") == 0


def log_lines(err: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


@pytest.mark.sqlite_only
def test_every_log_line_of_a_request_carries_its_id(db_url: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(Settings(database_url=db_url, index_dir=str(tmp_path / "i")))

    @app.get("/test-log")
    def logs_from_a_worker_thread() -> dict[str, str]:
        logging.getLogger("app.services.example").warning("inside the request")
        return {}

    with TestClient(app) as client:
        capsys.readouterr()
        given = client.get("/test-log", headers={"X-Request-Id": "abc-123"})
        made = client.get("/health")
        refused = client.get("/health", headers={"X-Request-Id": 'bad id"'})
        too_long = client.get("/health", headers={"X-Request-Id": "a" * 129})
    assert given.headers["X-Request-Id"] == "abc-123"
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["X-Request-Id"])
    assert re.fullmatch(r"[0-9a-f]{32}", refused.headers["X-Request-Id"])
    assert re.fullmatch(r"[0-9a-f]{32}", too_long.headers["X-Request-Id"])
    lines = log_lines(capsys.readouterr().err)
    mine = [line for line in lines if line["request_id"] == "abc-123"]
    assert [line["message"] for line in mine] == ["inside the request", "request"]
    assert mine[1]["path"] == "/test-log" and mine[1]["status"] == 200
    assert {line["request_id"] for line in lines if line["message"] == "request"} == {
        "abc-123", made.headers["X-Request-Id"], refused.headers["X-Request-Id"],
        too_long.headers["X-Request-Id"]}


@pytest.mark.sqlite_only
def test_text_log_lines_name_the_request(db_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "i"), log_format="text")
    with TestClient(create_app(settings)) as client:
        capsys.readouterr()
        client.get("/health", headers={"X-Request-Id": "req-7"})
    err = capsys.readouterr().err
    assert re.search(r"INFO app\.requests \[req-7\] request", err), err
