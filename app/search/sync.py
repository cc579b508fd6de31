"""Keep a node's search index in step with the store, through the change log.

Ingest writes one ``index_changes`` row per document it stores or deletes, in the same
transaction (``log_change``). A node's index records the last ``seq`` it applied in its
``state.json``. Before a search, ``fresh_index`` compares that with the store's newest
``seq`` and applies what is missing: for each changed document, delete its provisions from
the index and add the ones the store has now. Applying a change twice gives the same index,
so a crash between the index commit and the state file costs a repeat, never a wrong
answer. An index missing, unreadable, of another schema or built from another store
(``store_info.store_id``) is rebuilt whole from the store, or restored from the copy of
the index a PostgreSQL store publishes (``app/search/snapshots.py``), whose later changes
the next catch-up applies.

One process at a time writes (an exclusive ``flock`` on ``.lock``); a search that finds the
lock taken answers from the index as it stands rather than wait, unless there is no index
at all yet. In a server, one process of the node is the folder's writer
(``app/search/follow.py``); the others only read, and their searches never write.

On PostgreSQL, ``seq`` comes from a sequence, which hands out numbers in the order inserts
run, not the order transactions commit: a node that read seq 6 committed before seq 5 would
skip 5 for ever. ``log_change`` therefore takes a transaction-scoped advisory lock first, so
the next writer draws its number only after this one committed; and it sends a
``pg_notify`` that the server delivers at commit, which wakes every node's writer at once.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import tantivy
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import models
from app.errors import Unavailable
from app.search import feed, snapshots
from app.search.index import (
    SCHEMA_VERSION,
    WRITER_HEAP,
    IndexFolder,
    State,
    delete_documents,
    searchable,
)

BATCH = 2_000
CHANNEL = "vnlex_index_changes"  # LISTEN/NOTIFY channel of the change log (PostgreSQL)
# Any constant of our own: the advisory lock that orders change numbers with commits.
CHANGE_LOCK = 0x766E6C6578  # "vnlex"
_C = models.table_of(models.IndexChange)
_SNAP = models.table_of(models.IndexSnapshot)


def log_change(session: Session, doc_id: str, *, deleted: bool = False) -> int:
    """Record that ``doc_id`` changed (in the caller's transaction); returns its ``seq``.
    On PostgreSQL, numbers follow commit order and nodes are notified at commit."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:  # held until commit: the next writer's seq is drawn after ours is visible
        session.execute(select(func.pg_advisory_xact_lock(CHANGE_LOCK)))
    result = session.execute(
        insert(_C).values(document_id=doc_id, deleted=deleted).returning(_C.c.seq)
    )
    seq = int(result.scalar_one())
    if postgres:
        session.execute(select(func.pg_notify(CHANNEL, str(seq))))
    return seq


_STORE_ID = select(models.StoreInfo.value).where(models.StoreInfo.key == "store_id")
# Both facts a search needs from the store, in one round trip (it runs on every search).
_HEAD = select(func.coalesce(select(func.max(_C.c.seq)).scalar_subquery(), 0),
               _STORE_ID.scalar_subquery())


def head_seq(session: Session) -> int:
    return store_head(session)[0]


def store_head(session: Session) -> tuple[int, str]:
    """The store's newest change and its ``store_id``."""
    # Core on the session's connection: the ORM's per-statement bookkeeping was a third of
    # this call, and it runs on every search.
    head, sid = session.connection().execute(_HEAD).one()
    return int(head), str(sid or "")


@dataclass(frozen=True)
class Snapshot:
    """An open index and the state it reflects, for one search."""

    index: tantivy.Index
    state: State
    head: int  # the store's newest seq when this snapshot was taken

    @property
    def lag(self) -> int:
        return self.head - self.state.seq


class IndexNotReady(Unavailable):
    """This node's index is being built (or rebuilt) by its writer; try another node."""

    code = "index_not_ready"


_folders: dict[Path, IndexFolder] = {}
_folders_lock = threading.Lock()
# Folders this process only reads: another process of the node is their writer.
_read_only: set[Path] = set()


def set_read_only(root: Path, read_only: bool) -> None:
    """Mark ``root`` as written by another process (searches then never write it)."""
    with _folders_lock:
        (_read_only.add if read_only else _read_only.discard)(root.resolve())


def folder(root: Path) -> IndexFolder:
    """The one ``IndexFolder`` object of ``root`` in this process (it caches open builds)."""
    known = _folders_as_given.get(root)  # resolving is a system call a path part, per search
    if known is not None:
        return known
    with _folders_lock:
        node = _folders.setdefault(root.resolve(), IndexFolder(root.resolve()))
        _folders_as_given[root] = node
        return node


_folders_as_given: dict[Path, IndexFolder] = {}


def fresh_index(session: Session, root: Path, *, wait: bool = False) -> Snapshot:
    """The index of ``root``, brought up to the store's newest change when this process can
    take the writer's lock (else, unless ``wait``, as it stands); rebuilt first when
    unusable."""
    node = folder(root)
    head, sid = store_head(session)
    state = node.state()
    if node.root in _read_only and not wait:
        if state is None or state.store_id != sid:
            raise IndexNotReady("this node's search index is being built from the store; "
                                "another node can answer (see /ready)")
        return Snapshot(index=node.index(state), state=state, head=head)
    if state is None or state.store_id != sid:
        with writer_lock(node.root, wait=True):
            state = node.state()
            if state is None or state.store_id != sid:
                state = restore_or_rebuild(session, node, head, sid)
    if state.seq < head:
        with writer_lock(node.root, wait=wait) as locked:
            if locked:
                state = catch_up(session, node, head)
    return Snapshot(index=node.index(state), state=state, head=head)


def ensure_built(session: Session, root: Path) -> State:
    """A writer starting up: rebuild the index when it is missing, of another store, or
    does not open and search (a corrupt build), else leave it as it is."""
    node = folder(root)
    with writer_lock(node.root, wait=True):
        head, sid = store_head(session)
        state = node.state()
        if state is None or state.store_id != sid or not searchable(node.root / state.build):
            state = restore_or_rebuild(session, node, head, sid)
        return state


def restore_or_rebuild(session: Session, node: IndexFolder, head: int, sid: str) -> State:
    """The published copy when the store has a usable one (its later changes are applied
    by the next catch-up), else a rebuild from every provision."""
    restored = snapshots.restore(session, node, sid, head)
    return restored if restored is not None else rebuild(session, node, head, sid)


def publish_now(session: Session, root: Path) -> tuple[State, int]:
    """Publish this node's current build in the store (``vnlex reindex`` on PostgreSQL):
    under the writer's lock, so no catch-up changes the files while they are archived."""
    node = folder(root)
    with writer_lock(node.root, wait=True):
        state = node.state()
        if state is None:
            raise Unavailable("this node has no search index to publish")
        return state, snapshots.publish(session, node.root / state.build, state)


def published(session: Session, sid: str) -> bool:
    """Whether the store holds a copy of this index schema for store ``sid``."""
    return session.scalar(select(func.count()).select_from(_SNAP).where(
        _SNAP.c.schema == SCHEMA_VERSION, _SNAP.c.store_id == sid)) != 0


def rebuild(session: Session, node: IndexFolder, head: int, sid: str) -> State:
    """A new build from every provision of the store, made current atomically. Changes
    committed while it reads are after ``head`` and applied by the next catch-up."""
    build, index = node.new_build()
    # One indexing thread: segments then follow pk order, so a rebuilt index breaks ties
    # the same way on every node (Python feeding it is the slower side anyway).
    writer = index.writer(WRITER_HEAP * 2, 1)
    for document in feed.every_row(session):
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    state = State(build=build, store_id=sid, seq=head, pid=os.getpid())
    node.write_state(state)
    node.drop_other_builds(keep=build)
    return state


def rebuild_now(session: Session, root: Path) -> State:
    """``vnlex reindex``: rebuild whatever the state (waits for any other writer)."""
    node = folder(root)
    with writer_lock(node.root, wait=True):
        return rebuild(session, node, *store_head(session))


def catch_up(session: Session, node: IndexFolder, head: int) -> State:
    state = node.state()
    if state is None or state.seq >= head:  # another process got there first
        return state if state is not None else rebuild(session, node, *store_head(session))
    changed = list(dict.fromkeys(session.scalars(
        select(_C.c.document_id).where(_C.c.seq > state.seq, _C.c.seq <= head)
        .order_by(_C.c.seq)
    )))
    index = node.index(state)
    writer = index.writer(WRITER_HEAP, 1)
    delete_documents(writer, changed)
    for document in feed.rows_of_documents(session, changed):
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    new_state = State(build=state.build, store_id=state.store_id, seq=head, pid=os.getpid())
    node.write_state(new_state)
    return new_state


@contextmanager
def writer_lock(root: Path, *, wait: bool) -> Iterator[bool]:
    """An exclusive lock on the index folder, across processes; yields whether it was
    taken (always True when ``wait``)."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
