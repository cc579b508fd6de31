"""Citations: found in provisions (/provisions/{id}/citations) and typed by people (/resolve)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from factories_app import LAW_ID, RESOLUTION_ID, resolution
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.session import session_scope
from app.main import create_app
from app.services.ingest import ingest_document

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

NQ02 = "02-nq-tw-2021"
LAW = "50-2024-qh15"


@pytest.mark.parametrize("path", ["IV.2", "III.6.1"])  # the assignment and its task
def test_luat_cong_doan_2012_is_cited(client: TestClient, path: str) -> None:
    text = client.get(f"/provisions/{NQ02}/{path}").json()["text"]
    (cite,) = client.get(f"/provisions/{NQ02}/{path}/citations").json()["items"]
    assert (cite["raw"], cite["kind"], cite["title"], cite["year"], cite["number"]) == (
        "Luật Công đoàn năm 2012", "law", "Luật Công đoàn", 2012, None)
    assert text[cite["start"]:cite["end"]] == "Luật Công đoàn năm 2012"
    assert cite["target"] is None  # 12/2012/QH13 is not in the bundled corpus


@pytest.mark.parametrize(
    ("provision_id", "raw", "target"),
    [
        # by number and date: the resolution the Government programme carries out
        ("03-nq-cp-2025/d1", "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024",
         {"doc_id": "57-nq-tw-2024", "provision_id": None, "url": "/documents/57-nq-tw-2024"}),
        # a Party number without a year: the one document of that number
        ("03-nq-cp-2025/pl1.II", "Nghị quyết số 57-NQ/TW",
         {"doc_id": "57-nq-tw-2024", "provision_id": None, "url": "/documents/57-nq-tw-2024"}),
        # "khoản 1 Điều này" inside Điều 6
        (f"{LAW}/d6.2.a", "khoản 1 Điều này",
         {"doc_id": LAW, "provision_id": f"{LAW}/d6.1", "url": f"/provisions/{LAW}/d6.1"}),
        # Bộ luật Lao động 45/2019/QH14 is not in the corpus
        (f"{LAW_ID}/d5.2", "Bộ luật Lao động số 45/2019/QH14", None),
    ],
)
def test_citations_resolve_to_the_corpus(client: TestClient, provision_id: str, raw: str,
                                         target: dict | None) -> None:
    items = client.get(f"/provisions/{provision_id}/citations").json()["items"]
    found = next(c for c in items if c["raw"] == raw)
    assert found["target"] == target


@pytest.mark.parametrize(
    ("cite", "provision_id"),
    [
        ("02-NQ/TW mục III.4", f"{NQ02}/III.4"),
        ("02-nq/tw muc iii.4", f"{NQ02}/III.4"),
        ("Điều 5 khoản 2 50/2024/QH15", f"{LAW}/d5.2"),
        ("dieu 5 khoan 2 50/2024/qh15", f"{LAW}/d5.2"),
        ("điểm a khoản 1 Điều 6 Luật Công đoàn 2024", f"{LAW}/d6.1.a"),
        ("diem a khoan 1 dieu 6 luat cong doan 2024", f"{LAW}/d6.1.a"),
        ("điểm đ khoản 1 Điều 6 Luật Công đoàn 2024", f"{LAW}/d6.1.đ"),
        ("khoản 2 Điều 5 Luật Thử nghiệm", f"{LAW_ID}/d5.2"),
    ],
)
def test_one_match_is_a_200_with_location(client: TestClient, cite: str,
                                          provision_id: str) -> None:
    response = client.get("/resolve", params={"cite": cite})
    assert response.status_code == 200, response.text
    match = response.json()["match"]
    assert match["provision_id"] == provision_id
    assert response.headers["location"].endswith(match["url"])
    assert client.get(response.headers["location"]).json()["id"] == provision_id


def test_a_document_alone(client: TestClient) -> None:
    response = client.get("/resolve", params={"cite": "02-NQ/TW"})
    assert response.status_code == 200
    assert response.json()["match"] == {
        "doc_id": NQ02, "provision_id": None, "path": None, "kind": "document",
        "title": "Nghị quyết về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình "
                 "hình mới 02-NQ/TW", "url": f"/documents/{NQ02}"}
    assert response.headers["location"].endswith(f"/documents/{NQ02}")


def test_a_path_in_several_documents_is_a_300(client: TestClient) -> None:
    response = client.get("/resolve", params={"cite": "khoan 2 dieu 5"})
    assert response.status_code == 300
    ids = [c["provision_id"] for c in response.json()["candidates"]]
    assert sorted(ids) == sorted([f"{LAW}/d5.2", f"{LAW_ID}/d5.2"])


@pytest.fixture
def twice_numbered(db_url: str) -> Iterator[TestClient]:
    """99-NQ/TW issued in 2025 and (another) in 2026: a yearless number names both."""
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
        later = dataclasses.replace(resolution(), date="2026-02-03")
        ingest_document(session, later, doc_id="99-nq-tw-2026")
    with TestClient(create_app(Settings(database_url=db_url))) as test_client:
        yield test_client


def test_a_yearless_party_number_of_two_documents(twice_numbered: TestClient) -> None:
    response = twice_numbered.get("/resolve", params={"cite": "99-NQ/TW mục III.1"})
    assert response.status_code == 300
    assert [c["provision_id"] for c in response.json()["candidates"]] == [
        f"{RESOLUTION_ID}/III.1", "99-nq-tw-2026/III.1"]
    one = twice_numbered.get("/resolve", params={"cite": "99-NQ/TW năm 2026 mục III.1"})
    assert one.status_code == 200
    assert one.json()["match"]["provision_id"] == "99-nq-tw-2026/III.1"


@pytest.mark.parametrize(
    ("cite", "nearest"),
    [
        # Luật Công đoàn 2024 has no point a in khoản 2 Điều 5: the clause comes first
        ("điểm a khoản 2 Điều 5 Luật Công đoàn 2024", f"{LAW}/d5.2"),
        ("02-NQ/TW mục III.9", None),
        # the 2012 law is not bundled: the law of that title comes first
        ("Luật Công đoàn 2012", LAW),
        ("luat cong doan nam 2012", LAW),
    ],
)
def test_no_match_is_a_404_with_candidates(client: TestClient, cite: str,
                                           nearest: str | None) -> None:
    response = client.get("/resolve", params={"cite": cite})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["message"]
    first = error["candidates"][0]
    if nearest is None:
        assert first["provision_id"].startswith(f"{NQ02}/III")
    else:
        assert nearest in (first["provision_id"], first["doc_id"])


def test_unreadable_citation_is_a_404_with_no_candidates(client: TestClient) -> None:
    # Any string the schema allows gets an answer (issue 12): a text that names nothing
    # matches nothing, as a citation of a document not in the corpus does.
    for cite in ("xin chào", "000000"):
        response = client.get("/resolve", params={"cite": cite})
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert response.json()["error"]["candidates"] == []
