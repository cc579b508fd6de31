"""one duty per (provision, body, role), unresolved mentions, bodies with history

- ``duties`` had a row per mention: a body named twice in one role of one provision gave
  two rows (the bundled corpus had 130 such keys). Upgrading keeps the first row of each
  key, gathers the places of all of them into ``spans`` and adds a unique index; a direct
  duty wins over an inferred one of the same key. ``position`` keeps the office through
  which a body was named ("Bộ trưởng"); ``in_heading`` marks duties read from a heading.
- ``unresolved_mentions``: names shaped like a body (``Đảng ủy X``, ``Sở X``) that the
  registry does not know.
- ``bodies``: ``valid_from``, ``valid_to``, ``successor_id``, ``change_act``, ``sources``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""
from __future__ import annotations

import json
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DEFERRED = {"deferrable": True, "initially": "DEFERRED"}
BODY_COLUMNS = ("valid_from", "valid_to", "successor_id", "change_act", "sources")


def upgrade() -> None:
    op.add_column("duties", sa.Column("spans", sa.JSON(), nullable=True))
    op.add_column("duties", sa.Column("position", sa.String(100), nullable=True))
    op.add_column("duties", sa.Column("in_heading", sa.Boolean(), nullable=False,
                                      server_default="0"))
    _merge_duplicates()
    op.create_index("uq_duties_provision_body_role", "duties",
                    ["provision_id", "body_id", "role"], unique=True)
    op.add_column("bodies", sa.Column("valid_from", sa.String(10), nullable=True))
    op.add_column("bodies", sa.Column("valid_to", sa.String(10), nullable=True))
    op.add_column("bodies", sa.Column("successor_id", sa.String(200), nullable=True))
    op.add_column("bodies", sa.Column("change_act", sa.Text(), nullable=True))
    op.add_column("bodies", sa.Column("sources", sa.JSON(), nullable=True))
    op.create_table(
        "unresolved_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("provision_id", sa.String(400), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("head", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_unresolved_mentions_document_id_documents"), ondelete="CASCADE",
            **DEFERRED),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"],
            name=op.f("fk_unresolved_mentions_provision_id_provisions"), ondelete="CASCADE",
            **DEFERRED),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unresolved_mentions")),
    )
    for column in ("document_id", "provision_id", "key"):
        op.create_index(op.f(f"ix_unresolved_mentions_{column}"), "unresolved_mentions",
                        [column])


def _merge_duplicates() -> None:
    """Keep one row per key (direct before inferred, then the first written), with the
    places of every row of the key in ``spans``."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, provision_id, body_id, role, inferred, mention_start, mention_end, "
        "evidence_start, evidence_end FROM duties ORDER BY inferred, id")).all()
    groups: dict[tuple[str, str, str], list[sa.Row]] = defaultdict(list)  # type: ignore[type-arg]
    for row in rows:
        groups[(row.provision_id, row.body_id, row.role)].append(row)
    drop: list[int] = []
    for members in groups.values():
        keep = members[0]
        spans = sorted({(m.mention_start, m.mention_end, m.evidence_start, m.evidence_end)
                        for m in members if m.inferred == keep.inferred})
        bind.execute(sa.text("UPDATE duties SET spans = :spans WHERE id = :id"),
                     {"spans": json.dumps([list(s) for s in spans]), "id": keep.id})
        drop.extend(m.id for m in members[1:])
    for start in range(0, len(drop), 500):
        chunk = drop[start:start + 500]
        bind.execute(sa.text("DELETE FROM duties WHERE id IN (%s)" % ",".join(map(str, chunk))))


def downgrade() -> None:
    """Back to a row per mention: each extra span of a kept row becomes a row again."""
    op.drop_table("unresolved_mentions")
    for column in BODY_COLUMNS:
        op.drop_column("bodies", column)
    op.drop_index("uq_duties_provision_body_role", table_name="duties")
    _split_spans()
    op.drop_column("duties", "in_heading")
    op.drop_column("duties", "position")
    op.drop_column("duties", "spans")


def _split_spans() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, document_id, provision_id, body_id, role, mention, mention_start, "
        "evidence_start, inferred, via_provision_id, spans, in_heading FROM duties "
        "WHERE spans IS NOT NULL")).all()
    texts: dict[tuple[str, str], str] = {}
    for row in rows:
        spans = json.loads(row.spans) if isinstance(row.spans, str) else row.spans
        extra = [s for s in spans or [] if (s[0], s[2]) != (row.mention_start, row.evidence_start)]
        if not extra:
            continue
        source = row.via_provision_id if row.inferred else row.provision_id
        column = "heading" if row.in_heading else "text"  # where the offsets point
        if (source, column) not in texts:
            texts[(source, column)] = bind.execute(
                sa.text(f"SELECT {column} FROM provisions WHERE id = :id"),
                {"id": source}).scalar_one() or ""
        text = texts[(source, column)]
        for m_start, m_end, e_start, e_end in extra:
            bind.execute(sa.text(
                "INSERT INTO duties (document_id, provision_id, body_id, role, mention, "
                "mention_start, mention_end, evidence_start, evidence_end, evidence, "
                "inferred, via_provision_id, in_heading) VALUES (:doc, :pid, :body, :role, "
                ":mention, :ms, :me, :es, :ee, :ev, :inf, :via, :head)"),
                {"doc": row.document_id, "pid": row.provision_id, "body": row.body_id,
                 "role": row.role, "mention": text[m_start:m_end], "ms": m_start,
                 "me": m_end, "es": e_start, "ee": e_end, "ev": text[e_start:e_end],
                 "inf": row.inferred, "via": row.via_provision_id, "head": row.in_heading})
