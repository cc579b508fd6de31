"""relations between documents, defined terms, effective dates (issue 13)

Three analysis tables, written at ingest with the rest of a document's analysis and
dropped with it:

- ``relations``: amends / repeals / replaces / details / implements / cites, each with the
  sentence that says so and the target as cited (resolved when read);
- ``terms``: the terms of ``Giải thích từ ngữ`` articles, with their folded words;
- ``effective_dates``: the date a document takes effect and the provision that says it.

Documents ingested before this revision get these rows when re-ingested.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DEFERRED = {"deferrable": True, "initially": "DEFERRED"}


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE", **DEFERRED,
    )


def upgrade() -> None:
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("target_raw", sa.Text(), nullable=False),
        sa.Column("target_number", sa.String(200), nullable=True),
        sa.Column("target_title", sa.Text(), nullable=True),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.Column("target_doc_id", sa.String(200), nullable=True),
        sa.Column("target_path", sa.String(200), nullable=True),
        _fk("relations", "document_id", "documents"),
        _fk("relations", "provision_id", "provisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    op.create_index(op.f("ix_relations_document_id"), "relations", ["document_id"])
    op.create_index(op.f("ix_relations_provision_id"), "relations", ["provision_id"])
    op.create_index("ix_relations_target_doc_id", "relations", ["target_doc_id"])
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        _fk("terms", "document_id", "documents"),
        _fk("terms", "provision_id", "provisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
    )
    op.create_index(op.f("ix_terms_document_id"), "terms", ["document_id"])
    op.create_index(op.f("ix_terms_provision_id"), "terms", ["provision_id"])
    op.create_index(op.f("ix_terms_folded"), "terms", ["folded"])
    op.create_table(
        "effective_dates",
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        _fk("effective_dates", "document_id", "documents"),
        _fk("effective_dates", "provision_id", "provisions"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_effective_dates")),
    )
    op.create_index(op.f("ix_effective_dates_provision_id"), "effective_dates",
                    ["provision_id"])


def downgrade() -> None:
    op.drop_table("effective_dates")
    op.drop_table("terms")
    op.drop_table("relations")
