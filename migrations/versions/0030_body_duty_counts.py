"""each body's duties counted once, kept by ingest (issue 8)

``/bodies`` showed every body's duties by role by counting them at each request: at a
million provisions a page of 50 bodies counted a million and a half duties (1.1 s on
SQLite, 0.36 s on PostgreSQL). ``body_duty_counts`` holds the counts per body, role,
inferred and lead-in; ingest subtracts a document's duties as it clears them and adds
them as it writes them (``app/services/duty_counts.py``).

Up: the table, filled from the stored duties. Down: the table dropped.

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_duty_counts",
        sa.Column("body_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.SmallInteger(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        sa.Column("lead_in", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_pk"], ["bodies.pk"],
                                name=op.f("fk_body_duty_counts_body_pk_bodies"),
                                deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("body_pk", "role", "inferred", "lead_in",
                                name=op.f("pk_body_duty_counts")),
    )
    op.execute("INSERT INTO body_duty_counts (body_pk, role, inferred, lead_in, n) "
               "SELECT body_pk, role, inferred, lead_in, count(*) FROM duties "
               "GROUP BY body_pk, role, inferred, lead_in")


def downgrade() -> None:
    op.drop_table("body_duty_counts")
