"""Models of the analysis of each provision: bodies, duties, targets, citations, cross-refs.

Written by the ingest in the same transaction as the provisions (``app.services.analysis``)
and replaced wholesale on every re-ingest of a document, so rows here have no public ids;
what other systems cite are provision ids and body ids.

Offsets (``*_start``/``*_end``) index the stored NFC ``provisions.text`` of the provision
they belong to. An inferred duty has no mention in its own provision: its mention and
evidence offsets point into the text of ``via_provision_id``, the assignment that gave it.

Every row carries ``document_id`` so a re-ingest can drop a document's analysis in one
statement, and filters by document need no join; rows go with their provision or document
(``ON DELETE CASCADE``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    case,
    func,
    select,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, aliased, column_property, mapped_column
from sqlalchemy.types import TypeDecorator

from app.db.models import Base, Provision
from app.db.packed_text import stored_text


def _deferred_fk(column: str, ondelete: str | None = None) -> ForeignKey:
    """A foreign key checked at commit (``DEFERRABLE INITIALLY DEFERRED``)."""
    return ForeignKey(column, ondelete=ondelete, deferrable=True, initially="DEFERRED")


def _document_fk() -> ForeignKey:
    return _deferred_fk("documents.id", ondelete="CASCADE")


def _provision_fk() -> ForeignKey:
    return _deferred_fk("provisions.id", ondelete="CASCADE")


def _quoted(start: Any, end: Any, via_pk: Any, own_pk: Any, in_heading: Any) -> Any:
    """``text[start:end]`` of the text a duty's offsets index: the heading or text of
    ``via_provision_id`` when it came through one, else of its own provision."""
    source = aliased(Provision, name="quoted")
    printed = case((in_heading, source.heading), else_=source.text)
    return (select(func.substr(stored_text(printed), start + 1, end - start))
            .where(source.pk == func.coalesce(via_pk, own_pk))
            .correlate_except(source).scalar_subquery())


def _relation_quote(provision_id: Any, start: Any, end: Any) -> Any:
    """``text[start:end]`` of the provision ``provision_id`` (a relation's evidence)."""
    source = aliased(Provision, name="evidenced")
    return (select(func.substr(stored_text(source.text), start + 1, end - start))
            .where(source.id == provision_id).correlate_except(source).scalar_subquery())


def _provision_id(pk: Any) -> Any:
    """The public id of the provision whose row id is ``pk`` (null for null)."""
    keyed = aliased(Provision, name="keyed")
    return select(keyed.id).where(keyed.pk == pk).correlate_except(keyed).scalar_subquery()


class Body(Base):
    """One entry of the registry (``corpus/bodies.yaml``), synced at every ingest.

    ``pk`` is the row id duties point at (a few bytes where the id took thirty, in every
    duty and in both of its indexes); ``id`` is the public id. Sync updates a body in
    place, so its ``pk`` stays."""

    __tablename__ = "bodies"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)  # vntext.slug(name)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[str | None] = mapped_column(
        _deferred_fk("bodies.id", ondelete="SET NULL"), index=True
    )
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    # History (corpus/bodies.yaml): ISO dates, the body that took over its duties, the act
    # that made the change and where that was read. The successor is a plain id, not a
    # foreign key: the registry may name one before it lists it, and sync order is free.
    valid_from: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    successor_id: Mapped[str | None] = mapped_column(String(200))
    change_act: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[str] | None] = mapped_column(JSON, default=list)


class BodySuccessor(Base):
    """A body that took over the duties of another (``body_id``), all of them or the part
    in ``scope`` when they were split among several (migration 0027). Written from the
    registry at every sync; ``bodies.successor_id`` still names a sole successor."""

    __tablename__ = "body_successors"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Plain ids, like bodies.successor_id: the registry may name one before it lists it.
    body_id: Mapped[str] = mapped_column(String(200), index=True)
    successor_id: Mapped[str] = mapped_column(String(200), index=True)
    scope: Mapped[str | None] = mapped_column(Text)
    change_act: Mapped[str | None] = mapped_column(Text)


# A duty's role as stored (migration 0022): its place here. In the names' alphabetical order,
# so rows ordered or grouped by the number come in the order the names gave; fixed for good
# (a new role needs a migration that renumbers the stored rows).
DUTY_ROLE_CODES = ("coordinate", "implement", "lead", "mention", "report_to")
_ROLE_CODE = {name: code for code, name in enumerate(DUTY_ROLE_CODES)}


class DutyRole(TypeDecorator[str]):
    """A duty's role kept as a small number and given to Python as its name: the names were
    a sixth of the duties table and of its two indexes on the role."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> int | None:
        return None if value is None else _ROLE_CODE[value]

    def process_result_value(self, value: int | None, dialect: Dialect) -> str | None:
        return None if value is None else DUTY_ROLE_CODES[value]


class Duty(Base):
    """A body's role in a provision (``lead``, ``coordinate``, ``implement``, ``report_to``,
    ``mention``), direct, passed down by a lead-in, or inferred through a cross-reference.

    One row per (provision, body, role): a body named twice in the same role keeps every
    place in ``spans``; the columns hold the first. A direct duty hides an inferred one of
    the same key."""

    __tablename__ = "duties"
    __table_args__ = (
        # A body's duties as lists page them (by document, then id), with a role or not:
        # read in order from the index, never sorted whole (migration 0029).
        Index("ix_duties_body_role", "body_pk", "role", "document_id", "id"),
        Index("ix_duties_body_order", "body_pk", "document_id", "id"),
        Index("uq_duties_provision_body_role", "provision_pk", "body_pk", "role", unique=True),
        # Most duties are direct (null here): the index holds the others only. Deleting a
        # provision looks up the duties it gave through it (``via_provision_pk = ?``).
        Index("ix_duties_via_provision_pk", "via_provision_pk",
              sqlite_where=text("via_provision_pk IS NOT NULL"),
              postgresql_where=text("via_provision_pk IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    # Row ids, not public ids (migration 0018): the text ids were half of the table and
    # most of its indexes. The public ids are read back through the unique keys
    # (``provision_id``, ``body_id``, ``via_provision_id`` below); filters and joins use
    # the row ids. No index of its own: uq_duties_provision_body_role starts with it.
    provision_pk: Mapped[int] = mapped_column(_deferred_fk("provisions.pk", ondelete="CASCADE"))
    body_pk: Mapped[int] = mapped_column(_deferred_fk("bodies.pk"))
    role: Mapped[str] = mapped_column(DutyRole)
    mention_start: Mapped[int] = mapped_column(Integer)
    mention_end: Mapped[int] = mapped_column(Integer)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    via_provision_pk: Mapped[int | None] = mapped_column(
        _deferred_fk("provisions.pk", ondelete="CASCADE"))
    # [[mention_start, mention_end, evidence_start, evidence_end], …] in text order.
    # Only when read in more than one place (else NULL: the columns are the one place).
    spans: Mapped[list[list[int]] | None] = mapped_column(JSON(none_as_null=True), default=None)
    position: Mapped[str | None] = mapped_column(String(100))  # "Bộ trưởng", as printed
    # True: the offsets index the provision's heading ("3. Giao Đảng ủy Chính phủ chủ trì:"
    # printed as a heading over its tasks), not its text.
    in_heading: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # True: passed down by a lead-in ("Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:" over the
    # tasks below it); mention and evidence are the lead-in's, in `via_provision_id`.
    lead_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The public ids, read through the unique keys of provisions and bodies.
    provision_id: Mapped[str] = column_property(_provision_id(provision_pk))
    via_provision_id: Mapped[str | None] = column_property(_provision_id(via_provision_pk))
    body_id: Mapped[str] = column_property(
        select(Body.id).where(Body.pk == body_pk).correlate_except(Body).scalar_subquery())
    # The name as printed and the clause that gives the role are read from the stored text
    # they index, not stored again (migration 0014): copies were a quarter of the table.
    mention: Mapped[str] = column_property(
        _quoted(mention_start, mention_end, via_provision_pk, provision_pk, in_heading))
    evidence: Mapped[str] = column_property(
        _quoted(evidence_start, evidence_end, via_provision_pk, provision_pk, in_heading))


class BodyDutyCount(Base):
    """How many duties each body holds, by role, direct or inferred or passed down by a
    lead-in: kept by ingest as it writes and clears each document's duties
    (``app/services/duty_counts.py``), so a list of bodies reads a few rows per body
    rather than counting every duty of each (1.1 s for a page of 50 at a million
    provisions). Migration 0030."""

    __tablename__ = "body_duty_counts"

    body_pk: Mapped[int] = mapped_column(_deferred_fk("bodies.pk"), primary_key=True)
    role: Mapped[str] = mapped_column(DutyRole, primary_key=True)
    inferred: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    lead_in: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class UnresolvedMention(Base):
    """A name of a body-like shape (``Đảng ủy X``, ``Sở X``) that the registry does not
    know: kept so the registry can grow from real data, credited to nobody."""

    __tablename__ = "unresolved_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    provision_id: Mapped[str] = mapped_column(_provision_fk(), index=True)
    text: Mapped[str] = mapped_column(Text)  # as printed
    key: Mapped[str] = mapped_column(String(300), index=True)  # vntext.words(text)
    head: Mapped[str] = mapped_column(String(40))  # "Đảng ủy", "Sở", …
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Target(Base):
    """A target (chỉ tiêu) of an objective: ``13,5 triệu đoàn viên`` by 2025."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    provision_id: Mapped[str] = mapped_column(_provision_fk(), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    measure: Mapped[str] = mapped_column(Text)  # as printed
    value: Mapped[float | None] = mapped_column(Float)  # None when qualitative
    value_max: Mapped[float | None] = mapped_column(Float)  # upper end of a range
    comparator: Mapped[str | None] = mapped_column(String(10))
    unit: Mapped[str | None] = mapped_column(String(100))
    qualitative: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the value as printed: "80% trở lên"
    # The milestone the target sits under, as printed ("Đến năm 2030"); None when its year
    # came from the plan's title or time frame, or it has none (migration 0031).
    milestone: Mapped[str | None] = mapped_column(Text)


class Citation(Base):
    """A citation found in a provision's text.

    Only what the text says is stored; which document or provision it points to is
    resolved when asked (``app.services.resolve``), so a document ingested later is found
    without re-ingesting the one that cites it.
    """

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    provision_id: Mapped[str] = mapped_column(_provision_fk(), index=True)
    raw: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    article: Mapped[str | None] = mapped_column(String(20))
    clause: Mapped[str | None] = mapped_column(String(20))
    point: Mapped[str | None] = mapped_column(String(10))
    cited_doc_id: Mapped[str | None] = mapped_column(String(200))  # parsers.citations.document_id
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class CrossRef(Base):
    """An assignment (``source``) linked to a task or objective it carries out (``target``)."""

    __tablename__ = "crossrefs"
    __table_args__ = (Index("ix_crossrefs_source_target", "source_id", "target_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    source_id: Mapped[str] = mapped_column(_provision_fk())
    target_id: Mapped[str] = mapped_column(_provision_fk(), index=True)
    score: Mapped[float] = mapped_column(Float)
    # {"terms": [shared key phrases], "citations": [shared cited documents as printed]}
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Relation(Base):
    """What a document says it does to another: ``amends``, ``repeals``, ``replaces``,
    ``details``, ``implements``, ``cites`` (``parsers.relations``).

    The target is kept as cited (number, title, year, the id its number makes) and resolved
    when read, so a document ingested later is found; ``target_path`` names the provision
    amended or repealed (``d9.3``). ``provision_id`` is null for the document's title, and
    ``start``/``end`` (into that provision's text) when the evidence is a heading.
    """

    __tablename__ = "relations"
    __table_args__ = (Index("ix_relations_target_doc_id", "target_doc_id"),
                      Index("ix_relations_target_key", "target_key"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    provision_id: Mapped[str | None] = mapped_column(_provision_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # Null where ``start``/``end`` quote it from the provision's text (``evidence`` below,
    # migration 0023): stored, those copies were most of the table.
    stored_evidence: Mapped[str | None] = mapped_column("evidence", Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    target_raw: Mapped[str] = mapped_column(Text)
    target_number: Mapped[str | None] = mapped_column(String(200))
    target_title: Mapped[str | None] = mapped_column(Text)
    target_year: Mapped[int | None] = mapped_column(Integer)
    target_doc_id: Mapped[str | None] = mapped_column(String(200))
    target_path: Mapped[str | None] = mapped_column(String(200))
    # The target's key (``parsers.doc_keys.target_keys``, the first, as its number
    # ``stored_key``; migration 0025): which relations may name a document is read through
    # it, not by resolving every relation.
    target_key: Mapped[int | None] = mapped_column(BigInteger)
    # The sentence that says it: stored, or ``text[start:end]`` of its provision.
    evidence: Mapped[str] = column_property(
        func.coalesce(stored_evidence, _relation_quote(provision_id, start, end)))


class DocumentKey(Base):
    """A key a relation's target can find this document by (``parsers.doc_keys``), as its
    number (``stored_key``; migration 0025: the words of a title's every leading run were
    most of the table and of its index)."""

    __tablename__ = "document_keys"
    __table_args__ = (Index("ix_document_keys_key", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    key: Mapped[int] = mapped_column(BigInteger)


class Term(Base):
    """A term defined in a ``Giải thích từ ngữ`` article (``parsers.terms``)."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(_document_fk(), index=True)
    provision_id: Mapped[str] = mapped_column(_provision_fk(), index=True)
    term: Mapped[str] = mapped_column(Text)  # as printed
    folded: Mapped[str] = mapped_column(Text, index=True)  # vntext.words, for matching
    definition: Mapped[str] = mapped_column(Text)


class Effective(Base):
    """When a document takes effect, as it says (``parsers.effective``)."""

    __tablename__ = "effective_dates"

    document_id: Mapped[str] = mapped_column(_document_fk(), primary_key=True)
    date: Mapped[str] = mapped_column(String(10))
    # Null when the statement is in the header or closing text, outside every provision.
    provision_id: Mapped[str | None] = mapped_column(_provision_fk(), index=True)
    evidence: Mapped[str] = mapped_column(Text)
