"""lean rows: breadcrumbs derived, the source compressed, unused indexes dropped

At a million provisions the store was 6.2 times the size of the texts it holds. Three
causes go:

- ``provisions.breadcrumbs`` copied the whole chain of ancestors (ids, paths and titles, as
  escaped JSON) into every row: more bytes than the text itself. A row now keeps only its
  own breadcrumb title (``title``, when that is not its heading and it has descendants);
  the chain is read from the ancestors (``app/services/crumbs.py``).
- ``documents.source`` (the cleaned text that provision offsets refer to; no request reads
  it) is stored zlib-compressed as ``source_zlib``.
- The indexes on ``provisions`` ``document_id`` (a prefix of ``document_id, ordinal``),
  ``root_path``, ``kind`` and ``role`` (filters on those are the search index's) are
  dropped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""
from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UNUSED_INDEXES = {"ix_provisions_document_id": "document_id",
                  "ix_provisions_root_path": "root_path", "ix_provisions_kind": "kind",
                  "ix_provisions_role": "role"}
SOURCE_LEVEL = 6
BATCH = 5_000


def upgrade() -> None:
    for name in UNUSED_INDEXES:
        # IF EXISTS: before DDL was transactional on SQLite (app/db/session.py), a killed
        # run of this migration could leave the indexes dropped and the version at 0006.
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.add_column("provisions", sa.Column("title", sa.Text(), nullable=True))
    _titles_from_breadcrumbs()
    # Plain ALTER TABLE (SQLite >= 3.35 drops a column in place, no table copy).
    op.drop_column("provisions", "breadcrumbs")
    op.add_column("documents", sa.Column("source_zlib", sa.LargeBinary(), nullable=False,
                                         server_default=sa.text("''")))
    _compress_sources()
    op.drop_column("documents", "source")


def _titles_from_breadcrumbs() -> None:
    """Each ancestor's title, as its descendants' breadcrumbs spell it (a node without a
    heading: with one, the heading is the breadcrumb)."""
    bind = op.get_bind()
    titles: dict[str, str] = {}
    for (crumbs,) in bind.execute(sa.text("SELECT breadcrumbs FROM provisions WHERE depth > 0")):
        chain = json.loads(crumbs) if isinstance(crumbs, str) else crumbs
        for crumb in chain or []:
            titles.setdefault(crumb["id"], crumb["title"])
    update = sa.text("UPDATE provisions SET title = :t WHERE id = :i AND heading IS NULL")
    items = [{"i": i, "t": t} for i, t in titles.items()]
    for start in range(0, len(items), BATCH):
        bind.execute(update, items[start:start + BATCH])


def _compress_sources() -> None:
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM documents"))]
    update = sa.text("UPDATE documents SET source_zlib = :z WHERE id = :i")
    for doc_id in ids:  # one document at a time: a code's source is megabytes
        source = bind.execute(sa.text("SELECT source FROM documents WHERE id = :i"),
                              {"i": doc_id}).scalar() or ""
        bind.execute(update, {"i": doc_id,
                              "z": zlib.compress(source.encode("utf-8"), SOURCE_LEVEL)})


def downgrade() -> None:
    op.add_column("documents", sa.Column("source", sa.Text(), nullable=False,
                                         server_default=""))
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM documents"))]
    for doc_id in ids:
        packed = bind.execute(sa.text("SELECT source_zlib FROM documents WHERE id = :i"),
                              {"i": doc_id}).scalar()
        source = zlib.decompress(packed).decode("utf-8") if packed else ""
        bind.execute(sa.text("UPDATE documents SET source = :s WHERE id = :i"),
                     {"i": doc_id, "s": source})
    op.drop_column("documents", "source_zlib")
    op.add_column("provisions", sa.Column("breadcrumbs", sa.JSON(), nullable=False,
                                          server_default="[]"))
    _breadcrumbs_from_titles()
    op.drop_column("provisions", "title")
    for name, column in UNUSED_INDEXES.items():
        op.create_index(name, "provisions", [column])


def _breadcrumbs_from_titles() -> None:
    bind = op.get_bind()
    crumbs: dict[str, dict[str, str]] = {}
    rows = bind.execute(sa.text(
        "SELECT id, path, heading, title, document_id, ancestry FROM provisions"
        " ORDER BY document_id, ordinal")).all()
    for row in rows:
        crumbs[row.id] = {"id": row.id, "path": row.path, "title": row.heading or row.title or ""}
    update = sa.text("UPDATE provisions SET breadcrumbs = :b WHERE id = :i")
    items = []
    for row in rows:
        chain = [crumbs[f"{row.document_id}/{p}"] for p in row.ancestry.split()[:-1]
                 if f"{row.document_id}/{p}" in crumbs]
        items.append({"i": row.id, "b": json.dumps(chain)})
    for start in range(0, len(items), BATCH):
        bind.execute(update, items[start:start + BATCH])
