"""The citation resolver: a citation as people write it → documents and provisions.

``parsers.citations.parse_citation`` takes the citation apart (number, or title + year, and
a path such as ``III.4`` or ``d5.2.a``); this module finds what it names in the corpus:

* a number with its year (``50/2024/QH15``, ``02-NQ/TW`` + ``2021``): the document whose id
  or number it is;
* a Party number without a year (``02-NQ/TW``): every document whose number slug is that
  number, or whose id starts with it (``02-nq-tw-2021``); a year typed beside it filters;
* a title (``Luật Công đoàn 2024``): documents whose type + title, folded, equal it (else
  contain it as words), of that year when one is given (the year of their date);
* only a path (``Điều 5``): any document;
* an abbreviation (``BLDS``, ``BLLĐ``, ``Luật ĐĐ``: ``corpus/abbreviations.yaml``): the
  version in the table, or with another year the document of that title and year;
* a reference read in context (``from=<provision id>``): ``khoản 2 Điều này``, ``Điều 5
  của Luật này``, and any citation that names no document, point into the citing document
  (``parsers.citations.relative_path``);

then, with a path, the provision at that path in each (``provisions.find``). Citations
found in provision text are resolved the same way, when read: a document ingested later is
found without re-ingesting the one citing it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.analysis_models import DocumentKey
from app.db.in_lists import MAX_IN_LIST, chunks
from app.db.models import Document, Provision
from app.errors import NotFound
from app.services import provisions
from app.services.flatten import short_title
from app.services.links import document_url, provision_url
from app.services.suggest import NEIGHBOURS, closest, near
from parsers import vntext
from parsers.citations import CitationQuery, parse_citation, relative_path
from parsers.doc_keys import stored_key, target_keys

MAX_CANDIDATES = 5
# Documents one answer lists: a bare path or a short title names more, and the answer then
# says so (``more``) rather than list a corpus of tens of thousands.
MAX_MATCHES = 100
BARE_PATH_DOCS = 4 * MAX_IN_LIST  # documents a bare path is looked for in
NEAR_ENOUGH = 60  # of rapidfuzz's 0–100 ratio: below, a candidate only adds noise


@dataclass(frozen=True)
class DocRow:
    id: str
    number: str | None
    type: str | None
    title: str | None
    date: str | None

    # Cached: a request may match one document against many citations.
    @functools.cached_property
    def title_words(self) -> str:
        """Type and title as words (``vntext.words``): what a title names a document by."""
        return vntext.words(f"{self.type or ''} {self.title or ''}")

    @functools.cached_property
    def year(self) -> int | None:
        if self.date and self.date[:4].isdigit():
            return int(self.date[:4])
        in_number = re.search(r"/((?:19|20)\d{2})/", self.number or "")
        if in_number:
            return int(in_number.group(1))
        last = self.id.rsplit("-", 1)[-1]
        return int(last) if re.fullmatch(r"(?:19|20)\d{2}", last) else None

    @property
    def label(self) -> str:
        """How a reader names it: ``Luật CÔNG ĐOÀN 50/2024/QH15``."""
        return " ".join(p for p in (self.type, self.title, self.number) if p)


def resolve(session: Session, cite: str, origin: str | None = None) -> dict[str, Any]:
    """What ``cite`` names: ``{"cite", "parsed", "matches", "more"}`` with one match or
    several (at most ``MAX_MATCHES``; ``more`` when more documents may match).

    Args:
        origin: the provision (or document) id the citation was read in, which completes
            ``khoản 2 Điều này`` and keeps ``Điều 3`` inside the citing document.

    Raises:
        NotFound: nothing matches; the error's ``candidates`` are the nearest documents or
            provisions. A text with no number, title or provision in it (``xin chào``)
            names nothing, so it matches nothing either (no candidates): any string the
            schema allows gets an answer, never a 422. An unknown ``origin`` is a 404 too.
            So is a reference to "this article" or "this law" without ``origin``.
    """
    query = parse_citation(cite)
    parsed = {k: getattr(query, k) for k in ("kind", "number", "title", "year", "path", "doc_id")}
    context = context_of(session, origin) if origin else None
    if context is not None and (query.relative or not query.names_document):
        return _in_context(session, cite, query, parsed, context)
    if query.relative:
        # Any string the schema allows is an answer, never a 422: without its context the
        # citation names nothing here.
        raise NotFound(f"{cite!r} refers to the citing text; give from=<provision id>",
                       parsed=parsed, candidates=[], needs="from")
    if not (query.number or query.title or query.path):
        raise NotFound(f"no document number, title or provision in {cite!r}", parsed=parsed,
                       candidates=[])
    if query.path and not (query.number or query.title):
        docs, more = _with_path(session, query.path)
    else:
        docs = named_documents(session, query)
        more = len(docs) > MAX_MATCHES
    docs = docs[:MAX_MATCHES]
    if query.path is None:
        matches = [document_match(d) for d in docs]
    else:
        matches = [provision_match(p) for p in at_path(session, docs, query.path)]
    if not matches:
        raise NotFound(f"nothing in the corpus matches {cite!r}", parsed=parsed,
                       candidates=_nearest(session, cite, query, docs, _lookalikes(session, query)))
    return {"cite": cite, "parsed": parsed, "matches": matches, "more": more}


@dataclass(frozen=True)
class Context:
    """Where a citation was read: the document and the path of the citing provision."""

    doc: DocRow
    path: str | None


def context_of(session: Session, origin: str) -> Context:
    """The context of ``from=``: a provision id, or a document id (no path then).

    Raises:
        NotFound: neither a provision nor a document.
    """
    node = provisions.find(session, origin) if "/" in origin else None
    found = document(session, node.document_id) if node is not None else None
    if node is not None and found is not None:  # a provision's document is stored
        return Context(found, node.path)
    doc = document(session, vntext.slug(origin))
    if doc is None:
        raise NotFound(f"no provision or document {origin!r} (the from= context)",
                       parameter="from", candidates=[])
    return Context(doc, None)


def _in_context(session: Session, cite: str, query: CitationQuery, parsed: dict[str, Any],
                context: Context) -> dict[str, Any]:
    path = relative_path(query, context.path) if context.path else query.path
    if path is None and not (query.this_document and not query.path):
        if query.path is None and not query.this_document:
            raise NotFound(f"{cite!r} needs a provision to be read in; from= is a document",
                           parsed=parsed, candidates=[])
        path = query.path
    parsed = {**parsed, "path": path, "doc_id": context.doc.id}
    if path is None:
        return {"cite": cite, "parsed": parsed, "matches": [document_match(context.doc)],
                "more": False}
    found = at_path(session, [context.doc], path)
    if not found:
        raise NotFound(f"{context.doc.id} has no provision {path}", parsed=parsed,
                       candidates=_nearest(session, cite, replace(query, path=path),
                                           [context.doc], [context.doc]))
    return {"cite": cite, "parsed": parsed, "matches": [provision_match(found[0])],
            "more": False}


def document(session: Session, doc_id: str) -> DocRow | None:
    """The short row of the stored document ``doc_id``, or None."""
    row = session.execute(select(*_SHORT).where(Document.id == doc_id)).first()
    return DocRow(*row) if row is not None else None


def named_documents(session: Session, query: CitationQuery) -> list[DocRow]:
    """``find_documents`` of ``query`` over the corpus, reading only the documents stored
    under its keys (``parsers.doc_keys``): a number's, or a title's (the documents whose type
    and title are or begin with its words, at most ``MAX_MATCHES`` + 1 of them, by id). A
    bare path (``Điều 5``) is looked for in the first documents by id (``_with_path``).
    Nothing here reads every document: a corpus holds tens of thousands."""
    if query.number:
        return find_documents(documents_under(session, target_keys(
            query.number, None, query.doc_id)), query)
    if query.title:
        keyed = documents_under(session, target_keys(None, query.title, None),
                                limit=MAX_MATCHES + 1)
        return find_documents(keyed, query)
    return _with_path(session, query.path)[0] if query.path else []


def issued_by(docs: list[DocRow], day: str | None) -> list[DocRow]:
    """``docs`` issued on or before ``day`` (all when it is unknown): a title alone, read in
    a text of that day, names the document of its day, never a later one."""
    return [d for d in docs if not (day and d.date and d.date > day)]


def documents_under(session: Session, keys: Iterable[str],
                    limit: int | None = None) -> list[DocRow]:
    """The stored documents under any of ``keys``, by id (the first ``limit`` of them)."""
    ids: set[str] = set()
    for chunk in chunks(sorted({stored_key(key) for key in keys})):
        under = (select(DocumentKey.document_id).where(DocumentKey.key.in_(chunk))
                 .distinct().order_by(DocumentKey.document_id).limit(limit))
        ids.update(session.scalars(under))
    return _rows(session, sorted(ids)[:limit])


def _rows(session: Session, ids: list[str]) -> list[DocRow]:
    found: dict[str, DocRow] = {}
    for chunk in chunks(ids):
        result = session.execute(select(*_SHORT).where(Document.id.in_(chunk)))
        found.update((r.id, DocRow(*r)) for r in result)
    return [found[doc_id] for doc_id in ids if doc_id in found]


def _with_path(session: Session, path: str) -> tuple[list[DocRow], bool]:
    """Documents that have ``path`` exactly, by id, up to ``MAX_MATCHES`` + 1 of them, looked
    for in the first ``BARE_PATH_DOCS`` documents (a bare ``Điều 5`` names nearly every one,
    and ``Điều 9999`` none); and whether there may be more."""
    found: list[DocRow] = []
    examined, last = 0, ""
    while len(found) <= MAX_MATCHES:
        batch = [DocRow(*r) for r in session.execute(
            select(*_SHORT).where(Document.id > last).order_by(Document.id)
            .limit(MAX_IN_LIST))]
        have = provisions.at_path(session, [d.id for d in batch], path, loose=False)
        found += [d for d in batch if d.id in have]
        examined, last = examined + len(batch), batch[-1].id if batch else last
        if len(batch) < MAX_IN_LIST:
            return found, False
        if examined >= BARE_PATH_DOCS:
            break
    return found[:MAX_MATCHES + 1], True


_SHORT = (Document.id, Document.number, Document.type, Document.title, Document.date)


def documents(session: Session) -> list[DocRow]:
    rows = session.execute(select(*_SHORT).order_by(Document.id))
    return [DocRow(*row) for row in rows]


def find_documents(docs: list[DocRow], query: CitationQuery) -> list[DocRow]:
    """The documents ``query`` may name (all of them when it gives only a path)."""
    if query.number:
        found = [d for d in docs if _number_matches(d, query)]
        if query.doc_id and any(d.id == query.doc_id for d in found):
            return [d for d in found if d.id == query.doc_id]
        has_year = bool(re.search(r"/(?:19|20)\d{2}/", query.number))
        return found if has_year or query.year is None else _of_year(found, query.year)
    if query.title:
        wanted = vntext.words(query.title)
        exact = [d for d in docs if d.title_words == wanted]
        found = exact or [
            d for d in docs if f" {wanted} " in f" {vntext.words(f'{d.type} {d.title}')} "
        ]
        return found if query.year is None else _of_year(found, query.year)
    return list(docs) if query.path else []


def at_path(session: Session, docs: list[DocRow], path: str) -> list[Provision]:
    """The provision at ``path`` in each of ``docs`` that has one, in document id order,
    matched as ``provisions.find`` matches (``provisions.at_path``: an index lookup per
    document, batched, since a bare ``Điều 1`` may be asked of every document)."""
    found = provisions.at_path(session, [d.id for d in docs], path)
    return [found[doc_id] for doc_id in sorted(found)]


def document_match(doc: DocRow) -> dict[str, Any]:
    return {"doc_id": doc.id, "provision_id": None, "path": None, "kind": "document",
            "title": doc.label, "url": document_url(doc.id)}


def provision_match(node: Provision) -> dict[str, Any]:
    return {"doc_id": node.document_id, "provision_id": node.id, "path": node.path,
            "kind": node.kind, "title": short_title(node.heading, node.text),
            "url": provision_url(node.id)}


def _number_matches(doc: DocRow, query: CitationQuery) -> bool:
    slug = query.number_slug or ""
    return (
        doc.id == query.doc_id
        or (doc.number is not None and vntext.slug(doc.number) == slug)
        or doc.id == slug
        or doc.id.startswith(f"{slug}-")  # 02-NQ/TW → 02-nq-tw-2021
    )


def _of_year(docs: list[DocRow], year: int) -> list[DocRow]:
    return [d for d in docs if d.year == year]


def _nearest(session: Session, cite: str, query: CitationQuery, docs: list[DocRow],
             all_docs: list[DocRow]) -> list[dict[str, Any]]:
    """What the reader may have meant: in the documents that matched, the nearest existing
    ancestor of the path and then the closest paths; else the documents that match
    without the year, then the documents most like the citation."""
    if docs and query.path:
        wanted = f"{docs[0].id}/{query.path}"
        near_docs = docs[:MAX_IN_LIST]  # a bare path matches every document: bound the query
        ids = session.scalars(
            select(Provision.id).where(Provision.document_id.in_([d.id for d in near_docs]))
        ).all()
        known = set(ids)
        parts = query.path.split(".")
        ancestors = [f"{d.id}/{'.'.join(parts[:n])}" for n in range(len(parts) - 1, 0, -1)
                     for d in near_docs]
        picked = [pid for pid in ancestors if pid in known][:1]
        picked += closest(wanted, ids, MAX_CANDIDATES)
        nodes = [provisions.find(session, pid) for pid in dict.fromkeys(picked)]
        return [provision_match(n) for n in nodes if n is not None][:MAX_CANDIDATES]
    yearless = find_documents(all_docs, replace(query, year=None)) if query.year else []
    scored = sorted(((_likeness(query, d), d.id, d) for d in all_docs), key=lambda x: -x[0])
    near = [d for score, _id, d in scored if score >= NEAR_ENOUGH]
    unique = {d.id: d for d in [*yearless, *near]}
    return [document_match(d) for d in list(unique.values())[:MAX_CANDIDATES]]


def _lookalikes(session: Session, query: CitationQuery) -> list[DocRow]:
    """The documents a citation that matched nothing may have meant, read near it: the ids
    that sort near its number, and the documents whose titles begin with the longest run of
    its title's first words that any title begins with."""
    ids = near(session, Document.id, query.number_slug) if query.number_slug else []
    words = vntext.words(query.title or "").split()
    for n in range(len(words), 0, -1):
        keyed = documents_under(session, [f"t:{' '.join(words[:n])}"], limit=NEIGHBOURS)
        if keyed:
            return [*_rows(session, ids), *keyed]
    return _rows(session, ids)


def _likeness(query: CitationQuery, doc: DocRow) -> float:
    """0–100: how like ``doc`` the number and the title of ``query`` are (each compared
    whole, so a long title sharing one word with the citation scores low)."""
    scores = []
    if query.number_slug:
        scores.append(fuzz.ratio(query.number_slug, vntext.slug(doc.number or doc.id)))
    if query.title:
        title = vntext.words(f"{doc.type} {doc.title}")
        scores.append(fuzz.ratio(vntext.words(query.title), title))
    return sum(scores) / len(scores) if scores else 0.0
