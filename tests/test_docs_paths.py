"""Every file or folder that ARCHITECTURE.md and docs/rules.md name exists: a rule's
module that moved or vanished leaves the map wrong without a word otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPS = ("ARCHITECTURE.md", "docs/rules.md")
# A backticked repository path: a top-level folder of the project, then a path.
NAMED = re.compile(r"`((?:app|parsers|corpus|migrations|tests|scripts|bench|docs)/[\w./-]*)`")


def _named(doc: str) -> list[str]:
    return sorted(set(NAMED.findall((ROOT / doc).read_text(encoding="utf-8"))))


@pytest.mark.parametrize("doc", MAPS)
def test_map_names_paths(doc: str) -> None:
    assert len(_named(doc)) >= 10  # the pattern still finds the map's paths


@pytest.mark.parametrize("doc", MAPS)
def test_every_named_path_exists(doc: str) -> None:
    missing = [p for p in _named(doc) if not (ROOT / p.rstrip("/")).exists()]
    assert missing == []
