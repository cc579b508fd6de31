"""Conservation: nothing printed is lost, nothing is counted twice.

Two levels, checked for every document in ``corpus/`` and ``tests/fixtures/``:

1. Cleaning drops only markup (markdown marks, table pipes, rule lines) and white space.
2. Every non-blank character of the cleaned source lies in exactly one segment, and each
   segment's target (a provision, a metadata field or an annotation) exists.
"""

from __future__ import annotations

from collections import Counter

import pytest

from parsers.clean import MARKUP
from parsers.model import Document

from .conftest import DOCUMENTS, parsed

NAMES = [p.name for p in DOCUMENTS]


@pytest.mark.parametrize("name", NAMES)
def test_cleaning_drops_only_markup(name: str):
    from parsers import vntext

    path = next(p for p in DOCUMENTS if p.name == name)
    raw = vntext.nfc(path.read_text(encoding="utf-8"))
    doc = parsed(name)
    lost = Counter(ch for ch in raw if not ch.isspace()) - Counter(
        ch for ch in doc.source if not ch.isspace()
    )
    assert set(lost) <= MARKUP, {ch: n for ch, n in lost.items() if ch not in MARKUP}


def _owners(doc: Document) -> list[list[str]]:
    owners: list[list[str]] = [[] for _ in doc.source]
    for seg in doc.segments:
        for i in range(seg.start, seg.end):
            owners[i].append(seg.target)
    return owners


@pytest.mark.parametrize("name", NAMES)
def test_every_character_has_exactly_one_home(name: str):
    doc = parsed(name)
    owners = _owners(doc)
    orphans = "".join(ch for ch, o in zip(doc.source, owners, strict=True)
                      if not o and not ch.isspace())
    doubles = {tuple(o) for o in owners if len(o) > 1}
    assert orphans == ""
    assert doubles == set()


@pytest.mark.parametrize("name", NAMES)
def test_segments_point_at_existing_provisions(name: str):
    doc = parsed(name)
    paths = {p.path for p in doc.walk()}
    targets = {s.target.split(":", 1)[1] for s in doc.segments if s.target.startswith("provision:")}
    assert targets == paths


@pytest.mark.parametrize("name", NAMES)
def test_provision_text_comes_from_its_segments(name: str):
    """Each provision's printed words are exactly the words of its segments, in order."""
    doc = parsed(name)
    spans: dict[str, list[str]] = {}
    for seg in doc.segments:
        if seg.target.startswith("provision:"):
            spans.setdefault(seg.target[10:], []).append(doc.source[seg.start : seg.end])
    for node in doc.walk():
        printed = "".join("".join(spans[node.path]).split())
        rebuilt = "".join(f"{node.heading or ''}{node.text}".split())
        # the label is printed, not in the text: up to "Mẫu số: 01/TKTT-IIR" (17 characters)
        assert rebuilt in printed and len(printed) - len(rebuilt) <= 20, node.path
