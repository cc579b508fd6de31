"""SQLAlchemy models: documents and their flattened provision trees.

The schema is created only by the Alembic migrations in ``migrations/``; these classes
describe it for queries and for autogenerate. Other modules (bodies, duties…) add their own
models on the same ``Base``.

Full-text search lives outside the store, in an index derived from it (``app/search/``):
the store keeps each text once, as printed, and a change log the index follows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ColumnElement,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    case,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.packed_text import PackedText
from parsers.model import content_hash

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """The ``Table`` of a model, for Core statements (``insert``, ``update``, ``delete``).

    SQLAlchemy types ``__table__`` as any ``FromClause`` (a class may be mapped to a
    subquery); every model here is mapped to a table.
    """
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


class Document(Base):
    __tablename__ = "documents"
    # Ingest finds older versions of a file by its path: unindexed, that read every document.
    __table_args__ = (Index("ix_documents_source_path", "source_path"),)

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    number: Mapped[str | None] = mapped_column(String(200))
    type: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(300))
    party_header: Mapped[str | None] = mapped_column(String(300))
    date: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    signers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    copies: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    annotations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The cleaned text that provision offsets refer to, less the provision texts it holds
    # (they are in ``provisions.text``), compressed: ``app/db/source_text.py``. No request
    # reads it: deferred, so loading a document never reads it.
    source_rest: Mapped[bytes] = mapped_column(LargeBinary, default=b"", deferred=True)
    source_path: Mapped[str | None] = mapped_column(Text)
    # How the document is cited ("Luật Công đoàn 12/2012/QH13"): the end of every one of its
    # provisions' citations, stored here once (migration 0026; ``cited_as``).
    citation: Mapped[str] = mapped_column(Text, default="", server_default="")
    source_hash: Mapped[str | None] = mapped_column(String(64))
    provision_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Provision(Base):
    """One node of a document's tree, with its place in the tree and its derived text forms.

    ``pk`` is the row id the FTS index points at; ``id`` is the public id
    (``02-nq-tw-2021/III.4.2``) and is what ``parent_id`` refers to, so a re-ingest can write
    a whole document in document order without looking up surrogate keys.
    """

    __tablename__ = "provisions"
    __table_args__ = (
        Index("ix_provisions_document_ordinal", "document_id", "ordinal"),
        Index("ix_provisions_parent_position", "parent_id", "position"),
        # Top-level siblings (no parent) of a document: previous/next. Siblings under a
        # parent use ix_provisions_parent_position (parent ids are unique across documents).
        Index("ix_provisions_top_position", "document_id", "position",
              sqlite_where=text("parent_id IS NULL"), postgresql_where=text("parent_id IS NULL")),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(400), unique=True)
    # No index of its own: (document_id, ordinal) serves every lookup by document.
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
    )
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("provisions.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED")
    )
    path: Mapped[str] = mapped_column(String(200))
    root_path: Mapped[str] = mapped_column(String(200))
    # " ch2 ch2.m1 d11 ": the paths of its ancestors and its own, space-delimited, so a
    # section filter finds an article under a Mục though the article's path ("d11") omits it.
    ancestry: Mapped[str] = mapped_column(Text, default="", server_default="")
    position: Mapped[int] = mapped_column(Integer)  # index among its siblings
    ordinal: Mapped[int] = mapped_column(Integer)  # index in document order
    depth: Mapped[int] = mapped_column(Integer)
    # Filters on kind, role and section are the search index's (fast fields), not SQL's.
    kind: Mapped[str] = mapped_column(String(40))
    role: Mapped[str | None] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(200))
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(PackedText)  # deflated on SQLite (packed_text)
    start: Mapped[int] = mapped_column(Integer, default=0)
    end: Mapped[int] = mapped_column(Integer, default=0)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The node's breadcrumb when it is not its heading and the node has descendants; a
    # provision's breadcrumbs are its ancestors' (app/services/crumbs.py), not a copy of the
    # chain in every row (which was a fifth of the database).
    title: Mapped[str | None] = mapped_column(Text)
    # How the node is cited within its document ("khoản 2 Điều 5"); the search index reads
    # it with the document's own citation after it (``cited_as``), so citations typed as such
    # find it. Folded and normalized forms are never stored: the search index derives them
    # (app/search/index.py).
    citation: Mapped[str] = mapped_column(Text, default="", server_default="")
    # What a reader cites it by (parsers.citable): "khoản 2" in breadcrumbs, "khoản 2 Điều
    # 36" in full; null for bullets and paragraphs, which print nothing to cite.
    cite_label: Mapped[str | None] = mapped_column(String(200))
    cite_as: Mapped[str | None] = mapped_column(Text)

    @property
    def content_hash(self) -> str:
        """Computed from label, heading and text, never stored (migration 0020: the stored
        digest was 5 % of the database)."""
        return content_hash(self.label, self.heading, self.text)


def cited_as(own: str | None, document: str | None) -> str:
    """A provision's whole citation: its own (``provisions.citation``) and its document's
    (``documents.citation``), either of which may be empty."""
    return " ".join(part for part in (own, document) if part)


def cited_as_sql(own: ColumnElement[str], document: ColumnElement[str]
                 ) -> ColumnElement[str]:
    """``cited_as`` in SQL (SQLite and PostgreSQL alike), labelled ``citation``."""
    return case((own == "", document), (document == "", own),
                else_=own + " " + document).label("citation")


class StoreInfo(Base):
    """Facts about this store; ``store_id`` tells a search index which store it was built
    from, so an index copied beside another database is rebuilt, not trusted."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class IndexChange(Base):
    """One row per document written or deleted, in commit order, written in the same
    transaction as the change: an index that has applied every ``seq`` up to N is exactly
    as fresh as the store was at N (app/search/sync.py)."""

    __tablename__ = "index_changes"
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(200))
    deleted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class IndexSnapshot(Base):
    """A node's search index as published in the store (``app/search/snapshots.py``): a
    new node restores it and applies the changes after ``seq`` instead of rebuilding."""

    __tablename__ = "index_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    schema: Mapped[int] = mapped_column(Integer)  # the index schema it was built with
    store_id: Mapped[str] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(BigInteger)  # the last change it holds
    size: Mapped[int] = mapped_column(BigInteger)  # bytes of the archive
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class IndexSnapshotPart(Base):
    """One part of a snapshot's archive, in order (a row of a few MB, not one of hundreds)."""

    __tablename__ = "index_snapshot_parts"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("index_snapshots.id", ondelete="CASCADE"), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SearchTerm(Base):
    """The vocabulary of the indexed text (folded terms) with document frequencies, kept by
    ingest; ``seq`` is the change that last touched the term, so a process reloads only
    what changed since it looked (app/search/vocab.py)."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    docs: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer, index=True)


class DocumentVersion(Base):
    """One ingest that changed a document: its number, when, and the document's dates then.
    No foreign key: the history outlives the provisions it speaks of."""

    __tablename__ = "document_versions"

    document_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    source_hash: Mapped[str | None] = mapped_column(String(64))
    issue_date: Mapped[str | None] = mapped_column(String(10))
    effective_date: Mapped[str | None] = mapped_column(String(10))


class ProvisionEvent(Base):
    """What one version did to one provision id: ``added``, ``changed``, ``moved_from`` /
    ``moved_to`` (``other_id``, same content hash), ``removed`` (``parsers/versions.py``).
    An ingest writes rows only for the ids it changed; a lookup reads one id's rows through
    ``(provision_id, version)``."""

    __tablename__ = "provision_history"
    __table_args__ = (
        Index("ix_provision_history_provision_version", "provision_id", "version"),
        Index("ix_provision_history_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provision_id: Mapped[str] = mapped_column(String(400))
    document_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(12))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    other_id: Mapped[str | None] = mapped_column(String(400))


class DocumentStatus(Base):
    """The facts that decide whether a document is in force on a day, kept by ingest
    (``app/services/status.py``): in force on D unless ``ended_from <= D`` or
    ``effective_from > D``; no ``effective_from`` and no ending is "unknown"."""

    __tablename__ = "document_status"
    __table_args__ = (
        Index("ix_document_status_effective_from", "effective_from"),
        Index("ix_document_status_ended_from", "ended_from"),
        Index("ix_document_status_ended_by", "ended_by"),
    )

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED"),
        primary_key=True,
    )
    effective_from: Mapped[str | None] = mapped_column(String(10))
    ended_from: Mapped[str | None] = mapped_column(String(10))
    ended_by: Mapped[str | None] = mapped_column(String(200))
    ended_kind: Mapped[str | None] = mapped_column(String(20))
    ended_evidence: Mapped[str | None] = mapped_column(Text)
