"""Engines and sessions: one engine per database URL, SQLite tuned on every connection."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection, Dialect
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from app.db import packed_text
from app.db.urls import sqlite_file

_lock = threading.Lock()
WRITER = "vnlex_writer"  # execution option of sessions that write (session_scope(write=))
# Execution option of writes that need not wait for the disk (session_scope(durable=False)).
ASYNC_COMMIT = "vnlex_async_commit"
_engines: dict[str, Engine] = {}
_factories: dict[str, sessionmaker[Session]] = {}
_readers: dict[str, Engine] = {}  # PostgreSQL engines for read_session: no transaction


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the API read while an ingest writes; FKs are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    packed_text.register(dbapi_connection)  # type: ignore[arg-type]


def _sqlite_autocommit_off(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
                           ) -> None:
    # The sqlite3 module begins a transaction only before INSERT/UPDATE/DELETE, so DDL ran
    # outside one: a migration killed half-way left its first steps committed and the
    # version unchanged. With the module's own handling off, "begin" below starts every
    # transaction, DDL and reads included (SQLAlchemy's recipe for pysqlite).
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN (waiting up to busy_timeout for another
    # writer): two ingests run one after the other instead of racing between their check
    # and their insert, or failing on a snapshot another writer made stale.
    immediate = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# The key of the transaction-level advisory lock that PostgreSQL writers share ("vnlex").
WRITE_LOCK_KEY = 0x766E6C6578


def _postgres_begin(connection: Connection) -> None:
    # The same one-writer-at-a-time as SQLite's BEGIN IMMEDIATE: under READ COMMITTED two
    # ingests of one folder both found a document missing and the second insert failed on
    # the primary key. The lock is held to the commit or rollback; readers never take it.
    options = connection.get_execution_options()
    if options.get(WRITER, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    if options.get(ASYNC_COMMIT, False):
        # The commit returns before its WAL reaches the disk: a server crash may lose the
        # last few hundred milliseconds of such commits, whole, never half of one (what
        # SQLite's synchronous=NORMAL in WAL mode already allows). flush_commits() ends it.
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")


def _json_text(value: Any) -> str:
    # Vietnamese as UTF-8, not as \u escapes: six bytes a letter became two or three (the
    # annotations of crawled pages, 4.9 of the 8.8 MB of `documents` in the benchmark's
    # real documents, were mostly escapes). Rows written before read the same.
    return json.dumps(value, ensure_ascii=False)


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        options: dict[str, Any] = {}
        if sqlite_file(url) is not None:
            # No cap on a file's connections: a search holds its request's connection while
            # it counts hits on a second one (app/services/search.py), so with a bounded pool
            # 15 concurrent searches each waited for a connection another one held, until
            # the pool timeout (30 s) turned them all into 500s. SQLite has no server-side
            # connection limit; the thread pools bound how many are open at once.
            options["max_overflow"] = -1
        engine = create_engine(url, connect_args={"check_same_thread": False},
                               json_serializer=_json_text, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _sqlite_autocommit_off)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url)
    event.listen(engine, "connect", _mark_used)
    event.listen(engine, "checkin", _mark_used)
    event.listen(engine, "checkout", _pinger(engine.dialect))
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgres_begin)
    return engine


# A pooled server connection used this recently is taken as alive. Pinging it at every
# checkout (``pool_pre_ping``) was one more round trip a request: a third of a small
# search's time on PostgreSQL. One idle longer is pinged first, so a server restarted while
# the pool slept costs no request; a restart within this window fails the requests that use
# a connection from before it, once (SQLAlchemy then drops the whole pool), as a restart
# in the middle of a request would anyway.
PING_IDLE_SECONDS = 1.0
_USED = "vnlex_used"


def _mark_used(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    record.info[_USED] = time.monotonic()


def _pinger(dialect: Dialect) -> Callable[[DBAPIConnection, ConnectionPoolEntry, Any], None]:
    def ping_if_idle(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry,
                     _proxy: Any) -> None:
        used = record.info.get(_USED)
        if used is not None and time.monotonic() - used < PING_IDLE_SECONDS:
            return
        try:  # the dialect's own ping: on psycopg it leaves no transaction behind it
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            # The pool replaces this connection with a new one and retries the checkout.
            raise exc.DisconnectionError(str(error)) from error
    return ping_if_idle


def get_engine(url: str) -> Engine:
    """The shared engine for ``url``; SQLite files get WAL mode and foreign keys."""
    with _lock:
        if url not in _engines:
            _engines[url] = _create(url)
            _factories[url] = sessionmaker(bind=_engines[url], expire_on_commit=False)
        return _engines[url]


def new_session(url: str) -> Session:
    get_engine(url)
    return _factories[url]()


def read_session(url: str) -> Session:
    """A session for a request that only reads (an API request).

    On PostgreSQL it reads outside a transaction (autocommit). Under READ COMMITTED each
    statement takes its own snapshot, in a transaction or not, so the ``BEGIN`` and
    ``ROLLBACK`` around a request's two or three reads were two round trips to the server,
    and its processes' CPU on the same cores as the workers, that bought nothing. SQLite
    keeps its transaction: there a read transaction is one snapshot and costs no round trip.
    """
    session = new_session(url)
    engine = get_engine(url)
    if engine.dialect.name == "postgresql":
        with _lock:
            reader = _readers.setdefault(
                url, engine.execution_options(isolation_level="AUTOCOMMIT"))
        session.bind = reader
    return session


@contextmanager
def session_scope(url: str, write: bool = False, durable: bool = True) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error; ``write``: one that
    will write, which on SQLite takes the database's write lock when it begins;
    ``durable=False`` (PostgreSQL): its commit does not wait for the disk, until the next
    ``flush_commits``."""
    session = new_session(url)
    if write:
        options = {WRITER: True} if durable else {WRITER: True, ASYNC_COMMIT: True}
        session.bind = get_engine(url).execution_options(**options)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def flush_commits(url: str) -> None:
    """Make every commit made so far durable. On PostgreSQL a transaction that wrote to the
    WAL commits by waiting for the WAL up to its own record, and the WAL is written in
    order, so one such commit covers the ``durable=False`` ones before it (a transactional
    logical message is the smallest write there is: no table, granted to every role).
    SQLite: nothing to do."""
    if make_url(url).get_backend_name() != "postgresql":
        return
    with session_scope(url) as session:
        session.execute(text("SELECT pg_logical_emit_message(true, 'vnlex', 'flush')"))


def pool_usage(url: str) -> tuple[int, int] | None:
    """Connections of ``url``'s pool checked out now and the pool's size, or None when no
    engine is open (or its pool does not count, as in-memory SQLite's)."""
    with _lock:
        engine = _engines.get(url)
    pool = engine.pool if engine is not None else None
    if not isinstance(pool, QueuePool):
        return None
    return pool.checkedout(), pool.size()


def dispose(url: str) -> None:
    """Close and forget the engine of ``url`` (tests delete their database files)."""
    with _lock:
        engine = _engines.pop(url, None)
        _factories.pop(url, None)
        _readers.pop(url, None)
    if engine is not None:
        engine.dispose()


def forget_engines_after_fork() -> None:
    """In a forked child: drop the parent's pooled connections without closing them, as
    SQLAlchemy advises (a connection must not be used, or closed, across a fork).

    No lock: another thread of the parent may have held it when the child was forked.
    """
    for engine in list(_engines.values()):
        engine.dispose(close=False)


def is_sqlite(session_or_engine: Session | Engine) -> bool:
    if isinstance(session_or_engine, Session):
        return session_or_engine.get_bind().dialect.name == "sqlite"
    return session_or_engine.dialect.name == "sqlite"
