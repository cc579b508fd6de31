"""Closest existing ids for a 404, so a mistyped citation still leads somewhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.analysis_models import Body
from app.db.models import Document
from app.errors import NotFound
from parsers import vntext

# The models with a public string id, looked up by ``require``.
Row = TypeVar("Row", Document, Body)
# Ids read on each side of where a missing id would sort: a mistyped id shares its head
# with the one meant (``02-nq-tw-2012`` for ``02-nq-tw-2021``), and a 404 must not read
# every id of a corpus of tens of thousands of documents.
NEIGHBOURS = 200


def closest(wanted: str, ids: Sequence[str], limit: int = 5) -> list[str]:
    """Up to ``limit`` ids most like ``wanted`` (folded, so case and diacritics don't count)."""
    if not ids:
        return []
    matches = process.extract(
        vntext.fold(wanted), ids, scorer=fuzz.ratio, processor=vntext.fold,
        limit=limit, score_cutoff=40,
    )
    return [choice for choice, _score, _index in matches]


def can_exist(wanted: str) -> bool:
    """Whether ``wanted`` may be a stored id at all. Ids are slugs and parser paths, never
    with NUL, and PostgreSQL refuses NUL in any text parameter (psycopg's DataError was a
    500 for ``/documents/%00``), so such a lookup is answered without asking the database."""
    return "\x00" not in wanted


def require(session: Session, model: type[Row], wanted: str, what: str) -> Row:
    """The row whose id is ``wanted``, as typed or as its slug (``02-NQ-TW-2021``, a body's
    name); else ``NotFound`` listing the closest ids."""
    row = None
    if can_exist(wanted):
        row = by_id(session, model, wanted) or by_id(session, model, vntext.slug(wanted))
    if row is None:
        raise unknown(session, model.id, wanted, what)
    return row


def unknown(session: Session, column: InstrumentedAttribute[Any], wanted: str,
            what: str) -> NotFound:
    """The 404 for a missing ``what``, listing the ids of ``column`` most like ``wanted``."""
    return NotFound(f"no {what} {wanted!r}",
                    suggestions=closest(wanted, near(session, column, wanted)))


def near(session: Session, column: InstrumentedAttribute[Any], wanted: str) -> list[str]:
    """The ids of ``column`` (unique, indexed) that sort nearest to ``wanted``'s slug, up to
    ``NEIGHBOURS`` on each side: two index range reads, whatever the corpus holds."""
    key = vntext.slug(wanted) or wanted.replace("\x00", "")
    after = select(column).where(column >= key).order_by(column).limit(NEIGHBOURS)
    before = select(column).where(column < key).order_by(column.desc()).limit(NEIGHBOURS)
    return [*session.scalars(before), *session.scalars(after)]


def by_id(session: Session, model: type[Row], wanted: str) -> Row | None:
    """The row whose public id is ``wanted``: a document's is its primary key; a body's
    primary key is its row id (``Body.pk``), its id a unique key."""
    if model is Document:
        return session.get(model, wanted)
    return session.scalars(select(model).where(model.id == wanted)).first()
