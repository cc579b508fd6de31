"""The SQL statements a database is sent while a block runs, for tests that check what was
written (or that nothing was)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from app.db.session import get_engine


@contextmanager
def statements(url: str, keep: Callable[[str], bool] = lambda _statement: True
               ) -> Iterator[list[str]]:
    """Every statement sent to ``url``'s engine meanwhile that ``keep`` accepts (even one
    rolled back), in order."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if keep(statement):
            seen.append(statement)

    engine = get_engine(url)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
