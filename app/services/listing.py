"""A filtered, ordered list of rows, read a page at a time or exported in bounded batches.

Every list service builds one ``Listing``; pages and exports then share the query, so the
CSV export holds exactly the rows the JSON pages walk through, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnExpressionArgument, Select, func, label, select, tuple_
from sqlalchemy.orm import Session

Rows = list[dict[str, Any]]

# Rows per export query: a bounded read per batch, and few enough round trips.
EXPORT_BATCH = 1000


def _unchanged(rows: Rows) -> Rows:
    return rows


@dataclass(frozen=True)
class Listing:
    """``query`` selects the output columns; ``keys`` are a unique order, ideally one an
    index serves, so a page (``LIMIT``/``OFFSET``) and an export batch (keyset: rows after
    the last key seen) read only their rows. ``finish`` completes a page or batch (counts
    for just those rows, number formats)."""

    session: Session
    query: Select[*tuple[Any, ...]]
    keys: Sequence[ColumnExpressionArgument[Any]]
    finish: Callable[[Rows], Rows] = field(default=_unchanged)

    def count(self) -> int:
        counted = select(func.count()).select_from(self.query.order_by(None).subquery())
        return self.session.scalar(counted) or 0

    def page(self, limit: int, offset: int) -> dict[str, Any]:
        """``{"total", "items"}`` of rows ``offset`` to ``offset + limit``."""
        return {"total": self.count(), "items": self.items(limit, offset)}

    def items(self, limit: int, offset: int) -> Rows:
        """Rows ``offset`` to ``offset + limit``."""
        return self.finish(self._read(self.query.order_by(*self.keys).limit(limit)
                                      .offset(offset)))

    def batches(self, offset: int = 0, limit: int | None = None,
                size: int | None = None) -> Iterator[Rows]:
        """Every row from ``offset`` (at most ``limit`` of them), ``size`` (by default
        ``EXPORT_BATCH``) at a time.

        After the first batch each query starts after the last key read instead of at an
        offset, so a batch costs the same at the end of a million rows as at the start.
        """
        width = len(self.keys)
        keyed = self.query.add_columns(*(label(f"_key{i}", k) for i, k in enumerate(self.keys)))
        ordered = keyed.order_by(*self.keys)
        query = ordered.offset(offset)
        size = size or EXPORT_BATCH
        left = limit
        while left is None or left > 0:
            wanted = size if left is None else min(size, left)
            result = self.session.execute(query.limit(wanted))
            names = list(result.keys())[:-width]  # zip below drops the key columns
            rows = result.all()
            if not rows:
                return
            yield self.finish([dict(zip(names, row, strict=False)) for row in rows])
            if len(rows) < wanted:
                return
            left = None if left is None else left - len(rows)
            query = ordered.where(tuple_(*self.keys) > tuple_(*rows[-1][-width:]))

    def _read(self, query: Select[*tuple[Any, ...]]) -> Rows:
        return [dict(row) for row in self.session.execute(query).mappings()]

