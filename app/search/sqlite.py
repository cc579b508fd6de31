"""The SQLite FTS5 implementation of search: candidates from the folded index, ranked.

Score of a hit (higher is better)::

    exact   number of clauses typed with diacritics found with those diacritics
            (provisions_norm_fts), so "hoà giải" ranks hoà giải above hoa giai
    + 0.5  if all the query's words occur as one phrase
    + 0.25 if the query is how the provision itself is cited ("khoản 2 Điều 5")
    + 0.25 * bm25 mapped to [0, 1)  (heading ×2, citation ×4, text ×1), of the phrase when
             it matched as one, else of the words

The exact count is an integer and the rest is below 1, so diacritics decide first.
Every per-query cost is an FTS lookup; no query reads all provisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Result, text
from sqlalchemy.orm import Session

BM25 = "bm25(provisions_fts, 2.0, 1.0, 4.0)"
RESULT_COLUMNS = (
    "p.id, p.document_id, p.path, p.kind, p.role, p.label, p.heading, p.text, p.breadcrumbs,"
    " p.heading_folded, p.text_folded"
)


@dataclass(frozen=True)
class Filters:
    doc: str | None = None
    section: str | None = None
    kind: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Plan:
    """The MATCH expressions for one query (built by ``app.search.query``)."""

    folded: str
    phrase: str | None
    exact: tuple[str, ...]
    citation: str | None = None


def _where(filters: Filters, params: dict[str, Any]) -> str:
    conditions = []
    if filters.doc:
        conditions.append("p.document_id = :doc")
        params["doc"] = filters.doc
    if filters.section:
        # The section itself and everything under it: an article "d11" lies in "ch2.m1"
        # through its ancestry (" ch2 ch2.m1 d11 "), not through its path.
        like = filters.section.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append("p.ancestry LIKE :section ESCAPE '\\'")
        params["section"] = f"% {like} %"
    if filters.kind:
        conditions.append("p.kind = :kind")
        params["kind"] = filters.kind
    if filters.role:
        conditions.append("p.role = :role")
        params["role"] = filters.role
    return " AND ".join(conditions) or "1"


def _score(plan: Plan, params: dict[str, Any]) -> str:
    parts = []
    for i, expression in enumerate(plan.exact):
        params[f"x{i}"] = expression
        parts.append(
            f"(hits.pk IN (SELECT rowid FROM provisions_norm_fts"
            f" WHERE provisions_norm_fts MATCH :x{i}))"
        )
    if plan.phrase:
        parts.append("0.5 * (phrase_hits.pk IS NOT NULL)")
    if plan.citation:
        params["citation"] = plan.citation
        parts.append(
            "0.25 * (hits.pk IN (SELECT rowid FROM provisions_fts"
            " WHERE provisions_fts MATCH :citation))"
        )
    bm = "coalesce(phrase_hits.bm, hits.bm)"
    parts.append(f"0.25 * (-{bm}) / (1.0 - {bm})")
    return " + ".join(parts)


def _phrase_cte(plan: Plan, params: dict[str, Any]) -> str:
    # A phrase hit is ranked by the phrase's own bm25: repeated single words elsewhere in a
    # long text must not outrank a short text that says exactly what was asked.
    if not plan.phrase:
        return "phrase_hits AS (SELECT NULL AS pk, NULL AS bm WHERE 0)"
    params["phrase"] = plan.phrase
    return (
        f"phrase_hits AS (SELECT rowid AS pk, {BM25} AS bm FROM provisions_fts"
        " WHERE provisions_fts MATCH :phrase)"
    )


def page(session: Session, plan: Plan, filters: Filters, limit: int, offset: int
         ) -> list[dict[str, Any]]:
    """One page of hits, best first; ties broken by row order so pages never overlap."""
    params: dict[str, Any] = {"m": plan.folded, "limit": limit, "offset": offset}
    where = _where(filters, params)
    # Without filters the ranking needs nothing from the provisions table: skip the join.
    join = "" if where == "1" else "JOIN provisions p ON p.pk = hits.pk"
    sql = f"""
        WITH hits AS (
            SELECT rowid AS pk, {BM25} AS bm FROM provisions_fts WHERE provisions_fts MATCH :m
        ),
        {_phrase_cte(plan, params)},
        scored AS (
            SELECT hits.pk AS pk, {_score(plan, params)} AS score
            FROM hits {join}
            LEFT JOIN phrase_hits ON phrase_hits.pk = hits.pk
            WHERE {where}
            ORDER BY score DESC, hits.pk
            LIMIT :limit OFFSET :offset
        )
        SELECT {RESULT_COLUMNS}, scored.score AS score
        FROM scored JOIN provisions p ON p.pk = scored.pk
        ORDER BY scored.score DESC, scored.pk
    """
    return [dict(row) for row in _run(session, sql, params).mappings()]


FacetRow = tuple[str, str, str, str | None, int]


def facet_rows(session: Session, plan: Plan, filters: Filters) -> list[FacetRow]:
    """(document, top-level section, kind, role, count) over every hit: totals and facets."""
    params: dict[str, Any] = {"m": plan.folded}
    where = _where(filters, params)
    sql = f"""
        WITH hits AS (SELECT rowid AS pk FROM provisions_fts WHERE provisions_fts MATCH :m)
        SELECT p.document_id, p.root_path, p.kind, p.role, count(*) AS n
        FROM hits JOIN provisions p ON p.pk = hits.pk
        WHERE {where}
        GROUP BY p.document_id, p.root_path, p.kind, p.role
    """
    return [tuple(row) for row in _run(session, sql, params)]


def _run(session: Session, sql: str, params: dict[str, Any]) -> Result[*tuple[Any, ...]]:
    # MATCH strings are built from [a-z0-9] terms only, so an error here is the database's
    # (locked, not migrated): it propagates and the API answers 503, not the user's 422.
    return session.execute(text(sql), params)


def rebuild(session: Session) -> None:
    """Rebuild both FTS indexes from the provisions table and merge their segments."""
    for table in ("provisions_fts", "provisions_norm_fts"):
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))
    session.execute(text("UPDATE search_state SET generation = generation + 1"))
