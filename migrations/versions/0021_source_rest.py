"""documents.source_rest: the source without the provision texts ``provisions.text`` holds

``source_zlib`` kept the whole cleaned source, compressed: 0.78 of the 11.5 MB database at
SCALE=0.01, most of it the provisions' texts a second time. ``source_rest`` keeps the source
with each provision text cut out where it stands verbatim in its span, compressed, and
gives the same source back with the provision rows (``app/db/source_text.py``).

Both directions convert one document at a time (a code's source is megabytes) and check
that the other form gives the same source back; a document whose rows do not match its
stored source keeps its whole source (the ``f`` form), so nothing is lost either way.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-28
"""
from __future__ import annotations

import zlib
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from app.db import source_text

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

Texts = list[tuple[int, int, str]]
_ROWS = sa.text('SELECT start, "end", text, ordinal FROM provisions WHERE document_id = :i')


def _convert(old: str, new: str, convert: Callable[[bytes, Texts], bytes]) -> None:
    bind = op.get_bind()
    op.add_column("documents", sa.Column(new, sa.LargeBinary(), nullable=False,
                                         server_default=sa.text("''")))
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM documents"))]
    read = sa.text(f"SELECT {old} FROM documents WHERE id = :i")
    write = sa.text(f"UPDATE documents SET {new} = :v WHERE id = :i")
    for doc_id in ids:
        stored = bytes(bind.execute(read, {"i": doc_id}).scalar() or b"")
        texts = source_text.spans(r._mapping for r in bind.execute(_ROWS, {"i": doc_id}))
        bind.execute(write, {"i": doc_id, "v": convert(stored, texts)})
    op.drop_column("documents", old)


def _rest(whole: bytes, texts: Texts) -> bytes:
    source = zlib.decompress(whole).decode("utf-8") if whole else ""
    return source_text.pack(source, texts)


def _whole(rest: bytes, texts: Texts) -> bytes:
    source = source_text.unpack(rest, texts) if rest else ""
    return zlib.compress(source.encode("utf-8"), source_text.LEVEL)


def upgrade() -> None:
    _convert("source_zlib", "source_rest", _rest)


def downgrade() -> None:
    _convert("source_rest", "source_zlib", _whole)
