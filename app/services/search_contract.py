"""``/search`` held to the contract of the other routes, around the search service.

An unknown document or section given as a filter is a 404 naming the closest ids, as on
``/duties`` and ``/targets``, rather than a 200 with nothing (a mistyped ``doc`` looked like
a document without the words). A query with no searchable word (``!!!``, an emoji) is an
empty answer: the schema cannot say which characters fold to a word, so the server takes
every string the schema allows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Document, Provision
from app.errors import BadQuery, NotFound
from app.search.query import clean
from app.search.sync import head_seq
from app.search.terms import folded_terms
from app.services.search import SearchParams, search, section_exists
from app.services.suggest import can_exist, require
from parsers.model import KINDS, ROLES

FACET_NAMES = ("documents", "sections", "kinds", "roles")


def checked_search(session: Session, params: SearchParams,
                   index_dir: Path | None = None) -> dict[str, Any]:
    """``search`` after checking its filters (arguments and answer as for ``search``).

    Raises:
        NotFound: unknown ``doc`` (with the closest ids) or ``section``.
        BadQuery: as ``search``: unknown kind or role, too many words, a page past the
            window.
    """
    doc_id = require(session, Document, params.doc, "document").id if params.doc else None
    section = (params.section or "").strip()
    if section:
        require_section(session, section, doc_id, index_dir)
    if not has_words(params.q):
        known_values(params)  # refused as the search would refuse them
        return empty_answer(session)
    return search(session, params, index_dir)


def known_values(params: SearchParams) -> None:
    """Raise ``BadQuery`` (with ``valid``) for an unknown ``kind`` or ``role``."""
    for name, value, valid in (("kind", params.kind, KINDS), ("role", params.role, ROLES)):
        if value is not None and value not in valid:
            raise BadQuery(f"unknown {name} {value!r}", valid=list(valid))


def has_words(q: str) -> bool:
    """Whether ``q`` has a term the index could hold (what the query parser keeps)."""
    return bool(folded_terms(clean(q).replace('"', " ")))


def require_section(session: Session, section: str, doc_id: str | None,
                    index_dir: Path | None = None) -> None:
    """Raise ``NotFound`` unless some provision (of ``doc_id``, when given) has the path
    ``section``; the filter matches that provision and everything under it."""
    # A path with NUL is never stored, and PostgreSQL refuses NUL in a parameter.
    if not can_exist(section):
        exists = False
    elif doc_id is not None:  # through the unique index on id
        exists = session.scalar(
            select(Provision.pk).where(Provision.id == f"{doc_id}/{section}")) is not None
    else:  # provisions.path has no index: at a million rows SQL would read them all
        exists = section_exists(session, section, index_dir)
    if not exists:
        where = f" in document {doc_id!r}" if doc_id else ""
        raise NotFound(f"no section {section!r}{where}")


def empty_answer(session: Session) -> dict[str, Any]:
    """The answer of a search that can match nothing, in the shape of ``search``'s."""
    return {"total": 0, "items": [], "facets": {name: [] for name in FACET_NAMES},
            "facets_exact": True, "expansions": {},
            "index": {"seq": head_seq(session), "lag": 0}}
