"""The layers flow one way: parsers/ is pure, normalization lives once. (Routes holding no
SQL is tests/app/test_app_layers.py.)"""

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


# rglob: the bodies and duties pipelines are subpackages (parsers/bodies/, parsers/duties/).
PARSER_FILES = sorted((ROOT / "parsers").rglob("*.py"))


@pytest.mark.parametrize("path", PARSER_FILES,
                         ids=[p.relative_to(ROOT).as_posix() for p in PARSER_FILES])
def test_parsers_import_no_database_web_or_app(path: Path):
    assert not _imports(path) & {"sqlalchemy", "fastapi", "starlette", "app", "alembic", "httpx"}


def test_diacritic_folding_is_written_once():
    """Only parsers/vntext.py may strip combining marks or map đ to d."""
    offenders = []
    for path in [*ROOT.glob("parsers/**/*.py"), *ROOT.glob("app/**/*.py")]:
        if path.name == "vntext.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"unicodedata\.(normalize|combining)|[\"']đ[\"']\s*:\s*[\"']d[\"']", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
