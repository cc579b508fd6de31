"""SIGKILL in the middle of an ingest (issue 12): the store is never half-written, and
running the ingest again gives what one clean ingest gives."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from factories_app import CORPUS

from app.db.migrate import upgrade
from app.db.session import dispose

VNLEX = Path(sys.executable).with_name("vnlex")
# When each run is killed, as a share of a whole run: during start-up, while documents are
# stored one transaction each, and while the search index catches up at the end.
KILL_AT = (0.35, 0.55, 0.7, 0.8, 0.9, 0.97)


def test_a_killed_ingest_leaves_a_whole_store_and_a_rerun_completes_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder, ignore=shutil.ignore_patterns("*.yaml"))
    empty = tmp_path / "empty.db"
    _migrated(empty)
    clean = tmp_path / "clean.db"
    shutil.copy(empty, clean)
    started = time.perf_counter()
    assert _ingest(clean, folder).wait() == 0
    whole = time.perf_counter() - started
    for share in KILL_AT:
        killed = tmp_path / f"killed-{share}.db"
        shutil.copy(empty, killed)
        run = _ingest(killed, folder)
        time.sleep(whole * share)
        run.kill()
        run.wait()
        assert _integrity(killed) == "ok"
        assert _half_written(killed) == []
        assert _ingest(killed, folder).wait() == 0
        assert _digest(killed) == _digest(clean)


def _ingest(db: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(VNLEX), "ingest", str(folder), "--db", f"sqlite:///{db}",
                             "--jobs", "1"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _migrated(path: Path) -> None:
    url = f"sqlite:///{path}"
    upgrade(url)
    dispose(url)


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _half_written(db: Path) -> list[str]:
    """Documents whose stored provisions are not the count their row says."""
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute(
            "SELECT d.id FROM documents d WHERE d.provision_count != "
            "(SELECT count(*) FROM provisions p WHERE p.document_id = d.id)")]


def _digest(db: Path) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "documents": "SELECT id, number, provision_count FROM documents ORDER BY id",
        "provisions": "SELECT id, parent_id, ordinal, label, heading, text FROM provisions "
                      "ORDER BY id",
        "duties": "SELECT p.id, b.id, d.role FROM duties d "
                  "JOIN provisions p ON p.pk = d.provision_pk JOIN bodies b ON b.pk = d.body_pk "
                  "ORDER BY p.id, b.id, d.role",
        "targets": "SELECT provision_id, value FROM targets ORDER BY provision_id, value",
    }
    with sqlite3.connect(db) as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in queries.items()}
