"""Ingest measurement: a fresh SQLite file (or PostgreSQL database, ``ENGINE=postgresql``)
filled through the ``vnlex`` command, timed.

Only the command line is used (``db upgrade``, ``ingest``, ``reindex``), so the figures stay
comparable while the ingest and the search index behind it are being rewritten. Sizes count
every file SQLite or an index keeps next to the database (``-wal``, ``-shm``, ``*.index/``
and the like): whatever ``vnlex`` writes beside ``vnlex.db`` is its cost on disk.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

VNLEX = Path(sys.executable).with_name("vnlex")
LOG = "ingest.log"
_DONE = re.compile(r"(\d+) document\(s\) ingested, (\d+) refused")


def vnlex(*args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``vnlex ARGS``; its output goes to ``log`` when given (ingest prints a line a file)."""
    command = [str(VNLEX), *args]
    if log is None:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, text=True,
                              check=False)
    return subprocess.CompletedProcess(command, done.returncode, log.read_text("utf-8"), "")


def measure(files: Path, workdir: Path, source_bytes: int, pg_url: str | None = None
            ) -> dict[str, Any]:
    """Ingest the folder ``files`` into ``workdir/vnlex.db`` (recreated), or into the
    PostgreSQL database ``pg_url`` (dropped and created again), and time it.

    Raises:
        RuntimeError: a step failed outright (not one refused file: those are counted).
    """
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    db = workdir / "vnlex.db"
    url = pg_url or f"sqlite:///{db}"
    if pg_url:
        recreate_database(pg_url)
    _check(vnlex("db", "upgrade", "--db", url), "db upgrade")
    started = time.perf_counter()
    done = vnlex("ingest", str(files), "--db", url, log=workdir / LOG)
    ingest_s = time.perf_counter() - started
    counts = _DONE.search(done.stdout)
    if counts is None:
        raise RuntimeError(f"vnlex ingest failed (see {workdir / LOG})")
    started = time.perf_counter()
    _check(vnlex("reindex", "--db", url), "reindex")
    reindex_s = time.perf_counter() - started
    provisions, documents = count_rows(db) if pg_url is None else count_rows_of(url)
    sizes = disk_sizes(db) if pg_url is None else postgres_sizes(url)
    stored = sizes["db_mb"] + sizes["index_mb"]
    return {
        "url": url,
        "provisions": provisions,
        "documents": documents,
        "refused": int(counts.group(2)),
        "ingest_s": round(ingest_s, 2),
        "ingest_provisions_per_s": round(provisions / ingest_s, 1),
        "reindex_s": round(reindex_s, 2),
        **sizes,
        "source_mb": round(source_bytes / 2**20, 2),
        "stored_to_source_ratio": round(stored * 2**20 / max(1, source_bytes), 2),
        "bytes_per_provision": round(stored * 2**20 / max(1, provisions)),
    }


def _check(done: subprocess.CompletedProcess[str], step: str) -> None:
    if done.returncode != 0:
        raise RuntimeError(f"vnlex {step} failed: {done.stderr.strip() or done.stdout.strip()}")


def count_rows(db: Path) -> tuple[int, int]:
    """Provisions and documents stored (read-only: the measurement must not change the file)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        provisions = connection.execute("SELECT count(*) FROM provisions").fetchone()[0]
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        connection.close()
    return int(provisions), int(documents)


def recreate_database(url: str) -> None:
    """Drop and create the database of a PostgreSQL URL (through the server's ``postgres``)."""
    from sqlalchemy import create_engine, make_url, text

    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()


def count_rows_of(url: str) -> tuple[int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            provisions = connection.execute(text("SELECT count(*) FROM provisions")).scalar()
            documents = connection.execute(text("SELECT count(*) FROM documents")).scalar()
    finally:
        engine.dispose()
    return int(provisions or 0), int(documents or 0)


def postgres_sizes(url: str) -> dict[str, float]:
    """MiB of the PostgreSQL database and of this node's index folder."""
    from sqlalchemy import create_engine, text

    from app.core.config import get_settings

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            main = int(connection.execute(
                text("SELECT pg_database_size(current_database())")).scalar() or 0)
            copy = int(connection.execute(text(
                "SELECT pg_total_relation_size('index_snapshot_parts')"
                " + pg_total_relation_size('index_snapshots')")).scalar() or 0)
    finally:
        engine.dispose()
    index = _tree_size(get_settings(url).index_path)
    # db_mb includes the published copy of the index (snapshot_mb): disk the store spends.
    return {"db_file_mb": round(main / 2**20, 2), "wal_mb": 0.0,
            "db_mb": round(main / 2**20, 2), "snapshot_mb": round(copy / 2**20, 2),
            "index_mb": round(index / 2**20, 2), "total_mb": round((main + index) / 2**20, 2)}


def disk_sizes(db: Path) -> dict[str, float]:
    """MiB of the database file, its WAL/SHM files, and everything else in its folder (indexes)."""
    main = db.stat().st_size
    wal = sum(p.stat().st_size for p in (db.with_name(db.name + s) for s in ("-wal", "-shm"))
              if p.is_file())
    # The folder holds only what vnlex wrote, and the ingest log: the rest is index.
    ours = {db.name, db.name + "-wal", db.name + "-shm", LOG}
    others = [p for p in db.parent.iterdir() if p.name not in ours]
    index = sum(_tree_size(p) for p in others)
    return {
        "db_file_mb": round(main / 2**20, 2),
        "wal_mb": round(wal / 2**20, 2),
        "db_mb": round((main + wal) / 2**20, 2),
        "index_mb": round(index / 2**20, 2),
        "total_mb": round((main + wal + index) / 2**20, 2),
    }


def _tree_size(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
