"""vnlex export: one document to standard output, or every document into a folder."""

from __future__ import annotations

import json
from pathlib import Path

from factories_app import RESOLUTION_ID
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app

runner = CliRunner()


def test_export_prints_what_the_api_serves(corpus_url: str, client: TestClient) -> None:
    for fmt, suffix in (("md", ".md"), ("ndjson", ".ndjson"), ("csv", ".csv"),
                        ("akn", ".akn.xml")):
        result = runner.invoke(app, ["export", RESOLUTION_ID, "--format", fmt, "--db", corpus_url])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == client.get(f"/documents/{RESOLUTION_ID}{suffix}").content


def test_export_json_has_metadata_and_every_provision(corpus_url: str) -> None:
    result = runner.invoke(app, ["export", RESOLUTION_ID, "--db", corpus_url])
    data = json.loads(result.output)
    assert data["number"] == "99-NQ/TW" and len(data["provisions"]) == 11
    assert data["provisions"][8]["id"] == f"{RESOLUTION_ID}/III.1.1"


def test_export_all_writes_one_file_per_document(corpus_url: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--all", str(out), "--format", "md",
                                 "--db", corpus_url])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert f"{RESOLUTION_ID}.md" in files and "02-nq-tw-2021.md" in files
    assert f"{len(files)} document(s) written" in result.output


def test_export_refuses_unknown_documents_and_formats(corpus_url: str) -> None:
    unknown = runner.invoke(app, ["export", "99-nq-tw", "--db", corpus_url])
    assert unknown.exit_code == 1 and "no document '99-nq-tw'" in unknown.output
    bad = runner.invoke(app, ["export", RESOLUTION_ID, "--format", "xml", "--db", corpus_url])
    assert bad.exit_code == 2
    neither = runner.invoke(app, ["export", "--db", corpus_url])
    assert neither.exit_code == 2
