"""What ``/metrics`` reports beyond the request histograms: search latency, the database
pools, and how far this node's search index is behind the store.

Pool use and index lag are read when Prometheus scrapes (a collector), not kept up to date
on every request, so they cost nothing between scrapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from prometheus_client import Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from app.db.session import pool_usage, session_scope
from app.search.sync import folder, store_head

# One per process, whatever the number of apps in it (the tests build many); registered
# into each app's registry by the API layer.
SEARCH_SECONDS = Histogram(
    "vnlex_search_seconds", "Time of the search service (index freshness, query, rows), "
    "HTTP and MCP searches alike", registry=None,
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


def index_lag(url: str, index_root: Path) -> int:
    """Changes in the store's log that this node's index has not applied yet (every change,
    when the index is missing or was built from another store)."""
    with session_scope(url) as session:
        head, store_id = store_head(session)
    state = folder(index_root).state()
    if state is None or state.store_id != store_id:
        return head
    return max(head - state.seq, 0)


class StoreCollector(Collector):
    """Pool gauges of each database the app uses (``role``: primary, read) and the index
    lag behind the database that searches read."""

    def __init__(self, urls: dict[str, str], read_url: str, index_root: Path) -> None:
        self.urls = urls
        self.read_url = read_url
        self.index_root = index_root

    def collect(self) -> Iterator[GaugeMetricFamily]:
        in_use = GaugeMetricFamily("vnlex_db_pool_in_use",
                                   "Database connections checked out of the pool", labels=["role"])
        size = GaugeMetricFamily("vnlex_db_pool_size", "Connections the pool keeps open",
                                 labels=["role"])
        for role, url in self.urls.items():
            usage = pool_usage(url)
            if usage is not None:
                in_use.add_metric([role], usage[0])
                size.add_metric([role], usage[1])
        yield in_use
        yield size
        try:
            lag = index_lag(self.read_url, self.index_root)
        except SQLAlchemyError:
            return  # no store to compare with: no figure rather than a wrong one
        yield GaugeMetricFamily("vnlex_index_lag_changes",
                                "Changes in the store not yet applied to this node's index",
                                value=lag)
