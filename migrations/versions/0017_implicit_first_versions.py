"""implicit first versions: "added in version 1" is no longer stored for unchanged ids

A document's first ingest wrote one ``provision_history`` row per provision, each saying
only what ``provisions`` says (the id, its document, its hash): 18 MB with their indexes
of 182 MB at 100 000 provisions. An id with no row is now "added in version 1" with its
current hash (``app/services/history.py``); the row is written when a later version first
changes, moves or removes the id. This drops the rows that said nothing more: a version-1
``added`` row whose id has no other row.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-28
"""
from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
        DELETE FROM provision_history
        WHERE version = 1 AND change = 'added' AND NOT EXISTS (
            SELECT 1 FROM provision_history AS later
            WHERE later.provision_id = provision_history.provision_id
              AND later.id <> provision_history.id)""")


def downgrade() -> None:
    # The implicit rows again: every stored id of a document with a first version and no
    # row of its own.
    op.execute("""
        INSERT INTO provision_history (provision_id, document_id, version, change,
                                       content_hash, other_id)
        SELECT p.id, p.document_id, 1, 'added', p.content_hash, NULL
        FROM provisions AS p
        WHERE EXISTS (SELECT 1 FROM document_versions AS v
                      WHERE v.document_id = p.document_id AND v.version = 1)
          AND NOT EXISTS (SELECT 1 FROM provision_history AS h
                          WHERE h.provision_id = p.id)""")
