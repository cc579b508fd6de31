"""Search service: parse the query, expand typos, run the index, shape hits and facets."""

from __future__ import annotations

import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app.db.session import is_sqlite
from app.errors import BadQuery, Unsupported
from app.search import highlight, sqlite
from app.search.query import (
    ParsedQuery,
    citation_match,
    exact_matches,
    folded_match,
    parse_query,
    phrase_match,
)
from app.search.vocab import vocabulary
from parsers import vntext
from parsers.model import KINDS, ROLES

FACET_SIZE = 50


@dataclass(frozen=True)
class SearchParams:
    q: str
    limit: int = 20
    offset: int = 0
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None


def search(session: Session, params: SearchParams) -> dict[str, Any]:
    """Run one search.

    Args:
        session: a session on a SQLite database migrated to head.
        params: the query, page and filters.

    Returns:
        ``{"total", "items", "facets", "expansions"}``; items are best first.

    Raises:
        BadQuery: no searchable words, too many words, or an unknown kind/role.
    """
    if not is_sqlite(session):
        raise Unsupported("full-text search is implemented for SQLite only")
    filters = _filters(params)
    parsed = parse_query(params.q)
    expansions = _expansions(session, parsed)
    plan = sqlite.Plan(
        folded=folded_match(parsed, expansions),
        phrase=phrase_match(parsed),
        exact=tuple(exact_matches(parsed)),
        citation=citation_match(parsed),
    )
    groups, rows = _count_and_rank(session, plan, filters, params)
    total = sum(row[4] for row in groups)
    regex = highlight.pattern(
        [t for c in parsed.clauses if c.is_word for t in c.terms]
        + [v for variants in expansions.values() for v in variants],
        [c.terms for c in parsed.clauses if not c.is_word],
    )
    return {
        "total": total,
        "items": [_item(row, regex) for row in rows],
        "facets": _facets(groups),
        "expansions": {term: variants for term, variants in expansions.items() if variants},
    }


_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="vnlex-count")


def _count_and_rank(session: Session, plan: sqlite.Plan, filters: sqlite.Filters,
                    params: SearchParams) -> tuple[list[sqlite.FacetRow], list[dict[str, Any]]]:
    """Facet rows over every hit, and the requested page.

    Both read every hit; on two connections they overlap, since SQLite releases the GIL
    while it steps (the heaviest queries take about half as long). The second connection
    is taken while this request holds one, so the pool must not be capped
    (``app.db.session``): capped, concurrent searches waited on each other until a 500.
    """
    bind = session.get_bind()
    # In memory, one connection is the whole database.
    if bind.engine.url.database in (None, "", ":memory:"):
        groups = sqlite.facet_rows(session, plan, filters)
        return groups, sqlite.page(session, plan, filters, params.limit, params.offset)
    counting = _POOL.submit(_facet_rows, bind, plan, filters)
    rows = sqlite.page(session, plan, filters, params.limit, params.offset)
    return counting.result(), rows


def _facet_rows(bind: Engine | Connection, plan: sqlite.Plan,
                filters: sqlite.Filters) -> list[sqlite.FacetRow]:
    with Session(bind=bind) as other:
        return sqlite.facet_rows(other, plan, filters)


def _filters(params: SearchParams) -> sqlite.Filters:
    if params.kind and params.kind not in KINDS:
        raise BadQuery(f"unknown kind {params.kind!r}", valid=list(KINDS))
    if params.role and params.role not in ROLES:
        raise BadQuery(f"unknown role {params.role!r}", valid=list(ROLES))
    # A doc that slugs to nothing must still filter (to no hits), not vanish.
    doc = (vntext.slug(params.doc) or params.doc) if params.doc else None
    section = params.section.strip() if params.section else None
    return sqlite.Filters(doc=doc, section=section or None, kind=params.kind, role=params.role)


def _expansions(session: Session, parsed: ParsedQuery) -> dict[str, list[str]]:
    words = [c.terms[0] for c in parsed.clauses if c.is_word]
    if not words:
        return {}
    vocab = vocabulary(session)
    return {word: vocab.expand(word) for word in words}


def _item(row: dict[str, Any], regex: re.Pattern[str] | None) -> dict[str, Any]:
    return {
        **_fields(row),
        "breadcrumbs": _json_list(row["breadcrumbs"]),
        "snippet": _snippet(row, regex),
        "score": round(float(row["score"]), 6),
    }


def _snippet(row: dict[str, Any], regex: re.Pattern[str] | None) -> str:
    """The text around the first match; the heading when only it matched or there is no text."""
    text_snippet = highlight.snippet(row["text"], regex, folded=row["text_folded"])
    heading = row["heading"]
    if not heading or "<mark>" in text_snippet and row["text"].strip():
        return text_snippet
    heading_snippet = highlight.snippet(heading, regex, folded=row["heading_folded"])
    if not row["text"].strip() or "<mark>" in heading_snippet:
        return heading_snippet
    return text_snippet


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "doc_id": row["document_id"],
        "path": row["path"],
        "kind": row["kind"],
        "role": row["role"],
        "label": row["label"],
        "heading": row["heading"],
        "text": row["text"],
    }


def _json_list(value: Any) -> list[Any]:
    # Raw SQL returns JSON columns as text.
    if isinstance(value, str):
        loaded: list[Any] = json.loads(value)
        return loaded
    return list(value or [])


def _facets(groups: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    counters: dict[str, Counter[str]] = {
        "documents": Counter(), "sections": Counter(), "kinds": Counter(), "roles": Counter()
    }
    for doc_id, root_path, kind, role, count in groups:
        counters["documents"][doc_id] += count
        counters["sections"][root_path] += count
        counters["kinds"][kind] += count
        if role:
            counters["roles"][role] += count
    return {
        name: [{"value": v, "count": n} for v, n in sorted(c.items(), key=lambda i: (-i[1], i[0]))][
            :FACET_SIZE
        ]
        for name, c in counters.items()
    }
