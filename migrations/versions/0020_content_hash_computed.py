"""provisions.content_hash computed when read, not stored

The digest is the SHA-256 of the row's own label, heading and text (``parsers.model``), all
three stored beside it: 32 bytes of every provision (0.32 of the 11.5 MB database at
SCALE=0.01), plus its share of the table's pages. Readers compute it from the row
(``Provision.content_hash``); ingest compares and records it as before.

Up checks every stored digest against the one computed from its row before dropping the
column, and refuses (naming a provision) if one differs: the upgrade loses nothing. Down
adds the column back and fills it with the computed digests (PostgreSQL's ``sha256``;
on SQLite, which has no hash function, in Python, in batches).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-28
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

BATCH = 5_000
# The payload of parsers.model.content_hash, in SQL (PostgreSQL).
PG_DIGEST = ("sha256(convert_to(coalesce(label, '') || chr(31) || coalesce(heading, '') "
             "|| chr(31) || text, 'UTF8'))")


def _digest(label: str | None, heading: str | None, text: str) -> bytes:
    # The rule of parsers.model.content_hash, copied: a migration keeps meaning what it
    # meant when it was written.
    payload = "\x1f".join([label or "", heading or "", text])
    return hashlib.sha256(payload.encode("utf-8")).digest()


def _batches(columns: str) -> Iterator[list[Any]]:
    bind = op.get_bind()
    last = -1
    while True:
        rows = bind.execute(sa.text(
            f"SELECT pk, {columns} FROM provisions WHERE pk > :last ORDER BY pk LIMIT :n"),
            {"last": last, "n": BATCH}).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _check_computable() -> None:
    if op.get_bind().dialect.name == "postgresql":
        differs = op.get_bind().execute(sa.text(
            f"SELECT id FROM provisions WHERE content_hash != {PG_DIGEST} LIMIT 1")).first()
        bad = differs[0] if differs else None
    else:
        bad = next((pid for rows in _batches("id, label, heading, text, content_hash")
                    for _pk, pid, label, heading, text, stored in rows
                    if bytes(stored) != _digest(label, heading, text)), None)
    if bad is not None:
        raise RuntimeError(f"provision {bad!r}: its stored content_hash is not the digest of "
                           "its label, heading and text; dropping it would lose it")


def upgrade() -> None:
    _check_computable()
    op.execute("ALTER TABLE provisions DROP COLUMN content_hash")


def downgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.add_column("provisions", sa.Column(
        "content_hash", sa.LargeBinary(), nullable=False,
        server_default=sa.text("''" if postgres else "x''")))
    if postgres:
        # Checked at each statement from here to the end of the run: 0019, next going down,
        # updates these rows again, and a second update of a row of this transaction queues
        # its foreign-key checks, which PostgreSQL refuses to keep across an ALTER TABLE
        # ("pending trigger events"; 0018 does the same going down).
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
        op.execute(f"UPDATE provisions SET content_hash = {PG_DIGEST}")
        op.execute("ALTER TABLE provisions ALTER COLUMN content_hash DROP DEFAULT")  # as 0019
        return
    for rows in _batches("label, heading, text"):
        bind.execute(sa.text("UPDATE provisions SET content_hash = :v WHERE pk = :pk"),
                     [{"pk": pk, "v": _digest(label, heading, text)}
                      for pk, label, heading, text in rows])
