"""The layering of ARCHITECTURE.md: routes hold no SQL, services and search no web."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for item in ast.walk(tree):
        if isinstance(item, ast.Import):
            names.update(alias.name for alias in item.names)
        elif isinstance(item, ast.ImportFrom) and item.module:
            names.add(item.module)
    return names


@pytest.mark.parametrize("path", sorted((APP / "api" / "routes").glob("*.py")), ids=str)
def test_routes_do_not_touch_sqlalchemy(path: Path) -> None:
    # No SQLAlchemy and no models or sessions (an ORM query needs no sqlalchemy import),
    # and no SQL text for a driver-level call either.
    assert not any(m.startswith(("sqlalchemy", "app.db")) for m in imported_modules(path))
    assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", path.read_text("utf-8"))


def test_next_page_links_are_built_once() -> None:
    """``next`` and the ``Link`` header of every paged answer come from
    ``app/api/paging.next_page``; a copy would drift (a route forgetting the header)."""
    builders = [
        path.relative_to(APP).as_posix() for path in sorted(APP.rglob("*.py"))
        if re.search(r"include_query_params|rel=\"next\"", path.read_text("utf-8"))
    ]
    assert builders == ["api/paging.py"]


@pytest.mark.parametrize(
    "path",
    sorted([*(APP / "services").glob("*.py"), *(APP / "search").glob("*.py"),
            *(APP / "db").glob("*.py")]),
    ids=str,
)
def test_lower_layers_do_not_import_the_web(path: Path) -> None:
    web = ("fastapi", "starlette", "app.api")
    assert not any(m.startswith(web) for m in imported_modules(path))
