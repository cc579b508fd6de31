"""The vnlex command: help everywhere, and the same results as the API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from factories_app import CORPUS
from typer.testing import CliRunner

from app.cli import app
from app.db.migrate import head_revision
from app.db.session import dispose

runner = CliRunner()
COMMANDS = [["db", "upgrade"], ["db", "copy"], ["db", "vacuum"], ["ingest"], ["serve"],
            ["search"], ["parse"], ["reindex"], ["export"], ["mcp"], ["datasette-fts"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_ingest_search_and_reingest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    try:
        first = runner.invoke(app, ["ingest", str(CORPUS), "--db", url])
        assert first.exit_code == 0, first.output
        bundled = len([p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt")])
        assert f"{bundled} document(s) ingested, 0 refused" in first.output
        # 02-NQ/TW's copy certificate is a warning of its parse: said, with where to read it.
        nq02 = next(line for line in first.output.splitlines() if "02-nq-tw-2021" in line)
        assert "parse warning(s): vnlex parse" in nq02 and "--report" in nq02
        again = runner.invoke(app, ["ingest", str(CORPUS), "--db", url])
        assert "added 0, changed 0, removed 0" in again.output
        found = runner.invoke(app, ["search", "thoa uoc lao dong tap the", "--db", url,
                                    "--limit", "3"])
        assert found.exit_code == 0
        assert "thoả ước lao động tập thể" in found.output or "thỏa ước" in found.output
        bad = runner.invoke(app, ["search", "?!", "--db", url])
        assert bad.exit_code == 2
        assert runner.invoke(app, ["reindex", "--db", url]).exit_code == 0
    finally:
        dispose(url)


def test_refused_files_give_a_nonzero_exit_and_a_reason(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", "utf-8")
    try:
        result = runner.invoke(app, ["ingest", str(CORPUS / "02-NQ-TW-2021.md"), str(empty),
                                     "--db", url])
        assert result.exit_code == 1
        assert "refused" in result.output and "empty.md" in result.output
        assert "1 document(s) ingested, 1 refused" in result.output
    finally:
        dispose(url)


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    try:
        result = runner.invoke(app, ["db", "upgrade", "--db", url])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "new.db").exists()
    finally:
        dispose(url)


def test_parse_prints_json_without_a_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(CORPUS / "57-NQ-TW-2024.md")])
    assert result.exit_code == 0
    assert result.output.lstrip().startswith("{")
    tree = runner.invoke(app, ["parse", str(CORPUS / "57-NQ-TW-2024.md"), "--format", "tree"])
    assert tree.exit_code == 0 and "57-nq-tw-2024" in tree.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_is_documented(command: list[str]) -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text("utf-8")
    assert f"vnlex {' '.join(command)}" in docs


def test_db_upgrade_refuses_to_go_down_and_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'down.db'}"
    try:
        assert runner.invoke(app, ["db", "upgrade", "--db", url]).exit_code == 0
        for revision in ("base", "0003"):
            result = runner.invoke(app, ["db", "upgrade", "--db", url, "--revision", revision])
            assert result.exit_code == 2, result.output
            assert "never goes down" in result.output and head_revision(url) in result.output
            assert "Traceback" not in result.output
        # Nothing was dropped: still at head.
        at = runner.invoke(app, ["db", "upgrade", "--db", url])
        assert at.exit_code == 0
        assert at.output.strip().endswith(f"is at revision {head_revision(url)}")
    finally:
        dispose(url)


def test_db_upgrade_to_an_unknown_revision_is_one_clear_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    try:
        result = runner.invoke(app, ["db", "upgrade", "--db", url, "--revision", "nonsense"])
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output
        assert lines[0].startswith("error: unknown revision 'nonsense'; known: base, head, 0001")
    finally:
        dispose(url)


def test_db_upgrade_step_by_step_reports_the_revision_reached(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'steps.db'}"
    try:
        first = runner.invoke(app, ["db", "upgrade", "--db", url, "--revision", "0003"])
        assert first.exit_code == 0 and first.output.strip().endswith("revision 0003")
        last = runner.invoke(app, ["db", "upgrade", "--db", url])
        assert last.exit_code == 0
        assert last.output.strip().endswith(f"revision {head_revision(url)}")
    finally:
        dispose(url)


def test_db_vacuum_gives_back_free_pages_and_keeps_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    url = f"sqlite:///{path}"
    try:
        law = CORPUS / "50-2024-QH15-luat-cong-doan.txt"
        assert runner.invoke(app, ["ingest", str(law), "--db", url]).exit_code == 0
        dispose(url)
        with sqlite3.connect(path) as raw:  # free pages, as a migration rebuilding a table
            raw.execute("CREATE TABLE ballast AS SELECT * FROM provisions")
            raw.execute("DROP TABLE ballast")
            rows = raw.execute("SELECT count(*) FROM provisions").fetchone()[0]
        raw.close()
        before = path.stat().st_size
        result = runner.invoke(app, ["db", "vacuum", "--db", url])
        assert result.exit_code == 0, result.output
        assert path.stat().st_size < before and "MB ->" in result.output
        with sqlite3.connect(path) as raw:
            assert raw.execute("SELECT count(*) FROM provisions").fetchone()[0] == rows
            assert raw.execute("PRAGMA freelist_count").fetchone()[0] == 0
        raw.close()
    finally:
        dispose(url)
