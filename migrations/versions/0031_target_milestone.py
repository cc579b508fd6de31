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


# Plain DDL: no migration writes ``targets`` rows, so none has foreign-key checks queued
# on it when this runs in the same transaction as 0030's inserts (on PostgreSQL an ALTER
# TABLE is refused only on a table with pending trigger events, as 0026 notes).


def upgrade() -> None:
    op.add_column("targets", sa.Column("milestone", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("targets", "milestone")
