"""Shapes shared by several resources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Crumb(BaseModel):
    """An ancestor of a provision, outermost first."""

    id: str = Field(examples=["02-nq-tw-2021/III"])
    path: str = Field(examples=["III"])
    cite_label: str | None = Field(default=None, examples=["mục III"],
                                   description="How a reader cites it; null when unlabeled")
    title: str = Field(examples=["III- NHIỆM VỤ VÀ GIẢI PHÁP"])


class ProvisionRef(BaseModel):
    """A provision named but not shown in full (parent, child, sibling)."""

    id: str = Field(examples=["02-nq-tw-2021/IV.4"])
    path: str = Field(examples=["IV.4"])
    kind: str = Field(examples=["item"])
    label: str | None = Field(default=None, examples=["4"])
    cite_label: str | None = Field(default=None, examples=["điểm 4"])
    heading: str | None = None
    title: str = Field(examples=["Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng…"])


class Page(BaseModel):
    """The paging fields of every list: ``items`` are rows ``offset`` to ``offset + limit``
    of ``total``; ``next`` is the URL of the following page, null on the last."""

    total: int = Field(examples=[120])
    limit: int = Field(examples=[50])
    offset: int = Field(examples=[0])
    items: list[Any]  # each list states the type of its rows
    next: str | None = Field(
        default=None, examples=["http://127.0.0.1:8000/duties?offset=50&limit=50"]
    )


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no provision '02-nq-tw-2021/IX.9'"])


class ErrorResponse(BaseModel):
    """Every error: ``{"error": {"code", "message", ...}}``."""

    error: ErrorDetail

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "not_found",
                        "message": "no provision '02-nq-tw-2021/IV.9'",
                        "suggestions": ["02-nq-tw-2021/IV.4", "02-nq-tw-2021/IV.5"],
                    }
                }
            ]
        }
    )


# Every status a read route can answer besides its success, each in the one error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse,
          "description": "`bad_parameter`: a query parameter the route does not take, or a "
          "single-valued one given twice (`parameter` names it)"},
    404: {"model": ErrorResponse,
          "description": "`not_found`: no such id, or an unknown document, body or section "
          "given as a filter; `suggestions` lists close ids"},
    405: {"model": ErrorResponse, "description": "`method_not_allowed` (see `Allow`)"},
    422: {"model": ErrorResponse,
          "description": "`validation_error` or `bad_query`: a value outside what the "
          "parameter's schema allows, or a page past the search window"},
    503: {"model": ErrorResponse,
          "description": "`unavailable`: the database is busy, gone or not migrated; "
          "`index_not_ready`: this node is building its search index (see `/ready`)"},
}
# What the write routes answer besides those.
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse,
          "description": "`unauthorized`: no `Authorization: Bearer <token>`"},
    403: {"model": ErrorResponse, "description": "`forbidden`: not the admin token"},
    413: {"model": ErrorResponse,
          "description": "`payload_too_large`: the body is over `VNLEX_MAX_BODY_BYTES`"},
}
