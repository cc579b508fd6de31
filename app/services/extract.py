"""Many citations at once: a list resolved in one request, and every citation in a pasted
text found, resolved and scored (eyecite's tokenize → classify → resolve, with the finding
pure in ``parsers.citations`` and the lookups here).

Confidence of an extracted citation's target (0–1), from what the text gave:

* 1.0: a full number (``45/2019/QH14``), one document, and the provision exists;
* 0.9: an abbreviation or a title with its year, one document;
* 0.8: a reference inside the citing text (``khoản 2 Điều này``) read with ``from``;
* 0.6: a title without a year that only one document in the corpus has;
* half of that when the provision named is not in the document (the document is answered);
* 0.0: no target (not in the corpus, several documents could be meant, or an internal
  reference without ``from``); the citation is still listed with its text.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.errors import BadQuery, VnlexError
from app.services import provisions
from app.services.resolve import (
    Context,
    DocRow,
    context_of,
    document_match,
    issued_by,
    named_documents,
    provision_match,
    resolve,
)
from parsers import vntext
from parsers.citations import Citation, CitationQuery, find_citations, law_path, relative_path

MAX_BATCH = 100  # cites per POST /resolve
MAX_TEXT = 100_000  # characters per POST /citations/extract
MAX_FOUND = 1_000  # citations answered per text


def resolve_many(session: Session, cites: list[str], origin: str | None) -> dict[str, Any]:
    """Each of ``cites`` resolved as ``GET /resolve`` would, in order; a citation that
    fails has its error in place of matches, and the others still answer.

    Raises:
        BadQuery: more than ``MAX_BATCH`` citations.
        NotFound: an unknown ``origin`` (the same context for every citation).
    """
    if len(cites) > MAX_BATCH:
        raise BadQuery(f"at most {MAX_BATCH} citations per request, got {len(cites)}",
                       limit=MAX_BATCH)
    if origin:
        context_of(session, origin)  # an unknown context fails the request, not each item
    items = []
    for cite in cites:
        try:
            result = resolve(session, cite, origin)
        except VnlexError as exc:
            items.append({"cite": cite, "status": exc.status, "matches": [],
                          "parsed": exc.details.get("parsed"), "error": exc.body()["error"]})
            continue
        matches = result["matches"]
        one = len(matches) == 1 and not result["more"]
        items.append({**result, "status": 200 if one else 300, "error": None})
    return {"items": items}


def extract(session: Session, text: str, origin: str | None) -> dict[str, Any]:
    """Every citation in ``text`` (offsets into it as sent, after NFC), with its target.

    Raises:
        BadQuery: a text over ``MAX_TEXT`` characters.
        NotFound: an unknown ``origin``.
    """
    if len(text) > MAX_TEXT:
        raise BadQuery(f"at most {MAX_TEXT} characters per text, got {len(text)}",
                       limit=MAX_TEXT)
    context = context_of(session, origin) if origin else None
    text = vntext.nfc(text)
    found = find_citations(text)[:MAX_FOUND]
    items = []
    for cite in found:
        target, confidence = _target(session, cite, context)
        path = law_path(cite.article, cite.clause, cite.point)
        if cite.kind == "internal":  # the path the context gave, when it gave one
            path = _internal_path(cite, context)
        items.append({
            "raw": cite.raw, "start": cite.start, "end": cite.end, "kind": cite.kind,
            "number": cite.number, "title": cite.title, "year": cite.year, "path": path,
            "target": target, "confidence": confidence,
        })
    return {"items": items, "text_length": len(text)}


def _target(session: Session, cite: Citation, context: Context | None
            ) -> tuple[dict[str, Any] | None, float]:
    if cite.kind == "internal":
        path = _internal_path(cite, context)
        if context is None or path is None:
            return None, 0.0
        return _at(session, context.doc, path, 0.8)
    query = CitationQuery(
        raw=cite.raw, kind=cite.kind, number=cite.number,
        title=None if cite.number else cite.title, year=cite.year,
        doc_id=cite.doc_id, number_slug=vntext.slug(cite.number) if cite.number else None,
    )
    found = named_documents(session, query)
    if query.title and context is not None:  # a text of the context's day
        found = issued_by(found, context.doc.date)
    if len(found) != 1:
        return None, 0.0
    if cite.number and cite.doc_id == found[0].id and cite.title is None:
        score = 1.0
    elif cite.year is not None:
        score = 0.9
    else:
        score = 0.6
    return _at(session, found[0], law_path(cite.article, cite.clause, cite.point), score)


def _internal_path(cite: Citation, context: Context | None) -> str | None:
    if context is None or context.path is None:
        return None
    query = CitationQuery(raw=cite.raw, article=cite.article, clause=cite.clause,
                          point=cite.point, this_article=cite.article is None)
    return relative_path(query, context.path)


def _at(session: Session, doc: DocRow, path: str | None,
        score: float) -> tuple[dict[str, Any] | None, float]:
    if path is None:
        return _short(document_match(doc)), score
    node = provisions.at_path(session, [doc.id], path).get(doc.id)
    if node is None:
        return _short(document_match(doc)), score / 2
    return _short(provision_match(node)), score


def _short(match: dict[str, Any]) -> dict[str, Any]:
    return {k: match[k] for k in ("doc_id", "provision_id", "url")}
