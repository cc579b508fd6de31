"""duties passed down by a lead-in (issue 11, second round)

- ``duties.lead_in``: true for a duty a lead-in gives the items under it ("Giao Đảng ủy
  Chính phủ lãnh đạo, chỉ đạo:" over tasks that do not name the body again). Its mention
  and evidence are the lead-in's, whose provision is ``via_provision_id`` (as for an
  inferred duty); ``in_heading`` says whether they index that provision's heading.

Documents ingested before this revision get these rows when re-ingested.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("duties", sa.Column("lead_in", sa.Boolean(), nullable=False,
                                      server_default="0"))


def downgrade() -> None:
    op.execute("DELETE FROM duties WHERE lead_in")
    op.drop_column("duties", "lead_in")
