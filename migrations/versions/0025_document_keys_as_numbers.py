"""document keys and relations' target keys stored as numbers

A document is stored under every key a relation's target can find it by
(``parsers.doc_keys``, 0016), and a title's every leading run of words is one: those words
were 0.14 of the 0.20 MB of ``document_keys`` at SCALE=0.01, and as much again in
``ix_document_keys_key``. Each key is now its 63-bit number (``stored_key``), and so is
``relations.target_key``, which is looked up among them. Two keys that hash alike only add a
candidate document, which the resolver decides on as on any other.

Up: the keys, derived from ``documents``, are written again as numbers (the table holds
nothing else); a relation's key is the number of the key it stored. Down: the keys as words
again, from ``documents`` and from each relation's target, as 0016 wrote them.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from parsers.doc_keys import document_keys, stored_key, target_keys

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def _keys_table(key_type: sa.types.TypeEngine[Any]) -> None:
    op.create_table(
        "document_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("key", key_type, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_document_keys_document_id_documents"), ondelete="CASCADE",
            deferrable=True, initially="DEFERRED"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_keys")),
    )
    op.create_index(op.f("ix_document_keys_document_id"), "document_keys", ["document_id"])
    op.create_index("ix_document_keys_key", "document_keys", ["key"])


def _rekey(key_type: sa.types.TypeEngine[Any], as_stored: Callable[[str], object],
           target_key: Callable[[Any], object]) -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        # Rows an earlier migration of the same run wrote may have foreign-key checks
        # queued, and PostgreSQL refuses an ALTER TABLE while they are (as in 0023).
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # Derived from documents alone: written again rather than converted in place.
    op.drop_index("ix_document_keys_key", table_name="document_keys")
    op.drop_index(op.f("ix_document_keys_document_id"), table_name="document_keys")
    op.drop_table("document_keys")
    _keys_table(key_type)
    docs = bind.execute(sa.text("SELECT id, number, type, title FROM documents")).all()
    keys = [{"document_id": d.id, "key": as_stored(key)}
            for d in docs for key in document_keys(d.id, d.number, d.type, d.title)]
    if keys:
        bind.execute(sa.text("INSERT INTO document_keys (document_id, key) "
                             "VALUES (:document_id, :key)"), keys)
    rows = bind.execute(sa.text("SELECT id, target_key, target_number, target_title, "
                                "target_doc_id FROM relations")).all()
    op.drop_index("ix_relations_target_key", table_name="relations")
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("target_key")
    with op.batch_alter_table("relations") as batch:
        batch.add_column(sa.Column("target_key", key_type, nullable=True))
    op.create_index("ix_relations_target_key", "relations", ["target_key"])
    updates = [{"id": r.id, "key": target_key(r)} for r in rows]
    if updates:
        bind.execute(sa.text("UPDATE relations SET target_key = :key WHERE id = :id"), updates)
    if postgres:  # deferred again, as ingest expects (0018)
        op.execute("SET CONSTRAINTS ALL DEFERRED")


def upgrade() -> None:
    _rekey(sa.BigInteger(), stored_key,
           lambda r: None if r.target_key is None else stored_key(r.target_key))


def downgrade() -> None:
    _rekey(sa.Text(), str, lambda r: next(iter(target_keys(
        r.target_number, r.target_title, r.target_doc_id)), None))
