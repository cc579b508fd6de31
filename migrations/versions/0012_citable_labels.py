"""citable labels: what a person cites a provision by (issue 10, class 8)

``provisions.label`` keeps the bare printed label (``2``); two derived columns say how a
reader cites the node: ``cite_label`` (``khoản 2``, shown in breadcrumbs) and ``cite_as``
(``khoản 2 Điều 36``). Rows already stored get both from their kind, label and ancestors
here, by the parser's own rule (``parsers.citable``), so no re-ingest is needed.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from parsers import citable

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BATCH = 5_000
Chain = list[tuple[str, str | None, str | None]]


def upgrade() -> None:
    op.add_column("provisions", sa.Column("cite_label", sa.String(200), nullable=True))
    op.add_column("provisions", sa.Column("cite_as", sa.Text(), nullable=True))
    bind = op.get_bind()
    documents = bind.execute(sa.text("SELECT id, number, party_header FROM documents")).all()
    for doc_id, number, party_header in documents:  # one document at a time: codes are large
        _fill(bind, doc_id, citable.is_party(number, party_header))


def _fill(bind: sa.Connection, doc_id: str, party: bool) -> None:
    rows = bind.execute(sa.text(
        "SELECT id, parent_id, kind, label, heading FROM provisions"
        " WHERE document_id = :d ORDER BY ordinal"), {"d": doc_id}).all()
    chains: dict[str, Chain] = {}
    values = []
    for pid, parent_id, kind, label, heading in rows:  # document order: parents first
        own = citable.cite_label(kind, label, heading, party)
        chain = [*chains.get(parent_id or "", []), (kind, label, own)]
        chains[pid] = chain
        if own is not None:
            values.append({"i": pid, "l": own, "a": citable.cite_as(chain)})
    update = sa.text("UPDATE provisions SET cite_label = :l, cite_as = :a WHERE id = :i")
    for start in range(0, len(values), BATCH):
        bind.execute(update, values[start:start + BATCH])


def downgrade() -> None:
    op.drop_column("provisions", "cite_as")
    op.drop_column("provisions", "cite_label")
