"""Shared loaders for parser tests: the bundled corpus and the test fixtures."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from parsers import Document, parse_document

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    p
    for folder in (ROOT / "corpus", ROOT / "tests" / "fixtures")
    for p in folder.iterdir()
    if p.suffix in (".md", ".txt") and p.name != "SOURCES.md"
)


@cache
def parsed(name: str) -> Document:
    path = next(p for p in DOCUMENTS if p.name == name)
    return parse_document(path.read_text(encoding="utf-8"), name=path.stem)


@pytest.fixture(scope="session")
def nq02() -> Document:
    return parsed("02-NQ-TW-2021.md")
