"""``/documents/{id}/relations`` a page at a time (issue 8: a law is cited by thousands of
documents). The incoming count and page are read by how relations cite the document, each
way resolved once, and equal what reading every citing relation gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories_app import CORPUS
from fastapi.testclient import TestClient

from app.db.session import session_scope
from app.services import relation_targets
from app.services.ingest import ingest_paths
from app.services.relations import document_relations

pytestmark = pytest.mark.any_store

LAW = "50-2024-qh15"
# Made-up circulars citing the 2024 Trade Union Law: by its number, by its title alone, and
# one the 2012 law (not in the corpus), whose title makes it a candidate that names
# another document.
CITING = {
    "by-number": "Căn cứ Luật Công đoàn số 50/2024/QH15;",
    "by-title": "Căn cứ Luật Công đoàn;",
    "the-old-law": "Căn cứ Luật Công đoàn số 12/2012/QH13;",
}


def circular(n: int, basis: str) -> str:
    return (f"THÔNG TƯ\nHƯỚNG DẪN THỬ SỐ {n}\n{basis}\n"
            "Điều 1. Phạm vi điều chỉnh\nThông tư này hướng dẫn thử.\n")


@pytest.fixture
def citing_url(db_url: str, tmp_path: Path) -> str:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    for n in range(1, 7):
        kind = list(CITING)[n % 3]
        (folder / f"tt-{n}.txt").write_text(circular(n, CITING[kind]), "utf-8")
        (folder / f"tt-{n}.meta.yaml").write_text(
            f"number: {n}/2025/TT-THU\ndate: '2025-03-0{n}'\n", "utf-8")
    # Issued before the 2024 law: its "Luật Công đoàn" is the law of its day.
    (folder / "tt-7.txt").write_text(circular(7, CITING["by-title"]), "utf-8")
    (folder / "tt-7.meta.yaml").write_text("number: 7/2019/TT-THU\ndate: '2019-03-07'\n",
                                           "utf-8")
    ingest_paths(db_url, [folder])
    return db_url


def walk(url: str, doc: str, limit: int) -> tuple[dict[str, int], list[str], list[str]]:
    """Both lists read ``limit`` at a time to their ends, and their totals."""
    totals, outgoing, incoming = {}, [], []
    offset = 0
    with session_scope(url) as session:
        while True:
            page = document_relations(session, doc, limit, offset)
            totals = {k: page[k] for k in ("outgoing_total", "incoming_total")}
            outgoing += [r["evidence"] for r in page["outgoing"]]
            incoming += [r["provision_id"] or r["doc_id"] for r in page["incoming"]]
            offset += limit
            if offset >= max(totals.values()):
                return totals, outgoing, incoming


def test_pages_walk_to_what_every_citing_relation_gives(citing_url: str) -> None:
    with session_scope(citing_url) as session:
        every = [r.provision_id or r.document_id
                 for r in relation_targets.incoming(session, LAW)]
    citing = {i.partition("/")[0] for i in every}
    # The two citing by number and the two by title name it; the old law's two do not.
    assert {"4-2025-tt-thu", "1-2025-tt-thu", "3-2025-tt-thu", "6-2025-tt-thu"} <= citing
    assert not citing & {"2-2025-tt-thu", "5-2025-tt-thu", "7-2019-tt-thu"}
    totals, _, incoming = walk(citing_url, LAW, 1)
    assert incoming == every and totals["incoming_total"] == len(every)
    assert walk(citing_url, LAW, 3)[2] == every


@pytest.mark.parametrize("doc", [LAW, "03-nq-cp-2025"])
def test_outgoing_pages_keep_their_order(citing_url: str, doc: str) -> None:
    whole = walk(citing_url, doc, 100)
    assert whole[0]["outgoing_total"] == len(whole[1]) >= 2
    assert walk(citing_url, doc, 1)[1] == whole[1]


def test_a_page_past_the_end_is_empty_with_the_totals(citing_url: str) -> None:
    with session_scope(citing_url) as session:
        page = document_relations(session, LAW, 5, 10_000)
    assert page["outgoing"] == page["incoming"] == []
    assert page["incoming_total"] >= 4


def test_the_route_links_the_next_page_while_either_list_has_more(client: TestClient) -> None:
    url = "/documents/03-nq-cp-2025/relations"
    first = client.get(url, params={"limit": 1}).json()
    assert first["outgoing_total"] > 1 and len(first["outgoing"]) == 1
    assert first["next"] == f"{url}?offset=1&limit=1"
    end = max(first["outgoing_total"], first["incoming_total"])
    last = client.get(url, params={"limit": 1, "offset": end - 1})
    assert last.json()["next"] is None and "link" not in last.headers
    assert client.get(url, params={"limit": 101}).status_code == 422


def test_a_title_alone_names_no_document_issued_after_the_citing_one(citing_url: str) -> None:
    with session_scope(citing_url) as session:
        old = document_relations(session, "7-2019-tt-thu", 10, 0)["outgoing"]
        new = document_relations(session, "1-2025-tt-thu", 10, 0)["outgoing"]
    assert [(r["target"]["title"], r["target"]["doc_id"]) for r in old] == [
        ("Luật Công đoàn", None)]
    assert [r["target"]["doc_id"] for r in new] == [LAW]
