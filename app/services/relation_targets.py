"""Which stored document a relation points to, resolved when read (``app/services/relations``
reads them both ways; ``app/services/status`` keeps the in-force facts they give)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.db.analysis_models import DocumentKey, Relation
from app.db.in_lists import chunks
from app.db.models import Document
from app.services.resolve import DocRow, documents, find_documents
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


def incoming(session: Session, docs: list[DocRow] | None, doc: DocRow,
             kinds: tuple[str, ...] = tuple(INVERSE)) -> list[Relation]:
    """The relations (of ``kinds``) of other documents whose target resolves to ``doc``.
    Rows whose number makes another id cannot point here, so only those with this id or
    none are read (a title, a Party number without its year). A row with a number making
    this id resolves here without the other documents; ``docs`` (None: read when a row
    needs them) are only for the rest."""
    rows = session.scalars(
        select(Relation)
        .where(Relation.document_id != doc.id)
        .where(Relation.kind.in_(kinds))
        .where(or_(Relation.target_doc_id == doc.id, Relation.target_doc_id.is_(None)))
        .order_by(Relation.document_id, Relation.id)
    ).all()
    if docs is None and all(r.target_number and r.target_doc_id == doc.id for r in rows):
        return list(rows)
    every = docs if docs is not None else documents(session)
    by_id = {d.id: d for d in every}
    return [row for row in rows
            if (t := target_of(every, row, by_id)) is not None and t.id == doc.id]


def candidates(session: Session, rows: Iterable[Relation]) -> list[DocRow]:
    """The stored documents any of ``rows`` may name, read under their targets' keys
    (``parsers.doc_keys``): a superset of what ``target_of`` picks from, so ``target_of``
    over them decides as over every document, without reading every document."""
    keys = sorted({k for row in rows
                   for k in target_keys(row.target_number, row.target_title, row.target_doc_id)})
    found: dict[str, DocRow] = {}
    for chunk in chunks(keys):
        result = session.execute(
            select(Document.id, Document.number, Document.type, Document.title, Document.date)
            .where(Document.id.in_(select(DocumentKey.document_id)
                                   .where(DocumentKey.key.in_(chunk)))))
        found.update((r.id, DocRow(*r)) for r in result)
    return [found[doc_id] for doc_id in sorted(found)]


def keys_of(session: Session, doc_ids: Collection[str]) -> list[str]:
    """The keys the documents ``doc_ids`` are stored under."""
    out: set[str] = set()
    for chunk in chunks(sorted(doc_ids)):
        out.update(session.scalars(select(DocumentKey.key)
                                   .where(DocumentKey.document_id.in_(chunk))))
    return sorted(out)


def naming(doc_ids: Collection[str], keys: list[str]) -> ColumnElement[bool]:
    """Relations whose target may be one of ``doc_ids`` (stored under ``keys``): by the id
    its number makes, or by its key. Both columns are indexed."""
    return or_(Relation.target_doc_id.in_(sorted(doc_ids)), Relation.target_key.in_(keys))

