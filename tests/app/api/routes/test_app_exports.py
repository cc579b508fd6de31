"""A document as Markdown, CSV and NDJSON; its provisions paged; many provisions by id."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from factories_app import RESOLUTION_ID
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app as cli
from app.db.session import dispose
from app.services.ingest import ingest_paths

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

PATHS = ["I", "I.1", "I.2", "II", "II.1", "II.2", "III", "III.1", "III.1.1", "III.1.2",
         "III.2"]


def test_markdown_by_suffix_and_by_accept_header(client: TestClient) -> None:
    by_suffix = client.get(f"/documents/{RESOLUTION_ID}.md")
    assert by_suffix.headers["content-type"] == "text/markdown; charset=utf-8"
    text = by_suffix.text
    assert text.startswith("# Nghị quyết 99-NQ/TW")
    assert '<a id="III.1"></a>\n### 1 Về tổ chức\n' in text
    assert '<a id="III.1.1"></a>\n- Ban Tổ chức Trung ương chủ trì' in text
    assert text.index('id="II.2"') < text.index('id="III"')
    by_header = client.get(f"/documents/{RESOLUTION_ID}", headers={"Accept": "text/markdown"})
    assert by_header.text == text
    assert client.get(f"/documents/{RESOLUTION_ID}").json()["id"] == RESOLUTION_ID


def test_csv_has_a_bom_and_one_row_per_provision(client: TestClient) -> None:
    response = client.get(f"/documents/{RESOLUTION_ID}.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["path"] for r in rows] == PATHS
    assert rows[8]["parent_id"] == f"{RESOLUTION_ID}/III.1" and rows[8]["depth"] == "2"


def test_ndjson_streams_one_object_per_line(client: TestClient) -> None:
    response = client.get(f"/documents/{RESOLUTION_ID}.ndjson")
    assert response.headers["content-type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [r["path"] for r in rows] == PATHS
    assert rows[4]["text"].startswith("Phấn đấu có 16,5 triệu")
    assert rows[4]["url"] == f"/provisions/{RESOLUTION_ID}/II.1"


def test_exports_of_an_unknown_document_are_404s(client: TestClient) -> None:
    for suffix in (".md", ".csv", ".ndjson", "/provisions"):
        response = client.get(f"/documents/99-nq-tw{suffix}")
        assert response.status_code == 404, suffix
        assert RESOLUTION_ID in response.json()["error"]["suggestions"]


def test_provisions_of_a_document_page_in_document_order(client: TestClient) -> None:
    first = client.get(f"/documents/{RESOLUTION_ID}/provisions", params={"limit": 4})
    body = first.json()
    assert body["total"] == 11 and [i["path"] for i in body["items"]] == PATHS[:4]
    assert first.headers["Link"].endswith('rel="next"')
    last = client.get(body["next"].replace("http://testserver", "")).json()
    assert [i["path"] for i in last["items"]] == PATHS[4:8]
    assert client.get(f"/documents/{RESOLUTION_ID}/provisions",
                      params={"limit": 101}).status_code == 422


def test_many_provisions_by_id_in_the_order_asked(client: TestClient) -> None:
    ids = f"{RESOLUTION_ID}/III.2,02-NQ-TW-2021/iv.4,{RESOLUTION_ID}/IX.9"
    body = client.get("/provisions", params={"ids": ids}).json()
    assert [i["id"] for i in body["items"]] == [f"{RESOLUTION_ID}/III.2", "02-nq-tw-2021/IV.4"]
    assert body["missing"] == [f"{RESOLUTION_ID}/IX.9"]
    assert body["items"][1]["text"].startswith("Ban Tổ chức Trung ương chủ trì")


def test_many_provisions_are_bounded(client: TestClient) -> None:
    too_many = ",".join(f"{RESOLUTION_ID}/I.{n}" for n in range(501))
    response = client.get("/provisions", params={"ids": too_many})
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_query"
    # No id is an empty answer, as the schema allows (schemathesis holds the server to it).
    for blank in ("", " , "):
        assert client.get("/provisions", params={"ids": blank}).json() == {
            "items": [], "missing": []}


FIELDS = ("id", "path", "parent_id", "kind", "role", "label", "heading", "text",
          "content_hash")


@pytest.mark.parametrize("doc_id", ["02-nq-tw-2021", "50-2024-qh15", "03-nq-cp-2025"])
def test_an_export_ingested_again_keeps_its_ids_and_texts(corpus_url: str, doc_id: str,
                                                         tmp_path: Path) -> None:
    """Issue 14's round trip: `vnlex export` of a document, ingested by another vnlex, gives
    back the same provision ids, tree and texts (and so the same content hashes)."""
    exported = _export(corpus_url, doc_id)
    path = tmp_path / f"{doc_id}.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), "utf-8")
    url = f"sqlite:///{tmp_path / 'other.db'}"
    try:
        summary = ingest_paths(url, [path], jobs=1)
        assert not summary.refused, summary.refused
        again = _export(url, doc_id)
    finally:
        dispose(url)
    assert len(exported["provisions"]) > 10
    assert [{k: p[k] for k in FIELDS} for p in again["provisions"]] == [
        {k: p[k] for k in FIELDS} for p in exported["provisions"]]
    assert {k: again[k] for k in ("number", "type", "issuer", "date", "title")} == {
        k: exported[k] for k in ("number", "type", "issuer", "date", "title")}


def _export(url: str, doc_id: str) -> dict:
    result = CliRunner().invoke(cli, ["export", doc_id, "--format", "json", "--db", url])
    assert result.exit_code == 0, result.output
    exported: dict = json.loads(result.stdout)
    return exported


def test_json_that_is_no_export_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"provisions": [{"path": "I", "parent_id": "nowhere/X"}], "id": "x"}')
    url = f"sqlite:///{tmp_path / 'other.db'}"
    try:
        summary = ingest_paths(url, [path], jobs=1)
    finally:
        dispose(url)
    assert "not a vnlex JSON document" in (summary.refused[0].error or "")
