"""Provision texts kept deflated on SQLite, read back exactly as printed.

A provision's text is most of what the store holds (24 of 79 MB at SCALE=0.01 with the
benchmark's real documents) and is short (211 bytes on average): zlib alone takes two
fifths off such short texts (to 0.61 of 23.7 MB), but with a preset dictionary of the
phrases legal Vietnamese repeats ("theo quy định của pháp luật", "Ủy ban nhân dân cấp
tỉnh") it takes seven tenths off
(``scripts/text_dictionary.py`` says how the dictionary was made, from the test fixtures,
never from the benchmark's documents). PostgreSQL keeps plain text: its TOAST does its own
compression, and its tools expect text.

On SQLite a packed text is a BLOB: ``MARK`` then raw deflate against dictionary 1. A text
that packing would not shorten stays TEXT, so the two never mix up and old stores read as
before. The dictionary file never changes: a better one would be dictionary 2, with its own
mark, beside this one (``tests/app/test_app_packed_text.py`` pins its digest).

SQL that reads the text (``substr`` for evidence quotes, ``length``) goes through
``stored_text``: ``vn_text(text)`` on SQLite, a function every connection registers
(``register``), and the column itself elsewhere.
"""

from __future__ import annotations

import sqlite3
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

MARK = b"\x01"  # dictionary 1
DICTIONARY = Path(__file__).with_name("text_dictionary_v1.txt")
MIN_BYTES = 48  # below this a deflate stream saves nothing worth a decompression
LEVEL, MEM_LEVEL = 6, 8  # level 9 saved 1% more for twice the time
SQL_FUNCTION = "vn_text"


@cache
def _dictionary() -> bytes:
    return DICTIONARY.read_bytes()


@cache
def _primed() -> Any:
    # Setting a 32 KB dictionary costs more than deflating a provision: set it once and
    # copy the primed state for each text (24 µs a text against 65).
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -15, MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY,
                            _dictionary())


def pack(text: str) -> str | bytes:
    """``text`` as SQLite stores it: the text itself, or ``MARK`` + deflate where shorter."""
    raw = text.encode("utf-8")
    if len(raw) < MIN_BYTES:
        return text
    deflate = _primed().copy()
    packed = MARK + deflate.compress(raw) + deflate.flush()
    return packed if len(packed) < len(raw) else text


def unpack(value: str | bytes | None) -> str | None:
    """The text ``pack`` was given (a plain text as it is)."""
    if value is None or isinstance(value, str):
        return value
    if value[:1] != MARK:
        raise ValueError(f"not a packed text (mark {value[:1]!r})")
    inflate = zlib.decompressobj(-15, _dictionary())
    return (inflate.decompress(value[1:]) + inflate.flush()).decode("utf-8")


class PackedText(TypeDecorator[str]):
    """A text column whose values are packed on SQLite (plain text elsewhere)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | bytes | None, dialect: Dialect) -> Any:
        # bytes: a text ``pack`` packed already (where ingest prepared the document)
        if value is None or isinstance(value, bytes) or dialect.name != "sqlite":
            return value
        return pack(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return unpack(value)


def register(connection: sqlite3.Connection) -> None:
    """Make ``vn_text(x)`` (``unpack`` in SQL) known to a SQLite connection."""
    connection.create_function(SQL_FUNCTION, 1, unpack, deterministic=True)


class stored_text(FunctionElement[str]):  # noqa: N801  (used like func.*)
    """The printed text of a ``PackedText`` column inside SQL (``substr``, ``length``)."""

    type = Text()
    inherit_cache = True


@compiles(stored_text)
def _plain(element: stored_text, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(stored_text, "sqlite")
def _unpacked(element: stored_text, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQL_FUNCTION}({compiler.process(element.clauses, **kw)})"
