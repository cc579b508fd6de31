"""Domain errors and the one JSON error shape: ``{"error": {"code", "message", ...}}``.

Services raise these; the API and the CLI translate them at their edge. This module imports
neither FastAPI nor SQLAlchemy so every layer may use it.
"""

from __future__ import annotations

from typing import Any


class VnlexError(Exception):
    """Base of every error vnlex reports to a user."""

    status = 500
    code = "internal_error"
    headers: dict[str, str] = {}  # sent with the error response

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, **self.details)


class NotFound(VnlexError):
    status = 404
    code = "not_found"


class BadParameter(VnlexError):
    """The query string breaks the contract every route shares (a parameter the route
    does not take, a single-valued one given twice)."""

    status = 400
    code = "bad_parameter"


class Unauthorized(VnlexError):
    """A write without ``Authorization: Bearer <token>``."""

    status = 401
    code = "unauthorized"
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(VnlexError):
    """A write whose bearer token is not the configured one."""

    status = 403
    code = "forbidden"


class PayloadTooLarge(VnlexError):
    """A request body over ``VNLEX_MAX_BODY_BYTES``."""

    status = 413
    code = "payload_too_large"


class BadQuery(VnlexError):
    """A search or filter the user sent cannot be run (no terms, too long…)."""

    status = 422
    code = "bad_query"


class Unavailable(VnlexError):
    """The database cannot answer now (locked, not migrated, gone): the server's problem."""

    status = 503
    code = "unavailable"


class IngestError(VnlexError):
    """A document was refused; nothing of it was written."""

    status = 422
    code = "ingest_failed"


class Conflict(IngestError):
    """An upload whose id a document read from a file on the server already has."""

    status = 409
    code = "conflict"


def error_body(code: str, message: str, **details: Any) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": {"code": code, "message": message, **details}}
