"""The layers flow one way: parsers/ is pure, routes hold no SQL, normalization lives once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


PARSER_FILES = sorted((ROOT / "parsers").glob("*.py"))


@pytest.mark.parametrize("path", PARSER_FILES, ids=[p.name for p in PARSER_FILES])
def test_parsers_import_no_database_web_or_app(path: Path):
    assert not _imports(path) & {"sqlalchemy", "fastapi", "starlette", "app", "alembic", "httpx"}


ROUTE_FILES = sorted((ROOT / "app" / "api" / "routes").glob("*.py"))


@pytest.mark.parametrize("path", ROUTE_FILES, ids=[p.name for p in ROUTE_FILES])
def test_routes_hold_no_sql(path: Path):
    assert "sqlalchemy" not in _imports(path)
    assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s", path.read_text(encoding="utf-8"))


def test_diacritic_folding_is_written_once():
    """Only parsers/vntext.py may strip combining marks or map đ to d."""
    offenders = []
    for path in [*ROOT.glob("parsers/*.py"), *ROOT.glob("app/**/*.py")]:
        if path.name == "vntext.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"unicodedata\.(normalize|combining)|[\"']đ[\"']\s*:\s*[\"']d[\"']", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
