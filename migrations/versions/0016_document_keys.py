"""keys that find the documents a relation names, and the relations that name a document
(issue 13)

- ``document_keys``: each key a relation's target can find a document by
  (``parsers.doc_keys``: its id, number and id prefixes, its type and title as words and
  their leading runs), indexed by key;
- ``relations.target_key``: the target's key, indexed.

Ingest then reads only the documents under a relation's keys, and only the relations under
a document's keys, instead of every document's row (``app/services/status.py``,
``app/services/history.py``). Upgrading fills both from the stored rows.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from parsers.doc_keys import document_keys, target_keys

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_document_keys_document_id_documents"), ondelete="CASCADE",
            deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_keys")),
    )
    op.create_index(op.f("ix_document_keys_document_id"), "document_keys", ["document_id"])
    op.create_index("ix_document_keys_key", "document_keys", ["key"])
    with op.batch_alter_table("relations") as batch:
        batch.add_column(sa.Column("target_key", sa.Text(), nullable=True))
    op.create_index("ix_relations_target_key", "relations", ["target_key"])
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    docs = bind.execute(sa.text("SELECT id, number, type, title FROM documents")).all()
    keys = [{"document_id": d.id, "key": key}
            for d in docs for key in document_keys(d.id, d.number, d.type, d.title)]
    if keys:
        bind.execute(sa.text("INSERT INTO document_keys (document_id, key) "
                             "VALUES (:document_id, :key)"), keys)
    rows = bind.execute(sa.text(
        "SELECT id, target_number, target_title, target_doc_id FROM relations")).all()
    updates = [{"id": r.id, "key": next(iter(target_keys(r.target_number, r.target_title,
                                                         r.target_doc_id)), None)}
               for r in rows]
    if updates:
        bind.execute(sa.text("UPDATE relations SET target_key = :key WHERE id = :id"), updates)


def downgrade() -> None:
    op.drop_index("ix_relations_target_key", table_name="relations")
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("target_key")
    op.drop_index("ix_document_keys_key", table_name="document_keys")
    op.drop_index(op.f("ix_document_keys_document_id"), table_name="document_keys")
    op.drop_table("document_keys")
