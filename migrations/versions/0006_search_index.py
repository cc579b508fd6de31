"""search moves to an index derived from the store: change log, vocabulary, text stored once

The FTS5 tables, their triggers and the six derived text columns (``*_norm``, ``*_folded``)
go: the search index (``app/search/index.py``) is now built from ``heading``, ``text`` and
``citation`` and kept in step through ``index_changes``, a monotonic log written in the
ingest transaction. ``search_terms`` is the vocabulary for typo expansion, maintained by
ingest with document frequencies. ``store_info`` holds an id that tells an index which store
it was built from. ``documents.source_path`` gets an index (ingest looks up superseded
versions of a file by it).

Existing rows: ``citation`` is filled from ``cite_norm`` (the same words, lower case, which
the index folds anyway), the vocabulary is computed from the stored text, and every stored
document is logged as changed, so the next index sync builds it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""
from __future__ import annotations

import uuid
from collections import Counter

import sqlalchemy as sa
from alembic import op

from parsers import vntext

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DERIVED = ("heading_norm", "text_norm", "cite_norm", "heading_folded", "text_folded",
           "cite_folded")
FTS_TRIGGERS = ("provisions_fts_ai", "provisions_fts_ad", "provisions_fts_au")
FTS_TABLES = ("provisions_fts_vocab", "provisions_norm_fts", "provisions_fts")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in FTS_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {name}")
    op.add_column("provisions", sa.Column("citation", sa.Text(), nullable=False,
                                          server_default=""))
    op.execute("UPDATE provisions SET citation = cite_norm")
    # Plain ALTER TABLE (SQLite >= 3.35 drops a column in place): a batch rebuild of a
    # million-row table would copy it whole.
    for column in DERIVED:
        op.drop_column("provisions", column)
    op.drop_table("search_state")
    op.create_index("ix_documents_source_path", "documents", ["source_path"])
    _create_tables()
    _backfill()


def _create_tables() -> None:
    op.create_table(
        "store_info",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_info")),
    )
    op.create_table(
        "index_changes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_index_changes")),
        sqlite_autoincrement=True,  # a seq is never reused, even after the last row goes
    )
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(100), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_search_terms")),
    )
    op.create_index("ix_search_terms_seq", "search_terms", ["seq"])


def _backfill() -> None:
    bind = op.get_bind()
    bind.execute(sa.text("INSERT INTO store_info (key, value) VALUES ('store_id', :v)"),
                 {"v": uuid.uuid4().hex})
    bind.execute(sa.text(
        "INSERT INTO index_changes (document_id, deleted) SELECT id, false FROM documents"
        " ORDER BY id"))
    seq = bind.execute(sa.text("SELECT coalesce(max(seq), 0) FROM index_changes")).scalar()
    counts: Counter[str] = Counter()
    rows = bind.execute(sa.text("SELECT heading, text, citation FROM provisions"))
    for heading, text, citation in rows:
        counts.update(set(vntext.terms(f"{heading or ''} {text} {citation}")))
    if counts:
        bind.execute(
            sa.text("INSERT INTO search_terms (term, docs, seq) VALUES (:t, :d, :s)"),
            [{"t": t[:100], "d": d, "s": seq} for t, d in counts.items()],
        )


def downgrade() -> None:
    """Back to 0005: the derived columns recomputed (with the same ``parsers.vntext``) and
    the FTS5 tables rebuilt from them."""
    op.drop_table("search_terms")
    op.drop_table("index_changes")
    op.drop_table("store_info")
    op.drop_index("ix_documents_source_path", table_name="documents")
    op.create_table(
        "search_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_state")),
    )
    op.execute("INSERT INTO search_state (id, generation) VALUES (1, 0)")
    for column in DERIVED:
        op.add_column("provisions", sa.Column(column, sa.Text(), nullable=False,
                                              server_default=""))
    _refill_derived()
    op.drop_column("provisions", "citation")
    if op.get_bind().dialect.name == "sqlite":
        for statement in OLD_FTS_SQL:
            op.execute(statement)
        for table in ("provisions_fts", "provisions_norm_fts"):
            op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def _refill_derived() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT pk, heading, text, citation FROM provisions")).all()
    if not rows:
        return
    bind.execute(
        sa.text(
            "UPDATE provisions SET heading_norm = :hn, text_norm = :tn, cite_norm = :cn,"
            " heading_folded = :hf, text_folded = :tf, cite_folded = :cf WHERE pk = :pk"
        ),
        [
            {"pk": pk, "hn": vntext.normalize(heading or ""), "tn": vntext.normalize(text),
             "cn": vntext.normalize(citation), "hf": vntext.fold(heading or ""),
             "tf": vntext.fold(text), "cf": vntext.fold(citation)}
            for pk, heading, text, citation in rows
        ],
    )


# The FTS5 schema of 0001 with the update trigger of 0005, as it stood before this revision.
_FOLDED = "heading_folded, text_folded, cite_folded"
_NORM = "heading_norm, text_norm, cite_norm"
_WHEN = " OR ".join(f"old.{c} IS NOT new.{c}" for c in DERIVED)
OLD_FTS_SQL = [
    f"""CREATE VIRTUAL TABLE provisions_fts USING fts5({_FOLDED}, content='provisions',
        content_rowid='pk', tokenize='unicode61 remove_diacritics 2')""",
    "CREATE VIRTUAL TABLE provisions_fts_vocab USING fts5vocab(provisions_fts, 'row')",
    f"""CREATE VIRTUAL TABLE provisions_norm_fts USING fts5({_NORM}, content='provisions',
        content_rowid='pk', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER provisions_fts_ai AFTER INSERT ON provisions BEGIN
        INSERT INTO provisions_fts(rowid, {_FOLDED}) VALUES (new.pk, new.heading_folded,
            new.text_folded, new.cite_folded);
        INSERT INTO provisions_norm_fts(rowid, {_NORM}) VALUES (new.pk, new.heading_norm,
            new.text_norm, new.cite_norm);
    END""",
    f"""CREATE TRIGGER provisions_fts_ad AFTER DELETE ON provisions BEGIN
        INSERT INTO provisions_fts(provisions_fts, rowid, {_FOLDED}) VALUES ('delete',
            old.pk, old.heading_folded, old.text_folded, old.cite_folded);
        INSERT INTO provisions_norm_fts(provisions_norm_fts, rowid, {_NORM}) VALUES ('delete',
            old.pk, old.heading_norm, old.text_norm, old.cite_norm);
    END""",
    f"""CREATE TRIGGER provisions_fts_au AFTER UPDATE OF {", ".join(DERIVED)} ON provisions
    WHEN {_WHEN} BEGIN
        INSERT INTO provisions_fts(provisions_fts, rowid, {_FOLDED}) VALUES ('delete',
            old.pk, old.heading_folded, old.text_folded, old.cite_folded);
        INSERT INTO provisions_fts(rowid, {_FOLDED}) VALUES (new.pk, new.heading_folded,
            new.text_folded, new.cite_folded);
        INSERT INTO provisions_norm_fts(provisions_norm_fts, rowid, {_NORM}) VALUES ('delete',
            old.pk, old.heading_norm, old.text_norm, old.cite_norm);
        INSERT INTO provisions_norm_fts(rowid, {_NORM}) VALUES (new.pk, new.heading_norm,
            new.text_norm, new.cite_norm);
    END""",
]
