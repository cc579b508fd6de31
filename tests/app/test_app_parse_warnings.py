"""Issue 10: the parser's warnings are stored with the document at ingest and shown by
``GET /documents/{id}``; ``vnlex parse --report`` accounts for every line."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import app
from app.services.ingest import ingest_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


def test_warnings_are_stored_and_served(db_url: str, empty_client: TestClient) -> None:
    path = FIXTURES / "102-2024-ND-CP-excerpt.txt"
    report = ingest_file(db_url, path)
    body = empty_client.get(f"/documents/{report.doc_id}").json()
    codes = {w["code"] for w in body["warnings"]}
    assert "missing_metadata" in codes  # an excerpt: no number, date or type printed
    assert report.warnings == len(body["warnings"])


def test_parse_report_lists_counts_and_noise() -> None:
    result = runner.invoke(app, ["parse", str(FIXTURES / "212-KL-TW-2025.md"), "--report"])
    assert result.exit_code == 0, result.output
    assert "provisions per kind: " in result.output
    assert "source lines: " in result.output
    # the page's chrome is listed line by line, with its raw line number
    assert "lines called noise or not placed: " in result.output
    assert "Đang tải văn bản..." in result.output
