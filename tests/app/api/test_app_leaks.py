"""Nothing of the server or of a request's Host header leaks into answers (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.main import create_app

EVIL = {"Host": "evil.example"}
NQ02 = "02-nq-tw-2021"
PAGED = ["/search?q=cong+doan&limit=1", "/documents?limit=1", "/duties?limit=1",
         "/targets?limit=1", "/bodies?limit=1", "/bodies/ban-to-chuc-trung-uong/duties?limit=1"]


@pytest.mark.parametrize("url", PAGED)
def test_next_and_link_are_relative_by_default(client: TestClient, url: str) -> None:
    response = client.get(url, headers=EVIL)
    next_url = response.json()["next"]
    assert next_url.startswith(url.split("?")[0] + "?"), next_url
    assert "offset=1" in next_url
    assert response.headers["link"] == f'<{next_url}>; rel="next"'
    assert "evil" not in response.text and "evil" not in response.headers["link"]


def test_location_of_resolve_is_relative_by_default(client: TestClient) -> None:
    response = client.get("/resolve", params={"cite": "02-NQ/TW mục III.4"}, headers=EVIL)
    assert response.headers["location"] == f"/provisions/{NQ02}/III.4"


@pytest.fixture
def public_client(corpus_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=corpus_url, public_url="https://api.vnlex.vn/")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_links_use_the_configured_public_url(public_client: TestClient) -> None:
    response = public_client.get("/search?q=cong+doan&limit=1", headers=EVIL)
    assert response.json()["next"].startswith("https://api.vnlex.vn/search?")
    assert response.headers["link"].startswith("<https://api.vnlex.vn/search?")
    located = public_client.get("/resolve", params={"cite": "02-NQ/TW"}, headers=EVIL)
    assert located.headers["location"] == f"https://api.vnlex.vn/documents/{NQ02}"


def test_a_document_shows_its_file_name_and_hash_not_the_server_path(
        client: TestClient, corpus_url: str) -> None:
    response = client.get(f"/documents/{NQ02}")
    body = response.json()
    assert "source_path" not in body
    assert body["source_file"] == "02-NQ-TW-2021.md"
    assert len(body["source_hash"]) == 64 and int(body["source_hash"], 16) >= 0
    # Neither the corpus folder nor the database's folder appears anywhere.
    assert "/corpus/" not in response.text and "/work/" not in response.text
    assert corpus_url.removeprefix("sqlite:///").rsplit("/", 1)[0] not in response.text
