"""Fixtures for the app tests: real SQLite files migrated by Alembic, the real app, and two
hand-built documents whose trees do not depend on the parser's progress."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories_app import CORPUS, law, resolution
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.session import dispose, session_scope
from app.main import create_app
from app.services.ingest import ingest_document, ingest_paths


def migrated(path: Path) -> str:
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database file of its own."""
    url = migrated(tmp_path / "vnlex.db")
    yield url
    dispose(url)


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled corpus plus the two hand-built documents, shared read-only by tests."""
    url = migrated(tmp_path_factory.mktemp("corpus") / "vnlex.db")
    summary = ingest_paths(url, [CORPUS])
    assert not summary.refused, summary.refused
    with session_scope(url) as session:
        ingest_document(session, resolution())
        ingest_document(session, law())
    yield url
    dispose(url)


@pytest.fixture(scope="session")
def client(corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=corpus_url))) as test_client:
        yield test_client


@pytest.fixture
def empty_client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=db_url))) as test_client:
        yield test_client
