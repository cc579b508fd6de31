"""Exception handlers: every failure leaves the API in the shape of ``app.errors.error_body``."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.errors import VnlexError, error_body

log = logging.getLogger("vnlex")
CANDIDATE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


async def _domain(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, VnlexError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers or None)


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Only JSON-safe fields: pydantic's ctx may hold exception objects.
    details = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", "")),
         "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    message = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details) or "invalid request"
    return JSONResponse(error_body("validation_error", message, details=details), status_code=422)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = "not_found" if exc.status_code == 404 else HTTPStatus(exc.status_code).name.lower()
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return JSONResponse(error_body(code, message), status_code=exc.status_code,
                        headers=headers or None)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes at this path. Starlette names only the methods of the
    first route that matched the path, and ``GET /documents/{id}`` and ``DELETE`` are two
    routes; ``HEAD`` is answered wherever ``GET`` is (``EdgeMiddleware``)."""
    methods = {
        method for method in CANDIDATE_METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL
               for route in request.app.router.routes)
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return JSONResponse(error_body("internal_error", "internal server error"), status_code=500)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(VnlexError, _domain)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
