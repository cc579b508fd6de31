"""Fixtures for the app tests: real SQLite files migrated by Alembic, the real app, and two
hand-built documents whose trees do not depend on the parser's progress."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
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


@pytest.fixture(scope="session")
def live_server(corpus_url: str) -> Iterator[str]:
    """The real app over the corpus on a free port of 127.0.0.1 (uvicorn in a thread), for
    clients that need a socket: a browser, an MCP client."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=corpus_url, public_url=base)
    instance = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                             log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield base
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def empty_client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=db_url))) as test_client:
        yield test_client


SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def _admin():  # noqa: ANN202
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect("host=127.0.0.1 port=5432 user=postgres", autocommit=True,
                               connect_timeout=2)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database migrated on the PostgreSQL server (skipped without one)."""
    name = f"vnlex_test_{uuid.uuid4().hex[:10]}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{SERVER}/{name}"
    try:
        upgrade(url)
        yield url
    finally:
        dispose(url)
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
