"""Ingest's store step alone on SQLite and PostgreSQL (issues 8 and 9). Run by hand, not
in ``make test``:

    PYTHONPATH=. .venv/bin/python scripts/store_bench.py FOLDER [--cache FILE] [--stores ...]
    PYTHONPATH=. .venv/bin/python scripts/store_bench.py --scale 0.01   # bench/build.py's corpus

Parses and prepares the files once (``--cache``: kept in a pickle, so a second run, or the
same run against another tree, skips it), then stores every document as ``vnlex ingest``
does (``_store_file``, commits that do not wait for the disk, one that does at the end) into
a fresh store of each kind: a SQLite file, a PostgreSQL database of the server at
127.0.0.1:5432 (trust; ``vnlex_store_bench``, created and dropped here). Prints wall and
CPU milliseconds per 1 000 provisions, for the whole run and for its first and last
quarter of documents (a store whose cost grows with what it holds shows it there), and
on PostgreSQL the CPU of the server's backend too.

To compare two trees, run this file with each tree on PYTHONPATH, interleaved, in the same
minute: it uses only ``_store_file``, ``ensure_schema`` and ``flush_commits``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

from app.db.session import dispose, flush_commits, get_engine
from app.errors import IngestError
from app.services import registry as bodies_registry
from app.services.ingest import _store_file, collect_files, prepare_file
from app.services.maintenance import ensure_schema

ADMIN = "host=127.0.0.1 port=5432 user=postgres"
DATABASE = "vnlex_store_bench"
TICKS = os.sysconf("SC_CLK_TCK")


def prepared_files(folders: list[str], scale: float | None, cache: str | None) -> list[Any]:
    if cache and Path(cache).exists():
        with open(cache, "rb") as file:
            loaded: list[Any] = pickle.load(file)
        return loaded
    if scale is not None:
        from bench.build import build

        folders = [str(build([Path(__file__).resolve().parents[1] / "corpus"], scale).files)]
    registry = bodies_registry.load()
    prepared = []
    for path in collect_files(folders):
        try:
            prepared.append(prepare_file(path, registry, for_sqlite=True))
        except IngestError:  # refused as `vnlex ingest` refuses it: nothing to store
            continue
    if cache:
        with open(cache, "wb") as file:
            pickle.dump(prepared, file, protocol=pickle.HIGHEST_PROTOCOL)
    return prepared


def fresh_store(kind: str, folder: str, database: str) -> str:
    if kind == "sqlite":
        path = Path(folder) / "store.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {database}")
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    ensure_schema(url)
    return url


def backend_cpu(url: str) -> float:
    """CPU seconds of the server processes serving ``url``'s pooled connections."""
    if not url.startswith("postgresql"):
        return 0.0
    with get_engine(url).connect() as connection:
        database = connection.exec_driver_sql("SELECT current_database()").scalar()
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes()
            if f" {database} ".encode() not in title.replace(b"\0", b" "):
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return total


def store_all(url: str, prepared: list[Any], registry: Any) -> list[tuple[float, float]]:
    """Wall and CPU seconds of each document's store, the final flush added to the last."""
    spent = []
    for one in prepared:
        wall, cpu = time.perf_counter(), time.process_time()
        _store_file(url, one, registry, durable=False)
        spent.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = time.perf_counter(), time.process_time()
    flush_commits(url)
    last = spent[-1]
    spent[-1] = (last[0] + time.perf_counter() - wall, last[1] + time.process_time() - cpu)
    return spent


def per_thousand(spent: list[tuple[float, float]], sizes: list[int]) -> str:
    rows = max(sum(sizes), 1)
    wall = sum(w for w, _ in spent) * 1e6 / rows
    cpu = sum(c for _, c in spent) * 1e6 / rows
    return f"{wall:6.1f} wall {cpu:6.1f} cpu"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--scale", type=float)
    parser.add_argument("--cache")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--label", default="")
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--reverse", action="store_true",
                        help="store the last document first: its quarters against those of "
                             "a run in order say whether a document costs more in a fuller store")
    args = parser.parse_args()
    prepared = prepared_files(args.folders, args.scale, args.cache)
    if args.reverse:
        prepared.reverse()
    registry = bodies_registry.load()
    sizes = [len(p.rows) for p in prepared]
    quarter = len(prepared) // 4
    out = sys.stdout.write
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.stores.split(","):
            url = fresh_store(kind, folder, args.database)
            server = backend_cpu(url)
            spent = store_all(url, prepared, registry)
            server = backend_cpu(url) - server
            extra = f", server {server * 1e6 / sum(sizes):6.1f} cpu" if server else ""
            out(f"{args.label} {kind:>10} {sum(sizes)} provisions, ms per 1000: "
                f"{per_thousand(spent, sizes)}{extra}; first quarter "
                f"{per_thousand(spent[:quarter], sizes[:quarter])}, last quarter "
                f"{per_thousand(spent[-quarter:-1], sizes[-quarter:-1])}\n")
            dispose(url)
            if kind != "sqlite":
                with psycopg.connect(ADMIN, autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


if __name__ == "__main__":
    main()
