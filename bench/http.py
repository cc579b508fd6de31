"""HTTP: ``vnlex serve`` in its own process, loaded by ``bench.loadgen`` in another.

For each endpoint (``/health`` as the ceiling, ``/search`` cycling the query mix,
``/provisions/{id}`` cycling real ids) and each client count, one load run of a fixed
duration. Then the server's peak resident memory (``VmHWM``, its children included), and
the server is stopped.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from bench.ingest import VNLEX
from bench.queries import TOP, Query

CLIENTS = (1, 8, 32)
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


def start_server(url: str, port: int, log: Path, cache: int = SERVED_CACHE
                 ) -> subprocess.Popen[bytes]:
    """``vnlex serve`` on 127.0.0.1:``port`` with an answer cache of ``cache`` searches,
    answering ``/health`` (or an error)."""
    env = {**os.environ, "VNLEX_SEARCH_CACHE_SIZE": str(cache)}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(VNLEX), "serve", "--db", url, "--host", HOST, "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"vnlex serve exited with {server.returncode} (see {log})")
        try:
            with socket.create_connection((HOST, port), timeout=1) as sock:
                sock.sendall(f"GET /health HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"vnlex serve did not answer /health within 60 s (see {log})")


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
         name: str) -> dict[str, Any]:
    """One run of ``bench.loadgen`` in its own process."""
    file = workdir / f"paths-{name}.txt"
    file.write_text("\n".join(paths) + "\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bench.loadgen", str(port), str(clients), str(seconds), str(file)],
        capture_output=True, text=True, timeout=seconds + 120, check=False,
        cwd=Path(__file__).resolve().parents[1], env={**os.environ, "PYTHONPATH": "."})
    if done.returncode != 0:
        raise RuntimeError(f"bench.loadgen failed: {done.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(url: str, queries: list[Query], ids: list[str], workdir: Path, seconds: float,
        clients: tuple[int, ...] = CLIENTS) -> dict[str, Any]:
    """Every endpoint at every client count; the server's peak RSS."""
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
    return results


def _uncached(url: str, paths: list[str], workdir: Path, seconds: float,
              clients: tuple[int, ...]) -> dict[str, Any]:
    """``/search`` again on a server without the answer cache: what the engine costs."""
    port = free_port()
    server = start_server(url, port, workdir / "serve-uncached.log", cache=0)
    try:
        load(port, 1, min(1.0, seconds), paths, workdir, "search")
        return {str(n): load(port, n, seconds, paths, workdir, "search") for n in clients}
    finally:
        stop_server(server)
