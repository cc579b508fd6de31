"""How ``vnlex serve --workers N`` runs uvicorn's worker processes."""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol with Nagle's algorithm off on every connection.

    With several workers, uvicorn binds the socket itself without naming TCP as its
    protocol, so asyncio does not set TCP_NODELAY on the connections it accepts: every
    response then waited for the client's delayed ACK (about 40 ms; measured 48 ms p50 for
    a 6 ms search with 2 workers)."""

    def connection_made(self, transport: asyncio.Transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
