"""vnlex as a Datasette plugin (registered under Datasette's entry point in pyproject):
provision texts, which SQLite keeps packed (``app.db.packed_text``), shown and queried as
printed. Loaded by Datasette only; nothing in vnlex imports it."""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from app.db import packed_text


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    # `select vn_text(text) from provisions` in Datasette's SQL box, as in vnlex's own.
    packed_text.register(conn)


@hookimpl
def render_cell(value: Any, column: str, table: str | None) -> str | None:
    if table == "provisions" and column == "text" and isinstance(value, bytes):
        return packed_text.unpack(value)
    return None  # Datasette's own rendering
