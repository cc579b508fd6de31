"""Ids across versions (issue 13): a re-ingested text keeps the ids that still exist, an id
whose content moved redirects (301), a removed one is gone (410, with the reason), and
``/provisions/{id}/history`` lists the versions that changed it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from test_app_query_cost import selects

from app.core.config import Settings
from app.db.models import DocumentVersion, ProvisionEvent
from app.db.session import session_scope
from app.main import create_app
from app.services import status
from app.services.ingest import ingest_paths
from app.services.uploads import delete_document

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

LAW = "1-2025-qh99"
V1 = """LUẬT
THỬ PHIÊN BẢN
Điều 1. Phạm vi điều chỉnh
Luật này thử các phiên bản.
Điều 2. Quyền của người lao động
1. Người lao động có quyền nghỉ hằng năm.
2. Người lao động có quyền thành lập công đoàn.
Điều 3. Nghĩa vụ của người lao động
1. Người lao động có nghĩa vụ chấp hành nội quy.
Điều 4. Quỹ thử nghiệm
Quỹ thử nghiệm do Chính phủ lập.
Điều 6. Điều khoản chuyển tiếp
Hồ sơ nộp trước ngày Luật này có hiệu lực được giải quyết theo quy định cũ.
Điều 5. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
"""
# Version 2: Điều 1 reworded, clause 2 of Điều 2 moved (same words, same label) to Điều 3,
# Điều 4 (repealed by another law) and Điều 6 (no relation says why) left out.
V2 = """LUẬT
THỬ PHIÊN BẢN
Điều 1. Phạm vi điều chỉnh
Luật này thử các phiên bản của một văn bản.
Điều 2. Quyền của người lao động
1. Người lao động có quyền nghỉ hằng năm.
Điều 3. Nghĩa vụ của người lao động
1. Người lao động có nghĩa vụ chấp hành nội quy.
2. Người lao động có quyền thành lập công đoàn.
Điều 5. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
"""
REPEALING = """LUẬT
SỬA ĐỔI THỬ
Điều 1. Bãi bỏ
Bãi bỏ Điều 4 của Luật số 1/2025/QH99.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 9 năm 2025.
"""


def write(folder: Path, name: str, text: str, number: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, "utf-8")
    (folder / f"{name}.meta.yaml").write_text(f"number: {number}\ndate: '2025-06-01'\n")
    return path


@pytest.fixture
def versions(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    law = write(tmp_path, "law", V1, "1/2025/QH99")
    assert not ingest_paths(db_url, [law], jobs=1).refused
    repealing = write(tmp_path, "repealing", REPEALING, "2/2025/QH99")
    law.write_text(V2, "utf-8")
    summary = ingest_paths(db_url, [law, repealing], jobs=1)
    assert not summary.refused, summary.refused
    assert summary.reports[0].version == 2
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "ix"))
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client


def test_kept_and_changed_ids_still_answer(versions: TestClient) -> None:
    assert versions.get(f"/provisions/{LAW}/d2.1").status_code == 200
    changed = versions.get(f"/provisions/{LAW}/d1")
    assert changed.status_code == 200 and "của một văn bản" in changed.json()["text"]


def test_a_moved_id_redirects_to_its_content(versions: TestClient) -> None:
    response = versions.get(f"/provisions/{LAW}/d2.2")
    assert response.status_code == 301
    assert response.headers["location"] == f"/provisions/{LAW}/d3.2"
    assert response.json()["moved_to"] == f"{LAW}/d3.2"
    assert response.json()["version"] == 2
    followed = versions.get(response.headers["location"])
    assert followed.json()["text"] == "Người lao động có quyền thành lập công đoàn."
    expanded = versions.get(f"/provisions/{LAW}/d2.2", params={"expand": "terms"})
    assert expanded.headers["location"] == f"/provisions/{LAW}/d3.2?expand=terms"


def test_a_removed_id_is_gone_with_the_relation_that_repealed_it(versions: TestClient) -> None:
    response = versions.get(f"/provisions/{LAW}/d4")
    assert response.status_code == 410
    error = response.json()["error"]
    assert set(response.json()) == {"error"} and error["code"] == "gone"
    assert error["removed"]["version"] == 2
    assert error["repealed_by"]["doc_id"] == "2-2025-qh99"
    assert "repealed by 2-2025-qh99" in error["message"]
    assert error["history"] == f"/provisions/{LAW}/d4/history"


def test_a_removed_id_no_relation_names_says_which_version_removed_it(
        versions: TestClient) -> None:
    error = versions.get(f"/provisions/{LAW}/d6").json()["error"]
    assert error["code"] == "gone" and error["repealed_by"] is None
    assert error["message"] == f"{LAW}/d6 was removed in version 2 of {LAW} (dated 2025-06-01)"


def test_an_unknown_id_stays_not_found(versions: TestClient) -> None:
    response = versions.get(f"/provisions/{LAW}/d99")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert versions.get(f"/provisions/{LAW}/d99/history").status_code == 404


def test_history_follows_a_move_back_to_the_old_id(versions: TestClient) -> None:
    body = versions.get(f"/provisions/{LAW}/d3.2/history").json()
    assert body["current"] is True
    steps = [(i["version"], i["provision_id"], i["change"]) for i in body["items"]]
    assert steps == [(1, f"{LAW}/d2.2", "added"), (2, f"{LAW}/d3.2", "moved_from")]
    assert body["items"][1]["other_id"] == f"{LAW}/d2.2"
    assert body["items"][0]["content_hash"] == body["items"][1]["content_hash"]
    assert body["items"][1]["effective_date"] == "2025-07-01"
    assert body["items"][1]["issue_date"] == "2025-06-01"
    assert body["items"][0]["source_hash"] != body["items"][1]["source_hash"]


def test_history_of_a_changed_and_of_a_removed_id(versions: TestClient) -> None:
    changed = versions.get(f"/provisions/{LAW}/d1/history").json()["items"]
    assert [i["change"] for i in changed] == ["added", "changed"]
    assert changed[0]["content_hash"] != changed[1]["content_hash"]
    removed = versions.get(f"/provisions/{LAW}/d4/history").json()
    assert removed["current"] is False
    assert [i["change"] for i in removed["items"]] == ["added", "removed"]


def test_the_same_text_again_is_no_new_version(versions: TestClient, db_url: str,
                                               tmp_path: Path) -> None:
    with session_scope(db_url) as session:
        before = session.scalar(select(func.count()).select_from(ProvisionEvent))
    report = ingest_paths(db_url, [tmp_path / "law.txt"], jobs=1).reports[0]
    assert report.version is None
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(ProvisionEvent)) == before
        versions_of = session.scalars(select(DocumentVersion.version)
                                      .where(DocumentVersion.document_id == LAW)).all()
    assert sorted(versions_of) == [1, 2]


def test_a_failed_ingest_leaves_no_version(versions: TestClient, db_url: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(status, "after_ingest", broken)
    (tmp_path / "law.txt").write_text(V1, "utf-8")
    assert ingest_paths(db_url, [tmp_path / "law.txt"], jobs=1).refused
    with session_scope(db_url) as session:
        assert session.scalar(select(func.max(DocumentVersion.version))
                              .where(DocumentVersion.document_id == LAW)) == 2
    assert versions.get(f"/provisions/{LAW}/d2.2").status_code == 301


def test_deleting_a_document_forgets_its_history(versions: TestClient, db_url: str,
                                                 tmp_path: Path) -> None:
    delete_document(db_url, tmp_path / "ix", LAW)
    assert versions.get(f"/provisions/{LAW}/d2.2").status_code == 404
    assert versions.get(f"/provisions/{LAW}/d4/history").status_code == 404


@pytest.mark.sqlite_only
def test_an_old_id_is_answered_through_indexes(versions: TestClient, db_url: str) -> None:
    with selects(db_url) as statements:
        assert versions.get(f"/provisions/{LAW}/d2.2").status_code == 301
        assert versions.get(f"/provisions/{LAW}/d4").status_code == 410
        assert versions.get(f"/provisions/{LAW}/d3.2/history").status_code == 200
    history = [line for statement, plan in statements if "provision_history" in statement
               for line in plan]
    assert history and not [line for line in history if line.startswith("SCAN")]


def test_history_times_carry_their_zone(versions: TestClient) -> None:
    items = versions.get(f"/provisions/{LAW}/d1/history").json()["items"]
    assert all(i["ingested_at"].endswith("Z") for i in items)
    gone = versions.get(f"/provisions/{LAW}/d4").json()["error"]
    assert gone["removed"]["ingested_at"].endswith("Z")


def test_a_nul_in_an_old_id_is_not_found_without_asking_the_store(
        versions: TestClient) -> None:
    for url in (f"/provisions/{LAW}/d4%00", f"/provisions/{LAW}/d4%00/history"):
        response = versions.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"


NUMBERED = """LUẬT
THỬ ĐÁNH SỐ
Điều 1. Phạm vi điều chỉnh
Luật này thử việc đánh số lại.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 9 năm 2025.
"""
RENUMBERED = NUMBERED.replace("Điều 2.", "Điều 3.")


def test_a_renumbered_article_redirects_to_its_new_number(db_url: str, tmp_path: Path) -> None:
    # Điều 2 of V1 printed as Điều 3, heading and words unchanged: its content hash
    # differs (the label is in it), its move key does not.
    law = write(tmp_path, "law", NUMBERED, "1/2025/QH99")
    assert not ingest_paths(db_url, [law], jobs=1).refused
    law.write_text(RENUMBERED, "utf-8")
    assert not ingest_paths(db_url, [law], jobs=1).refused
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "ix"))
    with TestClient(create_app(settings), follow_redirects=False) as client:
        response = client.get(f"/provisions/{LAW}/d2")
        assert response.status_code == 301
        assert response.json()["moved_to"] == f"{LAW}/d3"
        steps = [(i["provision_id"], i["change"])
                 for i in client.get(f"/provisions/{LAW}/d3/history").json()["items"]]
        assert steps == [(f"{LAW}/d2", "added"), (f"{LAW}/d3", "moved_from")]


BY_TITLE = """LUẬT
THỬ BÃI BỎ
Điều 1. Phạm vi điều chỉnh
Luật này thử một lần bãi bỏ.
Điều 2. Quỹ thử nghiệm
Quỹ thử nghiệm do Chính phủ lập.
Điều 3. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 9 năm 2025.
"""
REPEAL_BY_TITLE = """LUẬT
SỬA ĐỔI THEO TÊN
Điều 1. Bãi bỏ
Bãi bỏ Điều 2 của Luật Thử bãi bỏ.
Điều 2. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 10 năm 2025.
"""


def test_a_repeal_citing_the_law_by_title_alone_is_named(db_url: str, tmp_path: Path) -> None:
    law = write(tmp_path, "law", BY_TITLE, "3/2025/QH99")
    repeal = write(tmp_path, "repeal", REPEAL_BY_TITLE, "4/2025/QH99")
    assert not ingest_paths(db_url, [law, repeal], jobs=1).refused
    law.write_text(BY_TITLE.replace("Điều 2. Quỹ thử nghiệm\nQuỹ thử nghiệm do Chính phủ "
                                    "lập.\n", ""), "utf-8")
    assert not ingest_paths(db_url, [law], jobs=1).refused
    settings = Settings(database_url=db_url, index_dir=str(tmp_path / "ix"))
    with TestClient(create_app(settings), follow_redirects=False) as client:
        response = client.get("/provisions/3-2025-qh99/d2")
        assert response.status_code == 410
        error = response.json()["error"]
        assert error["repealed_by"]["doc_id"] == "4-2025-qh99"
        assert error["repealed_by"]["evidence"] == "Bãi bỏ Điều 2 của Luật Thử bãi bỏ."
        assert "repealed by 4-2025-qh99" in error["message"]


def test_an_id_unchanged_since_the_first_version_has_it_implicit(versions: TestClient,
                                                                  db_url: str) -> None:
    """No row is stored for an id the later versions left alone; its history says it was
    added in version 1, with its hash; the ids version 2 touched have their first
    version written, with the hash they had then."""
    body = versions.get(f"/provisions/{LAW}/d2.1/history").json()
    current = versions.get(f"/provisions/{LAW}/d2.1").json()["content_hash"]
    assert [(i["version"], i["change"], i["content_hash"]) for i in body["items"]] == [
        (1, "added", current)]
    assert body["items"][0]["source_hash"] is not None  # version 1's own facts
    with session_scope(db_url) as session:
        stored = set(session.execute(select(ProvisionEvent.provision_id, ProvisionEvent.version)
                                     .where(ProvisionEvent.document_id == LAW)).all())
    assert (f"{LAW}/d2.1", 1) not in stored
    assert {(f"{LAW}/d1", 1), (f"{LAW}/d1", 2), (f"{LAW}/d4", 1), (f"{LAW}/d4", 2)} <= stored


def test_a_first_ingest_stores_no_history_rows(db_url: str, tmp_path: Path) -> None:
    law = write(tmp_path, "law", V1, "1/2025/QH99")
    assert not ingest_paths(db_url, [law], jobs=1).refused
    with session_scope(db_url) as session:
        assert session.scalar(select(func.count()).select_from(ProvisionEvent)) == 0
        assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 1
