"""bodies, duties, targets, citations, crossrefs: the analysis of each provision

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEFERRED = {"deferrable": True, "initially": "DEFERRED"}


def _owner_columns(table: str) -> list[sa.SchemaItem]:
    """id, document_id and provision_id, with the foreign keys every analysis row has."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f(f"fk_{table}_document_id_documents"),
            ondelete="CASCADE", **DEFERRED,
        ),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"], name=op.f(f"fk_{table}_provision_id_provisions"),
            ondelete="CASCADE", **DEFERRED,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _owner_indexes(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_document_id"), table, ["document_id"])
    op.create_index(op.f(f"ix_{table}_provision_id"), table, ["provision_id"])


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("parent_id", sa.String(200), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["bodies.id"], name=op.f("fk_bodies_parent_id_bodies"),
            ondelete="SET NULL", **DEFERRED,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
    )
    op.create_table(
        "duties",
        *_owner_columns("duties"),
        sa.Column("body_id", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("mention_start", sa.Integer(), nullable=False),
        sa.Column("mention_end", sa.Integer(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        sa.Column("via_provision_id", sa.String(400), nullable=True),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_duties_body_id_bodies"), **DEFERRED,
        ),
        sa.ForeignKeyConstraint(
            ["via_provision_id"], ["provisions.id"],
            name=op.f("fk_duties_via_provision_id_provisions"), ondelete="CASCADE", **DEFERRED,
        ),
    )
    _owner_indexes("duties")
    op.create_index("ix_duties_body_role", "duties", ["body_id", "role"])
    op.create_table(
        "targets",
        *_owner_columns("targets"),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("comparator", sa.String(10), nullable=True),
        sa.Column("unit", sa.String(100), nullable=True),
        sa.Column("qualitative", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    _owner_indexes("targets")
    op.create_index(op.f("ix_targets_year"), "targets", ["year"])
    op.create_table(
        "citations",
        *_owner_columns("citations"),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("number", sa.String(200), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("article", sa.String(20), nullable=True),
        sa.Column("clause", sa.String(20), nullable=True),
        sa.Column("point", sa.String(10), nullable=True),
        sa.Column("cited_doc_id", sa.String(200), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    _owner_indexes("citations")
    op.create_table(
        "crossrefs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("source_id", sa.String(400), nullable=False),
        sa.Column("target_id", sa.String(400), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_crossrefs_document_id_documents"),
            ondelete="CASCADE", **DEFERRED,
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["provisions.id"], name=op.f("fk_crossrefs_source_id_provisions"),
            ondelete="CASCADE", **DEFERRED,
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["provisions.id"], name=op.f("fk_crossrefs_target_id_provisions"),
            ondelete="CASCADE", **DEFERRED,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crossrefs")),
    )
    op.create_index(op.f("ix_crossrefs_document_id"), "crossrefs", ["document_id"])
    op.create_index(op.f("ix_crossrefs_target_id"), "crossrefs", ["target_id"])
    op.create_index("ix_crossrefs_source_target", "crossrefs", ["source_id", "target_id"],
                    unique=True)


def downgrade() -> None:
    for table in ("crossrefs", "citations", "targets", "duties", "bodies"):
        op.drop_table(table)
