"""duties.role as a small number, not its name

The role's name (``implement``, ``coordinate``…, eight bytes on average) was in every duty
and again in both indexes that hold the role (``ix_duties_body_role``,
``uq_duties_provision_body_role``). The number is its place in ``ROLES``, the names in
alphabetical order, so an index or a GROUP BY on it orders rows as the names did; the model
reads and writes the names (``DutyRole`` in ``app/db/analysis_models.py``). The view
``duties_named`` shows the names.

PostgreSQL changes the column's type in place; SQLite, which cannot, adds the new column,
fills it, drops the old one and renames the new (the two indexes and the view, which name
the column, are dropped first and made again).

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# DUTY_ROLE_CODES of app/db/analysis_models.py, copied: a migration keeps its meaning.
ROLES = ("coordinate", "implement", "lead", "mention", "report_to")
TO_CODE = "CASE role " + " ".join(f"WHEN '{n}' THEN {c}" for c, n in enumerate(ROLES)) + " END"
TO_NAME = "CASE {} " + " ".join(f"WHEN {c} THEN '{n}'" for c, n in enumerate(ROLES)) + " END"


def _view(role: str) -> str:
    # duties with the public ids of their provision, body and source provision (0018).
    return f"""CREATE VIEW duties_named AS
SELECT d.id, d.document_id, p.id AS provision_id, b.id AS body_id, {role} AS role,
       d.mention_start, d.mention_end, d.evidence_start, d.evidence_end, d.inferred,
       v.id AS via_provision_id, d.spans, d.position, d.in_heading, d.lead_in
FROM duties AS d
JOIN provisions AS p ON p.pk = d.provision_pk
JOIN bodies AS b ON b.pk = d.body_pk
LEFT JOIN provisions AS v ON v.pk = d.via_provision_pk"""


def _indexes(create: bool) -> None:
    if create:
        op.create_index("ix_duties_body_role", "duties", ["body_pk", "role"])
        op.create_index("uq_duties_provision_body_role", "duties",
                        ["provision_pk", "body_pk", "role"], unique=True)
    else:
        op.drop_index("ix_duties_body_role", "duties")
        op.drop_index("uq_duties_provision_body_role", "duties")


def _retype(new_type: sa.types.TypeEngine[object], convert: str, default: str) -> None:
    op.execute("DROP VIEW duties_named")
    if op.get_bind().dialect.name == "postgresql":
        # One rewrite of the table and its indexes; no row is updated, so no foreign-key
        # check is queued (0018's note on "pending trigger events").
        op.execute(f"ALTER TABLE duties ALTER COLUMN role TYPE "
                   f"{new_type.compile(dialect=op.get_bind().dialect)} USING {convert}")
        return
    _indexes(create=False)
    op.add_column("duties", sa.Column("role_new", new_type, nullable=False,
                                      server_default=sa.text(default)))
    op.execute(f"UPDATE duties SET role_new = {convert}")
    op.execute("ALTER TABLE duties DROP COLUMN role")
    op.execute("ALTER TABLE duties RENAME COLUMN role_new TO role")
    _indexes(create=True)


def upgrade() -> None:
    _retype(sa.SmallInteger(), TO_CODE, "0")
    op.execute(_view(TO_NAME.format("d.role")))


def downgrade() -> None:
    _retype(sa.String(20), TO_NAME.format("role"), "''")
    op.execute(_view("d.role"))
