"""``?_shape=`` on every list route, as Datasette's JSON API has it: the items alone
(``array``, the next page in the ``Link`` header), keyed by id (``object``, where items
have one), or one JSON object a line (``_nl=on``); the default page is unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_app_paging import EVERY_LIST, with_params

from app.main import create_app

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

# Lists beyond test_app_paging's, including ones whose items have no id.
MORE = ["/documents/02-nq-tw-2021/assignments", "/documents/02-nq-tw-2021/provisions",
        "/bodies/unresolved"]
WITH_IDS = ["/documents", "/bodies", "/search?q=cong+doan",
            "/documents/02-nq-tw-2021/provisions"]
WITHOUT_IDS = ["/duties", "/targets", "/documents/02-nq-tw-2021/assignments"]


def page(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize("url", EVERY_LIST + MORE)
def test_array_is_the_items_with_the_next_page_in_the_link_header(client: TestClient,
                                                                   url: str) -> None:
    url = with_params(url, limit=2)
    objects = page(client, url)
    response = client.get(with_params(url, _shape="array"))
    assert response.status_code == 200, response.text
    assert response.json() == objects["items"]
    if objects["next"]:
        link = response.headers["link"]
        assert "_shape=array" in link and "offset=2" in link and link.endswith('rel="next"')
    else:
        assert "link" not in response.headers


@pytest.mark.parametrize(("url", "shape"), [
    ("/duties", "array"), ("/search?q=cong+doan", "array"), ("/documents", "object"),
    ("/targets", "objects"),
])
def test_newline_delimited_json_has_one_item_a_line(client: TestClient, url: str,
                                                    shape: str) -> None:
    url = with_params(url, limit=3)
    response = client.get(with_params(url, _shape=shape, _nl="on"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = response.text.splitlines()
    assert [json.loads(line) for line in lines] == page(client, url)["items"]
    assert len(lines) == 3
    assert "link" in response.headers


@pytest.mark.parametrize("url", WITH_IDS)
def test_object_keys_the_items_by_id(client: TestClient, url: str) -> None:
    url = with_params(url, limit=3)
    keyed = page(client, with_params(url, _shape="object"))
    items = page(client, url)["items"]
    assert list(keyed) == [item["id"] for item in items]
    assert list(keyed.values()) == items


@pytest.mark.parametrize("url", WITHOUT_IDS)
def test_object_is_not_offered_where_items_have_no_id(client: TestClient, url: str) -> None:
    response = client.get(with_params(url, _shape="object"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and "'array'" in error["message"]


@pytest.mark.parametrize(("query", "status"), [
    ("_shape=arrays", 422),                # not a shape of ours
    ("_nl=yes", 422),
    ("_shape=array&_shape=object", 400),   # given twice
])
def test_bad_shapes_are_named(client: TestClient, query: str, status: int) -> None:
    response = client.get(f"/documents?{query}")
    assert response.status_code == status, response.text
    assert "_shape" in response.text or "_nl" in response.text


def test_search_in_array_shape_keeps_the_index_version(client: TestClient) -> None:
    response = client.get("/search?q=cong+doan&_shape=array")
    assert response.status_code == 200
    assert response.headers["x-vnlex-index-version"].isdigit()


def test_every_paged_route_takes_a_shape_and_object_only_with_ids() -> None:
    """A list route added later without ``_shape``, or offering ``object`` for items that
    have no id, fails here (read from the OpenAPI document: what is offered is documented)."""
    schema = create_app().openapi()
    models = schema["components"]["schemas"]
    offered: dict[str, tuple[bool, list[str]]] = {}
    for path, operations in schema["paths"].items():
        get = operations.get("get") or {}
        page_model = _model(models, get.get("responses", {}).get("200", {})
                            .get("content", {}).get("application/json", {}).get("schema", {}))
        if not {"items", "next"} <= set(page_model.get("properties", {})):
            continue
        item = _model(models, page_model["properties"]["items"]["items"])
        params = {p["name"]: p for p in get.get("parameters", [])}
        shapes = params.get("_shape", {}).get("schema", {}).get("enum", [])
        offered[path] = ("id" in item.get("properties", {}), shapes)
    assert len(offered) >= 9
    assert all(shapes for _has_id, shapes in offered.values()), offered
    assert {path for path, (has_id, shapes) in offered.items() if "object" in shapes} == \
        {path for path, (has_id, _shapes) in offered.items() if has_id}


def _model(models: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The model a schema names; of a documented list answer, its first variant (the page)."""
    ref = schema.get("$ref", "") or schema.get("anyOf", [{}])[0].get("$ref", "")
    return models.get(ref.rsplit("/", 1)[-1], {}) if ref else {}


def test_the_shapes_are_documented_as_the_answers_they_give() -> None:
    answer = create_app().openapi()["paths"]["/documents"]["get"]["responses"]["200"]["content"]
    variants = answer["application/json"]["schema"]["anyOf"]
    item = {"$ref": "#/components/schemas/DocumentSummary"}
    assert variants == [{"$ref": "#/components/schemas/DocumentList"},
                        {"type": "array", "items": item},
                        {"type": "object", "additionalProperties": item}]
    assert answer["application/x-ndjson"]["schema"] == item
