"""duties keyed by row ids: ``provision_pk``, ``body_pk``, ``via_provision_pk``

A duty held its provision, body and (when inferred or passed down) source provision by
their public text ids, each thirty bytes or so, in the row and again in the unique
(provision, body, role) and (body, role) indexes: 4.2 of the 14 MB of the store at
SCALE=0.01. Integer row ids take a few bytes each; the public ids are read back through
the unique keys (``app/db/analysis_models.py``). ``bodies`` gets an integer primary key
for this (``id`` stays unique, and the parent's key), and the index on the source
provision holds only the duties that have one (most have none).

``duties_named`` is a view of duties as they were, with the public ids (for Datasette and
SQL by hand): no bytes on disk.

Both directions rebuild the two tables (data copied out and back through a join on the
unique ids), the same statements on SQLite and PostgreSQL.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DEFERRED = {"deferrable": True, "initially": "DEFERRED"}
VIA = sa.text("via_provision_pk IS NOT NULL")
BODY_COLUMNS = ("id", "name", "kind", "parent_id", "aliases", "valid_from", "valid_to",
                "successor_id", "change_act", "sources")
# Columns the two shapes of duties share.
DUTY_COLUMNS = ("id", "document_id", "role", "mention_start", "mention_end", "evidence_start",
                "evidence_end", "inferred", "spans", "position", "in_heading", "lead_in")


def _body_table(keyed: bool) -> None:
    op.create_table(
        "bodies",
        *([sa.Column("pk", sa.Integer(), nullable=False)] if keyed else []),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("parent_id", sa.String(200), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.String(10), nullable=True),
        sa.Column("valid_to", sa.String(10), nullable=True),
        sa.Column("successor_id", sa.String(200), nullable=True),
        sa.Column("change_act", sa.Text(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["bodies.id"], name=op.f("fk_bodies_parent_id_bodies"),
            ondelete="SET NULL", **DEFERRED),
        sa.PrimaryKeyConstraint("pk" if keyed else "id", name=op.f("pk_bodies")),
        *([sa.UniqueConstraint("id", name=op.f("uq_bodies_id"))] if keyed else []),
    )
    op.create_index(op.f("ix_bodies_parent_id"), "bodies", ["parent_id"])


def _duty_table(keyed: bool) -> None:
    if keyed:
        keys = [
            sa.Column("provision_pk", sa.Integer(), nullable=False),
            sa.Column("body_pk", sa.Integer(), nullable=False),
            sa.Column("via_provision_pk", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(
                ["provision_pk"], ["provisions.pk"],
                name=op.f("fk_duties_provision_pk_provisions"), ondelete="CASCADE", **DEFERRED),
            sa.ForeignKeyConstraint(
                ["body_pk"], ["bodies.pk"], name=op.f("fk_duties_body_pk_bodies"), **DEFERRED),
            sa.ForeignKeyConstraint(
                ["via_provision_pk"], ["provisions.pk"],
                name=op.f("fk_duties_via_provision_pk_provisions"), ondelete="CASCADE",
                **DEFERRED),
        ]
    else:
        keys = [
            sa.Column("provision_id", sa.String(400), nullable=False),
            sa.Column("body_id", sa.String(200), nullable=False),
            sa.Column("via_provision_id", sa.String(400), nullable=True),
            sa.ForeignKeyConstraint(
                ["provision_id"], ["provisions.id"],
                name=op.f("fk_duties_provision_id_provisions"), ondelete="CASCADE", **DEFERRED),
            sa.ForeignKeyConstraint(
                ["body_id"], ["bodies.id"], name=op.f("fk_duties_body_id_bodies"), **DEFERRED),
            sa.ForeignKeyConstraint(
                ["via_provision_id"], ["provisions.id"],
                name=op.f("fk_duties_via_provision_id_provisions"), ondelete="CASCADE",
                **DEFERRED),
        ]
    op.create_table(
        "duties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("mention_start", sa.Integer(), nullable=False),
        sa.Column("mention_end", sa.Integer(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=True),
        sa.Column("position", sa.String(100), nullable=True),
        sa.Column("in_heading", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("lead_in", sa.Boolean(), nullable=False, server_default="0"),
        *keys,
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_duties_document_id_documents"),
            ondelete="CASCADE", **DEFERRED),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duties")),
    )
    op.create_index(op.f("ix_duties_document_id"), "duties", ["document_id"])
    if keyed:
        op.create_index("ix_duties_body_role", "duties", ["body_pk", "role"])
        op.create_index("uq_duties_provision_body_role", "duties",
                        ["provision_pk", "body_pk", "role"], unique=True)
        op.create_index("ix_duties_via_provision_pk", "duties", ["via_provision_pk"],
                        sqlite_where=VIA, postgresql_where=VIA)
    else:
        op.create_index("ix_duties_body_role", "duties", ["body_id", "role"])
        op.create_index("uq_duties_provision_body_role", "duties",
                        ["provision_id", "body_id", "role"], unique=True)
        op.create_index(op.f("ix_duties_via_provision_id"), "duties", ["via_provision_id"])


def _rebuild(keyed: bool) -> None:
    """Copy duties and bodies aside, recreate both in the other shape, copy them back."""
    op.execute("CREATE TABLE duties_0018 AS SELECT * FROM duties")
    op.execute("CREATE TABLE bodies_0018 AS SELECT * FROM bodies")
    op.drop_table("duties")
    op.drop_table("bodies")
    _body_table(keyed)
    columns = ", ".join(BODY_COLUMNS)
    # pk: numbered in id order by the insert (SQLite's rowid, PostgreSQL's serial).
    op.execute(f"INSERT INTO bodies ({columns}) SELECT {columns} FROM bodies_0018 ORDER BY id")
    _duty_table(keyed)
    shared = ", ".join(DUTY_COLUMNS)
    picked = ", ".join(f"d.{c}" for c in DUTY_COLUMNS)
    if keyed:
        op.execute(f"""
            INSERT INTO duties ({shared}, provision_pk, body_pk, via_provision_pk)
            SELECT {picked}, p.pk, b.pk, v.pk FROM duties_0018 AS d
            JOIN provisions AS p ON p.id = d.provision_id
            JOIN bodies AS b ON b.id = d.body_id
            LEFT JOIN provisions AS v ON v.id = d.via_provision_id""")
    else:
        op.execute(f"""
            INSERT INTO duties ({shared}, provision_id, body_id, via_provision_id)
            SELECT {picked}, p.id, b.id, v.id FROM duties_0018 AS d
            JOIN provisions AS p ON p.pk = d.provision_pk
            JOIN bodies_0018 AS b ON b.pk = d.body_pk
            LEFT JOIN provisions AS v ON v.pk = d.via_provision_pk""")
    op.drop_table("duties_0018")
    op.drop_table("bodies_0018")
    if op.get_bind().dialect.name == "postgresql":
        # Rows came with their ids: the sequence goes past them.
        op.execute("SELECT setval(pg_get_serial_sequence('duties', 'id'), "
                   "coalesce((SELECT max(id) FROM duties), 0) + 1, false)")
        # The deferred foreign keys are checked now, not at the commit: a later migration
        # of the same run may alter these tables, which PostgreSQL refuses while checks
        # are pending ("pending trigger events"). Going down they stay immediate to the
        # end of the run: 0014 updates the rows inserted here (an update of a row of this
        # transaction queues its checks again), then alters the table.
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if keyed:
            op.execute("SET CONSTRAINTS ALL DEFERRED")


# duties with the public ids of their provision, body and source provision, in the columns'
# order before 0018.
NAMED_VIEW = """CREATE VIEW duties_named AS
SELECT d.id, d.document_id, p.id AS provision_id, b.id AS body_id, d.role, d.mention_start,
       d.mention_end, d.evidence_start, d.evidence_end, d.inferred,
       v.id AS via_provision_id, d.spans, d.position, d.in_heading, d.lead_in
FROM duties AS d
JOIN provisions AS p ON p.pk = d.provision_pk
JOIN bodies AS b ON b.pk = d.body_pk
LEFT JOIN provisions AS v ON v.pk = d.via_provision_pk"""


def upgrade() -> None:
    _rebuild(keyed=True)
    op.execute(NAMED_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW duties_named")
    _rebuild(keyed=False)
