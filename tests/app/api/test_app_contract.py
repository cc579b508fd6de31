"""One contract across routes (issue 12): unknown and repeated query parameters, unknown
filters, the statuses OpenAPI declares, and the ``Allow`` header of a 405."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.api.contract import strict_query

NQ02 = "02-nq-tw-2021"
# One URL per GET operation, with its path parameters filled and its required query given.
EVERY_GET = [
    "/search?q=cong+doan", "/documents", f"/documents/{NQ02}", f"/provisions/{NQ02}/IV.4",
    f"/provisions/{NQ02}/IV.4/bodies", f"/provisions/{NQ02}/IV.4/citations", "/bodies",
    "/bodies/ban-to-chuc-trung-uong", "/bodies/ban-to-chuc-trung-uong/duties", "/duties",
    "/targets", "/resolve?cite=02-NQ/TW", "/health", "/ready",
    f"/documents/{NQ02}.md", f"/documents/{NQ02}.csv", f"/documents/{NQ02}.ndjson",
    f"/documents/{NQ02}.akn.xml", f"/documents/{NQ02}/provisions",
    f"/provisions?ids={NQ02}/IV.4", f"/documents/{NQ02}/assignments", "/bodies/unresolved",
    f"/documents/{NQ02}/relations", "/terms?q=cong+doan", f"/provisions/{NQ02}/IV.4/history",
]
READ_STATUSES = {"400", "404", "405", "422", "503"}


def _with(url: str, extra: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{extra}"


def test_every_get_operation_is_listed(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    templates = [path for path, ops in spec["paths"].items() if "get" in ops]
    listed = {re.sub(r"\?.*", "", url) for url in EVERY_GET}
    for template in templates:
        pattern = re.sub(r"\{[^}]+\}", ".+", template) + "$"
        assert any(re.match(pattern, url) for url in listed), template


@pytest.mark.parametrize("url", EVERY_GET)
def test_an_unknown_parameter_is_a_400_naming_it(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200, url
    response = client.get(_with(url, "dco=02-nq-tw-2021"))
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == "dco" and "'dco'" in error["message"]


@pytest.mark.parametrize(("url", "repeated"), [
    ("/search?q=cong", "q=doan"),
    ("/search?q=cong", "limit=5&limit=6"),
    ("/duties?role=lead", "role=coordinate"),
    ("/targets?year=2025", "year=2030"),
    ("/resolve?cite=02-NQ/TW", "cite=57-NQ/TW"),
    ("/bodies?q=ban", "q=bo"),
])
def test_a_repeated_parameter_is_a_400(client: TestClient, url: str, repeated: str) -> None:
    response = client.get(_with(url, repeated))
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == repeated.split("=")[0]


@pytest.mark.parametrize("url", [
    "/search?q=cong&doc=NOPE", "/duties?doc=NOPE", "/targets?doc=NOPE",
    "/duties?body=NOPE", "/search?q=cong&section=IX.99",
    f"/search?q=cong&doc={NQ02}&section=d5",  # a path of another document only
])
def test_an_unknown_filter_is_a_404_on_every_route(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("url", [
    f"/search?q=cong&doc={NQ02.upper()}", "/search?q=cong&section=III",
    f"/search?q=cong&doc={NQ02}&section=III.4", "/search?q=cong&section=ch2.m1",
])
def test_a_known_filter_still_filters(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.json()["total"] > 0


def test_every_operation_declares_every_error_status_in_the_error_shape(
        client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert set(responses) >= READ_STATUSES, (method, path, sorted(responses))
            for status in READ_STATUSES:
                schema = responses[status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)


def test_a_405_lists_every_method_of_the_path(client: TestClient) -> None:
    response = client.put(f"/documents/{NQ02}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_the_check_is_one_app_wide_dependency(client: TestClient) -> None:
    app = client.app
    assert [d.dependency for d in app.router.dependencies] == [strict_query]  # type: ignore[attr-defined]


@pytest.mark.parametrize("url", ["/duties?role=", "/bodies/ban-to-chuc-trung-uong/duties?role=",
                                 "/search?q=cong&role=", "/search?q=cong&kind="])
def test_an_empty_role_is_refused_as_its_enum_says(client: TestClient, url: str) -> None:
    # Found by schemathesis: "" was read as no filter while the schema's enum refuses it.
    response = client.get(url)
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_query"
