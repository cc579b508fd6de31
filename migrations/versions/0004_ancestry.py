"""provisions.ancestry: the paths of a provision's ancestors and its own

Article and chapter paths omit what is above them (``d11``, not ``ch2.m1.d11``), so a path
prefix cannot say that article 11 lies in Mục 1 of Chương II. ``ancestry`` (`` ch2 ch2.m1
d11 ``) can; the search filter ``section`` reads it. Existing rows are filled from the
parent chain in one recursive query (standard SQL: SQLite and PostgreSQL alike).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BACKFILL = """
WITH RECURSIVE chain(id, ancestry) AS (
    SELECT id, ' ' || path || ' ' FROM provisions WHERE parent_id IS NULL
    UNION ALL
    SELECT p.id, chain.ancestry || p.path || ' '
    FROM provisions p JOIN chain ON p.parent_id = chain.id
)
UPDATE provisions SET ancestry = (SELECT ancestry FROM chain WHERE chain.id = provisions.id)
"""


# Plain ALTER TABLE, not batch mode: SQLite adds and drops a column in place, and rebuilding
# the table would drop the full-text triggers that hang on it.
def upgrade() -> None:
    op.add_column("provisions", sa.Column("ancestry", sa.Text(), nullable=False, server_default=""))
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_column("provisions", "ancestry")
