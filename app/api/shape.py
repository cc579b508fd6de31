"""``?_shape=``: a page's items in the shapes Datasette's JSON API taught journalists.

- ``objects`` (the default): the page as documented, ``total``, ``items``, ``next`` …
- ``array``: just the items, a JSON array; the next page is in the ``Link`` header.
- ``object``: the items keyed by their ``id`` (only lists whose items have one offer it).
- ``_nl=on``, whatever the shape: the items as newline-delimited JSON, one object a line.

Counts, facets and expansions are only in the default shape, as in Datasette.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

NDJSON = "application/x-ndjson; charset=utf-8"
# Headers of the page kept on a shaped answer (the next page, the index version).
_KEPT = ("link", "x-vnlex-index-version")


PageModel = TypeVar("PageModel", bound=BaseModel)


@dataclass(frozen=True)
class Shape:
    name: str = "objects"
    newlines: bool = False


_NL = Query("off", alias="_nl",
            description="`on`: the items, one JSON object a line (newline-delimited JSON)")


def _shape_query(shapes: str) -> Any:
    return Query("objects", alias="_shape", description=shapes)


def shape_params(
    shape: Literal["objects", "array", "object"] = _shape_query(
        "`objects`: the page (default); `array`: only the items, the next page in the "
        "`Link` header; `object`: the items keyed by `id`"),
    nl: Literal["on", "off"] = _NL,
) -> Shape:
    """The shape asked of a list whose items have an ``id``."""
    return Shape(shape, nl == "on")


def array_shape_params(
    shape: Literal["objects", "array"] = _shape_query(
        "`objects`: the page (default); `array`: only the items, the next page in the "
        "`Link` header (these items have no id to key an `object` by)"),
    nl: Literal["on", "off"] = _NL,
) -> Shape:
    """The shape asked of a list whose items have no ``id``."""
    return Shape(shape, nl == "on")


ShapeDep = Annotated[Shape, Depends(shape_params)]
ArrayShapeDep = Annotated[Shape, Depends(array_shape_params)]
OBJECTS = Shape()


def shaped(page: PageModel, shape: Shape, response: Response) -> PageModel | Response:
    """``page`` as asked: itself for ``objects``, else a response of its items. (Only
    routes whose items have an ``id`` offer ``object``: tests/app/api/routes/test_app_shapes.py
    checks every route's choice against its model.)"""
    if shape.name == "objects" and not shape.newlines:
        return page
    items = page.model_dump(mode="json")["items"]
    headers = {k: v for k, v in response.headers.items() if k in _KEPT}
    if shape.newlines:
        return Response(_lines(items), media_type=NDJSON, headers=headers)
    if shape.name == "object":
        return JSONResponse({item["id"]: item for item in items}, headers=headers)
    return JSONResponse(items, headers=headers)


def _lines(items: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def install(app: FastAPI) -> None:
    """Document the shapes in the app's OpenAPI: a list route's 200 is its page, or its
    items as an array or keyed by id, or newline-delimited JSON."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document(build())
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def document(schema: dict[str, Any]) -> None:
    """Widen, in place, the 200 of every operation that takes ``_shape``."""
    models = schema.get("components", {}).get("schemas", {})
    for operations in schema.get("paths", {}).values():
        get = operations.get("get") or {}
        shapes = next((p["schema"].get("enum", []) for p in get.get("parameters", [])
                       if p["name"] == "_shape"), None)
        content = get.get("responses", {}).get("200", {}).get("content", {})
        page = content.get("application/json", {}).get("schema")
        if shapes is None or page is None:
            continue
        item = models[page["$ref"].rsplit("/", 1)[-1]]["properties"]["items"]["items"]
        variants = [page, {"type": "array", "items": item}]
        if "object" in shapes:
            variants.append({"type": "object", "additionalProperties": item})
        content["application/json"]["schema"] = {"anyOf": variants}
        content["application/x-ndjson"] = {"schema": item}
