"""provisions.content_hash as its 32 bytes, not 64 hex digits

The hex digest was 64 bytes of every provision (0.6 of the 6.5 MB of provisions at
SCALE=0.01). The model reads and writes it as the same hex string (``HexDigest`` in
``app/db/models.py``), so the API and the history show what they showed.

In place on both stores: a new column filled from the old one, the old one dropped, the new
one renamed (SQLite >= 3.35 drops and renames a column without rebuilding the table, which
would also have to move every row that points at a provision). ``provision_history`` keeps
its hex: it holds a row per change, not per provision.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-28
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BATCH = 5_000


def _swap(new_type: Any, convert: str, default: str, py: Any) -> None:
    bind = op.get_bind()
    op.add_column("provisions", sa.Column("content_new", new_type, nullable=False,
                                          server_default=sa.text(default)))
    if bind.dialect.name == "postgresql":
        op.execute(f"UPDATE provisions SET content_new = {convert}")
        op.execute("ALTER TABLE provisions ALTER COLUMN content_new DROP DEFAULT")
    else:  # SQLite before 3.41 has no unhex(): the conversion runs here, in batches
        last = -1
        while True:
            rows = bind.execute(sa.text(
                "SELECT pk, content_hash FROM provisions WHERE pk > :last ORDER BY pk "
                "LIMIT :n"), {"last": last, "n": BATCH}).all()
            if not rows:
                break
            bind.execute(sa.text("UPDATE provisions SET content_new = :v WHERE pk = :pk"),
                         [{"pk": pk, "v": py(value)} for pk, value in rows])
            last = rows[-1][0]
    op.execute("ALTER TABLE provisions DROP COLUMN content_hash")
    op.execute("ALTER TABLE provisions RENAME COLUMN content_new TO content_hash")


def upgrade() -> None:
    _swap(sa.LargeBinary(), "decode(content_hash, 'hex')",
          "''" if op.get_bind().dialect.name == "postgresql" else "x''", bytes.fromhex)


def downgrade() -> None:
    _swap(sa.String(64), "encode(content_hash, 'hex')", "''", lambda v: bytes(v).hex())
