"""A database that cannot answer is the server's problem: 503 in the error shape, not 422/500."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.session import dispose
from app.main import create_app

ROUTES = ["/documents", "/search?q=cong+doan", "/provisions/02-nq-tw-2021/IV.4", "/bodies",
          "/duties", "/targets", "/resolve?cite=02-NQ/TW", "/duties?format=csv",
          "/targets?format=csv"]


@pytest.fixture
def unmigrated(tmp_path: Path):
    path = tmp_path / "never-migrated.db"
    sqlite3.connect(path).close()  # a real, empty SQLite file without our tables
    url = f"sqlite:///{path}"
    with TestClient(create_app(Settings(database_url=url))) as client:
        yield client
    dispose(url)


@pytest.mark.parametrize("url", ROUTES)
def test_unmigrated_database_is_503_with_a_hint(unmigrated: TestClient, url: str):
    response = unmigrated.get(url)
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert "vnlex db upgrade" in error["message"]
