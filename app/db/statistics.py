"""Planner statistics after bulk writes (PostgreSQL).

PostgreSQL plans from statistics that only ``ANALYZE`` gathers. Autovacuum gathers them
a while after a table changed by a tenth, if it runs at all (it is off on some servers).
Until then a freshly loaded store is planned as if empty: at a million provisions a
document's assignments took 2.6 s (a hash over every duty) instead of 18 ms. A batch
that writes as much as autovacuum waits for therefore analyses the tables itself, at
its end, by autovacuum's own rule. SQLite plans well from its indexes alone: nothing to do.
"""

from __future__ import annotations

from sqlalchemy import make_url, text

from app.db import analysis_models, models  # noqa: F401  (both register their tables)
from app.db.session import get_engine

# autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults.
BASE_ROWS = 50
SHARE = 0.1
# Tables a write touches whose contents the planner must know; the published index copy's
# parts are read whole by key and would only make ANALYZE read hundreds of megabytes.
SKIPPED = frozenset({"index_snapshots", "index_snapshot_parts"})


def stale(written: int, known_rows: float) -> bool:
    """Whether ``written`` provisions outdate statistics that knew of ``known_rows``
    (negative: never analysed)."""
    return known_rows < 0 or written > BASE_ROWS + SHARE * known_rows


def refresh_after(url: str, written: int) -> bool:
    """Analyse the store's tables when ``written`` provisions made their statistics stale
    (``stale``); whether it did."""
    if make_url(url).get_backend_name() != "postgresql" or written <= 0:
        return False
    engine = get_engine(url)
    with engine.connect() as connection:
        known = connection.scalar(
            text("SELECT reltuples FROM pg_class WHERE oid = 'provisions'::regclass"))
    if not stale(written, float(known if known is not None else -1)):
        return False
    tables = [t.name for t in models.Base.metadata.sorted_tables if t.name not in SKIPPED]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f"ANALYZE {', '.join(tables)}")
    return True
