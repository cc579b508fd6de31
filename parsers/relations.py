"""Relations between documents, read from what a document says about others.

Kinds (each with the sentence that says it):

* ``amends``: ``Sửa đổi, bổ sung một số điều của Nghị định số 31/2021/NĐ-CP``; at the
  provision level ``Sửa đổi, bổ sung khoản 3 Điều 9 như sau:`` names ``target_path``
  ``d9.3`` of the document being amended (the one named by the enclosing article or by the
  document itself). ``Bổ sung khoản 1a vào sau khoản 1 Điều 6`` amends ``d6``.
* ``repeals``: ``Bãi bỏ khoản 3 Điều 5`` (a provision) or ``bãi bỏ Nghị định số …``.
* ``replaces``: ``Luật Công đoàn số 12/2012/QH13 hết hiệu lực từ ngày Luật này có hiệu
  lực thi hành``, ``Nghị định này thay thế Nghị định số …``.
* ``details``: the document says it details or guides another (``Nghị định này quy định
  chi tiết …``, ``hướng dẫn thi hành``), in its title, preamble or first article only:
  elsewhere "các nghị định quy định chi tiết Luật Đất đai" speaks of other decrees.
* ``implements``: ``Chương trình hành động … thực hiện Nghị quyết số 57-NQ/TW``.
* ``cites``: any other document it names (first mention, e.g. a ``Căn cứ`` line).

Only the instruction of an amendment is read, never the quoted new text (``“Điều 4. …”``
speaks as the amended law, not as the amending one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers import vntext
from parsers.citations import Citation, find_citations, law_path

KINDS = ("amends", "repeals", "replaces", "details", "implements", "cites")
# The verb of an amendment instruction, folded; longest first.
_AMEND = re.compile(r"\b(?:sua doi,? bo sung|sua doi|bo sung|bai bo|thay the)\b")
_REPLACED = re.compile(r"\bhet hieu luc\b")
_REPLACES = re.compile(r"\b(?:nay )?thay the\b")
_DETAILS = re.compile(r"\b(?:quy dinh chi tiet|huong dan(?: thi hanh)?)\b")
_IMPLEMENTS = re.compile(r"\b(?:trien khai )?thuc hien\b")
_OWN = re.compile(r"\b(?:bo luat|luat|nghi dinh|thong tu|nghi quyet|quyet dinh|phap lenh) nay\b")
_ARTICLE = re.compile(r"\bdieu (\d+[a-z]?)\b")
_CLAUSE = re.compile(r"\bkhoan (\d+[a-z]?)\b")
_POINT = re.compile(r"\bdiem ([a-zđ])\b")
_INSERT = re.compile(r"\bvao (?:sau|truoc)\b")
_INSERTED = re.compile(r"\W*(diem|khoan|dieu)\b")  # what "Bổ sung …" adds
_QUOTE = re.compile(r"[“\"]")
_ARTICLE_PATH = re.compile(r"d\d+[a-z]?")
_IN_ARTICLE = re.compile(r"d\d+[a-z]?(?:\..*)?")
_LEAD = re.compile(r"p\d+|d1")  # preamble paragraphs and the first article
# "Luật sửa đổi … của Luật X" names another (amending) law unless this one is issued.
_NAMED_AMENDER = re.compile(
    r"(?<!ban hanh )\b(?:luat|nghi dinh|thong tu|nghi quyet|quyet dinh|phap lenh) $")
_LIST_REPLACED = re.compile(r"\bsau day (?:het hieu luc|bi thay the)\b")
_LIST_REPEALED = re.compile(r"^\W*bai bo\b.*\bsau day\W*$")
_BASIS = re.compile(r"^\W*(?:can cu|theo de nghi)\b")
NEAR = 60  # characters from a verb to the citation it governs


@dataclass(frozen=True, slots=True)
class Row:
    """A provision as the extractor needs it."""

    id: str
    path: str
    parent_id: str | None
    heading: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Relation:
    """``provision_id`` (of the citing document) says ``kind`` of the target.

    ``start``/``end`` index the provision's text (None when the evidence is its heading or
    the document's title, ``provision_id`` None for the title).
    """

    kind: str
    provision_id: str | None
    evidence: str
    start: int | None
    end: int | None
    target_raw: str
    target_number: str | None = None
    target_title: str | None = None
    target_year: int | None = None
    target_doc_id: str | None = None
    target_path: str | None = None


def find_relations(title: str | None, rows: Sequence[Row]) -> list[Relation]:
    """The relations a document states, title first, then provisions in order.

    Args:
        title: the document's type and title as printed (``Nghị định sửa đổi …``).
        rows: its provisions, parents before children.
    """
    names = _Names(title, rows)
    found: list[Relation] = []
    if title:
        found.extend(_document_level(title, None, None, names, lead=True))
    scope: dict[str, Citation | None] = {}  # the document an amending provision speaks of
    article_of: dict[str, str | None] = {}  # the article of the amended law it is inside
    listed: dict[str, str | None] = {}  # "các nghị định sau đây hết hiệu lực:" → kind
    leads = [r for r in rows if _LEAD.fullmatch(r.path)]
    for row in leads:
        # A hard-wrapped heading runs on into the text: read them as one sentence.
        whole_text = _instruction(f"{row.heading}\n{row.text}" if row.heading else row.text)
        base = None if row.heading else 0
        found.extend(_document_level(whole_text, row.id, base, names, lead=True))
    whole = {(r.target_number or r.target_title or "") for r in found if r.kind == "amends"}
    default = names.citation_of(next(r for r in found if r.kind == "amends")) if len(
        whole) == 1 else None
    for row in rows:
        lead = bool(_LEAD.fullmatch(row.path))
        # An article headed "Sửa đổi, bổ sung một số điều của Luật X" anywhere; in running
        # text only the lead speaks for the document (an annex's "sửa đổi Luật X" is a task).
        heading_relations = [
            r for r in (_document_level(row.heading, row.id, None, names, True)
                        if row.heading and _ARTICLE_PATH.fullmatch(row.path) else [])
            if lead or r.kind in ("amends", "repeals", "replaces")
        ]
        own = _instruction(row.text)
        text_relations = _document_level(own, row.id, 0, names, lead)
        found.extend(heading_relations + ([] if lead else text_relations))
        amended = [r for r in heading_relations + text_relations if r.kind == "amends"]
        inherited = scope.get(row.parent_id or "", default)
        scope[row.id] = names.citation_of(amended[0]) if amended else inherited
        found.extend(_provision_level(row, own, scope, article_of, names))
        listed[row.id] = _list_kind(row.heading or "", own)
        found.extend(_listed(row, own, listed.get(row.parent_id or ""), names))
    found.extend(_cites(rows, found, names))
    itself = _key(title) if title else None
    # "Quốc hội ban hành Luật Công đoàn." names the document itself.
    return [r for r in _unique(found)
            if not (itself and r.target_title and not r.target_number
                    and _key(r.target_title) == itself)]


class _Names:
    """Numbers for titles cited without them: ``Luật Ban hành văn bản quy phạm pháp luật``
    in an article heading is the ``… số 64/2025/QH15`` of the preamble."""

    def __init__(self, title: str | None, rows: Sequence[Row]) -> None:
        self.numbered: dict[str, Citation] = {}
        texts = [title or ""] + [r.text for r in rows if r.path.startswith("p") or r.path == "d1"]
        for text in texts:
            for cite in find_citations(text):
                if cite.number and cite.title:
                    self.numbered.setdefault(_key(cite.title), cite)

    def complete(self, cite: Citation) -> Citation:
        if cite.number or not cite.title:
            return cite
        known = self.numbered.get(_key(cite.title))
        if known is None or (cite.year and known.year and cite.year != known.year):
            return cite
        return replace(cite, number=known.number, year=known.year, doc_id=known.doc_id)

    def citation_of(self, relation: Relation) -> Citation:
        return Citation("document", relation.target_raw, 0, 0, relation.target_number,
                        relation.target_title, relation.target_year,
                        doc_id=relation.target_doc_id)


def _document_level(text: str, pid: str | None, base: int | None, names: _Names,
                    lead: bool) -> list[Relation]:
    """Relations to whole documents in ``text`` (a title, heading, or instruction); outside
    the lead only replacements (``… hết hiệu lực``, ``thay thế``), which close a law."""
    cites = [names.complete(c) for c in find_citations(text)
             if c.kind != "internal" and "sua doi" not in vntext.fold(c.title or "")]
    if not cites:
        return []
    folded = vntext.fold_aligned(text)
    found = []
    for cite in cites:
        before = folded[max(0, cite.start - NEAR) : cite.start]
        sentence_start = _sentence_start(folded, cite.start)
        kind = None
        if _BASIS.match(folded[sentence_start:]):
            continue  # "Căn cứ Luật sửa đổi … của Luật X": a basis, read as a citation
        if _AMEND.search(before) and _verb_governs(folded, _AMEND, cite.start):
            verb = _last(_AMEND, before)
            kind = "repeals" if verb == "bai bo" else "amends"
            if verb == "thay the":
                kind = "replaces" if _OWN.search(folded[sentence_start : cite.start]) else None
        elif _REPLACED.search(folded[cite.end : cite.end + 200]) and _OWN.search(
                folded[cite.end : _sentence_end(folded, cite.end)]):
            kind = "replaces"
        elif lead and not _cited_between(cites, sentence_start, cite.start):
            # The subject is this document only when no other is named before the verb
            # ("Nghị định số 31/2021/NĐ-CP … quy định chi tiết Luật Đầu tư" is 31/2021's).
            said = folded[sentence_start : cite.start]
            kind = ("details" if _DETAILS.search(said)
                    else "implements" if _IMPLEMENTS.search(said) else None)
        if kind is None or (not lead and kind != "replaces"):
            continue
        if cite.article and kind in ("amends", "repeals"):
            continue  # "Sửa đổi Điều 5 của Luật X" is provision-level, read there
        end = _sentence_end(folded, cite.end)
        found.append(_relation(kind, pid, text, base, sentence_start, end, cite, None))
    return found


def _provision_level(row: Row, own: str, scope: dict[str, Citation | None],
                     article_of: dict[str, str | None], names: _Names) -> list[Relation]:
    """``Sửa đổi, bổ sung khoản 3 Điều 9 như sau:`` → amends ``d9.3`` of the document in
    scope; a nested ``a) Sửa đổi, bổ sung khoản 1`` takes its article from its parent
    (``… một số điểm, khoản của Điều 31 như sau:``)."""
    folded = vntext.fold_aligned(own)
    # An instruction starts with its verb; "… bổ sung trước ngày …" in running text is none.
    verb = _AMEND.match(folded, len(folded) - len(folded.lstrip()))
    parent_article = article_of.get(row.parent_id or "")
    if verb is None or not _IN_ARTICLE.fullmatch(row.path) or _OWN.search(folded):
        article_of[row.id] = parent_article
        return []
    tail = folded[verb.end() :]
    article = _ARTICLE.search(tail)
    target_doc = scope.get(row.id)
    cites = [c for c in find_citations(own) if c.kind != "internal"]
    if cites and not cites[0].article:
        # "Sửa đổi, bổ sung Luật Xây dựng số 50/2014/QH13 … như sau:", "… Mục 2 Phụ lục số
        # 02 của Luật Giá số …": the document itself; its items amend its articles.
        whole = names.complete(cites[0])
        scope[row.id] = whole
        article_of[row.id] = None
        end = _sentence_end(folded, cites[0].end)
        kind = "repeals" if verb.group(0) == "bai bo" else "amends"  # "Bãi bỏ Nghị định số …"
        return [_relation(kind, row.id, own, 0, verb.start(), end, whole, None)]
    article_of[row.id] = article.group(1) if article else parent_article
    if cites and cites[0].start < verb.end() + NEAR and cites[0].article:
        target_doc = names.complete(cites[0])  # "Sửa đổi khoản 2 Điều 5 của Luật X"
    if target_doc is None or article_of[row.id] is None:
        return []
    stop = article.start() if article else len(tail)
    clause = _CLAUSE.search(tail, 0, stop)
    point = _POINT.search(tail, 0, clause.start() if clause else stop)
    if not article and not clause:
        clause = point = None  # "đoạn đầu": the article is what changes
    inserted = _INSERTED.match(tail)
    if _INSERT.search(tail) and inserted:
        # "Bổ sung điểm i1 vào sau điểm i … khoản 2 Điều 89" changes khoản 2; a new clause
        # changes the article; a new article is itself the target.
        point = None
        if inserted.group(1) == "khoan":
            clause = None
    path = law_path(article_of[row.id], clause.group(1) if clause else None,
                    own[verb.end() + point.start(1)] if point else None)
    kind = "repeals" if verb.group(0) == "bai bo" else "amends"
    end = _sentence_end(folded, verb.end())
    return [_relation(kind, row.id, own, 0, verb.start(), end, target_doc, path)]


def _list_kind(heading: str, own: str) -> str | None:
    """The kind a list introduced by ``heading`` and ``own`` gives each of its items."""
    # fold_aligned folds one character for one, so the heading's and the text's folds
    # (the text's is cached: _provision_level folded it) make the fold of the two joined.
    folded = f"{vntext.fold_aligned(heading)} {vntext.fold_aligned(own)}"
    if "sau day" not in folded:  # in every match of both patterns
        return None
    if _LIST_REPLACED.search(folded):
        return "replaces"
    if _LIST_REPEALED.search(folded):
        return "repeals"
    return None


def _listed(row: Row, own: str, kind: str | None, names: _Names) -> list[Relation]:
    """An item of ``Các nghị định sau đây hết hiệu lực …:``: its first document citation."""
    if kind is None:
        return []
    cites = [names.complete(c) for c in find_citations(own) if c.kind != "internal"]
    if not cites:
        return []
    cite = cites[0]
    path = law_path(cite.article, cite.clause, cite.point) if kind == "repeals" else None
    if kind == "repeals" and path is None and own[: cite.start].strip():
        return []  # "Mục ghi chú tại Phụ lục IX Nghị định số …": a part with no path
    folded = vntext.fold_aligned(own)
    return [_relation(kind, row.id, own, 0, 0, _sentence_end(folded, cite.end), cite, path)]


def _cites(rows: Sequence[Row], found: list[Relation], names: _Names) -> list[Relation]:
    """Every other document named, once, at its first mention (outside quoted text)."""
    seen = {(r.target_number or r.target_title or "").casefold() for r in found}
    out = []
    for row in rows:
        own = _instruction(row.text)
        for cite in find_citations(own):
            if cite.kind == "internal":
                continue
            cite = names.complete(cite)
            key = (cite.number or cite.title or "").casefold()
            if not key or key in seen:
                continue
            seen.add(key)
            folded = vntext.fold_aligned(own)
            start = _sentence_start(folded, cite.start)
            end = _sentence_end(folded, cite.end)
            out.append(_relation("cites", row.id, own, 0, start, end, cite, None))
    return out


def _relation(kind: str, pid: str | None, text: str, base: int | None, start: int, end: int,
              cite: Citation, path: str | None) -> Relation:
    evidence = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    return Relation(
        kind, pid, evidence, None if base is None else offset,
        None if base is None else offset + len(evidence), cite.raw, cite.number, cite.title,
        cite.year, cite.doc_id, path,
    )


def _instruction(text: str) -> str:
    """The text before any quoted new wording (the part that speaks as this document)."""
    quote = _QUOTE.search(text)
    return text[: quote.start()] if quote else text


def _verb_governs(folded: str, verb: re.Pattern[str], at: int) -> bool:
    """The verb's sentence reaches ``at`` (no full stop between them), and the verb is this
    document's, not part of another's name (``Luật sửa đổi … của Luật X``)."""
    found = list(verb.finditer(folded, max(0, at - NEAR), at))
    if not found or re.search(r"[.;]", folded[found[-1].end() : at]):
        return False
    return not _NAMED_AMENDER.search(folded[max(0, found[-1].start() - 20) : found[-1].start()])


def _last(pattern: re.Pattern[str], text: str) -> str:
    return [m.group(0) for m in pattern.finditer(text)][-1]


def _cited_between(cites: list[Citation], start: int, end: int) -> bool:
    return any(start <= c.start and c.end <= end for c in cites)


def _sentence_start(folded: str, at: int) -> int:
    # Not at line breaks: a hard-wrapped heading goes on over them.
    cut = max(folded.rfind(ch, 0, at) for ch in ".;")
    return cut + 1 if cut >= 0 else 0


def _sentence_end(folded: str, at: int) -> int:
    ends = [i for i in (folded.find(ch, at) for ch in ".;") if i >= 0]
    return min(ends) + 1 if ends else len(folded)


def _key(title: str) -> str:
    return vntext.words(title)


def _unique(found: list[Relation]) -> list[Relation]:
    """One relation per (kind, target, path), with its first evidence: a title, the
    preamble and the first article often say the same thing."""
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for rel in found:
        key = (rel.kind, (rel.target_number or rel.target_title or rel.target_raw).casefold(),
               rel.target_path)
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return out
