"""indexes: the foreign keys that had none, and a provision's siblings within its document

With foreign keys enforced, deleting a provision (a re-ingest drops vanished rows, and
``_drop_superseded`` whole documents) makes SQLite look up every row that points at it; an
unindexed referencing column is a full scan per deleted row (8.35 s instead of 0.02 s at
110 000 duties for ``duties.via_provision_id``). ``bodies.parent_id`` is the same for a body
leaving the registry.

``provisions(document_id, parent_id, position)``: the previous and next siblings of a
provision in two index seeks. With ``document_id`` in the query SQLite preferred its
one-column index (every row of the document) over ``(parent_id, position)``, and a
top-level node (``parent_id IS NULL``) cannot be found by parent alone.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_duties_via_provision_id"), "duties", ["via_provision_id"])
    op.create_index(op.f("ix_bodies_parent_id"), "bodies", ["parent_id"])
    op.create_index("ix_provisions_document_parent_position", "provisions",
                    ["document_id", "parent_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_provisions_document_parent_position", table_name="provisions")
    op.drop_index(op.f("ix_bodies_parent_id"), table_name="bodies")
    op.drop_index(op.f("ix_duties_via_provision_id"), table_name="duties")
