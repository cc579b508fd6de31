"""Load generator, run as its own process: ``python -m bench.loadgen PORT CLIENTS SECONDS FILE``.

``FILE`` holds request paths, one a line (``/search?q=…``, ``/provisions/…``, ``/health``);
``CLIENTS`` keep-alive connections to 127.0.0.1:``PORT`` send them in turn, each waiting
for its answer before the next (closed loop), for ``SECONDS``. Prints one JSON object:
requests, errors (status ≥ 400, broken connections), requests/s and latency percentiles.

Raw asyncio streams rather than an HTTP client library: on a 2-core machine shared with the
server, the client's own cost would otherwise cap the figures it reports.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from bench.stats import summary_ms

HOST = "127.0.0.1"  # never anything else: this is a load generator
MAX_REQUESTS = 2_000_000  # a bound whatever the duration
CONNECT_GAP = 0.05  # seconds between two clients' first connections


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                   path: str) -> int:
    """Send one GET and read the whole answer; return its status code."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    if headers.get("transfer-encoding", "").lower() == "chunked":
        await _read_chunked(reader)
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status


async def _read_chunked(reader: asyncio.StreamReader) -> None:
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return


async def _client(port: int, paths: list[str], start: int, deadline: float,
                  latencies: list[float], errors: list[int], delay: float = 0.0) -> None:
    await asyncio.sleep(delay)
    reader, writer = await asyncio.open_connection(HOST, port)
    i = start
    try:
        while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS:
            started = time.perf_counter()
            try:
                status = await _request(reader, writer, paths[i % len(paths)])
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors.append(1)
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            latencies.append(time.perf_counter() - started)
            if status >= 400:
                errors.append(status)
            i += 1
    finally:
        writer.close()


async def run(port: int, clients: int, seconds: float, paths: list[str]) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[int] = []
    cpu = time.process_time()
    started = time.perf_counter()
    deadline = started + seconds
    # Clients start at different places in the list so they do not ask the same thing.
    step = max(1, len(paths) // clients)
    # Connections open one after another while the first ones are busy: opened together,
    # all of them went to whichever server worker woke first (seen with `ss -tnp`: 8 of 8
    # on one of two workers), and a second worker then measured nothing.
    await asyncio.gather(*(_client(port, paths, n * step, deadline, latencies, errors,
                                   n * CONNECT_GAP) for n in range(clients)))
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "errors": len(errors),
        "rps": round(len(latencies) / elapsed, 1),
        "ms": summary_ms(latencies),
        # The cores this process took from the server's machine (two cores here).
        "client_cores": round((time.process_time() - cpu) / elapsed, 2),
    }


def main(argv: list[str]) -> int:
    port, clients, seconds, file = int(argv[0]), int(argv[1]), float(argv[2]), Path(argv[3])
    paths = [line for line in file.read_text("utf-8").splitlines() if line]
    print(json.dumps(asyncio.run(run(port, clients, seconds, paths))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
