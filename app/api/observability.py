"""What operations need from every request: an id on it and its log lines, and the
Prometheus metrics at ``/metrics``."""

from __future__ import annotations

import logging
import re
import time
import uuid

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator, metrics
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import Settings
from app.core.logs import REQUEST_ID
from app.services.metrics import SEARCH_SECONDS, StoreCollector

logger = logging.getLogger("app.requests")

# An id from the caller (a proxy, another service) is kept when it is a plain token: it
# goes into every log line, so no spaces, quotes or control characters, and bounded.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")
# Most routes answer in milliseconds; the upper buckets catch exports and rebuilds.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class RequestIdMiddleware:
    """Gives each request an id (the caller's ``X-Request-Id`` when sane, else a new
    one), answers it in ``X-Request-Id``, holds it in ``REQUEST_ID`` while the request
    runs, and logs one line per request when the answer starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
                logger.info("request", extra={
                    "method": scope["method"], "path": scope["path"],
                    "status": message["status"],
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2)})
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if SANE_REQUEST_ID.match(text) else None
    return None


def install_metrics(app: FastAPI, settings: Settings) -> None:
    """``/metrics``: request latency per route template and status, search latency, pool
    use and index lag; in a registry of this app's own (tests build many apps)."""
    registry = CollectorRegistry()
    registry.register(SEARCH_SECONDS)
    urls = {"primary": settings.database_url}
    if settings.database_read_url:
        urls["read"] = settings.database_read_url
    registry.register(StoreCollector(urls, settings.read_url, settings.index_path))
    instrumentator = Instrumentator(
        # Unmatched URLs count under one "none" handler: a scanner's random paths must not
        # become a label each.
        should_group_status_codes=False, should_ignore_untemplated=False,
        should_group_untemplated=True, excluded_handlers=["/metrics"], registry=registry,
    )
    instrumentator.add(metrics.latency(buckets=LATENCY_BUCKETS, registry=registry))
    instrumentator.add(metrics.requests(registry=registry))
    instrumentator.instrument(app).expose(app, include_in_schema=False)
