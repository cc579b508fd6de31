"""the milestone a target sits under, kept as printed (issue 11)

A target stored its year only: "2030" does not say whether the text set it as "Đến năm
2030", "Tầm nhìn đến năm 2030" or a bare "năm 2030" inside the sentence, and a reader of
``/targets`` had to open the provision to see what the year hangs on. ``targets.milestone``
holds those words as printed; null when the year came from the plan's title or time frame,
or there is none.

Up: the column, null on every stored row until its document is ingested again (the words
are read from the provision tree, which only the ingest walks). Down: the column dropped.

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-29
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def _prepare() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Rows an earlier migration of the same run wrote may have foreign-key checks
        # queued, and PostgreSQL refuses an ALTER TABLE while they are (as in 0023).
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _done() -> None:
    if op.get_bind().dialect.name == "postgresql":  # deferred again, as ingest expects (0018)
        op.execute("SET CONSTRAINTS ALL DEFERRED")


def upgrade() -> None:
    _prepare()
    op.add_column("targets", sa.Column("milestone", sa.Text(), nullable=True))
    _done()


def downgrade() -> None:
    _prepare()
    op.execute("ALTER TABLE targets DROP COLUMN milestone")
    _done()
