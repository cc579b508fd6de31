"""a document's citation stored once, not at the end of each provision's

A provision's ``citation`` (what search matches citations typed as such against) is its
own ("khoản 2 Điều 5") followed by its document's ("Luật Công đoàn 12/2012/QH13"): that
common end was two thirds of the column (0.20 of its 0.30 MB at SCALE=0.01). It is now
``documents.citation``, and a provision keeps its own part; readers join the two
(``app.db.models.cited_as``), so the whole citations are the same as before.

Up: a document's part is its citation as ingest now writes it (type and short title, then
number) when every one of its provisions' citations ends with it, else the longest run of
whole words they all end with (a store whose citations 0006 lower-cased). Down: each
provision's citation whole again, and the column dropped.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

SHORT_TITLE_WORDS = 8  # as app.services.flatten.document_citation


def _written(doc: sa.Row[tuple[str, str | None, str | None, str | None]]) -> str:
    parts = []
    if doc.type and doc.title and len(doc.title.split()) <= SHORT_TITLE_WORDS:
        parts.append(f"{doc.type} {doc.title}")
    parts.append(doc.number or "")
    return " ".join(p for p in parts if p)


def _ends_all(citations: list[str], end: str) -> bool:
    return all(c == end or c.endswith(" " + end) for c in citations)


def _common_end(citations: list[str]) -> str:
    """The longest run of whole words every citation ends with."""
    words = [c.split(" ") for c in citations]
    n = 0
    while all(len(w) > n for w in words) and len({w[-1 - n] for w in words}) == 1:
        n += 1
    return " ".join(words[0][len(words[0]) - n:]) if n else ""


def _own(citation: str, end: str) -> str:
    return "" if citation == end else citation[: len(citation) - len(end) - 1] if end \
        else citation


def _prepare() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Rows an earlier migration of the same run wrote may have foreign-key checks
        # queued, and PostgreSQL refuses an ALTER TABLE while they are (as in 0023).
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _done() -> None:
    if op.get_bind().dialect.name == "postgresql":  # deferred again, as ingest expects (0018)
        op.execute("SET CONSTRAINTS ALL DEFERRED")


def upgrade() -> None:
    _prepare()
    bind = op.get_bind()
    op.add_column("documents", sa.Column("citation", sa.Text(), nullable=False,
                                         server_default=""))
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, doc_id, citation in bind.execute(
            sa.text("SELECT pk, document_id, citation FROM provisions")):
        by_doc[doc_id].append((pk, citation))
    docs = bind.execute(sa.text("SELECT id, number, type, title FROM documents")).all()
    ends, owns = [], []
    for doc in docs:
        rows = by_doc.get(doc.id, [])
        citations = [c for _, c in rows]
        end = _written(doc)
        if not end or not _ends_all(citations, end):
            end = _common_end(citations) if citations else ""
        if not end:
            continue
        ends.append({"id": doc.id, "citation": end})
        owns += [{"pk": pk, "citation": _own(c, end)} for pk, c in rows]
    if ends:
        bind.execute(sa.text("UPDATE documents SET citation = :citation WHERE id = :id"), ends)
    if owns:
        bind.execute(sa.text("UPDATE provisions SET citation = :citation WHERE pk = :pk"),
                     owns)
    _done()


def downgrade() -> None:
    _prepare()
    op.execute("""
        UPDATE provisions SET citation = (
            SELECT CASE WHEN provisions.citation = '' THEN d.citation
                        WHEN d.citation = '' THEN provisions.citation
                        ELSE provisions.citation || ' ' || d.citation END
            FROM documents AS d WHERE d.id = provisions.document_id)
    """)
    op.execute("ALTER TABLE documents DROP COLUMN citation")
    _done()
