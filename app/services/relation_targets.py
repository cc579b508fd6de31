"""Which stored document a relation points to, resolved when read (``app/services/relations``
reads them both ways; ``app/services/status`` keeps the in-force facts they give)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, NamedTuple, Protocol

from sqlalchemy import ColumnElement, and_, bindparam, func, not_, or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import DocumentKey, Relation
from app.db.in_lists import chunks
from app.db.models import Document
from app.services.resolve import DocRow, documents_under, find_documents, issued_by
from parsers import vntext
from parsers.citations import CitationQuery
from parsers.doc_keys import target_keys

INVERSE = {"amends": "amended_by", "repeals": "repealed_by", "replaces": "replaced_by",
           "details": "detailed_by", "implements": "implemented_by", "cites": "cited_by"}
ENDING = ("replaces", "repeals")  # kinds that end a document (repeals only without a path)


class Cited(Protocol):
    """What resolving a relation's target reads: a stored ``Relation`` or a ``Form``."""

    @property
    def target_raw(self) -> str: ...
    @property
    def target_number(self) -> str | None: ...
    @property
    def target_title(self) -> str | None: ...
    @property
    def target_year(self) -> int | None: ...
    @property
    def target_doc_id(self) -> str | None: ...


class Form(NamedTuple):
    """One way relations cite a target (the fields ``target_of`` decides by), with how many
    relations cite it so and the text of one of them."""

    target_number: str | None
    target_title: str | None
    target_year: int | None
    target_doc_id: str | None
    cited_on: str | None  # the citing documents' date
    target_raw: str
    cited: int


FORM_COLUMNS = (Relation.target_number, Relation.target_title, Relation.target_year,
                Relation.target_doc_id, Document.date)


def target_of(docs: list[DocRow], row: Cited, by_id: Mapping[str, DocRow] | None = None,
              cited_on: str | None = None) -> DocRow | None:
    """The document in the corpus ``row`` points to, when exactly one matches.

    ``by_id`` (``docs`` by id) short-cuts a number whose id is stored: that document is
    then the one match (``find_documents`` keeps only it), without slugging every number.
    A title alone names only a document issued on or before ``cited_on``, the citing
    document's date: the Labour Code of 2019 citing "Luật Công đoàn" means the law of its
    day, not the one of 2024.
    """
    known = by_id.get(row.target_doc_id) if by_id is not None and row.target_doc_id else None
    if known is not None and row.target_number:
        return known
    query = CitationQuery(
        raw=row.target_raw, number=row.target_number,
        title=None if row.target_number else row.target_title, year=row.target_year,
        doc_id=row.target_doc_id,
        number_slug=vntext.slug(row.target_number) if row.target_number else None,
    )
    if not (query.number or query.title):
        return None
    found = find_documents(issued_by(docs, cited_on) if query.title else docs, query)
    return found[0] if len(found) == 1 else None


class Targets:
    """``target_of`` over one set of candidate documents, each distinct target resolved once:
    a law cited by its title from a thousand documents is one search of the candidates, not
    a thousand (a million-provision store answered such a law's relations in 2.8 s)."""

    def __init__(self, docs: list[DocRow]) -> None:
        self.docs = docs
        self.by_id = {d.id: d for d in docs}
        self._found: dict[tuple[Any, ...], DocRow | None] = {}

    def of(self, row: Cited, cited_on: str | None = None) -> DocRow | None:
        """``target_of(self.docs, row, cited_on=cited_on)``: the fields it reads make the
        key (the date only for a title alone)."""
        on = None if row.target_number else cited_on
        key = (row.target_number, row.target_title, row.target_year, row.target_doc_id, on)
        if key not in self._found:
            self._found[key] = target_of(self.docs, row, self.by_id, on)
        return self._found[key]


# Relations whose target may be one of the documents ``doc_ids`` (stored under ``keys``):
# by the id their number makes, or by one of their keys (both indexed). The keys are read
# first and passed as values (``naming_params``): PostgreSQL scans every relation for an
# `OR` over a subquery (12 ms at 64 000 relations), and seeks both indexes for values.
# Built once: every provision's page runs it; one id makes `IN (?)`, which both engines
# plan as `= ?`.
NAMING = or_(Relation.target_doc_id.in_(bindparam("doc_ids", expanding=True)),
             Relation.target_key.in_(bindparam("keys", expanding=True)))
# Relations of other documents (of ``kinds``) that may name one of ``doc_ids``.
_NAMING_IT = and_(Relation.document_id.not_in(bindparam("doc_ids", expanding=True)),
                  Relation.kind.in_(bindparam("kinds", expanding=True)), NAMING)
_INCOMING = select(Relation).where(_NAMING_IT).order_by(Relation.document_id, Relation.id)
_KEYS_OF = select(DocumentKey.key).where(
    DocumentKey.document_id.in_(bindparam("ids", expanding=True)))


def keys_of(session: Session, doc_ids: Collection[str]) -> list[int]:
    """The keys the documents ``doc_ids`` are stored under (as stored: numbers)."""
    connection = session.connection()
    out: set[int] = set()
    for chunk in chunks(sorted(doc_ids)):
        out.update(connection.execute(_KEYS_OF, {"ids": chunk}).scalars().all())
    return sorted(out)


def naming_params(session: Session, doc_id: str) -> dict[str, list[Any]]:
    """The parameters of ``NAMING`` for the one document ``doc_id``."""
    return {"doc_ids": [doc_id], "keys": keys_of(session, [doc_id])}


def _incoming_params(session: Session, doc_id: str, kinds: tuple[str, ...]
                     ) -> dict[str, list[Any]]:
    return {**naming_params(session, doc_id), "kinds": list(kinds)}


def incoming(session: Session, doc_id: str,
             kinds: tuple[str, ...] = tuple(INVERSE)) -> list[Relation]:
    """The relations (of ``kinds``) of other documents whose target resolves to the stored
    document ``doc_id``.

    Only rows naming it by the id their number makes or by one of its keys can
    (``NAMING``, both indexed), and only the documents their targets' keys name can compete
    with it (``candidates``): what a page reads grows with the relations naming the
    document, never with the corpus."""
    rows = session.scalars(_INCOMING, _incoming_params(session, doc_id, kinds)).all()
    # A number that makes this id names it, whatever else is stored.
    sure = {row.id for row in rows if row.target_number and row.target_doc_id == doc_id}
    unsure = [row for row in rows if row.id not in sure]
    if not unsure:
        return list(rows)
    targets = Targets(candidates(session, unsure))
    dated = dates_of(session, {row.document_id for row in unsure})
    return [row for row in rows if row.id in sure or (
        (t := targets.of(row, dated.get(row.document_id))) is not None and t.id == doc_id)]


def incoming_page(session: Session, doc_id: str, limit: int,
                  offset: int) -> tuple[int, list[Relation]]:
    """How many relations of other documents name the stored document ``doc_id`` (what
    ``incoming`` lists), and ``limit`` of them from ``offset``, in the same order.

    A law is cited by thousands of documents, so neither the count nor the page resolves
    every row: the rows are grouped by how they cite (``Form``), each form is resolved once,
    and the page is read in SQL with the forms that name another document left out."""
    params = _incoming_params(session, doc_id, tuple(INVERSE))
    forms = [Form(*row) for row in session.execute(
        select(*FORM_COLUMNS, func.min(Relation.target_raw), func.count())
        .join(Document, Document.id == Relation.document_id)
        .where(_NAMING_IT).group_by(*FORM_COLUMNS), params)]
    unsure = [f for f in forms if not (f.target_number and f.target_doc_id == doc_id)]
    targets = Targets(candidates(session, unsure))
    other = [f for f in unsure if (t := targets.of(f, f.cited_on)) is None or t.id != doc_id]
    total = sum(f.cited for f in forms) - sum(f.cited for f in other)
    if total == 0 or offset >= total:
        return total, []
    query = select(Relation).join(Document, Document.id == Relation.document_id) \
        .where(_NAMING_IT)
    if other:
        query = query.where(not_(or_(*(_is_form(f) for f in other))))
    rows = session.scalars(query.order_by(Relation.document_id, Relation.id)
                           .limit(limit).offset(offset), params).all()
    return total, list(rows)


def _is_form(form: Form) -> ColumnElement[bool]:
    # Null-safe: `=` with an empty field is unknown, and `NOT unknown` drops the row.
    return and_(*(column.is_not_distinct_from(value)
                  for column, value in zip(FORM_COLUMNS, form[:len(FORM_COLUMNS)], strict=True)))


def dates_of(session: Session, doc_ids: Collection[str]) -> dict[str, str | None]:
    """The dates of the stored documents ``doc_ids``."""
    out: dict[str, str | None] = {}
    for chunk in chunks(sorted(doc_ids)):
        rows = session.execute(select(Document.id, Document.date).where(Document.id.in_(chunk)))
        out.update((doc_id, date) for doc_id, date in rows)
    return out


def candidates(session: Session, rows: Iterable[Cited]) -> list[DocRow]:
    """The stored documents any of ``rows`` may name, read under their targets' keys
    (``parsers.doc_keys``): a superset of what ``target_of`` picks from, so ``target_of``
    over them decides as over every document, without reading every document."""
    return documents_under(session, (k for row in rows for k in target_keys(
        row.target_number, row.target_title, row.target_doc_id)))
