"""GET /provisions/{doc}/{path}: the provision and its neighbourhood."""

from __future__ import annotations

import pytest
from factories_app import LAW_ID, RESOLUTION_ID
from fastapi.testclient import TestClient

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)


def get(client: TestClient, provision_id: str) -> dict:
    response = client.get(f"/provisions/{provision_id}")
    assert response.status_code == 200, response.text
    return response.json()


def test_provision_with_parent_children_and_siblings(client: TestClient) -> None:
    body = get(client, f"{RESOLUTION_ID}/III.1")
    assert body["id"] == f"{RESOLUTION_ID}/III.1"
    assert body["parent"]["id"] == f"{RESOLUTION_ID}/III"
    assert [c["id"] for c in body["children"]] == [f"{RESOLUTION_ID}/III.1.1",
                                                   f"{RESOLUTION_ID}/III.1.2"]
    assert body["previous"] is None
    assert body["next"]["id"] == f"{RESOLUTION_ID}/III.2"
    assert [c["id"] for c in body["breadcrumbs"]] == [f"{RESOLUTION_ID}/III"]
    # A Party text's levels: mục III, điểm 1 (Hướng dẫn 36-HD/VPTW), not the law's words.
    assert body["breadcrumbs"][0]["cite_label"] == "mục III"
    assert (body["cite_label"], body["cite_as"]) == ("điểm 1", "điểm 1 mục III")
    assert body["document"]["number"] == "99-NQ/TW"


def test_leaf_of_a_law(client: TestClient) -> None:
    body = get(client, f"{LAW_ID}/d5.2.b")
    assert body["children"] == [] and body["next"] is None
    assert body["previous"]["id"] == f"{LAW_ID}/d5.2.a"
    assert [c["path"] for c in body["breadcrumbs"]] == ["ch1", "d5", "d5.2"]
    assert [c["cite_label"] for c in body["breadcrumbs"]] == ["Chương I", "Điều 5", "khoản 2"]
    assert (body["cite_label"], body["cite_as"]) == ("điểm b", "điểm b khoản 2 Điều 5")
    assert body["previous"]["cite_label"] == "điểm a"


def test_document_part_is_case_insensitive(client: TestClient) -> None:
    assert get(client, "99-NQ-TW-2025/II.1")["id"] == f"{RESOLUTION_ID}/II.1"
    assert get(client, "99-nq-tw-2025/ii.1")["id"] == f"{RESOLUTION_ID}/II.1"


def test_bundled_resolution_assignment_to_ban_to_chuc(client: TestClient) -> None:
    hit = client.get("/search", params={"q": "Ban Tổ chức Trung ương chủ trì",
                                        "doc": "02-nq-tw-2021"}).json()["items"][0]
    body = get(client, hit["id"])
    assert body["text"].startswith("Ban Tổ chức Trung ương") or "Ban Tổ chức" in body["text"]


def test_unknown_provision_suggests_close_ids(client: TestClient) -> None:
    response = client.get(f"/provisions/{RESOLUTION_ID}/III.9")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert f"{RESOLUTION_ID}/III.1" in error["suggestions"] or \
        f"{RESOLUTION_ID}/III.2" in error["suggestions"]


@pytest.mark.parametrize(
    ("typed", "suggestions"),
    [
        # The closest document's ids, the same path first.
        ("02-nq-tw-2012/IV.4", ["02-nq-tw-2021/IV.4", "02-nq-tw-2021/IV.1"]),
        ("99-NQ-TW-2052/II.1", [f"{RESOLUTION_ID}/II.1"]),
        ("50-2024-qh16/d5.2", ["50-2024-qh15/d5.2"]),
        # No document is close: nothing, rather than any document's I.1.
        ("no-such-doc/I.1", []),
    ],
)
def test_unknown_document_in_a_provision_id(client: TestClient, typed: str,
                                            suggestions: list[str]) -> None:
    response = client.get(f"/provisions/{typed}")
    assert response.status_code == 404
    found = response.json()["error"]["suggestions"]
    assert found[: len(suggestions)] == suggestions
    assert len({s.split("/")[0] for s in found}) <= 1  # all from one document


def test_id_without_a_path_is_404(client: TestClient) -> None:
    assert client.get(f"/provisions/{RESOLUTION_ID}").status_code == 404
