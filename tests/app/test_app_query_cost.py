"""What a request reads grows with its answer, not with the corpus: lookups go through
indexes (no full scan of ``provisions``), and a provision's neighbours are two rows, not
every sibling."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from factories_app import law
from fastapi.testclient import TestClient
from sqlalchemy import event, insert

from app.db.models import Document, Provision, table_of
from app.db.session import get_engine, new_session, session_scope
from app.errors import NotFound
from app.search.follow import THREAD_NAME as FOLLOWER_THREAD
from app.services import provisions
from app.services.flatten import document_row, provision_rows
from app.services.provisions import get_provision
from app.services.resolve import resolve

# A plan line that reads the whole table; "provisions_1" is SQLAlchemy's alias.
FULL_SCAN = re.compile(r"SCAN provisions(_\d+)?\b")
# A plan line that reads every provision of a document.
WHOLE_DOCUMENT = re.compile(r"SEARCH provisions(_\d+)? USING INDEX \w+ \(document_id=\?\)$")


@contextmanager
def request_selects(url: str) -> Iterator[list[tuple[str, Any]]]:
    """The SELECTs (statement, parameters) a request sends to ``url`` inside the block."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
               executemany: bool) -> None:
        # The index follower polls the store on its own thread, whatever the request does.
        if threading.current_thread().name == FOLLOWER_THREAD:
            return
        if not executemany and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def selects(url: str) -> Iterator[list[tuple[str, list[str]]]]:
    """The SELECTs run inside the block with their SQLite plans (filled in at the end)."""
    found: list[tuple[str, list[str]]] = []
    with request_selects(url) as seen:
        yield found
    with get_engine(url).connect() as connection:
        for statement, parameters in seen:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            found.append((statement, [row[3] for row in plan]))


@contextmanager
def provision_scans(url: str, pattern: re.Pattern[str] = FULL_SCAN) -> Iterator[list[str]]:
    """The SELECTs run inside the block whose SQLite plan has a line matching ``pattern``,
    by default a scan of all of ``provisions`` (filled in when the block ends)."""
    scans: list[str] = []
    with selects(url) as statements:
        yield scans
    scans += [s for s, plan in statements if any(pattern.match(line) for line in plan)]


def test_a_bare_path_asked_of_many_documents_reads_one_row_each(db_url: str) -> None:
    # Over 500 documents, the old lower(path) lookup had no document filter: a full scan.
    doc = law()
    with session_scope(db_url) as session:
        for i in range(520):
            doc_id = f"{i}-2025-qh15"
            rows = provision_rows(doc, doc_id)
            session.execute(insert(table_of(Document)).values(
                **document_row(doc, doc_id, None, rows), provision_count=len(rows)))
            session.execute(insert(table_of(Provision)), rows)
    with provision_scans(db_url) as scans, new_session(db_url) as session:
        found = resolve(session, "Điều 5")
        # Nowhere: once read one row per document id, then every provision (lower(path)).
        with pytest.raises(NotFound):
            resolve(session, "Điều 9999")
    # The first hundred by id, and more said to be there.
    assert [m["doc_id"] for m in found["matches"]] == sorted(
        f"{i}-2025-qh15" for i in range(520))[:100]
    assert {m["path"] for m in found["matches"]} == {"d5"} and found["more"]
    assert scans == []


def test_unknown_document_suggestions_read_one_document(client: TestClient,
                                                        corpus_url: str) -> None:
    with provision_scans(corpus_url) as scans:
        response = client.get("/provisions/02-nq-tw-2012/IV.4")
    assert response.status_code == 404
    assert response.json()["error"]["suggestions"][0] == "02-nq-tw-2021/IV.4"
    assert scans == []


# A 404's suggestions come from the ids that sort near the one asked (``suggest.near``):
# "SCAN" would read every document's or body's id on each mistyped request.
EVERY_ID = re.compile(r"SCAN (documents|bodies)\b")


@pytest.mark.parametrize(("url", "meant"), [
    ("/documents/02-nq-tw-2012", "02-nq-tw-2021"),
    ("/documents/02-nq-tw-2012/relations", "02-nq-tw-2021"),
    ("/documents/02-nq-tw-2012/assignments", "02-nq-tw-2021"),
    ("/provisions/02-nq-tw-2012/IV.4", "02-nq-tw-2021/IV.4"),
    ("/bodies/ban-to-chuc-trung-uongg", "ban-to-chuc-trung-uong"),
])
def test_a_404_suggests_from_the_ids_near_the_one_asked(client: TestClient, corpus_url: str,
                                                       url: str, meant: str) -> None:
    with selects(corpus_url) as statements:
        response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["suggestions"][0] == meant
    assert [s for s, plan in statements if any(EVERY_ID.search(line) for line in plan)] == []


@pytest.mark.parametrize(
    ("provision_id", "parent", "neighbours"),
    [
        # Article 5 of the trade union law is one of ten articles of chapter I.
        ("50-2024-qh15/d5", "50-2024-qh15/ch1", ("50-2024-qh15/d4", "50-2024-qh15/d6")),
        # A chapter is top level: no parent row, siblings found by document.
        ("50-2024-qh15/ch3", None, ("50-2024-qh15/ch2", "50-2024-qh15/ch4")),
    ],
)
def test_previous_and_next_do_not_load_every_sibling(
        corpus_url: str, provision_id: str, parent: str | None,
        neighbours: tuple[str, str]) -> None:
    loaded: set[str] = set()

    def record(_session: Any, obj: object) -> None:
        if isinstance(obj, Provision):
            loaded.add(obj.id)

    with (provision_scans(corpus_url) as scans,
          provision_scans(corpus_url, WHOLE_DOCUMENT) as document_reads,
          new_session(corpus_url) as session):
        event.listen(session, "loaded_as_persistent", record)
        data = get_provision(session, provision_id)
    assert (data["previous"]["id"], data["next"]["id"]) == neighbours
    assert (data["parent"] or {}).get("id") == parent
    # The provision and its family are read as columns (the family's short ones, no text),
    # no ORM object, the family in one query.
    assert loaded == set()
    assert scans == [] and document_reads == []


def test_a_title_needing_more_than_the_head_of_the_text_reads_it_whole(
        corpus_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with new_session(corpus_url) as session:
        whole = get_provision(session, "50-2024-qh15/d5")
        monkeypatch.setattr(provisions, "_HEAD", 3)  # every text is longer than its head
        cut = get_provision(session, "50-2024-qh15/d5")
    titles = [c["title"] for c in whole["children"]]
    assert [c["title"] for c in cut["children"]] == titles
    assert all(len(t) > 3 for t in titles)


# Relations to a document are read by its keys; "SCAN relations" or "SCAN documents" would
# read every document's facts on each page view.
EVERY_DOCUMENT_OR_RELATION = re.compile(r"SCAN (documents|relations)\b")


@pytest.mark.parametrize("url", ["/provisions/50-2024-qh15/d5.1",
                                 "/documents/50-2024-qh15/relations",
                                 "/documents/02-nq-tw-2021/relations"])
def test_status_and_relations_read_no_whole_table(client: TestClient, corpus_url: str,
                                                  url: str) -> None:
    with selects(corpus_url) as statements:
        assert client.get(url).status_code == 200
    assert [s for s, plan in statements
            if any(EVERY_DOCUMENT_OR_RELATION.search(line) for line in plan)] == []


def test_first_and_last_siblings_have_one_neighbour(corpus_url: str) -> None:
    with new_session(corpus_url) as session:
        first = get_provision(session, "50-2024-qh15/p1")
        article = get_provision(session, "50-2024-qh15/d5.1")
    assert first["previous"] is None and first["next"]["id"] == "50-2024-qh15/p2"
    assert article["previous"] is None and article["next"]["id"] == "50-2024-qh15/d5.2"


# A plan line that sorts the rows it read, or reads a whole table rather than an index.
SORT_OR_TABLE_SCAN = re.compile(r"USE TEMP B-TREE|SCAN (documents|duties|targets|bodies)$")
SOURCE_COLUMN = re.compile(r"\bdocuments\.source(?:_zlib)?\b")


@pytest.mark.parametrize("url", ["/documents", "/documents?offset=3&limit=2", "/bodies",
                                 "/duties", "/duties?offset=500", "/duties?role=lead",
                                 "/targets", "/duties?format=csv", "/targets?format=csv"])
def test_a_page_reads_its_rows_through_an_index(client: TestClient, corpus_url: str,
                                                url: str) -> None:
    # Counting (`total`, a page's duty counts) reads every row it counts by nature; every
    # other read of a list is a LIMIT over an order an index serves: no sort of the whole
    # table per page.
    with selects(corpus_url) as statements:
        assert client.get(url).status_code == 200
    # The page's bodies' kept duty counts are read by key (``body_duty_counts``), no LIMIT.
    keyed = [(s, plan) for s, plan in statements if "FROM body_duty_counts" in s]
    assert all(p.startswith("SEARCH") for _s, plan in keyed for p in plan)
    reads = [(s, plan) for s, plan in statements
             if "count(" not in s and (s, plan) not in keyed]
    assert reads and all(" LIMIT " in s for s, _plan in reads)
    assert [s for s, plan in reads if any(SORT_OR_TABLE_SCAN.match(p) for p in plan)] == []


def test_the_document_list_never_reads_the_source_text(client: TestClient,
                                                       corpus_url: str) -> None:
    with selects(corpus_url) as statements:
        items = client.get("/documents", params={"limit": 100}).json()["items"]
    assert items and all("source" not in item for item in items)
    assert statements and not [s for s, _plan in statements if SOURCE_COLUMN.search(s)]


@pytest.mark.parametrize("url", ["/documents/02-nq-tw-2021", "/duties?doc=02-nq-tw-2021",
                                 "/targets?doc=02-NQ-TW-2021&format=csv"])
def test_looking_a_document_up_does_not_read_its_text(client: TestClient, corpus_url: str,
                                                      url: str) -> None:
    # A document is loaded for its metadata or to check a filter; its text (megabytes for
    # a law) stays on disk.
    with selects(corpus_url) as statements:
        assert client.get(url).status_code == 200
    assert [s for s, _plan in statements if "FROM documents" in s]
    assert not [s for s, _plan in statements if SOURCE_COLUMN.search(s)]


@pytest.mark.parametrize("url", ["/search?q=cong+doan&section=III",
                                 "/search?q=cong+doan&section=IX.99",
                                 "/search?q=cong+doan&doc=02-nq-tw-2021&section=III.4",
                                 "/provisions/02-nq-tw-2021/II.2.b.2030.2"])
def test_search_filters_and_breadcrumbs_scan_no_provisions(client: TestClient,
                                                          corpus_url: str, url: str) -> None:
    # A section given without a document is checked in the search index (paths have no
    # index in the store); breadcrumbs are their ancestors' rows, by id.
    with provision_scans(corpus_url) as scans:
        assert client.get(url).status_code in (200, 404)
    assert scans == []


# A citation with a number (or a title some document has exactly) reads the documents
# stored under its keys, not every document's row.
@pytest.mark.parametrize(("method", "url", "body"), [
    ("get", "/resolve?cite=Điều 5 Luật Công đoàn 50/2024/QH15", None),
    ("get", "/resolve?cite=Nghị quyết 02-NQ/TW", None),
    ("get", "/resolve?cite=khoản 2 Điều này&from=50-2024-qh15/d5.3", None),
    ("get", "/provisions/50-2024-qh15/d5.1/citations", None),
    ("post", "/citations/extract",
     {"text": "theo Điều 5 Luật Công đoàn số 50/2024/QH15 và Nghị quyết 02-NQ/TW"}),
])
def test_citations_read_only_the_documents_they_name(
        client: TestClient, corpus_url: str, method: str, url: str,
        body: dict[str, str] | None) -> None:
    with selects(corpus_url) as statements:
        response = client.request(method, url, json=body)
    assert response.status_code in (200, 300), response.text
    assert [s for s, plan in statements
            if any(EVERY_DOCUMENT_OR_RELATION.search(line) for line in plan)] == []


# PostgreSQL cannot seek an index for an `OR` one of whose arms is a subquery: it read every
# relation for each provision page (12 ms at 64 000 relations, 17 ms a page at a million
# provisions). Planned with bitmap scans only (each needs an index condition), a table
# still read whole (a sequential scan, or an index walked end to end with no condition) is
# one no index can serve, whatever a tiny table's statistics would make the planner prefer.
BITMAPS_ONLY = ("SET enable_seqscan = off", "SET enable_indexscan = off",
                "SET enable_indexonlyscan = off")
WATCHED = {"documents", "relations", "provisions", "document_keys"}


def _whole_reads(node: dict[str, Any]) -> list[str]:
    """The watched tables a plan node (and those under it) reads whole."""
    found = []
    if node.get("Relation Name") in WATCHED and (
            node["Node Type"] == "Seq Scan"
            or (node["Node Type"] in ("Index Scan", "Index Only Scan")
                and "Index Cond" not in node)):
        found.append(f"{node['Node Type']} on {node['Relation Name']}")
    for child in node.get("Plans", []):
        found += _whole_reads(child)
    return found


@pytest.mark.parametrize("url", ["/provisions/50-2024-qh15/d5.1",
                                 "/provisions/02-nq-tw-2021/IV.4",
                                 "/documents/50-2024-qh15/relations"])
def test_on_postgresql_pages_seek_indexes(postgresql_client: TestClient,
                                          postgresql_corpus_url: str, url: str) -> None:
    with request_selects(postgresql_corpus_url) as seen:
        assert postgresql_client.get(url).status_code == 200
    assert seen
    engine = get_engine(postgresql_corpus_url)
    whole = []
    with engine.connect() as connection:
        for setting in BITMAPS_ONLY:
            connection.exec_driver_sql(setting)
        for statement, parameters in seen:
            plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}",
                                              parameters).scalar_one()
            whole += [(read, statement[:80]) for read in _whole_reads(plan[0]["Plan"])]
        connection.rollback()
    assert whole == []


@pytest.mark.parametrize("url", ["/duties?body=chinh-phu", "/duties?body=chinh-phu&role=lead",
                                 "/duties?body=bo-noi-vu&role=coordinate",
                                 "/bodies/chinh-phu"])
def test_a_bodys_duties_are_paged_in_index_order(client: TestClient, corpus_url: str,
                                                 url: str) -> None:
    """A page of a body's duties reads them in the order shown and stops: it never sorts
    all of them (a ministry holds tens of thousands in a whole corpus)."""
    with selects(corpus_url) as statements:
        response = client.get(url)
    assert response.status_code == 200, response.text
    paged = [(s, plan) for s, plan in statements if "FROM duties" in s and "LIMIT" in s]
    assert paged
    assert [s for s, plan in paged if any("TEMP B-TREE" in line for line in plan)] == []


@pytest.mark.parametrize(("cite", "meant"), [
    ("Luật Công đoàn 2019", "50-2024-qh15"),  # no such year: the title's document
    ("Luật Công đoàn số 50/2024/QH14", "50-2024-qh15"),  # a mistyped number
])
def test_a_citation_that_matches_nothing_finds_candidates_near_it(
        client: TestClient, corpus_url: str, cite: str, meant: str) -> None:
    with selects(corpus_url) as statements:
        response = client.get("/resolve", params={"cite": cite})
    assert response.status_code == 404
    assert response.json()["error"]["candidates"][0]["doc_id"] == meant
    assert [s for s, plan in statements if any(EVERY_ID.search(line) for line in plan)] == []


# "đoàn viên công đoàn" is a defined term of the Trade Union Law; "đoàn viên" begins one.
@pytest.mark.parametrize("q", ["đoàn viên công đoàn là gì", "đoàn viên là gì"])
def test_a_what_is_question_reads_the_defined_terms_by_index(client: TestClient,
                                                             corpus_url: str, q: str) -> None:
    # LIKE 'đoàn viên %' read every defined term of the corpus on SQLite.
    with selects(corpus_url) as statements:
        assert client.get("/search", params={"q": q}).status_code == 200
    reads = [(s, plan) for s, plan in statements if "FROM terms" in s]
    assert reads
    assert [s for s, plan in reads if any(p.startswith("SCAN terms") for p in plan)] == []
