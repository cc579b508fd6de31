"""Edges every response shares, as plain ASGI: ``HEAD`` wherever ``GET`` is, a
``nosniff`` header, and a bound on request bodies."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PayloadTooLarge


class EdgeMiddleware:
    """``HEAD`` answered as the ``GET`` of the same URL without its body (FastAPI routes
    declare only ``GET``, so uptime probes got 405), ``X-Content-Type-Options: nosniff`` on
    every response (a browser never reads a CSV or JSON answer as HTML), and a 413 for a
    request body longer than ``max_body`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        if _declared_length(scope) > self.max_body:
            await _too_large(self.max_body, _edge_send(send, head))
            return
        await self.app(scope, _bounded(receive, self.max_body), _edge_send(send, head))


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0  # the server refuses a malformed length before it reaches us
    return 0


def _bounded(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises once a streamed (chunked) body passes ``limit``; the
    exception handlers turn it into the 413."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise PayloadTooLarge(_too_large_message(limit), limit=limit)
        return message

    return wrapped


def _edge_send(send: Send, head: bool) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", [])
                       if k.lower() != b"x-content-type-options"]
            headers.append((b"x-content-type-options", b"nosniff"))
            message = {**message, "headers": headers}
        elif head and message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return wrapped


async def _too_large(limit: int, send: Send) -> None:
    body = json.dumps(PayloadTooLarge(_too_large_message(limit), limit=limit).body()).encode()
    await send({"type": "http.response.start", "status": PayloadTooLarge.status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _too_large_message(limit: int) -> str:
    return f"the request body is larger than {limit} bytes (VNLEX_MAX_BODY_BYTES)"
