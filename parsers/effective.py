"""When a document takes effect, from its own words.

``Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025`` gives the date;
``Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành`` gives the date it was signed
(the document's date). The article headed ``Hiệu lực thi hành`` (or ``Điều khoản thi
hành``) is read first; any other provision saying it of "this document" after it::

    >>> effective_date([Row("x/d2.1", "Hiệu lực thi hành",
    ...     "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.")], None).date
    '2025-07-01'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers import vntext

_OWN = (r"(?:bo luat|luat|nghi dinh|thong tu|nghi quyet|quyet dinh|phap lenh|chi thi"
        r"|quy dinh|ket luan) nay")
_FROM = rf"\b{_OWN} co hieu luc(?: thi hanh)?(?: ke)? tu ngay"
_ON_DATE = re.compile(rf"{_FROM} (\d{{1,2}}) thang (\d{{1,2}}) nam (\d{{4}})")
_ON_SIGNING = re.compile(rf"{_FROM} (?:ky|thong qua)")
_HEADING = re.compile(r"\b(?:hieu luc thi hanh|dieu khoan thi hanh|hieu luc)\b")


@dataclass(frozen=True, slots=True)
class Row:
    """A provision: id, the heading of its article (or its own), its text."""

    id: str
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Effective:
    """The date (ISO) a document takes effect, the provision that says so, and its words."""

    date: str
    provision_id: str
    evidence: str
    start: int
    end: int


def effective_date(rows: Sequence[Row], signed: str | None) -> Effective | None:
    """The first statement of when the document takes effect, in an article headed
    ``Hiệu lực thi hành`` if there is one; ``signed`` (ISO) is used for "from signing"."""
    headed = [r for r in rows if r.heading and _HEADING.search(vntext.fold(r.heading))]
    for row in [*headed, *rows]:
        found = _read(row, signed)
        if found:
            return found
    return None


def _read(row: Row, signed: str | None) -> Effective | None:
    folded = vntext.fold_aligned(row.text)
    dated = _ON_DATE.search(folded)
    if dated:
        day, month, year = (int(g) for g in dated.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            date = f"{year:04d}-{month:02d}-{day:02d}"
            return Effective(date, row.id, row.text[dated.start() : dated.end()],
                             dated.start(), dated.end())
    on_signing = _ON_SIGNING.search(folded)
    if on_signing and signed:
        return Effective(signed, row.id, row.text[on_signing.start() : on_signing.end()],
                         on_signing.start(), on_signing.end())
    return None
