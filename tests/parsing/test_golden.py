"""The hand-reviewed golden JSON of 02-NQ/TW. A diff here is a change to review, not to bless.

To accept an intended change: ``python tests/parsing/test_golden.py --write``, then read the
whole ``git diff tests/golden`` before committing it.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from parsers.serialize import to_json

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "02-NQ-TW-2021.json"
SOURCE = Path(__file__).resolve().parents[2] / "corpus" / "02-NQ-TW-2021.md"


def _current() -> str:
    from parsers import parse_document

    return to_json(parse_document(SOURCE.read_text(encoding="utf-8")))


def test_parser_reproduces_golden():
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = _current()
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), "golden", "parser", n=2
            )
        )
        raise AssertionError(f"parse differs from the reviewed golden file:\n{diff[:6000]}")


if __name__ == "__main__" and "--write" in sys.argv:
    GOLDEN.write_text(_current(), encoding="utf-8")
    sys.stdout.write(f"wrote {GOLDEN}; review `git diff {GOLDEN}` line by line\n")
