"""Every list route pages the same way: one default and one cap for `limit`, the same
`offset`, `total` and `next` (with its `Link` header), and `next` links that walk the whole
list without a row twice or a row missed."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request
from starlette.responses import Response

from app.api.paging import DEFAULT_LIMIT, MAX_LIMIT, next_page

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

NQ02 = "02-nq-tw-2021"

# Each list route, with a filter where one changes which query runs, and the fields that
# tell its rows apart (a duty row has none: one body may be named twice in a provision).
LISTS: list[tuple[str, tuple[str, ...]]] = [
    ("/documents", ("id",)),
    ("/bodies", ("id",)),
    ("/bodies?q=ban", ("id",)),
    ("/duties", ()),
    ("/duties?role=lead", ()),
    (f"/duties?doc={NQ02}", ()),
    ("/duties?body=cong-doan-viet-nam", ()),
    ("/bodies/cong-doan-viet-nam/duties", ()),
    ("/bodies/cong-doan-viet-nam/duties?role=mention", ()),
    ("/targets", ("provision_id", "year", "measure", "text")),
    ("/targets?year=2030", ("provision_id", "measure", "text")),
]
EVERY_LIST = [url for url, _key in LISTS] + ["/search?q=cong+doan"]


def with_params(url: str, **params: Any) -> str:
    extra = "&".join(f"{name}={value}" for name, value in params.items())
    return f"{url}{'&' if '?' in url else '?'}{extra}"


def walk(client: TestClient, url: str) -> tuple[list[dict[str, Any]], int]:
    """Every item reached by following `next` from ``url``, and the `total` of each page
    (they must agree)."""
    items: list[dict[str, Any]] = []
    totals = set()
    next_url: str | None = url
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        totals.add(body["total"])
        next_url = body["next"]
        if next_url:
            assert response.headers["link"] == f'<{next_url}>; rel="next"'
        else:
            assert "link" not in response.headers
    assert len(totals) == 1
    return items, totals.pop()


@pytest.mark.parametrize(("url", "key"), LISTS, ids=[url for url, _key in LISTS])
def test_next_links_walk_every_row_once(client: TestClient, url: str,
                                        key: tuple[str, ...]) -> None:
    whole, total = walk(client, with_params(url, limit=MAX_LIMIT))
    size = 2 if total < 50 else 7  # several pages, without hundreds of requests
    small, _ = walk(client, with_params(url, limit=size))
    assert len(whole) == total > size
    assert small == whole  # same rows, same order: no overlap, no gap
    if key:
        keys = [tuple(item[k] for k in key) for item in whole]
        assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("url", EVERY_LIST)
def test_one_default_and_one_cap_for_every_list(client: TestClient, url: str) -> None:
    body = client.get(url).json()
    assert (body["limit"], body["offset"]) == (DEFAULT_LIMIT, 0)
    assert len(body["items"]) == min(DEFAULT_LIMIT, body["total"])
    assert client.get(with_params(url, limit=MAX_LIMIT)).status_code == 200
    for bad in ({"limit": MAX_LIMIT + 1}, {"limit": 0}, {"offset": -1}):
        response = client.get(with_params(url, **bad))
        assert response.status_code == 422, (bad, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert error["details"][0]["loc"] == ["query", next(iter(bad))]


def test_openapi_states_the_one_cap(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for url in EVERY_LIST:
        path = url.split("?")[0].replace("cong-doan-viet-nam", "{body_id}")
        parameters = spec["paths"][path]["get"]["parameters"]
        limit = next(p["schema"] for p in parameters if p["name"] == "limit")
        assert (limit["default"], limit["maximum"]) == (DEFAULT_LIMIT, MAX_LIMIT), url


def test_past_the_end_is_an_empty_page(client: TestClient) -> None:
    body = client.get("/documents", params={"offset": 1_000_000}).json()
    assert body["items"] == [] and body["total"] > 0 and body["next"] is None


def test_list_items_never_carry_the_source_text(client: TestClient) -> None:
    items = client.get("/documents", params={"limit": MAX_LIMIT}).json()["items"]
    assert items and all("source" not in item for item in items)
    assert set(items[0]) == {"id", "number", "type", "issuer", "date", "title",
                             "provision_count"}


def test_a_body_shows_its_first_duties_of_each_role(client: TestClient) -> None:
    body = client.get("/bodies/cong-doan-viet-nam").json()
    assert body["duties_url"] == "/bodies/cong-doan-viet-nam/duties"
    for role, shown in body["duties_by_role"].items():
        page = client.get(body["duties_url"], params={"role": role}).json()
        assert shown == [{k: v for k, v in row.items() if k != "role"} for row in page["items"]]
        assert len(shown) == min(DEFAULT_LIMIT, page["total"])
    assert client.get(body["duties_url"], params={"role": "mention"}).json()["total"] > \
        DEFAULT_LIMIT  # so the cap is what the first check saw


def test_a_body_duty_says_where_and_why(client: TestClient) -> None:
    page = client.get("/bodies/ban-to-chuc-trung-uong/duties",
                      params={"role": "lead"}).json()
    direct = next(d for d in page["items"] if d["provision_id"] == f"{NQ02}/IV.4")
    assert direct["evidence"] == "Ban Tổ chức Trung ương chủ trì" and not direct["inferred"]
    assert direct["excerpt"].startswith("Ban Tổ chức Trung ương chủ trì, phối hợp")
    assert direct["url"] == f"/provisions/{NQ02}/IV.4"
    inferred = next(d for d in page["items"] if d["provision_id"] == f"{NQ02}/III.2.4")
    assert inferred["via_provision_id"] == f"{NQ02}/IV.4"
    assert inferred["excerpt"].startswith("Ban Tổ chức Trung ương chủ trì")  # IV.4's text
    assert client.get("/bodies/nope/duties").status_code == 404
    assert client.get("/bodies/ban-to-chuc-trung-uong/duties?role=boss").json()[
        "error"]["code"] == "bad_query"


@settings(max_examples=200)
@given(path=st.text(st.characters(max_codepoint=126, exclude_categories=("Cc",)),
                   min_size=1, max_size=20).map(lambda s: "/" + s),  # routes are ASCII
       params=st.lists(st.tuples(st.sampled_from(["q", "offset", "limit", "doc", "x"]),
                                 st.text(max_size=12)), max_size=6),
       offset=st.integers(0, 10_000), limit=st.integers(1, 100))
def test_next_link_is_the_request_url_with_the_next_offset(
        path: str, params: list[tuple[str, str]], offset: int, limit: int) -> None:
    """``next_page`` builds the link without the request's URL; it says what Starlette's
    ``include_query_params`` on that URL says."""
    scope = {"type": "http", "path": path, "query_string": urlencode(params).encode(),
             "headers": [(b"host", b"example.org")],
             "app": SimpleNamespace(state=SimpleNamespace(
                 settings=SimpleNamespace(public_url=None)))}
    request = Request(scope)
    url = request.url.include_query_params(offset=offset + limit, limit=limit)
    assert next_page(request, Response(), offset + limit + 1, limit, offset) \
        == f"{url.path}?{url.query}"
