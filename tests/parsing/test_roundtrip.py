"""Round trip (issue 10): the provisions, joined in document order, give back the body of
the source modulo white space, for every document in ``corpus/`` and ``tests/fixtures/``;
and the fidelity report places every printed line."""

from __future__ import annotations

import re

import pytest

from parsers.report import build_report

from .conftest import DOCUMENTS, parsed

NAMES = [p.name for p in DOCUMENTS]
# What may lie between two provisions' texts in the source: their printed labels
# ("Điều 5.", "1.", "a)", "(2)", "- ", "Chương II", "PHỤ LỤC I", "Mẫu số: 01/TKTT-IIR" …),
# nothing else.
_LABEL = re.compile(r"^[\w\-–—•+*().:/]{0,20}$")


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", NAMES)
def test_provisions_joined_give_back_the_body(name: str):
    doc = parsed(name)
    segments = sorted(
        (s for s in doc.segments if s.target.startswith("provision:")), key=lambda s: s.start
    )
    body = _squash("".join(doc.source[s.start : s.end] for s in segments))
    cursor = 0
    for node in doc.walk():
        for piece in (node.heading or "", node.text):
            for part in piece.split("\n"):
                squashed = _squash(part)
                if not squashed:
                    continue
                found = body.find(squashed, cursor)
                assert found >= 0, (node.path, part[:80])
                assert _LABEL.match(body[cursor:found]), (node.path, body[cursor:found][:80])
                cursor = found + len(squashed)
    assert _LABEL.match(body[cursor:]), body[cursor:][:80]


@pytest.mark.parametrize("name", NAMES)
def test_report_places_every_line(name: str):
    path = next(p for p in DOCUMENTS if p.name == name)
    report = build_report(path.read_text(encoding="utf-8"), parsed(name))
    assert [ln for ln in report.lines if ln.account == "unplaced"] == []
