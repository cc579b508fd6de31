"""The new routes on bad input, the status rules, and what the search filter will use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select

from app.db.analysis_models import Relation
from app.db.migrate import alembic_config, upgrade
from app.db.session import dispose, get_engine, session_scope
from app.services import status
from app.services.ingest import ingest_paths
from app.services.relations import document_status, provision_status


@pytest.mark.parametrize(("method", "url", "body", "status", "code"), [
    ("post", "/resolve", {"cites": ["Điều 5 BLDS"] * 101}, 422, "validation_error"),
    ("post", "/resolve", {"cites": []}, 422, "validation_error"),
    ("post", "/resolve", {"cites": ["x" * 301]}, 422, "validation_error"),
    ("post", "/resolve", {"cites": ["Điều 1"], "from": "nope/d1"}, 404, "not_found"),
    ("post", "/resolve", {"cites": ["Điều 1"], "extra": 1}, 422, "validation_error"),
    ("post", "/citations/extract", {"text": "x" * 100_001}, 422, "validation_error"),
    ("post", "/citations/extract", {"text": "Điều 5", "from": "zz"}, 404, "not_found"),
    ("get", "/terms?q=cong&q=doan", None, 400, "bad_parameter"),
    ("get", "/documents/nope/relations", None, 404, "not_found"),
    ("get", "/resolve?cite=kho%E1%BA%A3n%202%20%C4%90i%E1%BB%81u%20n%C3%A0y", None, 404,
     "not_found"),  # "khoản 2 Điều này" without from=: nothing it can name
    ("get", "/provisions/50-2024-qh15/d4?expand=all", None, 422, "validation_error"),
])
def test_bad_input_is_a_clear_error_and_changes_nothing(
    legal: TestClient, legal_url: str, method: str, url: str, body: object, status: int,
    code: str,
) -> None:
    with session_scope(legal_url) as session:
        before = session.scalar(select(func.count()).select_from(Relation))
    response = legal.request(method, url, json=body)
    assert response.status_code == status, response.text
    assert set(response.json()) == {"error"}
    assert response.json()["error"]["code"] == code
    with session_scope(legal_url) as session:
        assert session.scalar(select(func.count()).select_from(Relation)) == before


def test_a_query_of_no_words_finds_no_term(legal: TestClient) -> None:
    response = legal.get("/terms", params={"q": "!!! \x9f<@"})
    assert response.status_code == 200
    assert response.json() == {"q": "!!! \x9f<@", "total": 0, "items": []}


def test_a_batch_item_that_fails_keeps_its_error_and_the_others_answer(
        legal: TestClient) -> None:
    items = legal.post("/resolve", json={
        "cites": ["Điều 5 BLDS", "Điều 9999 BLDS", "khoản 2 Điều này"],
    }).json()["items"]
    assert [i["status"] for i in items] == [200, 404, 404]
    assert items[2]["error"]["needs"] == "from"
    assert items[0]["matches"][0]["provision_id"] == "91-2015-qh13/d5"
    assert items[1]["error"]["code"] == "not_found"


def test_extract_finds_spans_targets_and_confidence(legal: TestClient) -> None:
    text = ("Theo khoản 2 Điều 5 BLDS 2015 và Điều 34 Bộ luật Lao động số 45/2019/QH14, "
            "trừ trường hợp quy định tại khoản 1 Điều này; Nghị định số 08/2022/NĐ-CP.")
    items = legal.post("/citations/extract",
                       json={"text": text, "from": "45-2019-qh14/d35.2"}).json()["items"]
    by_raw = {i["raw"]: i for i in items}
    assert text[items[0]["start"]:items[0]["end"]] == items[0]["raw"]
    assert by_raw["khoản 2 Điều 5 BLDS 2015"]["target"]["provision_id"] == "91-2015-qh13/d5.2"
    assert by_raw["khoản 1 Điều này"]["target"]["provision_id"] == "45-2019-qh14/d35.1"
    assert by_raw["khoản 1 Điều này"]["confidence"] == 0.8
    outside = by_raw["Nghị định số 08/2022/NĐ-CP"]
    assert outside["target"] is None and outside["confidence"] == 0.0


def test_a_title_alone_means_the_document_of_the_citing_texts_day(legal: TestClient) -> None:
    # Bộ luật Lao động 2019, Điều 170.1: "… theo quy định của Luật Công đoàn." The law of
    # 2019 is 12/2012/QH13 (not in the corpus), not the 2024 law that is.
    cited = legal.get("/provisions/45-2019-qh14/d170.1/citations").json()["items"]
    assert [(c["title"], c["target"]) for c in cited] == [("Luật Công đoàn", None)]
    text = "theo quy định của Luật Công đoàn"
    then = legal.post("/citations/extract", json={"text": text, "from": "45-2019-qh14/d170.1"})
    now = legal.post("/citations/extract", json={"text": text, "from": "64-2025-qh15/d1"})
    assert then.json()["items"][0]["target"] is None
    assert now.json()["items"][0]["target"]["doc_id"] == "50-2024-qh15"
    incoming = legal.get("/documents/50-2024-qh15/relations").json()["incoming"]
    assert "45-2019-qh14" not in {r["doc_id"] for r in incoming}


def test_status_follows_dates_and_replacements(legal_url: str) -> None:
    with session_scope(legal_url) as session:
        before = document_status(session, "50-2024-qh15", dt.date(2025, 6, 30))
        after = document_status(session, "50-2024-qh15", dt.date(2025, 7, 1))
        # 87/2025/QH15 amends khoản 3 Điều 60 of 64/2025/QH15 from 01/7/2025
        d60 = provision_status(session, "64-2025-qh15", "d60.3", dt.date(2025, 8, 1))
        unknown = document_status(session, "02-nq-tw-2021", dt.date(2025, 8, 1))
    assert before["in_force"] is False and "takes effect on 2025-07-01" in before["reason"]
    assert after["in_force"] is True
    assert [a["provision_id"] for a in d60["amendments"]] == ["87-2025-qh15/d1.23"]
    assert unknown["in_force"] is None


NEW_LAW = """LUẬT
CÔNG ĐOÀN (THỬ)
Điều 1. Phạm vi điều chỉnh
Luật này thử quy tắc hiệu lực.
Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2030.
2. Luật Công đoàn số 50/2024/QH15 hết hiệu lực từ ngày Luật này có hiệu lực thi hành.
3. Bãi bỏ khoản 2 Điều 4 của Luật Công đoàn số 50/2024/QH15.
"""


def test_a_replaced_document_and_a_repealed_provision_leave_force_on_the_day(
        tmp_path: Path) -> None:
    # A made-up law (not part of the check set) that ends the 2024 law in 2030.
    url = f"sqlite:///{tmp_path / 'vnlex.db'}"
    upgrade(url)
    law = tmp_path / "law.txt"
    law.write_text(NEW_LAW, "utf-8")
    (tmp_path / "law.meta.yaml").write_text("number: 1/2029/QH99\ndate: '2029-06-01'\n")
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "50-2024-QH15-luat-cong-doan.txt"
    assert not ingest_paths(url, [corpus, law], jobs=1).refused
    try:
        with session_scope(url) as session:
            before = document_status(session, "50-2024-qh15", dt.date(2029, 12, 31))
            after = document_status(session, "50-2024-qh15", dt.date(2030, 1, 1))
            clause = provision_status(session, "50-2024-qh15", "d4.2.a", dt.date(2030, 1, 1))
            ended = status.out_of_force(session, dt.date(2030, 1, 1))
    finally:
        dispose(url)
    assert before["in_force"] is True
    assert after["in_force"] is False and after["replaced_by"] == "1-2029-qh99"
    assert after["expiry_date"] == "2030-01-01"
    assert clause["status"]["in_force"] is False
    assert "repealed by 1-2029-qh99" in clause["status"]["reason"]
    assert ended == {"50-2024-qh15"}  # what ?in_force=true leaves out


def test_0009_downgrades_and_upgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'vnlex.db'}"
    upgrade(url)
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "50-2024-QH15-luat-cong-doan.txt"
    assert not ingest_paths(url, [corpus], jobs=1).refused
    legal = {"relations", "terms", "effective_dates"}
    config = alembic_config(url)
    try:
        with get_engine(url).begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0008")
        tables = set(inspect(get_engine(url)).get_table_names())
        assert not legal & tables and "provisions" in tables
        upgrade(url)
        assert legal <= set(inspect(get_engine(url)).get_table_names())
    finally:
        dispose(url)
