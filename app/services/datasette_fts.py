"""A plain SQLite FTS5 table for Datasette, which knows nothing of vnlex's tantivy index.

``provisions_fts`` holds each provision's id, document, heading and text, plus the two
folded (``parsers.vntext.fold``: no marks, ``đ`` → ``d``) in ``folded``: FTS5's
``remove_diacritics`` leaves ``đ`` alone, so ``lao dong`` would miss ``lao động`` without
it. It is derived and optional: the command rebuilds it whole from the store, and ingest
does not keep it up to date (rerun the command after an ingest). Alembic ignores tables
named ``*_fts*`` (``migrations/env.py``).
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.db.models import Provision
from app.db.session import is_sqlite
from app.errors import BadQuery
from parsers import vntext

TABLE = "provisions_fts"
BATCH = 1000
CREATE = text(
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(id UNINDEXED, doc_id UNINDEXED, heading, "
    "text, folded, tokenize='unicode61 remove_diacritics 2')"
)
INSERT = text(
    f"INSERT INTO {TABLE} (id, doc_id, heading, text, folded) "
    "VALUES (:id, :doc_id, :heading, :text, :folded)"
)


def build(session: Session) -> int:
    """Replace ``provisions_fts`` with the store's provisions; returns how many.

    Raises:
        BadQuery: the database is not SQLite (Datasette opens SQLite files only).
    """
    if not is_sqlite(session):
        raise BadQuery("Datasette opens SQLite files only; this database is not one")
    session.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
    session.execute(CREATE)
    query = select(Provision.id, Provision.document_id, Provision.heading, Provision.text)
    count = 0
    for rows in session.execute(query.order_by(Provision.pk)).partitions(BATCH):
        session.execute(INSERT, [
            {"id": pid, "doc_id": doc_id, "heading": heading, "text": body,
             "folded": vntext.fold(f"{heading or ''} {body}")}
            for pid, doc_id, heading, body in rows
        ])
        count += len(rows)
    session.execute(text(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')"))
    return count
