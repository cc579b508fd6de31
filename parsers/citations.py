"""Citations of documents and provisions: found in text, or parsed from what a user types.

Document ids (the public contract, also used by the resolver): the ASCII slug of the
number, plus ``-<year>`` when the number has no year in it::

    >>> document_id("02-NQ/TW", 2021)
    '02-nq-tw-2021'
    >>> document_id("12/2012/QH13")
    '12-2012-qh13'

Provision paths: a law's ``Điều 5`` is ``d5``, its ``khoản 2`` ``d5.2``, its ``điểm a``
``d5.2.a``; a Party document's provisions are its printed labels joined by dots (``III.4``,
``II.2.b``). A point keeps its printed letter (``đ`` stays ``đ``).

Everything is matched on folded text (so ``Nghi dinh 13/2023/ND-CP`` and ``Nghị định
13/2023/NĐ-CP`` both count) and returned as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers import ids, vntext
from parsers.abbreviations import AbbreviationTable, default_table
from parsers.spans import Taken

# fmt: off
# Folded document type words, longest first, and the kind each one names.
DOC_TYPES = {
    "bo luat": "code", "luat": "law", "phap lenh": "ordinance", "hien phap": "constitution",
    "nghi quyet": "resolution", "nghi dinh": "decree", "thong tu": "circular",
    "quyet dinh": "decision", "ket luan": "conclusion", "chi thi": "directive",
    "quy dinh": "regulation", "huong dan": "guidance",
}
# The type code inside a number: 02-NQ/TW, 13/2023/NĐ-CP, 50/2024/QH15.
_CODE_KINDS = {
    "nq": "resolution", "nd": "decree", "tt": "circular", "qd": "decision",
    "kl": "conclusion", "ct": "directive", "hd": "guidance", "qh": "law",
}
# fmt: on
_TYPE = "|".join(DOC_TYPES)
# 02-NQ/TW, 45-HD/BTCTW (Party); 13/2023/NĐ-CP, 50/2024/QH15, 03/NQ-CP (State).
_NUMBER = r"\d+-[a-z]+/[a-z]+(?:-[a-z]+)*|\d+(?:/\d{4})?/[a-z]+[a-z0-9]*(?:-[a-z0-9]+)*"
_BY_NUMBER = re.compile(rf"\b(?P<type>{_TYPE})(?: so)? (?P<number>{_NUMBER})(?![\w/])")
_BY_TITLE = re.compile(r"\b(?P<type>bo luat|luat|phap lenh|hien phap)\b")
_BARE_NUMBER = re.compile(rf"(?<![\w/-])(?P<number>{_NUMBER})(?![\w/])")
_LATER_NUMBER = re.compile(rf"(?P<between>, [^.;:()\n]{{1,80}}?) so (?P<number>{_NUMBER})(?![\w/])")
_TAIL_NUMBER = re.compile(rf" so (?P<number>{_NUMBER})(?![\w/])")
_DATE_YEAR = re.compile(
    r",? ?\(?(?:nam (?P<y1>\d{4})\b|\((?P<y2>\d{4})\)"
    r"|ngay \d{1,2}(?:/| thang )\d{1,2}(?:/| nam )(?P<y3>\d{4})\b)"
)
_PREFIX = re.compile(
    r"(?:diem (?P<point>[a-z]) )?(?:khoan (?P<clause>\d+) )?dieu (?P<article>\d+[a-z]?)"
    r"(?: cua)? $"
)
_INTERNAL = re.compile(
    r"\b(?:diem (?P<point>[a-z]) )?(?:khoan (?P<clause>\d+|nay) )?dieu (?P<article>\d+[a-z]?|nay)"
    r"(?: cua (?:luat|bo luat|nghi dinh|thong tu|nghi quyet|quy dinh) nay)?\b"
)
# Lower-case words that end a law's title: "Luật Công đoàn năm 2012", "Luật X để …".
# fmt: off
_TITLE_STOP = frozenset({
    "nam", "ngay", "cua", "de", "trinh", "theo", "tai", "duoc", "da", "thi", "nham", "cho",
    "la", "nay", "hien", "khac", "trong", "ve", "voi", "sau", "ma", "do", "co", "hoac", "ban",
})
# Words that fold to a stop word but are not one: "văn bản" is not "ban" (issues).
_NOT_STOP = frozenset({"bản"})
_FIRST_STOP = frozenset({"so", "nay", "cua", "nam", "ngay"})
# fmt: on
_YEAR_IN_NUMBER = re.compile(r"/(\d{4})/")
# A number typed without its type code: "45/2019" (the code is what people forget).
_SHORT_NUMBER = re.compile(r"(?<![\w/.-])(\d{1,4})/((?:19|20)\d{2})(?![\w/])")
_BARE_YEAR = re.compile(r" ((?:19|20)\d{2})(?![\w/])")
_ARTICLE_PART = re.compile(r"d\d+[a-z]?")
_ANY_YEAR = re.compile(r"(?:^|\D)(?:19|20)\d{2}(?:\D|$)")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation found in text; ``raw`` is ``text[start:end]``.

    ``kind`` is a document kind from ``DOC_TYPES`` (``law``, ``resolution`` …), or
    ``internal`` for a reference inside the same document (``khoản 2 Điều này``), whose
    ``article`` is None when it says "this article".
    """

    kind: str
    raw: str
    start: int
    end: int
    number: str | None = None
    title: str | None = None
    year: int | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class CitationQuery:
    """A citation as a user typed it, taken apart for the resolver."""

    raw: str
    kind: str | None = None
    number: str | None = None
    title: str | None = None  # as typed: "Luật Công đoàn" or "luat cong doan"
    year: int | None = None
    path: str | None = None  # "d5.2.a", "III.4"
    doc_id: str | None = None  # when number and year make one
    number_slug: str | None = None  # slug of the number alone, to match ids by prefix
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    # "Điều này", "khoản này", "Luật này": the parts the citing provision supplies.
    this_article: bool = False
    this_clause: bool = False
    this_document: bool = False
    abbreviation: str | None = None  # the key typed ("BLDS"), expanded into title/number

    @property
    def relative(self) -> bool:
        """Whether it points into the citing document (``khoản 2 Điều này``)."""
        return self.this_article or self.this_clause or self.this_document

    @property
    def names_document(self) -> bool:
        """Whether it says which document (a number, a title, an abbreviation)."""
        return bool(self.number or self.title)


def document_id(number: str, year: int | None = None) -> str | None:
    """The public id of a document (rule in ``parsers.ids``); None when it needs a year
    that is not known (``02-NQ/TW`` cited without its date)."""
    if year is None and not _ANY_YEAR.search(number):
        return None
    return ids.document_id(number, str(year) if year else None, number)


def law_path(
    article: str | None, clause: str | None = None, point: str | None = None
) -> str | None:
    """``d5``, ``d5.2``, ``d5.2.a`` from the printed article, clause and point."""
    if not article:
        return None
    return ".".join(p for p in (f"d{article}", clause, point) if p)


def find_citations(text: str) -> list[Citation]:
    """Citations of other documents and internal references in ``text``, in order."""
    return list(_citations_in(text))


# Ingest asks for a provision's citations three times (its citation rows, the document's
# relations, the cross-references); the answer depends on the text alone.
@lru_cache(maxsize=4096)
def _citations_in(text: str) -> tuple[Citation, ...]:
    folded = vntext.fold_aligned(text)
    found: list[Citation] = []
    used = Taken(len(text))

    def keep(cite: Citation) -> None:
        found.append(cite)
        used.take(cite.start, cite.end)

    # Each pattern runs only where the word it cannot match without is in the text: most
    # provisions cite nothing, and a substring test is far cheaper than a regex scan.
    titled = _BY_TITLE.finditer(folded) if "luat" in folded or "phap" in folded else ()
    for match in titled:
        cite = _titled(text, folded, match)
        if cite and used.free(cite.start, cite.end):
            keep(cite)
    numbered = "/" in folded  # every _NUMBER has one
    for match in _BY_NUMBER.finditer(folded) if numbered else ():
        if used.free(match.start(), match.end()):
            keep(_numbered(text, folded, match, DOC_TYPES[match.group("type")]))
    for match in _BARE_NUMBER.finditer(folded) if numbered else ():
        if used.free(match.start(), match.end()):
            keep(_numbered(text, folded, match, _code_kind(match.group("number"))))
    for cite in _abbreviated(text, folded, default_table()):
        if used.free(cite.start, cite.end):
            keep(cite)
    found = [_with_prefix(text, folded, c) for c in found]
    for cite in found:  # a prefix ("Điều 5 của") takes its characters too
        used.take(cite.start, cite.end)
    heads = _LineHeads(folded)
    for match in _INTERNAL.finditer(folded) if "dieu" in folded else ():
        if not heads.word_before(match.start()):
            continue  # "Điều 5. Quyền …" heads an article; it cites nothing
        if used.free(match.start(), match.end()):
            keep(_internal(text, match))
    return tuple(sorted(found, key=lambda c: c.start))


class _LineHeads:
    """Whether a word precedes a position on its line, asked at increasing positions: each
    line's start and first word are found once (from the text's start each time, one long
    line made this quadratic)."""

    def __init__(self, folded: str) -> None:
        self._folded = folded
        self._scanned = 0  # newlines before this position are accounted for
        self._line_start = 0
        self._first_word = self._word_from(0)

    def word_before(self, position: int) -> bool:
        newline = self._folded.rfind("\n", self._scanned, position)
        if newline >= 0:
            self._line_start = newline + 1
            self._first_word = self._word_from(self._line_start)
        self._scanned = max(self._scanned, position)
        return self._first_word < position

    def _word_from(self, start: int) -> int:
        word = _WORD.search(self._folded, start)
        return word.start() if word else len(self._folded)


def parse_citation(cite: str, table: AbbreviationTable | None = None) -> CitationQuery:
    """Take apart a citation as typed: ``02-NQ/TW mục III.4``, ``điểm a khoản 2 Điều 5
    Luật Công đoàn 2024``, ``Điều 5 khoản 2 50/2024/QH15``, ``Điều 5 BLDS 2015``,
    ``45/2019``, ``khoản 2 Điều này``, with or without diacritics."""
    text = vntext.nfc(cite).strip()
    folded = vntext.fold_aligned(text)
    used = [False] * len(text)

    def take(match: re.Match[str] | None) -> re.Match[str] | None:
        if match:
            used[match.start() : match.end()] = [True] * (match.end() - match.start())
        return match

    number_m = take(re.search(rf"(?<![\w/-])({_NUMBER})(?![\w/])", folded))
    number = text[number_m.start() : number_m.end()].upper() if number_m else None
    short_m = None if number else take(_SHORT_NUMBER.search(folded))
    article = take(re.search(r"\bdieu (\d+[a-z]?)\b", folded))
    clause = take(re.search(r"\bkhoan (\d+[a-z]?)\b", folded))
    point = take(re.search(r"\bdiem ([a-z])\b", folded))
    this_article = take(re.search(r"\bdieu nay\b", folded)) is not None
    this_clause = take(re.search(r"\bkhoan nay\b", folded)) is not None
    this_document = take(re.search(rf"\b(?:{_TYPE}) nay\b", folded)) is not None
    party = take(re.search(r"\b(?:muc )?([ivxl]+(?:\.[0-9a-z]+)+|(?<=muc )[ivxl]+)\b", folded))
    year_m = take(re.search(r"(?<![\w/-])((?:19|20)\d{2})(?![\w/-])", folded))
    year = int(year_m.group(1)) if year_m else None
    if short_m:
        number, year = short_m.group(0), year or int(short_m.group(2))
    elif number:
        found = _YEAR_IN_NUMBER.search(number)
        year = year or (int(found.group(1)) if found else None)
    parts = (article.group(1) if article else None, clause.group(1) if clause else None,
             text[point.start(1)].lower() if point else None)
    path = law_path(*parts)
    if path is None and party:
        path = _party_path(party.group(1))
    abbr_m = None if number else take((table or default_table()).pattern.search(folded))
    type_m = re.search(rf"\b({_TYPE})\b(?! nay\b)", folded)
    title = _typed_title(text, used, type_m) if type_m else None
    kind = DOC_TYPES[type_m.group(1)] if type_m else (_code_kind(number) if number else None)
    if abbr_m:
        entry = (table or default_table()).get(abbr_m.group(0))
        if entry is not None:
            title, kind = entry.full_title, DOC_TYPES.get(vntext.fold(entry.type), kind)
            if year is None or year == entry.year:
                number, year = entry.number, entry.year
    full = bool(number and _YEAR_IN_NUMBER.search(number) or number and not short_m)
    return CitationQuery(
        raw=cite,
        kind=kind,
        number=number,
        title=title if not number else None,
        year=year,
        path=path,
        doc_id=document_id(number, year) if number and full else None,
        number_slug=vntext.slug(number) if number else None,
        article=parts[0], clause=parts[1], point=parts[2],
        this_article=this_article, this_clause=this_clause, this_document=this_document,
        abbreviation=text[abbr_m.start() : abbr_m.end()] if abbr_m else None,
    )


def relative_path(query: CitationQuery, from_path: str) -> str | None:
    """The path ``query`` names when read inside the provision at ``from_path``.

    A lawyer leaves out what the context gives: inside ``d5.3``, ``khoản 2 Điều này`` and
    ``khoản 2`` are ``d5.2``, ``điểm a`` is ``d5.3.a``, ``Điều này`` is ``d5``, ``Điều 7``
    is ``d7``; None when it names the whole document (``Luật này``) or the citing
    provision is not inside an article::

        >>> relative_path(parse_citation("khoản 2 Điều này"), "d5.3.a")
        'd5.2'
    """
    parts = from_path.split(".")
    at = next((k for k, part in enumerate(parts) if _ARTICLE_PART.fullmatch(part)), None)
    own_article = parts[at] if at is not None else None
    own_clause = parts[at + 1] if at is not None and len(parts) > at + 1 else None
    if query.article:
        return law_path(query.article, query.clause, query.point)
    if query.clause or query.this_clause:
        article, clause = own_article, query.clause or own_clause
    elif query.point:
        article, clause = own_article, own_clause
    elif query.this_article:
        article, clause = own_article, None
    else:
        return None
    if article is None or (query.point and clause is None):
        return None
    return ".".join(p for p in (article, clause, query.point) if p)


def _titled(text: str, folded: str, match: re.Match[str]) -> Citation | None:
    """``Luật Công đoàn năm 2012``, ``Luật Lưu trữ số 33/2024/QH15``: a law named by title."""
    words = list(_WORD.finditer(text, match.end(), min(len(text), match.end() + 160)))
    if not words or words[0].start() != match.end() + 1 or text[match.end()] != " ":
        return None
    first = words[0].group(0)
    # A capital stop word can start a title ("Luật Ban hành văn bản quy phạm pháp luật").
    if not first[:1].isupper() or vntext.fold(first) in _FIRST_STOP:
        return None
    end = words[0].end()
    for k in range(1, len(words)):
        word, following = words[k].group(0), words[k + 1].group(0) if k + 1 < len(words) else ""
        if not _title_continues(
            text[words[k - 1].end() : words[k].start()],
            vntext.fold(words[k - 1].group(0)),
            word,
            following,
        ):
            break
        end = words[k].end()
    later = _LATER_NUMBER.match(folded, end)
    if later and not _BY_TITLE.search(later.group("between")):
        # "Luật Tài nguyên, môi trường biển và hải đảo số 83/2015/QH13": a title with a
        # comma goes on to its number when no other document is named in between.
        end = later.start("number") - len(" so ")
    title = text[match.start() : end]
    number = None
    tail = _TAIL_NUMBER.match(folded, end)
    if tail:
        number = text[tail.start("number") : tail.end("number")]
        end = tail.end()
    year, end = _year_after(folded, end)
    year = year or _number_year(number)
    doc_id = document_id(number, year) if number else None
    kind = DOC_TYPES[match.group("type")]
    return Citation(
        kind, text[match.start() : end], match.start(), end, number, title, year, doc_id=doc_id
    )


def _title_continues(gap: str, previous: str, word: str, following: str) -> bool:
    """Whether ``word`` still belongs to a law's title (titles are not delimited in print)."""
    lowered, capital = vntext.fold(word), word[:1].isupper()
    if gap not in (" ", ", ", " - "):
        return False
    if gap == ", " and not capital and (previous, lowered) != ("phong", "chong"):
        return False
    if lowered.isdigit() or (_BY_TITLE.fullmatch(lowered) and previous != "phap"):
        return False  # "… pháp luật" goes on: "Luật Ban hành văn bản quy phạm pháp luật"
    stop = lowered in _TITLE_STOP and word.casefold() not in _NOT_STOP
    if (stop and not capital) or (lowered == "so" and following.isdigit()):
        return False
    if lowered == "va":  # "… và Luật X" ends the title; "Khoa học và Công nghệ" does not
        return following[:1].isupper() and not _BY_TITLE.fullmatch(vntext.fold(following))
    return True


def _numbered(text: str, folded: str, match: re.Match[str], kind: str) -> Citation:
    number = text[match.start("number") : match.end("number")]
    year, end = _year_after(folded, match.end())
    year = _number_year(number) or year
    return Citation(
        kind,
        text[match.start() : end],
        match.start(),
        end,
        number,
        None,
        year,
        doc_id=document_id(number, year),
    )


def _abbreviated(text: str, folded: str, table: AbbreviationTable) -> list[Citation]:
    """``BLDS``, ``BLLĐ 2019``, ``Luật ĐĐ``: abbreviations printed in capitals (so the word
    ``ldt`` in running text is not read as one), with a year after them when given."""
    found = []
    for match in table.pattern.finditer(folded) if table.may_hold(folded) else ():
        printed = text[match.start() : match.end()]
        entry = table.get(match.group(0))
        if entry is None or sum(ch.isupper() for ch in printed) < 2:
            continue
        year, end = _year_after(folded, match.end())
        bare = _BARE_YEAR.match(folded, match.end()) if year is None else None
        if bare:
            year, end = int(bare.group(1)), bare.end()
        number = entry.number if year in (None, entry.year) else None
        kind = DOC_TYPES.get(vntext.fold(entry.type), "law")
        found.append(Citation(kind, text[match.start() : end], match.start(), end, number,
                              entry.full_title, year or entry.year,
                              doc_id=document_id(number) if number else None))
    return found


def _with_prefix(text: str, folded: str, cite: Citation) -> Citation:
    """Extend a document citation back over ``điểm a khoản 2 Điều 5 (của)``."""
    window_start = max(0, cite.start - 40)
    match = _PREFIX.search(folded[window_start : cite.start])
    if not match:
        return cite
    start = window_start + match.start()
    point = text[window_start + match.start("point")] if match.group("point") else None
    return Citation(
        cite.kind,
        text[start : cite.end],
        start,
        cite.end,
        cite.number,
        cite.title,
        cite.year,
        match.group("article"),
        match.group("clause"),
        point,
        cite.doc_id,
    )


def _internal(text: str, match: re.Match[str]) -> Citation:
    article = match.group("article")
    clause = match.group("clause")
    point = text[match.start("point")] if match.group("point") else None
    return Citation(
        "internal",
        text[match.start() : match.end()],
        match.start(),
        match.end(),
        article=None if article == "nay" else article,
        clause=None if clause == "nay" else clause,
        point=point,
    )


def _year_after(folded: str, end: int) -> tuple[int | None, int]:
    match = _DATE_YEAR.match(folded, end)
    if not match:
        return None, end
    year = match.group("y1") or match.group("y2") or match.group("y3")
    stop = match.end() + (1 if folded[match.end() : match.end() + 1] == ")" else 0)
    return int(year), stop


def _number_year(number: str | None) -> int | None:
    found = _YEAR_IN_NUMBER.search(number or "")
    return int(found.group(1)) if found else None


def _code_kind(number: str) -> str:
    folded = vntext.fold(number)
    code = re.split(r"[-/]", folded)
    letters = [re.sub(r"\d+$", "", part) for part in code if part and not part.isdigit()]
    return next((_CODE_KINDS[c] for c in letters if c in _CODE_KINDS), "document")


def _party_path(label: str) -> str:
    """``iii.4.b`` → ``III.4.b``: the roman section in capitals, the rest as printed."""
    head, _, rest = label.partition(".")
    return head.upper() + (f".{rest}" if rest else "")


def _typed_title(text: str, used: list[bool], type_m: re.Match[str]) -> str | None:
    end = type_m.end()
    while end < len(text) and not used[end]:
        end += 1
    title = re.sub(r"\s+(?:năm|nam|số|so)\s*$", "", text[type_m.start() : end].strip(" ,"))
    return title or None
