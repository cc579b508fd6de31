"""Ingest's store step on SQLite and PostgreSQL (issue 9). Run by hand, not in ``make test``:

    PYTHONPATH=. .venv/bin/python scripts/store_bench.py [SCALE]   # default 0.01: 10 010 provisions

Parses the bench corpus of ``SCALE`` (``bench/build.py``) once, then stores it twice into
a fresh store of each kind, timing only the store: SQLite, PostgreSQL with COPY
(``app/db/bulk.py``) committing as ``vnlex ingest`` does (without waiting for the disk,
then one commit that does), the same with every commit waiting (``durable``), and
PostgreSQL with the executemany. Needs the server at
127.0.0.1:5432 (trust); creates and drops the database ``vnlex_store_bench``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import psycopg

from app.db import bulk
from app.db.migrate import upgrade
from app.db.session import dispose, flush_commits
from app.services import registry as bodies_registry
from app.services.ingest import _store_file, collect_files, prepare_file
from bench.build import build

ADMIN = "host=127.0.0.1 port=5432 user=postgres"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/vnlex_store_bench"


def fresh_postgres() -> None:
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS vnlex_store_bench WITH (FORCE)")
        admin.execute("CREATE DATABASE vnlex_store_bench")


def main(scale: float) -> None:
    corpus = build([Path(__file__).resolve().parents[1] / "corpus"], scale)
    registry = bodies_registry.load()
    started = time.perf_counter()
    prepared = [prepare_file(f, registry) for f in collect_files([corpus.files])]
    elapsed = time.perf_counter() - started
    total = sum(len(p.rows) for p in prepared)
    out = sys.stdout.write
    out(f"{len(prepared)} files, {total} provisions; parse and analysis {elapsed:.1f} s "
        f"({total / elapsed:.0f}/s in one process)\n")
    with tempfile.TemporaryDirectory() as folder:
        variants = [("sqlite", f"sqlite:///{folder}/store.db", bulk.COPY_MIN_ROWS, False),
                    ("postgresql COPY", PG, bulk.COPY_MIN_ROWS, False),
                    ("postgresql COPY, durable", PG, bulk.COPY_MIN_ROWS, True),
                    ("postgresql executemany", PG, 10**9, False)]
        for run in (1, 2):
            for label, url, copy_min, durable in variants:
                Path(f"{folder}/store.db").unlink(missing_ok=True)
                fresh_postgres()
                upgrade(url)
                bulk.COPY_MIN_ROWS = copy_min
                started = time.perf_counter()
                for one in prepared:  # as `vnlex ingest` stores them (ingest_paths)
                    _store_file(url, one, registry, durable=durable)
                flush_commits(url)
                elapsed = time.perf_counter() - started
                out(f"run {run} {label:>22}: {elapsed:.2f} s, "
                    f"{total / elapsed:.0f} provisions/s\n")
                dispose(url)
    with psycopg.connect(ADMIN, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS vnlex_store_bench WITH (FORCE)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.01)
