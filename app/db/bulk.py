"""Many rows into one table at once: PostgreSQL's COPY where it is available, else a Core
executemany (SQLite, where the module's executemany is already the fast path)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

# Under this many rows a COPY's setup is not worth it.
COPY_MIN_ROWS = 20


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the session's
    transaction."""
    if not rows:
        return
    if (session.get_bind().dialect.name != "postgresql" or len(rows) < COPY_MIN_ROWS
            or _needs_python_defaults(table, rows[0])):
        session.execute(insert(table), rows)
        return
    _copy(session, table, rows)


def _needs_python_defaults(table: Table, row: dict[str, Any]) -> bool:
    # COPY fills a missing column from the server's default only; SQLAlchemy's Python-side
    # defaults (default=list…) need the executemany.
    return any(c.default is not None and c.name not in row for c in table.columns)


def _copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    # Imported here: psycopg is the `postgres` extra, absent from a SQLite-only install.
    from psycopg import sql
    from psycopg.types.json import Json

    columns = [c for c in table.columns if c.name in rows[0]]
    json_columns = {c.name for c in columns if isinstance(c.type, JSON)}
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c.name) for c in columns))
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([Json(row[c.name]) if c.name in json_columns and row[c.name] is not None
                            else row[c.name] for c in columns])
