"""`?in_force=` on search: documents a later law replaced leave the answers (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.session import dispose
from app.main import create_app
from app.services.ingest import ingest_paths

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# A made-up law that replaced the 2024 Trade Union Law on 01/01/2026 (a date already past).
REPLACING = """LUẬT
CÔNG ĐOÀN (THỬ)
Điều 1. Phạm vi điều chỉnh
Luật này quy định về công đoàn, thử quy tắc hiệu lực.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
2. Luật Công đoàn số 50/2024/QH15 hết hiệu lực từ ngày Luật này có hiệu lực thi hành.
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("in-force")
    url = f"sqlite:///{folder / 'vnlex.db'}"
    upgrade(url)
    (folder / "law.txt").write_text(REPLACING, "utf-8")
    (folder / "law.meta.yaml").write_text("number: 1/2025/QH99\ndate: '2025-06-01'\n")
    sources = [CORPUS / "50-2024-QH15-luat-cong-doan.txt", CORPUS / "02-NQ-TW-2021.md",
               folder / "law.txt"]
    assert not ingest_paths(url, sources, jobs=1).refused
    with TestClient(create_app(Settings(database_url=url, index_dir=str(folder / "ix")))) as c:
        yield c
    dispose(url)


def documents_found(client: TestClient, **params: object) -> set[str]:
    response = client.get("/search", params={"q": "công đoàn", "limit": 100, **params})
    assert response.status_code == 200, response.text
    return {hit["doc_id"] for hit in response.json()["items"]}


def test_in_force_keeps_out_a_replaced_law(client: TestClient) -> None:
    assert "50-2024-qh15" in documents_found(client)
    # 02-NQ/TW states no date and nothing replaces it: it counts as in force.
    assert documents_found(client, in_force="true") == {"1-2025-qh99", "02-nq-tw-2021"}
    assert documents_found(client, in_force="false") == {"50-2024-qh15"}


def test_the_page_offers_the_filter(client: TestClient) -> None:
    page = client.get("/ui/", params={"q": "công đoàn", "in_force": "true"}).text
    assert 'name="in_force" value="true" checked' in page and "còn hiệu lực ✕" in page
    assert "/ui/documents/50-2024-qh15" not in page


def test_a_bad_value_is_refused(client: TestClient) -> None:
    response = client.get("/search", params={"q": "công đoàn", "in_force": "maybe"})
    assert response.status_code in (400, 422) and "error" in response.json()


def test_a_document_page_shows_its_status_and_relations(client: TestClient) -> None:
    old = client.get("/ui/documents/50-2024-qh15").text
    assert "Hiệu lực: không còn (hoặc chưa có) hiệu lực" in old
    assert 'thay thế bởi <a href="/ui/documents/1-2025-qh99">1-2025-qh99</a>' in old
    assert "Được thay thế bởi" in old
    new = client.get("/ui/documents/1-2025-qh99").text
    assert "Hiệu lực: còn hiệu lực" in new
    assert '<a href="/ui/documents/50-2024-qh15">Luật Công đoàn số 50/2024/QH15</a>' in new
