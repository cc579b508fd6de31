"""versions of documents, the history of provision ids, stored in-force status (issue 13)

- ``document_versions``: one row per ingest that changed a document (version 1, 2, …),
  with when, the source hash, and the document's issue and effective dates then;
- ``provision_history``: what each ingest did to each provision id (``added``,
  ``changed``, ``moved_from``/``moved_to`` another id with the same content hash,
  ``removed``), so an old id answers 301 or 410 instead of 404. Looked up by
  ``(provision_id, version)``; an ingest writes rows only for the ids it changed.
  Neither table has a foreign key to ``documents``: the history is what outlives a
  provision.
- ``document_status``: the facts that decide whether a document is in force
  (``effective_from``; ``ended_from``/``ended_by``/``ended_kind`` when a stored document
  repeals or replaces it), kept by ingest, so "in force on D" is two indexed comparisons.
- ``effective_dates.provision_id`` may be null: a date read from the header or closing
  text rather than from a provision.

Upgrading backfills version 1 of every stored document (each provision ``added``) and
each document's ``effective_from``; the ending facts need the relations resolved, which
``vnlex status recompute`` does (``vnlex db upgrade`` runs it when it crosses 0013).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_versions",
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("source_hash", sa.String(64), nullable=True),
        sa.Column("issue_date", sa.String(10), nullable=True),
        sa.Column("effective_date", sa.String(10), nullable=True),
        sa.PrimaryKeyConstraint("document_id", "version", name=op.f("pk_document_versions")),
    )
    op.create_table(
        "provision_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(12), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("other_id", sa.String(400), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provision_history")),
    )
    op.create_index("ix_provision_history_provision_version", "provision_history",
                    ["provision_id", "version"])
    op.create_index("ix_provision_history_document_id", "provision_history", ["document_id"])
    op.create_table(
        "document_status",
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("effective_from", sa.String(10), nullable=True),
        sa.Column("ended_from", sa.String(10), nullable=True),
        sa.Column("ended_by", sa.String(200), nullable=True),
        sa.Column("ended_kind", sa.String(20), nullable=True),
        sa.Column("ended_evidence", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_document_status_document_id_documents"), ondelete="CASCADE",
            deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_status")),
    )
    op.create_index("ix_document_status_effective_from", "document_status", ["effective_from"])
    op.create_index("ix_document_status_ended_from", "document_status", ["ended_from"])
    op.create_index("ix_document_status_ended_by", "document_status", ["ended_by"])
    with op.batch_alter_table("effective_dates") as batch:
        batch.alter_column("provision_id", existing_type=sa.String(400), nullable=True)
    _backfill()


def _backfill() -> None:
    op.execute(
        "INSERT INTO document_versions (document_id, version, ingested_at, source_hash, "
        "issue_date, effective_date) "
        "SELECT d.id, 1, d.updated_at, d.source_hash, d.date, e.date FROM documents d "
        "LEFT JOIN effective_dates e ON e.document_id = d.id"
    )
    op.execute(
        "INSERT INTO provision_history (provision_id, document_id, version, change, "
        "content_hash) SELECT id, document_id, 1, 'added', content_hash FROM provisions"
    )
    op.execute(
        "INSERT INTO document_status (document_id, effective_from) "
        "SELECT d.id, e.date FROM documents d LEFT JOIN effective_dates e "
        "ON e.document_id = d.id"
    )


def downgrade() -> None:
    op.execute("DELETE FROM effective_dates WHERE provision_id IS NULL")
    with op.batch_alter_table("effective_dates") as batch:
        batch.alter_column("provision_id", existing_type=sa.String(400), nullable=False)
    op.drop_table("document_status")
    op.drop_table("provision_history")
    op.drop_table("document_versions")
