"""When a document takes effect, from its own words.

``Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025`` gives the date;
``Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành`` (or ``… kể từ ngày ban
hành``) gives the date it was signed (the document's date). The article headed ``Hiệu lực
thi hành`` (or ``Điều khoản thi hành``) is read first; any other provision saying it of
"this document" after it; and when no provision says it, the header and closing text
(``outside``: what the parser kept out of the provisions)::

    >>> effective_date([Row("x/d2.1", "Hiệu lực thi hành",
    ...     "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.")], None).date
    '2025-07-01'

The words may be hard-wrapped over lines (``có hiệu lực\\nthi hành``), the date printed
``01/12/2025``, and the subject separated from its verb by what it replaces or what it
brings along (``Quy định này thay thế Quy định số … và có hiệu lực``, ``Hướng dẫn này, các
phụ lục … kèm theo có hiệu lực``). A text whose header lost its date (a cut copy) may
still name its own number with the date elsewhere, as annexes do (``Kèm theo Nghị định số
182/2024/NĐ-CP ngày 31 tháng 12 năm 2024``): ``signed_date`` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers import vntext

_KINDS = (r"(?:bo\s+luat|luat|nghi\s+dinh|thong\s+tu|nghi\s+quyet|quyet\s+dinh|phap\s+lenh"
          r"|chi\s+thi|quy\s+dinh|quy\s+che|ket\s+luan|huong\s+dan|thong\s+bao|ke\s+hoach)")
# "this document", then at most one aside: ", các phụ lục … kèm theo", "thay thế … và".
_OWN = (rf"\b{_KINDS}\s+nay(?:\s*,[^.;:]{{0,160}}?|\s+thay\s+the\s[^.;:]{{0,240}}?\s+va)?")
_FROM = rf"{_OWN}\s+co\s+hieu\s+luc(?:\s+thi\s+hanh)?(?:\s+ke)?(?:\s+tu)?\s+ngay"
_WORDY = r"(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
_NUMERIC = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_ON_DATE = re.compile(rf"{_FROM}\s+(?:{_WORDY}|{_NUMERIC})")
_ON_SIGNING = re.compile(rf"{_FROM}\s+(?:ky|thong\s+qua|ban\s+hanh)\b")
_HEADING = re.compile(r"\b(?:hieu luc thi hanh|dieu khoan thi hanh|hieu luc)\b")
# "(Kèm theo Nghị định số 182/2024/NĐ-CP ngày 31 tháng 12 năm 2024 …)", "Nghị quyết
# 388/NQ-CP ngày 01/12/2025 …": a number (with a digit), then a date.
_NAMED = re.compile(rf"(?<![\w/.-])(\w[\w/.-]*?\d[\w/.-]*?)\s*,?\s+ngay\s+"
                    rf"(?:{_WORDY}|{_NUMERIC})")


@dataclass(frozen=True, slots=True)
class Row:
    """A provision: id, the heading of its article (or its own), its text."""

    id: str
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Effective:
    """The date (ISO) a document takes effect, the provision that says so (None: the header
    or closing text), and its words."""

    date: str
    provision_id: str | None
    evidence: str
    start: int
    end: int


def effective_date(rows: Sequence[Row], signed: str | None,
                   outside: Sequence[str] = ()) -> Effective | None:
    """The first statement of when the document takes effect, in an article headed
    ``Hiệu lực thi hành`` if there is one, else in any provision, else in ``outside``
    (texts outside the provisions); ``signed`` (ISO) is used for "from signing"."""
    headed = [r for r in rows if r.heading and _HEADING.search(vntext.fold(r.heading))]
    for row in [*headed, *rows]:
        found = _read(row.text, row.id, signed)
        if found:
            return found
    for text in outside:
        found = _read(text, None, signed)
        if found:
            return found
    return None


def signed_date(text: str, number: str | None, doc_id: str | None = None) -> str | None:
    """The date printed after the document's own number where ``text`` names it (as an
    annex does: ``Kèm theo Nghị định số 182/2024/NĐ-CP ngày 31 tháng 12 năm 2024``), as
    ISO, for a copy whose header lost it. The number must be ``number``, or make ``doc_id`` (a text
    whose number was lost too, stored under the id its file name gave)."""
    own = {vntext.slug(n) for n in (number,) if n} | ({doc_id} if doc_id else set())
    for found in _NAMED.finditer(vntext.fold_aligned(text)):
        if vntext.slug(found.group(1)) in own:
            return _iso(found.groups()[1:])
    return None


def _read(text: str, provision_id: str | None, signed: str | None) -> Effective | None:
    folded = vntext.fold_aligned(text)
    dated = _ON_DATE.search(folded)
    if dated:
        date = _iso(dated.groups())
        if date is not None:
            return Effective(date, provision_id, text[dated.start() : dated.end()],
                             dated.start(), dated.end())
    on_signing = _ON_SIGNING.search(folded)
    if on_signing and signed:
        return Effective(signed, provision_id, text[on_signing.start() : on_signing.end()],
                         on_signing.start(), on_signing.end())
    return None


def _iso(groups: Sequence[str | None]) -> str | None:
    """``(day, month, year)`` of whichever date form matched, as ISO; None if impossible."""
    day, month, year = (int(g) for g in groups if g is not None)
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
