"""duty quotes derived: ``duties.mention`` and ``duties.evidence`` read from the text

Both columns copied a slice of the stored text their offsets already index (the
provision's, or ``via_provision_id``'s; its heading when ``in_heading``): 15 MB of the
duties' 37 MB at 100 000 provisions. The model reads them as ``substr`` of that text
(``app/db/analysis_models.py``). ``spans`` is kept only for a duty read in more than one
place; the columns hold the first place, and a single span repeated them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

QUOTED = """(SELECT substr(CASE WHEN duties.in_heading THEN p.heading ELSE p.text END,
                           duties.{0}_start + 1, duties.{0}_end - duties.{0}_start)
             FROM provisions AS p
             WHERE p.id = coalesce(duties.via_provision_id, duties.provision_id))"""


def upgrade() -> None:
    op.execute("UPDATE duties SET spans = NULL WHERE json_array_length(spans) = 1")
    op.drop_column("duties", "mention")
    op.drop_column("duties", "evidence")


def downgrade() -> None:
    for name in ("mention", "evidence"):
        op.add_column("duties", sa.Column(name, sa.Text(), nullable=False,
                                          server_default=""))
        op.execute(f"UPDATE duties SET {name} = {QUOTED.format(name)}")
    op.execute(
        "UPDATE duties SET spans = json_build_array(json_build_array(mention_start, "
        "mention_end, evidence_start, evidence_end)) WHERE spans IS NULL"
        if op.get_bind().dialect.name == "postgresql" else
        "UPDATE duties SET spans = json_array(json_array(mention_start, mention_end, "
        "evidence_start, evidence_end)) WHERE spans IS NULL")
