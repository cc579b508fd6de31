"""HTTP: ``vnlex serve`` in its own process, loaded by ``bench.loadgen`` in another.

For each endpoint (``/health`` as the ceiling, ``/search`` cycling the query mix,
``/provisions/{id}`` cycling real ids) and each client count, one load run of a fixed
duration. Then the server's peak resident memory (``VmHWM``, its children included), and
the server is stopped. Last, ``/search`` without the answer cache with 1 and with N worker
processes (``vnlex serve --workers N``, side by side), ``/search`` at 32 clients for six
times as long while a document is uploaded and replaced four times through
``POST /documents`` (issue 12: writes in the middle of reads), and how long a new node
with an empty index folder takes to rebuild it from the store (start to ``/ready`` 200).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from bench.ingest import VNLEX
from bench.queries import TOP, Query

CLIENTS = (1, 8, 32)
WORKERS = (1, 2)
HOST = "127.0.0.1"


SERVED_CACHE = 2048  # vnlex's default (VNLEX_SEARCH_CACHE_SIZE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def search_paths(queries: list[Query]) -> list[str]:
    return [f"/search?{urlencode({'q': q.q, 'limit': TOP, **dict(q.filters)})}" for q in queries]


def provision_paths(ids: list[str]) -> list[str]:
    return [f"/provisions/{quote(pid, safe='/')}" for pid in ids]


REINGEST_CLIENTS = 32
REINGEST_ROUNDS = 4
TOKEN = "bench-admin-token"  # a server of the bench's own, on 127.0.0.1 only


def start_server(url: str, port: int, log: Path, cache: int = SERVED_CACHE,
                 token: str | None = None, workers: int = 1,
                 index_dir: Path | None = None) -> subprocess.Popen[bytes]:
    """``vnlex serve`` on 127.0.0.1:``port`` with an answer cache of ``cache`` searches
    (and the write routes when ``token`` is given), once ``/ready`` says 200 (its index
    built); ``index_dir`` instead of the node's usual folder."""
    server = spawn_server(url, port, log, cache, token, workers, index_dir)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"vnlex serve exited with {server.returncode} (see {log})")
        if status(port, "/ready") == 200:
            return server
        time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"vnlex serve was not ready within 600 s (see {log})")


def spawn_server(url: str, port: int, log: Path, cache: int = SERVED_CACHE,
                 token: str | None = None, workers: int = 1,
                 index_dir: Path | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VNLEX_SEARCH_CACHE_SIZE": str(cache)}
    if token:
        env["VNLEX_ADMIN_TOKEN"] = token
    if index_dir is not None:
        env["VNLEX_INDEX_DIR"] = str(index_dir)
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(VNLEX), "serve", "--db", url, "--host", HOST, "--port", str(port),
             "--workers", str(workers)], stdout=out, stderr=subprocess.STDOUT, env=env)


def status(port: int, path: str) -> int | None:
    """The status of one GET, or None when nothing answers yet."""
    try:
        with socket.create_connection((HOST, port), timeout=5) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
            head = sock.recv(64)
    except OSError:
        return None
    return int(head[9:12]) if head.startswith(b"HTTP/1.1 ") else None


def node_rebuild(url: str, workdir: Path) -> dict[str, float]:
    """A new node with an empty index folder: seconds from its start to ``/health`` (it
    answers while it builds) and to ``/ready`` (its index rebuilt from the store)."""
    folder = workdir / "fresh-node.index"
    shutil.rmtree(folder, ignore_errors=True)
    port = free_port()
    started = time.perf_counter()
    server = spawn_server(url, port, workdir / "serve-rebuild.log", index_dir=folder)
    alive = ready = None
    try:
        while ready is None and time.perf_counter() - started < 600:
            if server.poll() is not None:
                raise RuntimeError(f"vnlex serve exited with {server.returncode}")
            code = status(port, "/ready")
            if code is not None and alive is None:
                alive = time.perf_counter() - started
            if code == 200:
                ready = time.perf_counter() - started
            time.sleep(0.05)
    finally:
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
    if ready is None:
        raise RuntimeError("a new node did not rebuild its index within 600 s")
    return {"health_s": round(alive or ready, 2), "ready_s": round(ready, 2)}


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)  # uvicorn's clean shutdown
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def peak_rss_mb(pid: int) -> float:
    """``VmHWM`` of ``pid`` and of its descendants, in MiB (Linux ``/proc``)."""
    total_kb = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmHWM:")), 0)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            pending += [int(child) for child in task.read_text().split()]
    return round(total_kb / 1024, 1)


def load(port: int, clients: int, seconds: float, paths: list[str], workdir: Path,
         name: str, server: int | None = None) -> dict[str, Any]:
    """One run of ``bench.loadgen`` in its own process; with the ``server`` pid, also the
    cores the server's processes used meanwhile (``server_cores``)."""
    before = (cpu_seconds(server), time.perf_counter()) if server else None
    result = finish(start_load(port, clients, seconds, paths, workdir, name), seconds)
    if server and before:
        used = cpu_seconds(server) - before[0]
        result["server_cores"] = round(used / (time.perf_counter() - before[1]), 2)
    return result


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` and its live descendants (Linux ``/proc``)."""
    ticks = 0
    for current in _tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending += [int(child) for child in task.read_text().split()]
            except OSError:
                continue
    return found


def start_load(port: int, clients: int, seconds: float, paths: list[str], workdir: Path,
               name: str) -> subprocess.Popen[str]:
    file = workdir / f"paths-{name}.txt"
    file.write_text("\n".join(paths) + "\n", "utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "bench.loadgen", str(port), str(clients), str(seconds), str(file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONPATH": "."})


def finish(loader: subprocess.Popen[str], seconds: float) -> dict[str, Any]:
    out, err = loader.communicate(timeout=seconds + 120)
    if loader.returncode != 0:
        raise RuntimeError(f"bench.loadgen failed: {err.strip()[-500:]}")
    result: dict[str, Any] = json.loads(out)
    return result


def run(url: str, queries: list[Query], ids: list[str], workdir: Path, seconds: float,
        clients: tuple[int, ...] = CLIENTS, reingest: Path | None = None,
        workers: tuple[int, ...] = WORKERS) -> dict[str, Any]:
    """Every endpoint at every client count; the server's peak RSS; ``/search`` without
    the answer cache for each count of ``workers``; ``/search`` while the text of
    ``reingest`` is uploaded and replaced; a new node's rebuild."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(url, port, workdir / "serve.log")
    endpoints = {"health": ["/health"], "search": search_paths(queries),
                 "provisions": provision_paths(ids)}
    results: dict[str, Any] = {name: {} for name in endpoints}
    try:
        for name, paths in endpoints.items():
            load(port, 1, min(1.0, seconds), paths, workdir, name)  # warm-up
            for n in clients:
                results[name][str(n)] = load(port, n, seconds, paths, workdir, name)
        results["rss_mb"] = peak_rss_mb(server.pid)
    finally:
        stop_server(server)
    results["search_uncached"] = _uncached(url, endpoints["search"], workdir, seconds, clients)
    results["search_uncached_by_workers"] = {
        str(n): results["search_uncached"] if n == 1 else
        _uncached(url, endpoints["search"], workdir, seconds, clients, workers=n)
        for n in workers}
    if reingest is not None:
        results["search_during_reingest"] = during_reingest(
            url, endpoints["search"], workdir, seconds * 6, reingest)
    results["node_rebuild"] = node_rebuild(url, workdir)
    if url.startswith("postgresql"):
        with copy_set_aside(url):
            results["node_rebuild_rows"] = node_rebuild(url, workdir)
    return results


@contextmanager
def copy_set_aside(url: str) -> Iterator[None]:
    """The index copy a PostgreSQL store published, hidden from new nodes (its schema
    number negated, so no node takes it for its own) and put back after: a new node then
    rebuilds from the rows, the cost the copy saves."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    flip = text("UPDATE index_snapshots SET schema = -schema")
    try:
        with engine.begin() as connection:
            connection.execute(flip)
        try:
            yield
        finally:  # only once the copy was set aside: a second flip would hide it for good
            with engine.begin() as connection:
                connection.execute(flip)
    finally:
        engine.dispose()


def _uncached(url: str, paths: list[str], workdir: Path, seconds: float,
              clients: tuple[int, ...], workers: int = 1) -> dict[str, Any]:
    """``/search`` again on a server without the answer cache: what the engine costs."""
    port = free_port()
    server = start_server(url, port, workdir / f"serve-uncached-{workers}.log", cache=0,
                          workers=workers)
    try:
        load(port, 1, min(1.0, seconds), paths, workdir, "search")
        return {str(n): load(port, n, seconds, paths, workdir, "search", server.pid)
                for n in clients}
    finally:
        stop_server(server)


def during_reingest(url: str, paths: list[str], workdir: Path, seconds: float,
                    source: Path) -> dict[str, Any]:
    """``/search`` at ``REINGEST_CLIENTS`` clients (no answer cache) while ``source``, under
    an id of its own, is uploaded, then replaced by a corrected version and back, in all
    ``REINGEST_ROUNDS`` writes spread over the run: errors, throughput, latency, and the
    status of each write."""
    text = source.read_text("utf-8")
    # No number: the upload's name is its id, apart from the copy the corpus holds.
    versions = [re.sub(r"\b\d{1,4}-NQ/TW\b", "", text),
                re.sub(r"\b\d{1,4}-NQ/TW\b", "", text).replace(
                    "thoả ước lao động tập thể", "thoả ước lao động tập thể (đã sửa)", 1)]
    port = free_port()
    server = start_server(url, port, workdir / "serve-reingest.log", cache=0, token=TOKEN)
    try:
        loader = start_load(port, REINGEST_CLIENTS, seconds, paths, workdir, "search")
        writes = []
        for n in range(REINGEST_ROUNDS):
            time.sleep(seconds / (REINGEST_ROUNDS + 1))
            writes.append(_upload(port, versions[n % 2]))
        result = finish(loader, seconds)
    finally:
        stop_server(server)
    return {**result, "clients": REINGEST_CLIENTS, "seconds": seconds, "writes": writes}


def _upload(port: int, text: str) -> dict[str, Any]:
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    started = time.perf_counter()
    try:
        connection.request("POST", "/documents?name=bench-reingest.md", text.encode("utf-8"),
                           {"Authorization": f"Bearer {TOKEN}",
                            "Content-Type": "text/plain; charset=utf-8"})
        status = connection.getresponse().status
    finally:
        connection.close()
    return {"status": status, "s": round(time.perf_counter() - started, 2)}
