"""bodies whose duties were split among several successors (issue 11, tenth round)

- ``body_successors``: one row per (body, successor), with the part of the duties the
  successor took over (``scope``, in the words of the act) and that act (``change_act``).
  A sole successor has a row without scope; ``bodies.successor_id`` keeps naming it, so
  readers of that column see what they saw before.

Up: the table, and a row for every stored ``bodies.successor_id``; the registry's stored
digest is dropped, so the next ingest syncs the registry and writes the splits. Down:
the table dropped; ``bodies.successor_id`` is untouched, so a sole successor stays known.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_successors",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("body_id", sa.String(200), nullable=False),
        sa.Column("successor_id", sa.String(200), nullable=False),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("change_act", sa.Text(), nullable=True),
    )
    op.create_index("ix_body_successors_body_id", "body_successors", ["body_id"])
    op.create_index("ix_body_successors_successor_id", "body_successors", ["successor_id"])
    op.execute("INSERT INTO body_successors (body_id, successor_id) "
               "SELECT id, successor_id FROM bodies WHERE successor_id IS NOT NULL")
    op.execute("DELETE FROM store_info WHERE key = 'bodies_digest'")


def downgrade() -> None:
    op.drop_index("ix_body_successors_successor_id", table_name="body_successors")
    op.drop_index("ix_body_successors_body_id", table_name="body_successors")
    op.drop_table("body_successors")
