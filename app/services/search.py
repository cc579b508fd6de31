"""Search service: parse the query, expand typos, ask the node's index, shape the page.

Costs per request, whatever the corpus size: one look at the change log (is the index
fresh?), a top-k search in the index (``limit + offset`` best, never a sort of every hit),
one count and the facets of the hits as the index computes them over its columnar fields,
and one store query for the page's rows by primary key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.config import get_settings, index_dir_for
from app.db import models
from app.errors import BadQuery
from app.search import highlight, plan
from app.search.query import ParsedQuery, parse_query
from app.search.sync import fresh_index
from app.search.vocab import Vocabulary, vocabulary
from parsers import vntext
from parsers.model import KINDS, ROLES

FACET_SIZE = 50
# Deeper pages cost a heap of offset + limit hits; search engines stop at 10 000 too.
MAX_WINDOW = 10_000
FACETS = {"documents": "doc", "sections": "root", "kinds": "kind", "roles": "role"}
_P = models.table_of(models.Provision)
PAGE_COLUMNS = (_P.c.pk, _P.c.id, _P.c.document_id, _P.c.path, _P.c.kind, _P.c.role,
                _P.c.label, _P.c.heading, _P.c.text, _P.c.breadcrumbs)


@dataclass(frozen=True)
class SearchParams:
    q: str
    limit: int = 20
    offset: int = 0
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None


def search(session: Session, params: SearchParams, index_dir: Path | None = None
           ) -> dict[str, Any]:
    """Run one search.

    Args:
        session: a session on a database migrated to head.
        params: the query, page and filters.
        index_dir: this node's index folder (default: from the settings and the URL).

    Returns:
        ``{"total", "items", "facets", "expansions", "index"}``; items are best first.

    Raises:
        BadQuery: no searchable words, too many words, an unknown kind/role, or a page
            deeper than ``MAX_WINDOW`` hits.
    """
    filters = _filters(params)
    parsed = parse_query(params.q)
    snapshot = fresh_index(session, index_dir or _default_index_dir(session))
    expansions = _expansions(vocabulary(session, snapshot.head), parsed)
    searcher = snapshot.index.searcher()
    matching = plan.matches_only(parsed, expansions, filters)
    total = _count(searcher, matching)
    if params.offset + params.limit > MAX_WINDOW and params.offset < total:
        raise BadQuery(f"results past the first {MAX_WINDOW} cannot be paged to; "
                       "narrow the query with words or filters", max_window=MAX_WINDOW)
    hits = []
    if params.offset < total:
        found = searcher.search(plan.build(parsed, expansions, filters), params.limit,
                                count=False, offset=params.offset).hits
        pks = searcher.fast_field_values("pk", [address for _, address in found])
        # Equal scores in store order, whatever segment each hit came from.
        hits = sorted(((int(pk), float(score)) for pk, (score, _) in zip(pks, found, strict=True)
                       if pk is not None), key=lambda hit: (-hit[1], hit[0]))
    facets = _facets(searcher.aggregate(matching, _facet_request())) if total else _no_facets()
    return {
        "total": total,
        "items": _items(session, hits, parsed, expansions),
        "facets": facets,
        "expansions": {term: variants for term, variants in expansions.items() if variants},
        "index": {"seq": snapshot.state.seq, "lag": snapshot.lag},
    }


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    # limit 1, not 0: tantivy panics on an empty top-k.
    count: int = searcher.search(query, 1, count=True).count  # type: ignore[attr-defined]
    return count  # (the stubs of tantivy 0.27 omit SearchResult.count)


def warm_up(session: Session, index_dir: Path | None = None) -> None:
    """Bring the index up to date and load the vocabulary, so the first user does not wait."""
    snapshot = fresh_index(session, index_dir or _default_index_dir(session), wait=True)
    vocabulary(session, snapshot.head)


def _default_index_dir(session: Session) -> Path:
    url = session.get_bind().engine.url.render_as_string(hide_password=False)
    return index_dir_for(url, get_settings().index_dir)


def _filters(params: SearchParams) -> plan.Filters:
    if params.kind and params.kind not in KINDS:
        raise BadQuery(f"unknown kind {params.kind!r}", valid=list(KINDS))
    if params.role and params.role not in ROLES:
        raise BadQuery(f"unknown role {params.role!r}", valid=list(ROLES))
    # A doc that slugs to nothing must still filter (to no hits), not vanish.
    doc = (vntext.slug(params.doc) or params.doc) if params.doc else None
    section = params.section.strip() if params.section else None
    return plan.Filters(doc=doc, section=section or None, kind=params.kind, role=params.role)


def _expansions(vocab: Vocabulary, parsed: ParsedQuery) -> dict[str, list[str]]:
    return {c.terms[0]: vocab.expand(c.terms[0]) for c in parsed.clauses if c.is_word}


def _items(session: Session, hits: list[tuple[int, float]], parsed: ParsedQuery,
           expansions: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The page's rows from the store, in the index's order. A row deleted since the index
    saw it is left out (the next sync drops it from the index)."""
    if not hits:
        return []
    rows = session.execute(select(*PAGE_COLUMNS).where(_P.c.pk.in_([pk for pk, _ in hits])))
    by_pk = {row["pk"]: dict(row) for row in rows.mappings()}
    regex = highlight.pattern(
        [t for c in parsed.clauses if c.is_word for t in c.terms]
        + [v for variants in expansions.values() for v in variants],
        [c.terms for c in parsed.clauses if not c.is_word],
    )
    return [_item({**by_pk[pk], "score": score}, regex) for pk, score in hits if pk in by_pk]


def _item(row: dict[str, Any], regex: re.Pattern[str] | None) -> dict[str, Any]:
    return {
        **_fields(row),
        "breadcrumbs": _json_list(row["breadcrumbs"]),
        "snippet": _snippet(row, regex),
        "score": round(float(row["score"]), 6),
    }


def _snippet(row: dict[str, Any], regex: re.Pattern[str] | None) -> str:
    """The text around the first match; the heading when only it matched or there is no text."""
    text_snippet = highlight.snippet(row["text"], regex)
    heading = row["heading"]
    if not heading or "<mark>" in text_snippet and row["text"].strip():
        return text_snippet
    heading_snippet = highlight.snippet(heading, regex)
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


def _facet_request() -> dict[str, Any]:
    return {name: {"terms": {"field": field, "size": FACET_SIZE}}
            for name, field in FACETS.items()}


def _facets(aggregations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for name in FACETS:
        buckets = aggregations.get(name, {}).get("buckets", [])
        values = [{"value": b["key"], "count": b["doc_count"]} for b in buckets if b["key"]]
        out[name] = sorted(values, key=lambda v: (-v["count"], v["value"]))
    return out


def _no_facets() -> dict[str, list[dict[str, Any]]]:
    return {name: [] for name in FACETS}
