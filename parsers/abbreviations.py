"""Abbreviations of codes and laws (``corpus/abbreviations.yaml``): ``BLDS``, ``BLLĐ``, ``Luật ĐĐ``.

A lawyer types ``Điều 5 BLDS``; the table says which code that is. Keys are matched folded
(``BLLĐ`` and ``BLLD`` are one key) and only as whole words. The bare abbreviation means the
version in the table; with a year the resolver looks the title up in that year instead::

    >>> table = default_table()
    >>> table.get("blld").number
    '45/2019/QH14'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from parsers import vntext

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "corpus" / "abbreviations.yaml"


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """One entry: ``type`` + ``title`` as the law prints them, the current version's number."""

    keys: tuple[str, ...]
    type: str
    title: str
    number: str
    year: int
    source: str

    @property
    def full_title(self) -> str:
        """``Bộ luật Dân sự``: the type, then the title with its first letter as printed."""
        return f"{self.type} {self.title}"


@dataclass(frozen=True)
class AbbreviationTable:
    """The entries by folded key, and one regex that finds any key in folded text."""

    by_key: dict[str, Abbreviation]
    pattern: re.Pattern[str]
    # Any key, whole word or not: every match of ``pattern`` is one. Its literal first
    # letters let the regex engine skip ahead, where ``pattern``'s look-behind tries every
    # position, so a text with no key anywhere is passed over in a third of the time.
    any_key: re.Pattern[str] = re.compile("(?!)")

    def may_hold(self, folded: str) -> bool:
        """False when ``pattern`` finds nothing in ``folded`` (True: it may)."""
        return bool(self.by_key) and self.any_key.search(folded) is not None

    def get(self, folded_key: str) -> Abbreviation | None:
        return self.by_key.get(" ".join(folded_key.split()))


def load_table(path: str | Path) -> AbbreviationTable:
    """Read the table (see the header of ``corpus/abbreviations.yaml`` for the fields).

    Raises:
        ValueError: a key (folded) names two entries.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    by_key: dict[str, Abbreviation] = {}
    for entry in data.get("abbreviations") or ():
        keys = tuple(vntext.nfc(str(k)) for k in entry["keys"])
        item = Abbreviation(keys, vntext.nfc(entry["type"]), vntext.nfc(entry["title"]),
                            str(entry["number"]), int(str(entry["date"])[:4]),
                            str(entry.get("source", "")))
        for key in keys:
            folded = vntext.fold(key)
            if by_key.get(folded, item) is not item:
                raise ValueError(f"abbreviation {key!r} is listed twice")
            by_key[folded] = item
    # Longest first, so "luat dd" wins over a shorter key inside it.
    alternatives = "|".join(re.escape(k) for k in sorted(by_key, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w/-])(?:{alternatives or '(?!)'})(?![\w/-])")
    return AbbreviationTable(by_key, pattern, re.compile(alternatives or "(?!)"))


@lru_cache(maxsize=1)
def default_table() -> AbbreviationTable:
    """The table bundled in ``corpus/``, read once."""
    return load_table(DEFAULT_PATH)
