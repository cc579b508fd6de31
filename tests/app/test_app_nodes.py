"""Many nodes and many workers on one store: each keeps its own index fresh in the
background, says how fresh on /ready, and rebuilds a lost index before it says ready.

Real server processes (``vnlex serve`` through subprocess) on free ports, each with its own
index folder, on one fresh PostgreSQL database or one SQLite file."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import tantivy
from factories_app import CORPUS, law, resolution
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.core.config import Settings
from app.db.session import new_session, session_scope
from app.main import create_app
from app.search import sync
from app.search.index import SCHEMA
from app.services.ingest import ingest_document

REPO = Path(__file__).resolve().parents[2]
VNLEX = str(Path(sys.executable).with_name("vnlex"))
TOKEN = "node-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NQ02 = "02-nq-tw-2021"
# How long a node may take to see a change another node committed, in these tests: the
# stated bound (poll interval + applying one document) with room for a shared machine.
APPLY_ALLOWANCE = 10.0


def wait_for(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """Poll ``check`` until it returns something truthy, or fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Node:
    """One ``vnlex serve`` process with its own index folder."""

    def __init__(self, url: str, index: Path, log: Path, *, workers: int = 1,
                 poll: float = 1.0) -> None:
        self.url, self.index, self.log_path = url, index, log
        self.workers, self.poll = workers, poll
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Node:
        env = {**os.environ, "VNLEX_INDEX_DIR": str(self.index), "VNLEX_ADMIN_TOKEN": TOKEN,
               "VNLEX_INDEX_POLL_SECONDS": str(self.poll), "VNLEX_DATABASE_URL": self.url}
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own CLI
            [VNLEX, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=env, cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        wait_for(self._alive, 60, f"{self.base}/health")
        return self

    def _alive(self) -> bool:
        assert self.process is not None and self.process.poll() is None, self.log_text()
        try:
            return self.get("/health").status_code == 200
        except httpx.TransportError:
            return False

    def get(self, path: str, **params: Any) -> httpx.Response:
        # A new connection per request, so that each worker of the node gets some.
        return httpx.get(self.base + path, params=params, timeout=30)

    def ready(self) -> httpx.Response:
        return self.get("/ready")

    def search(self, q: str, **params: Any) -> dict[str, Any]:
        response = self.get("/search", q=q, **params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self.log.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(30)
            self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")[-3000:]


@contextmanager
def nodes(*started: Node) -> Iterator[None]:
    try:
        yield
    finally:
        for node in started:
            node.stop()


@contextmanager
def folder_locked(index: Path) -> Iterator[None]:
    """Hold a node's index folder as another writer would (``vnlex reindex``)."""
    index.mkdir(parents=True, exist_ok=True)
    fd = os.open(index / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def ids(body: dict[str, Any]) -> list[str]:
    return [hit["id"] for hit in body["items"]]


QUERIES = ["cong doan", "thoa uoc lao dong tap the", "hòa giải", '"tập thể"', "99-NQ/TW"]


@pytest.mark.postgres
def test_two_nodes_on_postgres_share_changes_and_a_lost_index_is_rebuilt(
        pg_url: str, tmp_path: Path) -> None:
    with session_scope(pg_url) as session:
        ingest_document(session, resolution())
        ingest_document(session, law())
    # Node B polls only every 60 s: seeing A's upload within seconds is LISTEN/NOTIFY's doing.
    a = Node(pg_url, tmp_path / "a.index", tmp_path / "a.log")
    b = Node(pg_url, tmp_path / "b.index", tmp_path / "b.log", poll=60)
    with nodes(a, b):
        a.start(), b.start()
        for node in (a, b):
            wait_for(lambda n=node: n.ready().status_code == 200, 60, f"{node.base} ready")
        assert b.search("thoa uoc lao dong tap the", doc="99-nq-tw-2025")["total"] > 0
        assert b.get("/search", q="cong doan", doc=NQ02).status_code == 404

        upload = httpx.post(f"{a.base}/documents", params={"name": "02-NQ-TW-2021.md"},
                            content=(CORPUS / "02-NQ-TW-2021.md").read_bytes(), headers=AUTH,
                            timeout=60)
        assert upload.status_code == 201, upload.text
        committed = time.monotonic()
        found = wait_for(lambda: b.get("/search", q="cong doan", doc=NQ02).status_code == 200
                         and b.search("cong doan", doc=NQ02), APPLY_ALLOWANCE,
                         "node B to find the document uploaded to node A")
        seen_after = time.monotonic() - committed
        assert found["total"] > 0 and seen_after < APPLY_ALLOWANCE
        ready_b = b.ready()
        assert ready_b.json()["index"]["lag"] == 0
        assert ready_b.headers["X-Vnlex-Index-Version"] == str(
            ready_b.json()["index"]["store_version"])
        answers = {q: ids(a.search(q)) for q in QUERIES}

        b.kill()
        _remove(b.index)
        with folder_locked(b.index):  # the rebuild cannot finish until we let go
            b.start()
            for _ in range(3):
                not_ready = b.ready()
                assert not_ready.status_code == 503
                error = not_ready.json()["error"]
                assert error["code"] == "not_ready" and error["failed"] == "index"
                assert error["index"]["built"] is False
            assert b.get("/health").status_code == 200  # alive meanwhile
        wait_for(lambda: b.ready().status_code == 200, 60, "node B rebuilt")
        assert {q: ids(b.search(q)) for q in QUERIES} == answers
        assert all(answers[q] for q in QUERIES[:3])


def _remove(index: Path) -> None:
    import shutil

    shutil.rmtree(index)
    assert not index.exists()


def test_two_workers_answer_and_one_of_them_applies_changes(db_url: str,
                                                             tmp_path: Path) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    index = tmp_path / "node.index"
    node = Node(db_url, index, tmp_path / "node.log", workers=2, poll=0.2)
    with nodes(node):
        node.start()
        wait_for(lambda: node.ready().status_code == 200, 60, "the node ready")
        seen: dict[int, str] = {}

        def both_answer() -> bool:
            index_status = node.ready().json()["index"]
            seen[index_status["pid"]] = index_status["role"]
            return len(seen) == 2
        wait_for(both_answer, 60, "both workers to answer")
        assert sorted(seen.values()) == ["reader", "writer"]
        writer = next(pid for pid, role in seen.items() if role == "writer")

        # Written to the store behind the node's back, and no search asks for it: the
        # writer's poll applies it, the reader only reopens.
        with session_scope(db_url) as session:
            ingest_document(session, law())
            head = sync.store_head(session)[0]
        state = wait_for(lambda: _state_at(index, head), APPLY_ALLOWANCE, "the change applied")
        assert state["pid"] == writer
        pids_with_law: set[int] = set()

        def both_find_the_law() -> bool:
            response = node.get("/search", q="dieu 5", doc="98-2025-qh15")
            if response.status_code == 200 and response.json()["total"] > 0:
                assert response.headers["X-Vnlex-Index-Version"] == str(head)
                pids_with_law.add(node.ready().json()["index"]["pid"])
            return len(pids_with_law) == 2
        wait_for(both_find_the_law, 60, "both workers to find the new law")
        assert _state_at(index, head)["pid"] == writer  # nobody applied it again

        # The writer dies: another worker takes the lock and applies the next change.
        os.kill(writer, signal.SIGKILL)
        with session_scope(db_url) as session:
            ingest_document(session, resolution(I_1="Văn bản đã sửa sau khi một worker chết."))
            head = sync.store_head(session)[0]
        state = wait_for(lambda: _state_at(index, head), APPLY_ALLOWANCE + 10,
                         "another worker to apply the change")
        assert state["pid"] not in (0, writer)


def _state_at(index: Path, head: int) -> dict[str, Any] | None:
    try:
        state: dict[str, Any] = json.loads((index / "state.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return state if state["seq"] >= head else None


def test_tantivy_reads_in_one_process_while_another_holds_the_writer(tmp_path: Path) -> None:
    """The basis of one writer, many readers: a searcher in this process while another
    process keeps its IndexWriter open, and sees each commit after a reload."""
    path = tmp_path / "shared"
    path.mkdir()
    tantivy.Index(SCHEMA, path=str(path)).writer(15_000_000, 1).commit()
    script = (
        "import sys, tantivy\n"
        "from app.search.index import SCHEMA\n"
        f"writer = tantivy.Index(SCHEMA, path={str(path)!r}).writer(15_000_000, 1)\n"
        "for line in sys.stdin:\n"
        "    doc = tantivy.Document(body=line.strip(), doc='d'); doc.add_unsigned('pk', 1)\n"
        "    writer.add_document(doc); writer.commit(); print('committed', flush=True)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, text=True,  # noqa: S603
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        reader = tantivy.Index.open(str(path))
        for count, word in enumerate(("alpha", "beta"), start=1):
            assert writer.stdin is not None and writer.stdout is not None
            writer.stdin.write(word + "\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "committed"
            reader.reload()
            query = reader.parse_query(word, ["body"])
            assert reader.searcher().num_docs == count
            assert len(reader.searcher().search(query, 5).hits) == 1
        assert writer.poll() is None  # the writer was open throughout
    finally:
        writer.kill()
        writer.wait(10)


def test_a_node_with_a_damaged_index_rebuilds_it_before_it_is_ready(
        db_url: str, tmp_path: Path) -> None:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    index = tmp_path / "idx"
    settings = Settings(database_url=db_url, index_dir=str(index))
    with TestClient(create_app(settings)) as client:
        wait_for(lambda: client.get("/ready").status_code == 200, 30, "ready")
        before = ids(client.get("/search", params={"q": "cong doan"}).json())
    build = json.loads((index / "state.json").read_text())["build"]
    for meta in (index / build).glob("meta.json"):
        meta.write_text("{broken")
    with TestClient(create_app(settings)) as client:
        ready = wait_for(lambda: client.get("/ready").status_code == 200 and
                         client.get("/ready").json(), 30, "ready after the rebuild")
        assert json.loads((index / "state.json").read_text())["build"] != build
        assert ready["index"]["built"] and ready["index"]["role"] == "writer"
        assert ids(client.get("/search", params={"q": "cong doan"}).json()) == before
        page = client.get("/ui/", params={"q": "cong doan"})
        assert page.headers["X-Vnlex-Index-Version"] == str(ready["index"]["version"])


def test_ready_names_the_check_that_failed(db_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "idx"))
    with TestClient(create_app(settings)) as client:
        ok = wait_for(lambda: client.get("/ready").status_code == 200 and
                      client.get("/ready"), 30, "ready")
        assert ok.json()["schema_revision"] == client.get("/health").json()["schema_revision"]
        assert ok.headers["X-Vnlex-Index-Version"] == "0"
        with session_scope(db_url) as session:
            session.execute(text("UPDATE alembic_version SET version_num = '0006'"))
        stale = client.get("/ready")
        assert stale.status_code == 503
        assert stale.json()["error"]["failed"] == "migrations"
        assert "0006" in stale.json()["error"]["message"]
        assert client.get("/health").status_code == 200


def test_ready_fails_when_changes_wait_longer_than_the_bound(db_url: str,
                                                             tmp_path: Path) -> None:
    index = tmp_path / "idx"
    settings = Settings(database_url=db_url, index_dir=str(index), index_max_lag_seconds=0.3)
    with TestClient(create_app(settings)) as client:
        wait_for(lambda: client.get("/ready").status_code == 200, 30, "ready")
        # A writer that never finishes (the folder held) while the store moves on.
        with folder_locked(index):
            with session_scope(db_url) as session:
                ingest_document(session, law())
            late = wait_for(lambda: client.get("/ready").status_code == 503 and
                            client.get("/ready").json(), 30, "the lag to pass the bound")
            assert late["error"]["failed"] == "index" and late["error"]["index"]["lag"] == 1
        wait_for(lambda: client.get("/ready").status_code == 200, 30, "caught up")


@pytest.mark.postgres
def test_change_numbers_follow_commit_order_on_postgres(pg_url: str) -> None:
    """A sequence hands out numbers at insert, not at commit: without the advisory lock a
    node could read change 6 committed while 5 is not yet, and skip 5 for ever."""
    first = new_session(pg_url)
    first_seq = sync.log_change(first, "first")  # not committed yet
    second: list[int] = []
    thread = threading.Thread(target=lambda: second.append(_logged(pg_url, "second")))
    thread.start()
    try:
        wait_for(lambda: _waiting_on_advisory_lock(pg_url), 30, "the second writer to wait")
        assert not second
    finally:
        first.commit()
        first.close()
    thread.join(30)
    assert second and second[0] > first_seq


def _logged(url: str, doc_id: str) -> int:
    with session_scope(url) as session:
        return sync.log_change(session, doc_id)


def _waiting_on_advisory_lock(url: str) -> bool:
    with new_session(url) as session:
        return bool(session.execute(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        )).scalar())
