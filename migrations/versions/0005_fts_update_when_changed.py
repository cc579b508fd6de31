"""the full-text update trigger fires only when indexed text changed

SQLite runs an ``AFTER UPDATE OF col`` trigger whenever ``col`` is in the SET clause, even
with the same value. A re-ingest rewrites every row whose position shifted (a provision
inserted before it), so each was deleted from and re-added to both FTS5 indexes for nothing.
The ``WHEN`` clause keeps the index work to rows whose indexed text differs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = ("heading_folded", "text_folded", "cite_folded", "heading_norm", "text_norm",
           "cite_norm")

BODY = """
    INSERT INTO provisions_fts(provisions_fts, rowid, heading_folded, text_folded, cite_folded)
    VALUES ('delete', old.pk, old.heading_folded, old.text_folded, old.cite_folded);
    INSERT INTO provisions_fts(rowid, heading_folded, text_folded, cite_folded)
    VALUES (new.pk, new.heading_folded, new.text_folded, new.cite_folded);
    INSERT INTO provisions_norm_fts(provisions_norm_fts, rowid, heading_norm, text_norm, cite_norm)
    VALUES ('delete', old.pk, old.heading_norm, old.text_norm, old.cite_norm);
    INSERT INTO provisions_norm_fts(rowid, heading_norm, text_norm, cite_norm)
    VALUES (new.pk, new.heading_norm, new.text_norm, new.cite_norm);
"""


def _trigger(when: bool) -> str:
    condition = " OR ".join(f"old.{c} IS NOT new.{c}" for c in COLUMNS)
    return (
        f"CREATE TRIGGER provisions_fts_au AFTER UPDATE OF {', '.join(COLUMNS)} ON provisions"
        f"{f' WHEN {condition}' if when else ''} BEGIN {BODY} END"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the FTS5 tables exist on SQLite only
        op.execute("DROP TRIGGER provisions_fts_au")
        op.execute(_trigger(when=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER provisions_fts_au")
        op.execute(_trigger(when=False))
