"""Many rows into one table at once: PostgreSQL's COPY where it is available, else one
executemany of plain tuples straight to the driver (SQLite)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Column, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

# Under this many rows a COPY's setup is not worth it.
COPY_MIN_ROWS = 20


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the session's
    transaction."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if _needs_python_defaults(table, rows[0]):
        session.execute(insert(table), rows)
    elif dialect.name == "postgresql" and len(rows) >= COPY_MIN_ROWS:
        _copy(session, table, rows)
    elif dialect.name == "sqlite":
        _executemany(session, table, rows, dialect)
    else:
        session.execute(insert(table), rows)


def _needs_python_defaults(table: Table, row: dict[str, Any]) -> bool:
    # COPY fills a missing column from the server's default only; SQLAlchemy's Python-side
    # defaults (default=list…) need the executemany.
    return any(c.default is not None and c.name not in row for c in table.columns)


def _executemany(session: Session, table: Table, rows: Sequence[dict[str, Any]],
                 dialect: Dialect) -> None:
    # SQLAlchemy's executemany builds a parameter dict per row through the compiled
    # statement (a third of storing a document); the types' own bind processors (JSON,
    # dates, booleans) applied here give the driver the same values.
    columns = [c for c in table.columns if c.name in rows[0]]
    quote = dialect.identifier_preparer.quote
    statement = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table.name), ", ".join(quote(c.name) for c in columns),
        ", ".join("?" * len(columns)))
    session.connection().exec_driver_sql(statement, list(zip(*(
        _column_values(rows, c.name, _processor(c, dialect)) for c in columns), strict=True)))


def _column_values(rows: Sequence[dict[str, Any]], name: str,
                   processor: Callable[[Any], Any] | None) -> list[Any]:
    # Column by column, then zipped: a generator per row over the cells was a fifth of
    # storing a document on SQLite.
    values = [row[name] for row in rows]
    return values if processor is None else list(map(processor, values))


def _processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    process: Callable[[Any], Any] | None = column.type._cached_bind_processor(dialect)
    if process is None or not isinstance(column.type, JSON):
        return process
    # Most JSON cells are an empty list (a provision's flags): serialized once.
    empty = process([])
    return lambda value: empty if value == [] else process(value)


def _copy(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    # Imported here: psycopg is the `postgres` extra, absent from a SQLite-only install.
    from psycopg import sql

    columns = [c for c in table.columns if c.name in rows[0]]
    dialect = session.get_bind().dialect
    # Converters looked up once per table, not per cell: building each row's values was
    # most of a COPY's time (a profile of ingest on PostgreSQL).
    converters = [(i, f) for i, c in enumerate(columns)
                  if (f := _copy_converter(c, dialect)) is not None]
    names = [c.name for c in columns]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(n) for n in names))
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[n] for n in names]
            for i, convert in converters:
                values[i] = convert(values[i])
            copy.write_row(values)


def _copy_converter(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What a value of ``column`` becomes for COPY: JSON wrapped for psycopg, a
    TypeDecorator's own conversion (``None`` for a value given as it is)."""
    if isinstance(column.type, JSON):
        from psycopg.types.json import Json

        return lambda value: None if value is None else Json(value)
    if isinstance(column.type, TypeDecorator):
        return column.type.bind_processor(dialect)
    return None
