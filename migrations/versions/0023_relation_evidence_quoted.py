"""relations.evidence stored only where the provision's text does not give it

A relation's evidence is the sentence of its provision that says what the document does
(``parsers.relations``); where it lies in the provision's text, ``start``/``end`` say where,
and the text stored in ``provisions.text`` gives it back. Those copies were most of the
table (0.17 of its 0.27 MB at SCALE=0.01). ``evidence`` is now null for them and read back
as ``substr`` of the text (``Relation.evidence`` in ``app/db/analysis_models.py``), as
duties read theirs (0014); the evidence of a title or a heading (no offsets) stays stored.

Up nulls only the evidence equal to its quote, so nothing is lost; down fills it back from
the same quote.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

QUOTE = ('(SELECT substr(p.text, relations.start + 1, relations."end" - relations.start) '
         "FROM provisions AS p WHERE p.id = relations.provision_id)")


def _swap(nullable: bool, value: str) -> None:
    # A new column filled from the old, the old dropped, the new renamed: SQLite cannot
    # change a column's NOT NULL in place, and rebuilding the table is what 0019 avoided.
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        # An earlier migration of the same run may have written these rows (0016 sets
        # target_key): updating them again would queue foreign-key checks, and PostgreSQL
        # refuses an ALTER TABLE while checks are pending. Checked at once instead.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    op.add_column("relations", sa.Column("evidence_new", sa.Text(), nullable=nullable,
                                         server_default=None if nullable else ""))
    op.execute(f"UPDATE relations SET evidence_new = {value}")
    if not nullable and postgres:
        op.execute("ALTER TABLE relations ALTER COLUMN evidence_new DROP DEFAULT")
    op.execute("ALTER TABLE relations DROP COLUMN evidence")
    op.execute("ALTER TABLE relations RENAME COLUMN evidence_new TO evidence")
    if postgres and nullable:  # going up: deferred again, as ingest expects (0018)
        op.execute("SET CONSTRAINTS ALL DEFERRED")


def upgrade() -> None:
    _swap(nullable=True, value=f"CASE WHEN start IS NOT NULL AND evidence = {QUOTE} "
                               "THEN NULL ELSE evidence END")


def downgrade() -> None:
    _swap(nullable=False, value=f"coalesce(evidence, {QUOTE})")
