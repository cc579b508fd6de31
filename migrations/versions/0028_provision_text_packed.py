"""provision texts deflated against a dictionary on SQLite

A provision's text was the largest part of the store (24 of 79 MB at SCALE=0.01 with the
benchmark's real documents). On SQLite it is now packed (``app.db.packed_text``: raw
deflate against a frozen dictionary of legal phrases, about three tenths of its size) and
read back exactly as printed. PostgreSQL keeps plain text, and nothing changes there.

Up (SQLite): every text that packing shortens is written packed, in batches by row id.
Down: every packed text is written plain again. The file keeps its size until a VACUUM
(``vnlex db vacuum`` or the SQLite shell): the freed pages are reused by later ingests.
Measured on a store of 112 093 provisions (SCALE=0.01 with the benchmark's real
documents): the upgrade took 6 s, and ``vnlex db vacuum`` then 83.2 → 62.2 MB.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from app.db.packed_text import pack, unpack

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

BATCH = 5_000


def _rewrite(kind: str, convert: Callable[[str | bytes], str | bytes | None]) -> None:
    """Each provision text stored as ``kind`` ('text' or 'blob') rewritten by ``convert``,
    by row id, in batches."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    last = -1
    while True:
        rows = bind.execute(sa.text(
            "SELECT pk, text FROM provisions WHERE pk > :last AND typeof(text) = :kind "
            "ORDER BY pk LIMIT :n"), {"last": last, "kind": kind, "n": BATCH}).all()
        if not rows:
            return
        changed = [{"pk": pk, "text": new} for pk, old in rows
                   if (new := convert(old)) is not None and new != old]
        if changed:
            bind.execute(sa.text("UPDATE provisions SET text = :text WHERE pk = :pk"), changed)
        last = rows[-1][0]


def upgrade() -> None:
    _rewrite("text", lambda value: pack(str(value)))


def downgrade() -> None:
    _rewrite("blob", unpack)
