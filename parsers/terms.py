"""Defined terms, from ``Giải thích từ ngữ`` articles.

``Trong Luật này, các từ ngữ dưới đây được hiểu như sau: 1. Quyền công đoàn là quyền …``:
each numbered clause (and each lettered point under one) that reads ``X là …`` or ``X được
hiểu là …`` defines ``X``, as printed::

    >>> [t.term for t in find_terms([Row("l/d4", "Giải thích từ ngữ", ""),
    ...     Row("l/d4.1", None, "Quyền công đoàn là quyền thành lập …", "l/d4")])]
    ['Quyền công đoàn']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers import vntext

_HEADING = re.compile(r"\bgiai thich tu ngu\b")
# "X là", "X được hiểu là", "X:": the term is what comes before, up to this many words.
_COPULA = re.compile(r"\s+(?:được hiểu là|được hiểu|là|bao gồm)\s+|\s*:\s+")
MAX_TERM_WORDS = 16
_PARENS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    heading: str | None
    text: str
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """``term`` as printed, the words it is matched by (folded), where it is defined."""

    term: str
    folded: str
    provision_id: str
    definition: str
    start: int
    end: int


def find_terms(rows: Sequence[Row]) -> list[Term]:
    """The terms defined by the ``Giải thích từ ngữ`` articles among ``rows`` (parents
    before children), in order."""
    articles = {r.id for r in rows if r.heading and _HEADING.search(vntext.fold(r.heading))}
    inside = set(articles)
    found = []
    for row in rows:
        if row.parent_id not in inside:
            continue
        inside.add(row.id)
        term = _term(row)
        if term is not None:
            found.append(term)
    return found


def _term(row: Row) -> Term | None:
    copula = _COPULA.search(row.text)
    if copula is None or copula.start() == 0:
        return None
    start, end = _span(row.text, copula.start())
    printed = row.text[start:end]
    words = _PARENS.sub("", printed).split()
    if not words or len(words) > MAX_TERM_WORDS or not words[0][:1].isupper():
        return None  # a sentence, not a term ("Trường hợp … là")
    return Term(printed, vntext.words(" ".join(words)), row.id, row.text.strip(),
                start, end)


# Quotation marks a term is often printed in: “Nhà đầu tư nước ngoài” bao gồm …
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»"}


def _span(text: str, copula: int) -> tuple[int, int]:
    """Where the term is printed before its copula: without surrounding whitespace, and
    inside its quotation marks when it is quoted (the marks are not the term's)."""
    before = text[:copula]
    start = len(before) - len(before.lstrip())
    end = len(before.rstrip())
    opening = text[start:start + 1]
    if end - start > 2 and _QUOTES.get(opening) == text[end - 1]:
        return start + 1, end - 1
    return start, end


def uses(text: str, terms: Sequence[Term]) -> list[Term]:
    """The terms whose words appear, as whole words, in ``text``; a longer term hides the
    shorter ones inside the same words (``Cán bộ công đoàn chuyên trách``)."""
    words = f" {vntext.words(text)} "
    hits = [t for t in terms if t.folded and f" {t.folded} " in words]
    return [t for t in hits
            if not any(o is not t and f" {t.folded} " in f" {o.folded} " for o in hits)]
