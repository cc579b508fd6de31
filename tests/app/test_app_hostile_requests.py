"""Hostile requests on every route: never a 500, every error in the one JSON shape
``{"error": {"code", "message", ...}}``, and nothing stored changes.

Each row is a request as it goes on the wire (already percent-encoded, so bytes that no
``str`` encodes, such as ``%FF`` or a lone surrogate ``%ED%A0%80``, reach the app as sent),
the status expected and, for an error, its code. Rows come from fuzzing every route in
``/openapi.json`` (a raw-socket fuzzer over uvicorn, schemathesis, hypothesis, on SQLite and
PostgreSQL). ``ROWS`` pin behaviour that was already right; the tests marked "Once failed"
below were 500s before their fix.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from factories_app import RESOLUTION_ID, resolution
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from statements import statements

from app.core.config import Settings
from app.db.session import get_engine, session_scope
from app.main import create_app
from app.services.ingest import ingest_document

NFD_QUERY = "tho%CC%89a%20u%CC%9Bo%CC%9Bc%20lao%20%C4%91o%CC%A3%CC%82ng"  # thoả ước lao động, NFD
LONG = "x" * 10_000
ERROR_STATUSES = {400, 404, 405, 422}

# (url, headers, status, error code or None)
ROWS: list[tuple[str, dict[str, str], int, str | None]] = [
    # /search: FTS5 syntax never reaches FTS5; words are required, the rest ignored
    ('/search?q=NEAR(cong%20doan)%20OR%20*%20AND%20NOT%20-x%20%5Ey', {}, 200, None),
    ("/search?q=cite_folded%3Acong%20(doan", {}, 200, None),
    ("/search?q=%22cong%20doan", {}, 200, None),  # unbalanced quote
    ('/search?q=%22%22%22', {}, 200, None),  # no word: an empty answer
    ("/search?q=*%20%5E%20%3A%20(%20)%20%22", {}, 200, None),
    ("/search?q=AND%20OR%20NOT%20NEAR", {}, 200, None),  # plain words once quoted
    ("/search?q=cong%00doan%07%1B%5B31m", {}, 200, None),  # NUL and control characters
    ("/search?q=%00", {}, 200, None),
    ("/search?q=%ED%A0%80", {}, 200, None),  # lone surrogate: U+FFFD after decoding
    ("/search?q=cong%ED%A0%80doan", {}, 200, None),
    ("/search?q=%FF", {}, 200, None),  # invalid UTF-8
    ("/search?q=%C0%AF%E2%82", {}, 200, None),  # overlong and truncated sequences
    (f"/search?q={NFD_QUERY}", {}, 200, None),
    ("/search?q=%F0%9F%99%82%20cong%20doan", {}, 200, None),  # emoji
    ("/search?q=%F0%9F%99%82", {}, 200, None),
    (f"/search?q={LONG}", {}, 422, "validation_error"),
    ("/search?q=" + "a%20" * 65, {}, 422, "bad_query"),  # 65 words
    ("/search?q=" + "x" * 1000, {}, 200, None),  # one 1000-letter word: no hits, no error
    ("/search?q=cong&limit=-1", {}, 422, "validation_error"),
    ("/search?q=cong&limit=999999999999999999999999", {}, 422, "validation_error"),
    ("/search?q=cong&limit=abc", {}, 422, "validation_error"),
    ("/search?q=cong&limit=1e3", {}, 422, "validation_error"),
    ("/search?q=cong&offset=-99999999999999", {}, 422, "validation_error"),
    ("/search?q=cong&offset=9223372036854775808", {}, 422, "validation_error"),
    ("/search?q=cong&offset=%00", {}, 422, "validation_error"),
    ("/search?q=cong&offset=1000000000&limit=100", {}, 200, None),  # far past the end
    ("/search?q=cong&doc=..%2F..%2Fetc%2Fpasswd&section=%25_%5C", {}, 404, "not_found"),
    ("/search?q=cong&doc=%00&section=%FF", {}, 404, "not_found"),
    ("/search?q=cong&section=%00", {}, 404, "not_found"),
    ("/search?q=cong&doc=02-nq-tw-2021&section=%25", {}, 404, "not_found"),
    ("/search?q=cong&kind=%27%20OR%201%3D1", {}, 422, "bad_query"),
    # /resolve: citations that parse to nothing, or to things that are not there
    ("/resolve?cite=%ED%A0%80", {}, 404, "not_found"),
    ("/resolve?cite=%FF%FE", {}, 404, "not_found"),
    ("/resolve?cite=%00", {}, 404, "not_found"),
    ("/resolve?cite=%22NEAR(%20*", {}, 404, "not_found"),
    ("/resolve?cite=" + "0" * 300, {}, 404, "not_found"),
    ("/resolve?cite=" + "x" * 301, {}, 422, "validation_error"),
    ("/resolve?cite=", {}, 422, "validation_error"),
    ("/resolve?cite=%C4%90i%E1%BB%81u%2099999999999999999999999", {}, 404, "not_found"),
    ("/resolve?cite=kho%E1%BA%A3n%200%20%C4%90i%E1%BB%81u%200", {}, 404, "not_found"),
    ("/resolve?cite=99999999999999999999%2F2024%2FQH15", {}, 404, "not_found"),
    ("/resolve?cite=02-NQ%2FTW%20m%E1%BB%A5c%20III.4." + "1." * 100, {}, 404, "not_found"),
    ("/resolve?cite=" + "Lu%E1%BA%ADt%20" * 30, {}, 404, "not_found"),
    ("/resolve?cite=%F0%9F%99%82%2002-NQ%2FTW", {}, 200, None),
    # /bodies
    ("/bodies?q=%00", {}, 200, None),
    ("/bodies?q=%ED%A0%80%FF", {}, 200, None),
    ("/bodies?q=(%5B*%2B%3F%5C", {}, 200, None),  # regex syntax is escaped
    ("/bodies?q=" + "x" * 201, {}, 422, "validation_error"),
    ("/bodies/..%2F..%2Fetc%2Fpasswd", {}, 404, "not_found"),
    ("/bodies/%FF%00", {}, 404, "not_found"),
    (f"/bodies/{LONG}", {}, 404, "not_found"),
    # /documents
    ("/documents/..%2F..", {}, 404, "not_found"),
    ("/documents/%ED%A0%80", {}, 404, "not_found"),
    (f"/documents/{LONG}", {}, 404, "not_found"),
    # /provisions and their sub-resources: ids with slashes, traversal, NUL, very long
    ("/provisions/", {}, 404, "not_found"),
    ("/provisions//bodies", {}, 404, "not_found"),
    ("/provisions/bodies", {}, 404, "not_found"),
    ("/provisions/../../etc/passwd", {}, 404, "not_found"),
    ("/provisions/..%2F..%2Fetc%2Fpasswd/citations", {}, 404, "not_found"),
    ("/provisions/02-nq-tw-2021%2FIV.4", {}, 200, None),  # an encoded slash is a slash
    ("/provisions//02-nq-tw-2021/IV.4", {}, 200, None),
    ("/provisions/02-nq-tw-2021//IV.4", {}, 404, "not_found"),
    ("/provisions/02-nq-tw-2021/IV.4%00", {}, 404, "not_found"),
    ("/provisions/02-nq-tw-2021/IV.4/bodies/bodies", {}, 404, "not_found"),
    ("/provisions/%FF/%ED%A0%80/citations", {}, 404, "not_found"),
    ("/provisions/02-nq-tw-2021/" + "I." * 5000, {}, 404, "not_found"),
    (f"/provisions/{LONG}/bodies", {}, 404, "not_found"),
    # /duties and /targets: CSV with odd Accept headers, filters, paging
    ("/duties?format=csv", {"Accept": "text/csv;q=0, application/xml"}, 200, None),
    ("/duties", {"Accept": "x" * 8000}, 200, None),
    ("/duties?format=xml", {"Accept": "text/csv"}, 422, "validation_error"),
    ("/duties?format=csv&body=%FF", {"Accept": "text/csv"}, 404, "not_found"),
    ("/duties?role=%27%3B%20DROP%20TABLE%20duties%3B--", {}, 422, "validation_error"),
    ("/duties?role=x&format=csv", {}, 422, "bad_query"),
    ("/duties?doc=..%2F..&format=csv", {}, 404, "not_found"),
    ("/duties?offset=1000000000&limit=100", {}, 200, None),
    ("/duties?limit=101", {}, 422, "validation_error"),
    ("/documents?limit=101", {}, 422, "validation_error"),
    ("/bodies?offset=-1", {}, 422, "validation_error"),
    ("/targets?format=csv", {"Accept": "application/json"}, 200, None),
    ("/targets?year=-1", {}, 422, "validation_error"),
    ("/targets?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95", {}, 422, "validation_error"),  # ２０２５
    ("/targets?offset=1000000000&format=csv", {}, 200, None),
    # /health, unknown routes and methods
    ("/health?x=%FF", {"Accept": "text/csv"}, 400, "bad_parameter"),
    ("/health", {"Accept": "text/csv"}, 200, None),
    ("/search?q=cong&q=%FF", {}, 400, "bad_parameter"),
    ("/duties?%00=1", {}, 400, "bad_parameter"),
    ("/%ED%A0%80", {}, 404, "not_found"),
]


def _check(response, status: int, code: str | None) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text[:500]
    if status in ERROR_STATUSES:
        assert_error_shape(response.json())
        assert response.json()["error"]["code"] == code
    elif response.headers["content-type"].startswith("text/csv"):
        assert response.content.startswith(b"\xef\xbb\xbf")
    else:
        assert "error" not in response.json()


def assert_error_shape(body: dict) -> None:
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"], body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"], body


@pytest.mark.parametrize(("url", "headers", "status", "code"), ROWS,
                         ids=[f"{i}:{row[0][:60]}" for i, row in enumerate(ROWS)])
def test_hostile_request(client: TestClient, url: str, headers: dict[str, str], status: int,
                         code: str | None) -> None:
    _check(client.get(url, headers=headers), status, code)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
@pytest.mark.parametrize("url", ["/search?q=a", "/provisions/02-nq-tw-2021/IV.4/bodies",
                                 "/documents/02-nq-tw-2021", "/duties?format=csv", "/health"])
def test_other_methods_are_405_in_the_error_shape(client: TestClient, method: str,
                                                  url: str) -> None:
    response = client.request(method, url)
    assert response.status_code == 405
    assert_error_shape(response.json())


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/search?q=%22cong%20doan", 200, None),
    ("/resolve?cite=%C4%90i%E1%BB%81u%201", 404, "not_found"),
    ("/resolve?cite=%ED%A0%80", 404, "not_found"),
    ("/provisions/%FF/x/citations", 404, "not_found"),
    ("/bodies/%00", 404, "not_found"),
    ("/duties?body=x&format=csv", 404, "not_found"),
    ("/targets?format=csv", 200, None),
])
def test_hostile_request_on_an_empty_database(empty_client: TestClient, url: str, status: int,
                                              code: str | None) -> None:
    _check(empty_client.get(url), status, code)


# Once failed: PostgreSQL refuses NUL in a text parameter, and psycopg's DataError was a 500
# wherever an id or a filter reached a query.
NUL_ROWS = [
    ("/documents/%00", "not_found"),
    ("/documents/a%00b", "not_found"),
    (f"/provisions/{RESOLUTION_ID}/III.1%00", "not_found"),
    (f"/provisions/{RESOLUTION_ID}/III.1%00/bodies", "not_found"),
    (f"/provisions/{RESOLUTION_ID}/%00/citations", "not_found"),
    ("/bodies/%00", "not_found"),
    ("/duties?body=%00", "not_found"),
    ("/duties?doc=%00&format=csv", "not_found"),
    ("/targets?doc=%00", "not_found"),
]


@pytest.mark.postgres
def test_nul_in_ids_and_filters_on_postgres(pg_url: str) -> None:
    with session_scope(pg_url) as session:
        ingest_document(session, resolution())
    with TestClient(create_app(Settings(database_url=pg_url))) as pg_client:
        for url, code in NUL_ROWS:
            _check(pg_client.get(url), 404, code)
        assert pg_client.get("/resolve", params={"cite": "99-NQ/TW\x00"}).status_code == 200


@pytest.mark.parametrize(("url", "code"), NUL_ROWS)
def test_nul_in_ids_and_filters_on_sqlite(client: TestClient, url: str, code: str) -> None:
    _check(client.get(url), 404, code)


# Once failed: the search counts its hits on a second connection while its request holds
# one; with SQLAlchemy's default pool (5 + 10 overflow) 15 searches at once each waited for
# a connection another held, and after the 30 s pool timeout every one of them was a 500
# (sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached).
def test_searches_while_every_pooled_connection_is_busy(client: TestClient,
                                                        corpus_url: str) -> None:
    engine = get_engine(corpus_url)
    # As many connections as the old pool allowed (5 + 10), held by requests mid-query.
    held = [engine.connect() for _ in range(15)]
    try:
        for connection in held:
            connection.execute(text("SELECT 1"))
        with ThreadPoolExecutor(1) as one:
            response = one.submit(client.get, "/search", params={"q": "cong doan"}).result(
                timeout=60)
        assert response.status_code == 200, response.text
    finally:
        for connection in held:
            connection.close()


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text_=st.text(max_size=120)
    | st.text(alphabet='"*^:()-/.,%\\ đĐạ\x00\ud800🙂ⅣNEAROTDiềukhoản0123456789', max_size=60)
    | st.lists(st.sampled_from(["Điều", "khoản", "điểm", "mục", "Luật", "02-NQ/TW", "50/2024/QH15",
                                "năm", "2024", "5", "a", "đ", "III.4", "NEAR", "*", '"', "("]),
               max_size=12).map(" ".join),
)
def test_random_text_never_breaks_search_resolve_or_bodies(client: TestClient,
                                                           text_: str) -> None:
    # Percent-encoded by hand (surrogatepass), so lone surrogates go on the wire as sent.
    def wire(value: str) -> str:
        return quote(value.encode("utf-8", "surrogatepass"), safe="")

    for url in (f"/search?q={wire(text_)}&limit=5", f"/resolve?cite={wire(text_[:300])}",
                f"/bodies?q={wire(text_)}"):
        response = client.get(url)
        assert response.status_code in {200, 300, 404, 422}, (url, response.text[:300])
        if response.status_code not in (200, 300):
            assert_error_shape(response.json())


# -- hostile requests write nothing ------------------------------------------------------


def _digest(corpus_url: str) -> str:
    """Every row of every table (FTS shadow tables and the schema included)."""
    digest = hashlib.sha256()
    with get_engine(corpus_url).connect() as connection:
        names = connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")).all()
        digest.update(repr(names).encode())
        for name, _sql in names:
            if name.startswith("sqlite_"):
                continue
            for row in connection.execute(text(f'SELECT * FROM "{name}" ORDER BY 1')):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture
def writes(corpus_url: str) -> Iterator[list[str]]:
    """Every statement other than a read sent to the corpus database meanwhile (even one
    rolled back)."""
    with statements(corpus_url, keep=_not_a_read) as seen:
        yield seen


def _not_a_read(statement: str) -> bool:
    # BEGIN: every SQLite transaction starts with one (app/db/session.py).
    return statement.lstrip().split(None, 1)[0].upper() not in ("SELECT", "WITH", "PRAGMA",
                                                                 "BEGIN")


def test_hostile_requests_change_nothing_stored(client: TestClient, corpus_url: str,
                                                writes: list[str]) -> None:
    before = _digest(corpus_url)
    for url, headers, _status, _code in ROWS:
        client.get(url, headers=headers)
    for url in ("/search?q=NEAR(a%20b)%3B%20DELETE%20FROM%20provisions",
                "/resolve?cite=%27)%3B%20DROP%20TABLE%20documents%3B--",
                "/bodies/%27%3B%20DELETE%20FROM%20bodies%3B--"):
        assert client.get(url).status_code < 500
    assert writes == []
    assert _digest(corpus_url) == before
