"""Keep a node's index fresh in the background, whether or not anyone searches it.

A server process starts one ``Follower`` per index folder. Of the processes sharing the
folder (``vnlex serve --workers N``), the one holding an exclusive ``flock`` on
``writer.lock`` is the writer: it builds the index when it is missing, of another store or
damaged, then applies each change of the store's log as it comes. On PostgreSQL it waits on
``LISTEN`` (ingest notifies at commit) and polls as a fallback; on any other engine it
polls. The other processes are readers: they reopen their searcher when ``state.json``
moves, and try to take the lock at each poll, so a writer that dies is replaced within one
interval (the kernel drops a dead process's ``flock``).

A change committed anywhere is therefore searchable on every node within the poll interval
plus the time to apply it (with ``LISTEN``, within the time to apply it).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import make_url
from sqlalchemy.orm import Session

from app.db.session import session_scope
from app.search import sync
from app.search.vocab import vocabulary

logger = logging.getLogger(__name__)
LEADER_FILE = "writer.lock"
THREAD_NAME = "vnlex-index"  # the background catch-up thread (tests tell its reads apart)


class Follower:
    """The background thread of one process that keeps ``root`` in step with ``url``."""

    def __init__(self, url: str, root: Path, poll_seconds: float) -> None:
        self.url = url
        self.root = root.resolve()
        self.poll_seconds = poll_seconds
        self.error: str | None = None
        # This process has opened the current build and searched it (a writer: after
        # rebuilding it if it was damaged); until then the node must not say it is ready.
        self.checked = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._behind_since: float | None = None
        self._lock = threading.Lock()

    @property
    def role(self) -> str:
        return "writer" if self.root in _leaders else "reader"

    def start(self) -> None:
        """Take the writer's lock if free (at once, so a request knows whether this process
        may write), then follow the store in a thread."""
        with _registry_lock:
            _followers.setdefault(self.root, []).append(self)
            _lead(self.root)
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with _registry_lock:
            others = [f for f in _followers.get(self.root, []) if f is not self]
            _followers[self.root] = others
            if not others:  # the last follower of this process: let another process lead
                del _followers[self.root]
                fd = _leaders.pop(self.root, None)
                if fd is not None:
                    os.close(fd)  # releases the flock
                sync.set_read_only(self.root, False)

    def lag_seconds(self, seq: int, head: int) -> float:
        """How long this node has known of a change it has not applied (0 when fresh)."""
        with self._lock:
            if seq >= head:
                self._behind_since = None
                return 0.0
            if self._behind_since is None:
                self._behind_since = time.monotonic()
            return time.monotonic() - self._behind_since

    # -- the loop ----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with _registry_lock:
                    leading = _lead(self.root)
                if leading:
                    self._write()
                else:
                    self._read()
                    self._stop.wait(self.poll_seconds)
                self.error = None
            except Exception as exc:  # noqa: BLE001 - a database restart must not end the thread
                self.error = f"{type(exc).__name__}: {exc}"
                logger.warning("index follower of %s: %s", self.root, self.error)
                self._stop.wait(self.poll_seconds)

    def _write(self) -> None:
        """Build if needed, then apply changes until stopped, woken by NOTIFY or the poll."""
        with session_scope(self.url) as session:
            sync.ensure_built(session, self.root)
        self.checked = True
        with _listener(self.url) as wait:
            while not self._stop.is_set():
                with session_scope(self.url) as session:
                    snapshot = sync.fresh_index(session, self.root, wait=True)
                    _warm(session, snapshot.head)
                wait(self.poll_seconds, self._stop)

    def _read(self) -> None:
        """Reopen the searcher when the writer moved ``state.json`` on."""
        state = sync.folder(self.root).state()
        if state is not None:
            sync.folder(self.root).index(state).searcher()
            self.checked = True


_registry_lock = threading.Lock()
_followers: dict[Path, list[Follower]] = {}
_leaders: dict[Path, int] = {}  # folders this process writes: the descriptor holding the lock


def _lead(root: Path) -> bool:
    """Whether this process is (now) the writer of ``root``; under ``_registry_lock``."""
    if root not in _leaders:
        fd = _try_lock(root / LEADER_FILE)
        if fd is not None:
            _leaders[root] = fd
    sync.set_read_only(root, root not in _leaders)
    return root in _leaders


def follower_of(root: Path) -> Follower | None:
    """A follower this process runs for ``root``, if any (a server's)."""
    found = _followers.get(root.resolve())
    return found[0] if found else None


def _warm(session: Session, head: int) -> None:
    vocabulary(session, head)  # so the first search after a change does not load it


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive flock on ``path``, or None if another holds
    it. Kept open for the life of the process: closing it is what releases the lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


@contextmanager
def _listener(url: str) -> Iterator[Any]:
    """A function ``wait(timeout, stop)`` that returns at the next change notification (on
    PostgreSQL) or after ``timeout`` seconds, whichever is first. A server that refuses
    ``LISTEN`` (a hot-standby replica, which ``VNLEX_DATABASE_READ_URL`` may name) leaves
    the poll."""
    parsed = make_url(url)
    poll = lambda timeout, stop: stop.wait(timeout)  # noqa: E731
    if parsed.get_backend_name() != "postgresql":
        yield poll
        return
    import psycopg

    conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        try:
            connection.execute(f"LISTEN {sync.CHANNEL}")
        except psycopg.Error as exc:
            logger.warning("no change notifications from %s (%s): polling", parsed.host, exc)
            yield poll
            return

        def wait(timeout: float, _stop: threading.Event) -> None:
            # Drains every notification that arrived meanwhile; one catch-up covers them.
            for _ in connection.notifies(timeout=timeout, stop_after=1):
                pass

        yield wait
