"""``vnlex db copy``: every row of one store into another, ids and keys intact.

The tables come from the models' metadata in foreign-key order (a table added by a
migration and a model is copied without touching this module). Each table is read in
keyset batches on its primary key, so memory stays bounded at any size, inside one read
transaction on the source (one snapshot) and one write transaction on the target: a copy
that fails leaves the target as empty as it found it. The foreign keys are deferred to the
commit, so rows whose parent has a larger key (a re-ingest re-parents provisions) go in.

``store_info`` is not copied: its ``store_id`` names the target, so a node's index built
from the source is rebuilt for the target rather than taken for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Table,
    func,
    insert,
    literal,
    make_url,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import DeclarativeBase

from app.db import analysis_models, models, statistics
from app.db.migrate import current_revision
from app.db.session import WRITER, get_engine
from app.errors import VnlexError

BATCH = 5_000
# A store's id is its own, and a published index copy is tied to it (and is large).
SKIPPED = {"store_info", "index_snapshots", "index_snapshot_parts"}
MODELS = (models, analysis_models)  # every module whose tables go into the metadata
Progress = Callable[[str, int], None]  # (table, rows just copied)


class CopyRefused(VnlexError):
    """The target is not an empty store of the source's revision (or is the source)."""

    status = 409
    code = "copy_refused"


class CopyMismatch(VnlexError):
    """The row counts of the target differ from the source's after the copy."""

    status = 500
    code = "copy_mismatch"


@dataclass(frozen=True)
class CopyPlan:
    revision: str
    counts: dict[str, int]  # rows per table of the source, in copy order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def copied_tables(base: type[DeclarativeBase] = models.Base) -> list[Table]:
    """Every table of the models (``analysis_models`` imported, so theirs too), parents
    before children."""
    return [t for t in base.metadata.sorted_tables if t.name not in SKIPPED]


def plan_copy(source: str, target: str) -> CopyPlan:
    """Check that ``target`` can receive ``source`` and count what there is to copy.

    Raises:
        CopyRefused: the same database, a database not migrated, other revisions, or a
            target that holds rows already.
    """
    if _shown(source) == _shown(target):
        raise CopyRefused("the source and the target are the same database")
    revisions = {url: current_revision(url) for url in (source, target)}
    for url, revision in revisions.items():
        if revision is None:
            raise CopyRefused(f"{_shown(url)} is not migrated: run `vnlex db upgrade --db "
                              f"{_shown(url)}` first")
    if revisions[source] != revisions[target]:
        raise CopyRefused(
            f"the target is at revision {revisions[target]} and the source at "
            f"{revisions[source]}: bring both to one revision (`vnlex db upgrade`) first")
    busy = {name: n for name, n in table_counts(target).items() if n}
    if busy:
        listed = ", ".join(f"{name} ({n} rows)" for name, n in busy.items())
        raise CopyRefused(f"the target is not empty: {listed}; copy into an empty, "
                          "migrated database", tables=busy)
    return CopyPlan(revision=str(revisions[source]), counts=table_counts(source))


def copy_store(source: str, target: str, *, batch: int = BATCH,
               progress: Progress | None = None) -> CopyPlan:
    """Copy every table of ``source`` into the empty ``target``, then verify the counts.

    Raises:
        CopyRefused: see ``plan_copy``; nothing is written.
        CopyMismatch: a table's row count differs after the copy.
    """
    plan = plan_copy(source, target)
    writer = get_engine(target).execution_options(**{WRITER: True})
    with get_engine(source).connect() as reader, writer.begin() as out:
        if reader.dialect.name == "postgresql":
            # One snapshot for the whole copy, whatever is written to the source meanwhile
            # (a SQLite reader has one from its BEGIN, under WAL).
            reader.execution_options(isolation_level="REPEATABLE READ")
        for table in copied_tables():
            for rows in _batches(reader, table, batch):
                out.execute(insert(table), [row._asdict() for row in rows])
                if progress is not None:
                    progress(table.name, len(rows))
        if out.dialect.name == "postgresql":
            _reset_sequences(out)
    _verify(plan, table_counts(target))
    statistics.refresh_after(target, plan.counts.get("provisions", 0))
    return plan


def table_counts(url: str) -> dict[str, int]:
    with get_engine(url).connect() as connection:
        return {t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0)
                for t in copied_tables()}


def _batches(reader: Connection, table: Table, size: int) -> Iterator[list[Row[Any]]]:
    """The rows of ``table`` in primary-key order, ``size`` at a time (keyset paging)."""
    keys = list(table.primary_key.columns)
    key = keys[0] if len(keys) == 1 else tuple_(*keys)
    last: tuple[object, ...] | None = None
    while True:
        query = select(table).order_by(*keys).limit(size)
        if last is not None:
            # Each value bound as its column's type: a role is stored as a number but read
            # as its name (``DutyRole``), which a bare parameter would send as text.
            bound = [literal(v, type_=c.type) for v, c in zip(last, keys, strict=True)]
            query = query.where(key > (bound[0] if len(keys) == 1 else tuple_(*bound)))
        rows = list(reader.execute(query))
        if not rows:
            return
        yield rows
        last = tuple(getattr(rows[-1], c.name) for c in keys)


def _reset_sequences(out: Connection) -> None:
    """Rows came with their ids, so each serial sequence is moved past the largest (or
    back to 1 when the table is empty): the next ingest must not collide with them."""
    for table in copied_tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                    column.autoincrement == "auto" and column.type.python_type is int):
                out.execute(text(
                    f"SELECT setval(pg_get_serial_sequence(:t, :c), "
                    f"COALESCE(MAX({column.name}), 1), MAX({column.name}) IS NOT NULL) "
                    f"FROM {table.name}"), {"t": table.name, "c": column.name})


def _verify(plan: CopyPlan, copied: dict[str, int]) -> None:
    wrong = {name: {"source": n, "target": copied.get(name)}
             for name, n in plan.counts.items() if copied.get(name) != n}
    if wrong:
        listed = ", ".join(f"{name}: {c['source']} in the source, {c['target']} copied"
                           for name, c in wrong.items())
        raise CopyMismatch(f"row counts differ after the copy: {listed}", tables=wrong)


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
