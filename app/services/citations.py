"""Citations found in a provision, each with what it points to in the corpus (if there)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.analysis_models import Citation
from app.db.models import Provision
from app.services import provisions
from app.services.resolve import (
    DocRow,
    document,
    document_match,
    issued_by,
    named_documents,
    provision_match,
)
from parsers import vntext
from parsers.citations import CitationQuery, law_path

FIELDS = ("raw", "kind", "number", "title", "year", "article", "clause", "point", "start", "end")
_ARTICLE = re.compile(r"d\d+[a-z]?")


def provision_citations(session: Session, provision_id: str) -> dict[str, Any]:
    """The citations of a provision in text order, each with its ``target`` or None.

    Raises:
        NotFound: unknown provision; the error lists the closest ids.
    """
    node = provisions.require(session, provision_id)
    rows = session.scalars(
        select(Citation).where(Citation.provision_id == node.id).order_by(Citation.start)
    ).all()
    citing = document(session, node.document_id)
    items = []
    for row in rows:
        item = {name: getattr(row, name) for name in FIELDS}
        item["target"] = target(session, row, node, citing)
        items.append(item)
    return {"provision_id": node.id, "items": items}


def target(session: Session, cite: Citation, own: Provision,
           citing: DocRow | None) -> dict[str, Any] | None:
    """What ``cite`` (found in ``own``, of the document ``citing``) points to: a provision,
    else its document, else None (not in the corpus, or more than one document could be
    meant)."""
    if cite.kind == "internal":
        found = [citing] if citing is not None else []
        path = _internal_path(cite, own.path)
    else:
        path = law_path(cite.article, cite.clause, cite.point)
        query = CitationQuery(
            raw=cite.raw, kind=cite.kind, number=cite.number,
            title=None if cite.number else cite.title, year=cite.year, path=path,
            doc_id=cite.cited_doc_id,
            number_slug=vntext.slug(cite.number) if cite.number else None,
        )
        found = named_documents(session, query)
        if query.title:
            found = issued_by(found, citing.date if citing else None)
    if len(found) != 1:
        return None
    node = provisions.find(session, f"{found[0].id}/{path}") if path else None
    return _target(provision_match(node) if node else document_match(found[0]))


def _internal_path(cite: Citation, own_path: str) -> str | None:
    """``khoản 2 Điều này`` inside ``d5.3`` → ``d5.2``; ``Điều 30 của Luật này`` → ``d30``."""
    article = f"d{cite.article}" if cite.article else next(
        (part for part in own_path.split(".") if _ARTICLE.fullmatch(part)), None
    )
    if article is None:
        return None
    return ".".join(p for p in (article, cite.clause, cite.point) if p)


def _target(match: dict[str, Any]) -> dict[str, Any]:
    return {k: match[k] for k in ("doc_id", "provision_id", "url")}
