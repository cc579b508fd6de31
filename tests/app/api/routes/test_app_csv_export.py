"""The CSV export of /duties and /targets: the rows the JSON pages walk through, read in
bounded batches and streamed, with cells a spreadsheet would run as formulas neutralized."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from factories_app import RESOLUTION_ID, resolution
from fastapi.testclient import TestClient
from sqlalchemy import event, update

from app.api.tabular import csv_cell
from app.core.config import Settings
from app.db.analysis_models import Duty, Target
from app.db.models import Provision
from app.db.session import get_engine, session_scope
from app.main import create_app
from app.services import listing
from app.services.ingest import ingest_document

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

BATCH = 7  # small, so the export crosses many batch boundaries on the bundled corpus
EXPORTS = ["/duties", "/duties?role=lead", "/duties?body=cong-doan-viet-nam",
           "/targets", "/targets?doc=02-nq-tw-2021"]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def as_cell(value: Any) -> str:
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def json_rows(client: TestClient, url: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    next_url: str | None = f"{url}{'&' if '?' in url else '?'}limit=100"
    while next_url:
        body = client.get(next_url).json()
        rows += [{k: as_cell(v) for k, v in item.items()} for item in body["items"]]
        next_url = body["next"]
    return rows


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch, corpus_url: str) -> Iterator[list[str]]:
    """Export batches of ``BATCH`` rows; yields the SELECTs run meanwhile."""
    monkeypatch.setattr(listing, "EXPORT_BATCH", BATCH)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    engine = get_engine(corpus_url)
    event.listen(engine, "before_cursor_execute", record)
    yield statements
    event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize("url", EXPORTS)
def test_the_csv_export_is_the_json_rows(client: TestClient, small_batches: list[str],
                                         url: str) -> None:
    expected = json_rows(client, url)
    small_batches.clear()
    with client.stream("GET", f"{url}{'&' if '?' in url else '?'}format=csv") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        chunks = [chunk for chunk in response.iter_raw() if chunk]
    assert csv_rows(b"".join(chunks)) == expected and len(expected) > BATCH
    # Sent as it is read: one chunk per batch, none holding more than a batch of rows.
    assert len(chunks) == -(-len(expected) // BATCH)
    assert max(chunk.count(b"\r\n") for chunk in chunks[1:]) <= BATCH
    # Every row read by a bounded query, a batch at a time (the registry lookup of a
    # `body` filter aside).
    reads = [s for s in small_batches if "duties" in s or "targets" in s]
    assert len(reads) == len(expected) // BATCH + 1
    assert all(re.search(r"\bLIMIT\b", s) for s in reads)


def test_an_export_slice_is_the_json_page(client: TestClient) -> None:
    page = client.get("/duties", params={"limit": 9, "offset": 40}).json()["items"]
    exported = client.get("/duties", params={"limit": 9, "offset": 40, "format": "csv"})
    assert csv_rows(exported.content) == [{k: as_cell(v) for k, v in row.items()}
                                          for row in page]
    assert len(csv_rows(client.get("/duties?format=csv&offset=40").content)) == len(
        json_rows(client, "/duties")) - 40


def test_an_export_without_rows_is_the_header(client: TestClient) -> None:
    response = client.get("/targets", params={"year": 1901, "format": "csv"})
    assert response.content == b"\xef\xbb\xbfyear,measure,value,value_max,comparator,unit," \
                               b"qualitative,provision_id,doc_id,text,milestone\r\n"


# What a hostile text could make a target or a duty say, and what the spreadsheet gets.
FORMULAS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
    "=": "=",  # a comparator: one character cannot carry a formula
    "13,5 triệu": "13,5 triệu",  # ordinary text stays as it is
}


@pytest.fixture
def hostile_rows(db_url: str) -> Iterator[TestClient]:
    with session_scope(db_url) as session:
        ingest_document(session, resolution())
    with session_scope(db_url) as session:
        session.execute(update(Target).values(measure='=HYPERLINK("http://x","y")',
                                              unit="@SUM(A1:A9)", text="\t=1+1", value=-5))
        # A duty's evidence is read from the text its offsets index.
        session.execute(update(Provision).values(text="-2+3 chủ trì", heading=None))
        session.execute(update(Duty).values(evidence_start=0, evidence_end=4,
                                            via_provision_pk=None, in_heading=False))
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client


def test_formula_cells_are_neutralized(hostile_rows: TestClient) -> None:
    target = csv_rows(hostile_rows.get(f"/targets?doc={RESOLUTION_ID}&format=csv").content)[0]
    assert target["measure"] == FORMULAS['=HYPERLINK("http://x","y")']
    assert target["unit"] == FORMULAS["@SUM(A1:A9)"]
    assert target["text"] == FORMULAS["\t=1+1"]
    assert target["value"] == "-5"  # a number is a number, not a formula
    duty = csv_rows(hostile_rows.get(f"/duties?doc={RESOLUTION_ID}&format=csv").content)[0]
    assert duty["evidence"] == FORMULAS["-2+3"]
    # JSON is data, not a spreadsheet: it keeps the text as stored.
    json_target = hostile_rows.get(f"/targets?doc={RESOLUTION_ID}").json()["items"][0]
    assert json_target["measure"] == '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(("stored", "shown"), FORMULAS.items())
def test_each_formula_start_is_neutralized(stored: str, shown: str) -> None:
    assert csv_cell(stored) == shown
