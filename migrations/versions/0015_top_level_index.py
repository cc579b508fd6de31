"""top-level siblings get a partial index; the document/parent/position index goes

``ix_provisions_document_parent_position`` (4.5 MB at 100 000 provisions) served previous
and next sibling lookups. Under a parent, ``ix_provisions_parent_position`` serves them (a
parent id is unique across documents); at the top level of a document, a partial index on
``(document_id, position) WHERE parent_id IS NULL`` does, holding a few rows per document.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TOP = sa.text("parent_id IS NULL")


def upgrade() -> None:
    op.create_index("ix_provisions_top_position", "provisions", ["document_id", "position"],
                    sqlite_where=TOP, postgresql_where=TOP)
    op.drop_index("ix_provisions_document_parent_position", table_name="provisions")


def downgrade() -> None:
    op.create_index("ix_provisions_document_parent_position", "provisions",
                    ["document_id", "parent_id", "position"])
    op.drop_index("ix_provisions_top_position", table_name="provisions")
