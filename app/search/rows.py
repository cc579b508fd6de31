"""The store's provisions as the search index reads them: each with its article's heading,
its clause's lead-in and its whole citation, by ranges of row ids or by documents; and an
ingest's rows the same way before they are stored (``prepared``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.db import models
from app.db.models import cited_as

BATCH = 2_000
_P = models.table_of(models.Provision)
_D = models.table_of(models.Document)
# A clause, or a point under a clause, is indexed with its article's heading (``article``):
# "thời hạn giấy phép lao động" is asked of the heading "Thời hạn của giấy phép lao động" and
# answered by its clause "tối đa là 02 năm". Two joins on the unique ``id``, per row.
_UP1 = _P.alias("up1")
_UP2 = _P.alias("up2")
_ARTICLE = case((_UP1.c.kind == "article", _UP1.c.heading),
                (_UP2.c.kind == "article", _UP2.c.heading), else_=None).label("article")
# The article a hit belongs to (itself when it is none's): search shows an article's best
# hit before a second one of the same article (``app/services/search.py``).
_ARTICLE_PK = case((_UP1.c.kind == "article", _UP1.c.pk),
                   (_UP2.c.kind == "article", _UP2.c.pk),
                   else_=_P.c.pk).label("article_pk")
# A point is indexed with its clause's lead-in too: "phải báo trước … như sau:" is the
# clause, "a) Ít nhất 45 ngày …" its point; the words of a question are split between them.
_LEAD = case((and_(_P.c.kind == "point", _UP1.c.kind == "clause"), _UP1.c.text),
             else_=None).label("lead")
INDEX_COLUMNS = (_P.c.pk, _P.c.document_id, _P.c.root_path, _P.c.kind, _P.c.role,
                 _P.c.ancestry, _P.c.heading, _P.c.text, _P.c.citation, _ARTICLE,
                 _ARTICLE_PK, _LEAD)
_WITH_ARTICLE = (_P.outerjoin(_UP1, _UP1.c.id == _P.c.parent_id)
                 .outerjoin(_UP2, _UP2.c.id == _UP1.c.parent_id))




def pk_bounds(session: Session) -> tuple[int, int]:
    """The smallest and largest provision row id (``(0, -1)`` when there is none)."""
    low, high = session.execute(select(func.min(_P.c.pk), func.max(_P.c.pk))).one()
    return (0, -1) if low is None else (int(low), int(high))


def rows_between(session: Session, low: int, high: int) -> list[dict[str, Any]]:
    """The provisions whose row id is in ``[low, high]``, in row id order."""
    batch = session.execute(
        select(*INDEX_COLUMNS).select_from(_WITH_ARTICLE)
        .where(_P.c.pk >= low, _P.c.pk <= high).order_by(_P.c.pk)
    ).mappings().all()
    cited = _document_citations(session, sorted({row["document_id"] for row in batch}))
    return [_whole(row, cited) for row in batch]


def all_rows(session: Session) -> Iterator[dict[str, Any]]:
    cited = _document_citations(session)
    last = 0
    while True:
        batch = session.execute(
            select(*INDEX_COLUMNS).select_from(_WITH_ARTICLE).where(_P.c.pk > last)
            .order_by(_P.c.pk).limit(BATCH)
        ).mappings().all()
        if not batch:
            return
        yield from (_whole(row, cited) for row in batch)
        last = batch[-1]["pk"]


def rows_of(session: Session, doc_ids: list[str]) -> Iterator[dict[str, Any]]:
    cited = _document_citations(session, doc_ids)
    result = session.execute(select(*INDEX_COLUMNS).select_from(_WITH_ARTICLE)
                             .where(_P.c.document_id.in_(doc_ids)))
    return (_whole(row, cited) for row in result.mappings())


def _document_citations(session: Session, doc_ids: list[str] | None = None) -> dict[str, str]:
    """Each document's citation, read once: joined to every row, it read the document's row
    past its stored source each time (a third more time to read the rows)."""
    query = select(_D.c.id, _D.c.citation)
    if doc_ids is not None:
        query = query.where(_D.c.id.in_(doc_ids))
    return dict(session.execute(query).all())  # rows of (id, citation)


def _whole(row: Mapping[Any, Any], cited: dict[str, str]) -> dict[str, Any]:
    """A provision row with its whole citation, its own and its document's (``cited_as``)."""
    return {**row, "citation": cited_as(row["citation"], cited.get(row["document_id"]))}


def prepared(rows: Sequence[Mapping[str, Any]], cited: str) -> list[dict[str, Any]]:
    """One document's rows (``provision_rows``, in any order) as ``rows_of`` reads them once
    stored with document citation ``cited``, but without row ids: ``article_id`` is the id
    of the row whose ``pk`` is the article's (``_ARTICLE_PK``). The joins of
    ``_WITH_ARTICLE``, in Python (tests/app/test_app_search_intake.py compares the two)."""
    by_id = {row["id"]: row for row in rows}
    out = []
    for row in rows:
        up1 = by_id.get(row["parent_id"]) if row["parent_id"] else None
        up2 = by_id.get(up1["parent_id"]) if up1 is not None and up1["parent_id"] else None
        article = next((up for up in (up1, up2) if up is not None and up["kind"] == "article"),
                       None)
        lead = (up1["text"] if up1 is not None and row["kind"] == "point"
                and up1["kind"] == "clause" else None)
        out.append({
            "document_id": row["document_id"], "root_path": row["root_path"],
            "kind": row["kind"], "role": row["role"], "ancestry": row["ancestry"],
            "heading": row["heading"], "text": row["text"],
            "citation": cited_as(row["citation"], cited),
            "article": article["heading"] if article is not None else None,
            "article_id": article["id"] if article is not None else row["id"],
            "lead": lead,
        })
    return out
