"""a body's duties in the order lists show them, from an index (issue 8)

``/duties?body=X`` and ``/bodies/X`` list a body's duties by document, role or not, a page
at a time. ``ix_duties_body_role`` (body, role) found them but not in that order, so each
page sorted all of a body's duties (SQLite: a temporary B-tree), and PostgreSQL could
prefer walking every duty in document order: at a million provisions, a role a ministry
never holds took 320 ms to answer "none" (1.6 million rows filtered).

Up: ``ix_duties_body_role`` becomes (body, role, document, id), and (body, document, id)
is new: a page reads its rows in order and stops. Down: the old index back.

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-28
"""
from __future__ import annotations

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_duties_body_role", table_name="duties")
    op.create_index("ix_duties_body_role", "duties", ["body_pk", "role", "document_id", "id"])
    op.create_index("ix_duties_body_order", "duties", ["body_pk", "document_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_duties_body_order", table_name="duties")
    op.drop_index("ix_duties_body_role", table_name="duties")
    op.create_index("ix_duties_body_role", "duties", ["body_pk", "role"])
