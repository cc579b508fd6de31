"""A node's search index published in the store, so that a new node starts in seconds.

Rebuilding the index from every provision costs minutes of CPU at a million provisions
(Python building tantivy documents, tantivy indexing them); copying a built index costs its
bytes. ``vnlex reindex`` on PostgreSQL publishes the build it made: its files in a tar
archive, stored in parts of ``PART`` bytes, with the change number it holds. A node with no
usable index restores the newest copy of its index schema and store, checks the archive's
size and hash and that the index opens and searches, and then applies the changes after
that number from the change log like any node (``app/search/sync.py``). A copy that fails a
check is left alone and the node rebuilds from the rows.

A SQLite store publishes nothing: its index lies beside the one file it is built from.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import IO

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.db import models
from app.search.index import SCHEMA_VERSION, IndexFolder, State, searchable

PART = 8 * 1024 * 1024
SKIPPED_FILES = {".tantivy-writer.lock", ".tantivy-meta.lock"}  # a writer's, not the index's

logger = logging.getLogger(__name__)
_S = models.table_of(models.IndexSnapshot)
_PARTS = models.table_of(models.IndexSnapshotPart)


def publish(session: Session, build_dir: Path, state: State) -> int:
    """Store the build at ``build_dir`` (which holds every change up to ``state.seq``) as
    the one published copy; the caller holds the folder's writer lock and commits. Returns
    the archive's size in bytes."""
    with tempfile.TemporaryFile() as archive:
        _write_archive(build_dir, archive)
        size = archive.tell()
        archive.seek(0)
        session.execute(delete(_PARTS))  # one published copy at a time
        session.execute(delete(_S))
        snapshot_id = session.execute(insert(_S).values(
            schema=SCHEMA_VERSION, store_id=state.store_id, seq=state.seq, size=size,
            sha256="").returning(_S.c.id)).scalar_one()
        digest = hashlib.sha256()
        for n, part in enumerate(iter(lambda: archive.read(PART), b"")):
            digest.update(part)
            session.execute(insert(_PARTS).values(snapshot_id=snapshot_id, n=n, data=part))
        session.execute(_S.update().where(_S.c.id == snapshot_id)
                        .values(sha256=digest.hexdigest()))
    return size


def _write_archive(build_dir: Path, out: IO[bytes]) -> None:
    with tarfile.open(fileobj=out, mode="w") as tar:
        for path in sorted(build_dir.iterdir()):
            if path.is_file() and path.name not in SKIPPED_FILES:
                tar.add(path, arcname=path.name)


def restore(session: Session, node: IndexFolder, store_id: str, head: int) -> State | None:
    """Make the newest usable published copy this node's current build, or None when there
    is none (or it fails a check: the caller then rebuilds from the rows)."""
    row = session.execute(
        select(_S.c.id, _S.c.seq, _S.c.size, _S.c.sha256)
        .where(_S.c.schema == SCHEMA_VERSION, _S.c.store_id == store_id, _S.c.seq <= head)
        .order_by(_S.c.seq.desc()).limit(1)
    ).first()
    if row is None:
        return None
    build = node.new_build_dir()
    target = node.root / build
    try:
        _fetch(session, row.id, row.size, row.sha256, target)
        if not searchable(target):
            raise ValueError("the restored index does not open and search")
    except Exception as exc:  # noqa: BLE001 - a bad copy of any kind means: rebuild
        logger.warning("index snapshot %s not restored (%s): rebuilding from the store",
                       row.id, exc)
        shutil.rmtree(target, ignore_errors=True)
        return None
    state = State(build=build, store_id=store_id, seq=row.seq, pid=os.getpid())
    node.write_state(state)
    node.drop_other_builds(keep=build)
    return state


def _fetch(session: Session, snapshot_id: int, size: int, sha256: str, target: Path) -> None:
    parts = session.scalar(select(func.count()).where(_PARTS.c.snapshot_id == snapshot_id))
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as archive:
        for n in range(parts or 0):  # one part in memory at a time
            data = session.scalar(select(_PARTS.c.data).where(
                _PARTS.c.snapshot_id == snapshot_id, _PARTS.c.n == n))
            if data is None:
                raise ValueError(f"part {n} of {parts} is missing")
            digest.update(data)
            archive.write(data)
        if archive.tell() != size or digest.hexdigest() != sha256:
            raise ValueError("the archive's size or hash differs from the published one")
        archive.seek(0)
        with tarfile.open(fileobj=archive, mode="r") as tar:
            tar.extractall(target, filter="data")

