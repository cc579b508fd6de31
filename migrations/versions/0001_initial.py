"""documents, provisions, search_state, and the FTS5 index over folded text

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# External-content FTS5 over the folded columns (computed in Python by parsers.vntext.fold,
# because remove_diacritics does not fold đ). Triggers keep it in step with provisions.
# provisions_norm_fts indexes the normalized forms, diacritics kept, so a query typed with
# diacritics can rank exact-diacritic matches first without reading every matching row.
FTS_SQL = [
    """
    CREATE VIRTUAL TABLE provisions_fts USING fts5(
        heading_folded, text_folded, cite_folded,
        content='provisions', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    "CREATE VIRTUAL TABLE provisions_fts_vocab USING fts5vocab(provisions_fts, 'row')",
    """
    CREATE VIRTUAL TABLE provisions_norm_fts USING fts5(
        heading_norm, text_norm, cite_norm,
        content='provisions', content_rowid='pk',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER provisions_fts_ai AFTER INSERT ON provisions BEGIN
        INSERT INTO provisions_fts(rowid, heading_folded, text_folded, cite_folded)
        VALUES (new.pk, new.heading_folded, new.text_folded, new.cite_folded);
        INSERT INTO provisions_norm_fts(rowid, heading_norm, text_norm, cite_norm)
        VALUES (new.pk, new.heading_norm, new.text_norm, new.cite_norm);
    END
    """,
    """
    CREATE TRIGGER provisions_fts_ad AFTER DELETE ON provisions BEGIN
        INSERT INTO provisions_fts(provisions_fts, rowid, heading_folded, text_folded, cite_folded)
        VALUES ('delete', old.pk, old.heading_folded, old.text_folded, old.cite_folded);
        INSERT INTO provisions_norm_fts(provisions_norm_fts, rowid, heading_norm, text_norm, cite_norm)
        VALUES ('delete', old.pk, old.heading_norm, old.text_norm, old.cite_norm);
    END
    """,
    """
    CREATE TRIGGER provisions_fts_au
    AFTER UPDATE OF heading_folded, text_folded, cite_folded, heading_norm, text_norm, cite_norm
    ON provisions BEGIN
        INSERT INTO provisions_fts(provisions_fts, rowid, heading_folded, text_folded, cite_folded)
        VALUES ('delete', old.pk, old.heading_folded, old.text_folded, old.cite_folded);
        INSERT INTO provisions_fts(rowid, heading_folded, text_folded, cite_folded)
        VALUES (new.pk, new.heading_folded, new.text_folded, new.cite_folded);
        INSERT INTO provisions_norm_fts(provisions_norm_fts, rowid, heading_norm, text_norm, cite_norm)
        VALUES ('delete', old.pk, old.heading_norm, old.text_norm, old.cite_norm);
        INSERT INTO provisions_norm_fts(rowid, heading_norm, text_norm, cite_norm)
        VALUES (new.pk, new.heading_norm, new.text_norm, new.cite_norm);
    END
    """,
]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("number", sa.String(200), nullable=True),
        sa.Column("type", sa.String(100), nullable=True),
        sa.Column("issuer", sa.String(300), nullable=True),
        sa.Column("party_header", sa.String(300), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("signers", sa.JSON(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("copies", sa.JSON(), nullable=False),
        sa.Column("annotations", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("source_hash", sa.String(64), nullable=True),
        sa.Column("provision_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_table(
        "provisions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(400), nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.String(400), nullable=True),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("root_path", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("role", sa.String(40), nullable=True),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("breadcrumbs", sa.JSON(), nullable=False),
        sa.Column("heading_norm", sa.Text(), nullable=False),
        sa.Column("text_norm", sa.Text(), nullable=False),
        sa.Column("cite_norm", sa.Text(), nullable=False),
        sa.Column("heading_folded", sa.Text(), nullable=False),
        sa.Column("text_folded", sa.Text(), nullable=False),
        sa.Column("cite_folded", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name=op.f("fk_provisions_document_id_documents"),
            ondelete="CASCADE", deferrable=True, initially="DEFERRED",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["provisions.id"],
            name=op.f("fk_provisions_parent_id_provisions"),
            ondelete="CASCADE", deferrable=True, initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_provisions")),
        sa.UniqueConstraint("id", name=op.f("uq_provisions_id")),
    )
    op.create_index("ix_provisions_document_ordinal", "provisions", ["document_id", "ordinal"])
    op.create_index("ix_provisions_parent_position", "provisions", ["parent_id", "position"])
    op.create_index(op.f("ix_provisions_document_id"), "provisions", ["document_id"])
    op.create_index(op.f("ix_provisions_root_path"), "provisions", ["root_path"])
    op.create_index(op.f("ix_provisions_kind"), "provisions", ["kind"])
    op.create_index(op.f("ix_provisions_role"), "provisions", ["role"])
    op.create_table(
        "search_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_state")),
    )
    op.execute("INSERT INTO search_state (id, generation) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_SQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("provisions_fts_ai", "provisions_fts_ad", "provisions_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS provisions_fts_vocab")
        op.execute("DROP TABLE IF EXISTS provisions_norm_fts")
        op.execute("DROP TABLE IF EXISTS provisions_fts")
    op.drop_table("search_state")
    op.drop_table("provisions")
    op.drop_table("documents")
