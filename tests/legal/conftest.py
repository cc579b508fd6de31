"""A real SQLite store with the check set's laws and decrees plus the bundled corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.session import dispose
from app.main import create_app
from app.services.ingest import ingest_paths
from tests.legal.checkset import FIXTURES

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def legal_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('legal') / 'vnlex.db'}"
    upgrade(url)
    paths = [REPO / "tests" / "fixtures" / name for name in FIXTURES] + [REPO / "corpus"]
    summary = ingest_paths(url, paths)
    assert not summary.refused, summary.refused
    yield url
    dispose(url)


@pytest.fixture(scope="session")
def legal(legal_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=legal_url))) as client:
        yield client
