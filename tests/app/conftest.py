"""Fixtures for the app tests: real databases migrated by Alembic, the real app, and two
hand-built documents whose trees do not depend on the parser's progress.

A module opts into both stores once, with ``pytestmark = pytest.mark.any_store``: its
``db_url``, ``corpus_url``, ``client`` and ``empty_client`` then run each test on a SQLite
file and on a fresh database of the PostgreSQL server at 127.0.0.1:5432 (test ids end in
``[sqlite]`` / ``[postgresql]``; ``-m "not postgres"`` leaves the second half out). A test
of such a module that is SQLite by nature (file locks, WAL, ``sqlite_master``) says
``@pytest.mark.sqlite_only``. Without a server the PostgreSQL half is skipped with the
reason, unless ``VNLEX_REQUIRE_POSTGRES=1`` (CI), where it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from factories_app import CORPUS, law, resolution
from fastapi.testclient import TestClient

from app.core.config import Settings, index_dir_for
from app.db.migrate import upgrade
from app.db.session import dispose, session_scope
from app.main import create_app
from app.services.ingest import ingest_document, ingest_paths

STORES = ("sqlite", "postgresql")
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    node = metafunc.definition
    if ("store" in metafunc.fixturenames and node.get_closest_marker("any_store")
            and not node.get_closest_marker("sqlite_only")):
        metafunc.parametrize("store", STORES, indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def store(request: pytest.FixtureRequest) -> str:
    """The engine under test: ``sqlite`` unless the module opted into both (``any_store``)."""
    return str(getattr(request, "param", "sqlite"))


def migrated(path: Path) -> str:
    url = f"sqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture
def db_url(store: str, tmp_path: Path) -> Iterator[str]:
    """An empty, migrated database of its own: a SQLite file, or a fresh PostgreSQL
    database (dropped after the test)."""
    if store == "postgresql":
        with fresh_pg_database() as url:
            yield url
        return
    url = migrated(tmp_path / "vnlex.db")
    yield url
    dispose(url)


@pytest.fixture(scope="session")
def sqlite_corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled corpus plus the two hand-built documents, shared read-only by tests."""
    url = migrated(tmp_path_factory.mktemp("corpus") / "vnlex.db")
    yield _with_corpus(url)
    dispose(url)


@pytest.fixture(scope="session")
def postgresql_corpus_url() -> Iterator[str]:
    """The same corpus in a database of the PostgreSQL server, for the session."""
    with fresh_pg_database() as url:
        yield _with_corpus(url)


def _with_corpus(url: str) -> str:
    summary = ingest_paths(url, [CORPUS])
    assert not summary.refused, summary.refused
    with session_scope(url) as session:
        ingest_document(session, resolution())
        ingest_document(session, law())
    return url


@pytest.fixture
def corpus_url(store: str, request: pytest.FixtureRequest) -> str:
    """The shared corpus on the store under test."""
    return str(request.getfixturevalue(f"{store}_corpus_url"))


@pytest.fixture(scope="session")
def sqlite_client(sqlite_corpus_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=sqlite_corpus_url))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def postgresql_client(postgresql_corpus_url: str,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    index = tmp_path_factory.mktemp("pg-corpus-index")
    settings = Settings(database_url=postgresql_corpus_url, index_dir=str(index))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def client(store: str, request: pytest.FixtureRequest) -> Any:
    """The app over the shared corpus on the store under test."""
    return request.getfixturevalue(f"{store}_client")


@pytest.fixture(scope="session")
def live_server(sqlite_corpus_url: str) -> Iterator[str]:
    """The real app over the corpus on a free port of 127.0.0.1 (uvicorn in a thread), for
    clients that need a socket: a browser, an MCP client."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=sqlite_corpus_url, public_url=base)
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
def empty_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "empty.index"))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _admin():  # noqa: ANN202
    """An autocommit connection to the server's ``postgres`` database; without a server,
    a skip with the reason, or a failure when ``VNLEX_REQUIRE_POSTGRES=1``."""
    required = os.environ.get("VNLEX_REQUIRE_POSTGRES") == "1"
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install vnlex[postgres])", required)
    try:
        return psycopg.connect("host=127.0.0.1 port=5432 user=postgres", autocommit=True,
                               connect_timeout=2)
    except psycopg.OperationalError as exc:
        _unavailable(f"no PostgreSQL server on 127.0.0.1:5432 ({exc})".strip(), required)


def _unavailable(reason: str, required: bool) -> None:
    if required:
        pytest.fail(f"{reason}, and VNLEX_REQUIRE_POSTGRES=1", pytrace=False)
    pytest.skip(reason)


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, migrated database on the server, dropped (connections and all) afterwards."""
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
        # The default index folder of a server database is under the temporary directory.
        shutil.rmtree(index_dir_for(url), ignore_errors=True)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database migrated on the PostgreSQL server (skipped without one)."""
    with fresh_pg_database() as url:
        yield url
