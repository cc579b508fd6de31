"""Which stored document a relation points to, resolved when read (``app/services/relations``
reads them both ways; ``app/services/status`` keeps the in-force facts they give)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import DocumentKey, Relation
from app.db.in_lists import chunks
from app.services.resolve import DocRow, documents_under, find_documents
from parsers import vntext
from parsers.citations import CitationQuery
from parsers.doc_keys import target_keys

INVERSE = {"amends": "amended_by", "repeals": "repealed_by", "replaces": "replaced_by",
           "details": "detailed_by", "implements": "implemented_by", "cites": "cited_by"}
ENDING = ("replaces", "repeals")  # kinds that end a document (repeals only without a path)


def target_of(docs: list[DocRow], row: Relation,
              by_id: Mapping[str, DocRow] | None = None) -> DocRow | None:
    """The document in the corpus ``row`` points to, when exactly one matches.

    ``by_id`` (``docs`` by id) short-cuts a number whose id is stored: that document is
    then the one match (``find_documents`` keeps only it), without slugging every number.
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
    found = find_documents(docs, query)
    return found[0] if len(found) == 1 else None


class Targets:
    """``target_of`` over one set of candidate documents, each distinct target resolved once:
    a law cited by its title from a thousand documents is one search of the candidates, not
    a thousand (a million-provision store answered such a law's relations in 2.8 s)."""

    def __init__(self, docs: list[DocRow]) -> None:
        self.docs = docs
        self.by_id = {d.id: d for d in docs}
        self._found: dict[tuple[Any, ...], DocRow | None] = {}

    def of(self, row: Relation) -> DocRow | None:
        """``target_of(self.docs, row)``: the fields it reads make the key."""
        key = (row.target_number, row.target_title, row.target_year, row.target_doc_id)
        if key not in self._found:
            self._found[key] = target_of(self.docs, row, self.by_id)
        return self._found[key]


def incoming(session: Session, doc_id: str,
             kinds: tuple[str, ...] = tuple(INVERSE)) -> list[Relation]:
    """The relations (of ``kinds``) of other documents whose target resolves to the stored
    document ``doc_id``.

    Only rows naming it by the id their number makes or by one of its keys can
    (``naming``, both indexed), and only the documents their targets' keys name can compete
    with it (``candidates``): what a page reads grows with the relations naming the
    document, never with the corpus."""
    rows = session.scalars(
        select(Relation)
        .where(Relation.document_id != doc_id)
        .where(Relation.kind.in_(kinds))
        # Its keys read first, as values: PostgreSQL scans every relation for an `OR` over
        # a subquery (12 ms at 64 000 relations), and seeks both indexes for values.
        .where(naming([doc_id], keys_of(session, [doc_id])))
        .order_by(Relation.document_id, Relation.id)
    ).all()
    # A number that makes this id names it, whatever else is stored.
    sure = {row.id for row in rows if row.target_number and row.target_doc_id == doc_id}
    unsure = [row for row in rows if row.id not in sure]
    if not unsure:
        return list(rows)
    targets = Targets(candidates(session, unsure))
    return [row for row in rows
            if row.id in sure or ((t := targets.of(row)) is not None and t.id == doc_id)]


def candidates(session: Session, rows: Iterable[Relation]) -> list[DocRow]:
    """The stored documents any of ``rows`` may name, read under their targets' keys
    (``parsers.doc_keys``): a superset of what ``target_of`` picks from, so ``target_of``
    over them decides as over every document, without reading every document."""
    return documents_under(session, (k for row in rows for k in target_keys(
        row.target_number, row.target_title, row.target_doc_id)))


def keys_of(session: Session, doc_ids: Collection[str]) -> list[int]:
    """The keys the documents ``doc_ids`` are stored under (as stored: numbers)."""
    out: set[int] = set()
    for chunk in chunks(sorted(doc_ids)):
        out.update(session.scalars(select(DocumentKey.key)
                                   .where(DocumentKey.document_id.in_(chunk))))
    return sorted(out)


def naming(doc_ids: Collection[str], keys: list[int] | Select[Any]
           ) -> ColumnElement[bool]:
    """Relations whose target may be one of ``doc_ids`` (stored under ``keys``): by the id
    its number makes, or by its key. Both columns are indexed."""
    return or_(Relation.target_doc_id.in_(sorted(doc_ids)), Relation.target_key.in_(keys))

