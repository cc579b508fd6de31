"""The database opens in Datasette as it is, and ``vnlex datasette-fts`` makes it searchable
there (Datasette knows FTS5 tables, not vnlex's tantivy index)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from factories_app import CORPUS
from typer.testing import CliRunner

from app.cli import app
from app.services.ingest import ingest_paths

runner = CliRunner()


def datasette_json(database: Path, path: str) -> Any:
    async def get() -> Any:
        instance = Datasette([str(database)], immutables=[])
        response = await instance.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()
    return asyncio.run(get())


def test_datasette_searches_the_fts_table_the_command_adds(db_url: str) -> None:
    database = Path(db_url.removeprefix("sqlite:///"))
    assert not ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"]).refused
    tables = {t["name"] for t in datasette_json(database, "/vnlex.json")["tables"]}
    assert {"documents", "provisions", "bodies", "duties", "targets"} <= tables

    result = runner.invoke(app, ["datasette-fts", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "provisions_fts: 64 provisions" in result.output

    # Without diacritics, đ included: "lao dong" finds "lao động".
    rows = datasette_json(
        database, "/vnlex/provisions_fts.json?_search=thoa+uoc+lao+dong+tap+the&_shape=array")
    assert "02-nq-tw-2021/II.2.b.2030.2" in {row["id"] for row in rows}
    assert all("thoả ước lao động tập thể" in row["text"] for row in rows)

    # Rerunning replaces the table rather than adding the rows twice.
    assert runner.invoke(app, ["datasette-fts", "--db", db_url]).exit_code == 0
    whole = datasette_json(database, "/vnlex/provisions_fts.json?_size=0")
    assert whole["filtered_table_rows_count"] == 64


def test_datasette_shows_and_queries_provision_texts_as_printed(db_url: str) -> None:
    """SQLite keeps the texts packed; vnlex's Datasette plugin shows them as printed in the
    table and gives SQL ``vn_text``."""
    database = Path(db_url.removeprefix("sqlite:///"))
    assert not ingest_paths(db_url, [CORPUS / "02-NQ-TW-2021.md"]).refused
    sql = ("select vn_text(text) as text from provisions where id = "
           "'02-nq-tw-2021/II.2.b.2030.2'")
    rows = datasette_json(database, f"/vnlex.json?sql={sql}&_shape=array")
    assert "thoả ước lao động tập thể" in rows[0]["text"]

    async def page() -> str:
        instance = Datasette([str(database)], immutables=[])
        response = await instance.client.get(
            "/vnlex/provisions?id=02-nq-tw-2021/II.2.b.2030.2")
        assert response.status_code == 200
        return response.text
    assert "thoả ước lao động tập thể" in asyncio.run(page())
