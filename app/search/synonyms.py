"""Legal synonyms at query time: everyday words to the law's words (``corpus/synonyms.yaml``).

A run of typed words that spells an entry's ``typed`` form becomes one clause that matches
those words or any of the law's wordings (``app/search/plan.py`` ORs them). The table is
read once per process. A form is recognized as typed with its diacritics; unaccented, only
when it has several words or no diacritics of its own (``cho`` is far more often "for" than
an unaccented ``chó``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.search.query import Clause, ParsedQuery
from app.search.terms import exact_terms, folded_terms
from parsers import vntext
from parsers.abbreviations import AbbreviationTable


@dataclass(frozen=True)
class Entry:
    typed: str  # the form as the table writes it (reported back)
    law: tuple[str, ...]  # the law's wordings, as written
    alternatives: tuple[tuple[str, ...], ...]  # the same, folded


@dataclass(frozen=True)
class Table:
    by_norm: dict[tuple[str, ...], Entry]
    by_folded: dict[tuple[str, ...], Entry]  # forms safe to match without diacritics
    longest: int


def load(path: str | Path) -> Table:
    """Read the table (see its header for the fields).

    Raises:
        ValueError: an entry without typed or law forms, or a form with no words.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    by_norm: dict[tuple[str, ...], Entry] = {}
    by_folded: dict[tuple[str, ...], Entry] = {}
    for raw in data.get("synonyms") or ():
        law = tuple(vntext.nfc(w) for w in raw.get("law") or ())
        typed_forms = [vntext.nfc(t) for t in raw.get("typed") or ()]
        if not law or not typed_forms:
            raise ValueError(f"synonym entry needs typed and law forms: {raw!r}")
        alternatives = tuple(_words(w, folded_terms) for w in law)
        for typed in typed_forms:
            entry = Entry(typed, law, alternatives)
            norm, folded = _words(typed, exact_terms), _words(typed, folded_terms)
            by_norm[norm] = entry
            if len(folded) > 1 or norm == folded:
                by_folded[folded] = entry
    longest = max((len(k) for k in by_norm), default=0)
    return Table(by_norm, by_folded, longest)


def _words(form: str, split: Callable[[str], list[str]]) -> tuple[str, ...]:
    words = tuple(split(form))
    if not words:
        raise ValueError(f"synonym form without words: {form!r}")
    return words


def with_abbreviations(table: Table, abbreviations: AbbreviationTable) -> Table:
    """The table, plus each code's or law's abbreviation (``corpus/abbreviations.yaml``,
    the resolver's table) as a synonym of its title and of its number: ``BLDS`` finds
    "Bộ luật Dân sự" and "91/2015/QH13", as every provision's citation prints them."""
    by_norm, by_folded = dict(table.by_norm), dict(table.by_folded)
    for item in dict.fromkeys(abbreviations.by_key.values()):
        law = (item.full_title, item.number)
        alternatives = tuple(_words(w, folded_terms) for w in law)
        for key in item.keys:
            entry = Entry(key, law, alternatives)
            by_norm[_words(key, exact_terms)] = entry
            by_folded[_words(key, folded_terms)] = entry  # an abbreviation is no other word
    return Table(by_norm, by_folded, max((len(k) for k in by_norm), default=0))


def apply(parsed: ParsedQuery, table: Table) -> tuple[ParsedQuery, dict[str, list[str]]]:
    """The query with each recognized form made one clause with the law's wordings as
    alternatives, and ``{typed form: law wordings}`` for what was applied."""
    clauses, used, i = [], {}, 0
    while i < len(parsed.clauses):
        found = _longest_match(parsed.clauses, i, table)
        if found is None:
            clauses.append(parsed.clauses[i])
            i += 1
            continue
        entry, size = found
        window = parsed.clauses[i:i + size]
        clauses.append(Clause(terms=tuple(c.terms[0] for c in window),
                              norm=tuple(w for c in window for w in c.norm),
                              alternatives=entry.alternatives))
        used[entry.typed] = list(entry.law)
        i += size
    return (ParsedQuery(clauses) if used else parsed), used


def _longest_match(clauses: list[Clause], start: int, table: Table
                   ) -> tuple[Entry, int] | None:
    for size in range(min(table.longest, len(clauses) - start), 0, -1):
        window = clauses[start:start + size]
        if not all(c.is_word for c in window):
            continue
        if any(c.has_marks for c in window):
            entry = table.by_norm.get(tuple(c.norm[0] for c in window))
        else:
            entry = table.by_folded.get(tuple(c.terms[0] for c in window))
        if entry is not None:
            return entry, size
    return None
