"""drop ix_duties_provision_id: the unique index on (provision_id, body_id, role) serves it

Every lookup of a provision's duties can use the unique index's first column, so the
single-column index only cost space (4.5 MB of 137 MB at 100 000 provisions) and a write
per duty at ingest.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""
from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_duties_provision_id", table_name="duties")


def downgrade() -> None:
    op.create_index("ix_duties_provision_id", "duties", ["provision_id"])
