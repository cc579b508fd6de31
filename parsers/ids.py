"""Stable identifiers: the public contract other systems cite. Change nothing here lightly.

Document id
    The ASCII slug of the document number, plus ``-<year>`` when the number has no year
    of its own::

        02-NQ/TW of 2021   → 02-nq-tw-2021
        12/2012/QH13       → 12-2012-qh13
        50/2024/QH15       → 50-2024-qh15
        03/NQ-CP of 2025   → 03-nq-cp-2025

    Lookups are case-insensitive (ids are lower case). A document without a number gets
    the slug of its file name.

    Numbers that every province or district issues alike (the issuer code is ``UBND``,
    ``HĐND``, or a local Party committee's: ``TU``, ``HU``, ``QU``, ``ĐU``) name no single
    document nationally, so their ids end with the locality, from the issuer (or, when the
    issuer names none, the place of issue)::

        81/2025/QĐ-UBND, Ủy ban nhân dân tỉnh Bắc Ninh   → 81-2025-qd-ubnd-bac-ninh
        81/2025/QĐ-UBND, Thành phố Đà Nẵng                → 81-2025-qd-ubnd-da-nang

    A local number whose locality cannot be read keeps the bare id (and the parse warns).

Provision path (the part after ``<document id>/``)
    Parts joined with dots, each from the printed label or, for an unlabeled node, from
    its order:

    ========================  =============================  ==================
    printed                   part                           example path
    ========================  =============================  ==================
    ``I-`` (Roman section)    the numeral                    ``III``
    ``1.`` item or clause     the number                     ``III.4``, ``d5.2``
    ``1.2.`` nested number    its last number, under ``1``   ``II.1.2``
    ``a)`` point              the letter                     ``II.2.a``, ``d5.2.a``
    ``b.1)`` sub-point        letter and number, no dot      ``d52.3.b.b1``
    ``(1)`` enumeration       the number                     ``1.3`` (07-KL/VPTW)
    ``* Đến năm 2025:``       the year                       ``II.2.b.2025``
    ``- `` bullet, paragraph  1-based position (see below)   ``III.4.2``
    ``Phần thứ hai``          ``pt`` + number                ``pt2``
    ``PHẦN II``, ``Phần I``   ``pt`` + Arabic number         ``pt2``
    ``A-``, ``B.``, ``PHẦN B`` ``pt`` + the letter           ``ptB.I.2``
    ``Chương II``             ``ch`` + Arabic number         ``ch2``
    ``Mục 1`` (in a chapter)  ``m`` + number                 ``ch2.m1``
    ``Điều 5``                ``d`` + number, top level      ``d5``
    annex ("Kèm theo …")      ``pl`` + its order             ``pl1.II.1.a``
    ``Mẫu số 01`` (in annex)  ``mau`` + slug of its number   ``pl2.mau01.3``
    ``Mẫu số 15đ``            đ as ``dd``                    ``pl10.mau15dd``
    another titled document   an unlabeled node (see below)  ``pl1.p3.I``
    in an annex (a form)
    ========================  =============================  ==================

    * An annex that prints several documents one after another, each under a title of
      its own and numbered from ``I.``, ``A.`` or ``Chương I`` again (``Phụ lục II`` /
      ``CHI HỖ TRỢ …`` / ``I. ĐỐI TƯỢNG ÁP DỤNG``), gives the second and later ones a node
      of kind ``form`` headed by the title, an unlabeled part (``pl1.p3``), so their
      numbering restarts under it (``parsers.tree``); the first keeps its ids.

    * The guide to a form (``HƯỚNG DẪN KÊ KHAI MẪU SỐ 01/TB-ĐVHT``) is a node of kind
      ``form`` without a label inside the form it follows (``pl3.mau01tbdvht.p17``); its
      outline's headings and the fields under each keep their printed labels
      (``parsers.guides``), so a field ``4.`` under ``2.1.`` is ``….2.2.1.4``.

    * Articles and chapters are numbered through a whole law, so their paths never include
      a part, chapter or section above them: ``d5``, not ``ch1.d5``; ``ch2``, not
      ``pt1.ch2``. Clauses and points hang under their article (``d5.2.a``), a Mục under
      its chapter (``ch2.m1``).
    * Unlabeled bullets and paragraphs: when none of their siblings has a label, the part
      is the 1-based position among the siblings (``III.4.2`` is the second bullet of task
      group 4). When some siblings are labeled, an unlabeled one gets ``p`` + its 1-based
      position among the *unlabeled* siblings, so it can never collide with a printed
      number: the unnumbered paragraph after items 1–3 of section I is ``I.p1``; the
      closing sentence of a resolution (``Nghị quyết này phổ biến đến chi bộ.``) and the
      preamble paragraphs of a law sit at the top level as ``p1``, ``p2``….
    * A label printed twice under one parent (a conversion error) keeps the first; the
      second gets ``_2`` appended, a third ``_3``, and the parse records a warning.
      A point ``d)`` printed right after ``d)`` (where no ``đ)`` is printed) is the ``đ)``
      whose stroke the text lost: its part is ``đ``, with a ``suspected_ocr`` warning.
    * Ids depend only on labels and order, never on words, punctuation or case: correcting
      a typo, a colon or a page-break join leaves every id unchanged. The one reading of
      text that matters is whether a numbered line is a heading (``parsers.classify``),
      which decides whether an unnumbered paragraph closing a section is its text.
"""

from __future__ import annotations

import re

from parsers import patterns, vntext
from parsers.classify import PART_ORDINALS, roman_to_int

FORM_PART = "mau"  # a numbered form's part: "Mẫu số 01" → mau01
# Kinds numbered through the whole document: their paths ignore their ancestors.
NUMBERED_THROUGH = frozenset({"article", "chapter"})

_ROMAN = re.compile(patterns.ROMAN)
_HAS_YEAR = re.compile(r"(?:^|\D)(?:19|20)\d{2}(?:\D|$)")


# Issuer codes that every locality uses alike (the last part of a number's slug).
LOCAL_CODES = frozenset({"ubnd", "hdnd", "tu", "hu", "qu", "du"})
_LOCAL_BODY = re.compile(
    r"^(?:uy ban nhan dan|hoi dong nhan dan|ban thuong vu|ban chap hanh dang bo|tinh uy"
    r"|thanh uy|huyen uy|quan uy|thi uy|dang uy)\b\s*")
_ADMIN_UNIT = re.compile(r"^(?:tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)\s+")


def is_local_number(number: str | None) -> bool:
    """Whether ``number`` ends in an issuer code that every locality uses alike."""
    parts = vntext.slug(number or "").split("-")
    return len(parts) > 1 and parts[-1] in LOCAL_CODES


def locality(issuer: str | None, place: str | None) -> str:
    """The slug of the province or district that issued a local document: from an issuer
    that names a local body (``Ủy ban nhân dân tỉnh Bắc Ninh`` → ``bac-ninh``), else from
    the place of issue (``Đà Nẵng``); ``""`` when neither says."""
    folded = " ".join(vntext.fold(issuer or "").lower().split())
    rest = _LOCAL_BODY.sub("", folded, count=1)
    if rest == folded or not rest:  # the issuer names no local body, or no locality
        rest = " ".join(vntext.fold(place or "").lower().split())
    return vntext.slug(_ADMIN_UNIT.sub("", rest, count=1))


def id_locality(number: str | None, issuer: str | None, place: str | None) -> str:
    """The locality a document's id ends with: ``locality`` for a number every locality
    issues alike, ``""`` for any other number."""
    return locality(issuer, place) if is_local_number(number) else ""


def document_id(number: str | None, year: str | None, fallback: str,
                place: str = "") -> str:
    """The document id for a number, the year of its date and, for a local number, the
    locality (``locality``).

    >>> document_id("02-NQ/TW", "2021", "x")
    '02-nq-tw-2021'
    >>> document_id("12/2012/QH13", "2012", "x")
    '12-2012-qh13'
    >>> document_id(None, None, "Luật Công đoàn.txt")
    'luat-cong-doan-txt'
    >>> document_id("81/2025/QĐ-UBND", "2025", "x", "bac-ninh")
    '81-2025-qd-ubnd-bac-ninh'
    """
    base = vntext.slug(number) if number else ""
    if not number or not base:  # no number, or one of punctuation only
        return vntext.slug(fallback) or "document"
    if year and not _HAS_YEAR.search(number):
        base = f"{base}-{year}"
    if place and is_local_number(number):
        base = f"{base}-{place}"
    return base


def part_for(kind: str, label: str | None) -> str | None:
    """The path part a labeled node contributes, or None for an unlabeled node."""
    if label is None or kind in ("bullet", "paragraph", "closing"):
        return None
    if kind == "annex":
        return f"pl{label}"
    if kind == "form":
        return f"{FORM_PART}{vntext.label_slug(label).replace('-', '')}"
    if kind == "example":
        return f"vd{label}"
    if kind == "row":
        return f"r{label}"
    if kind == "part":
        if label.lower() in PART_ORDINALS:  # Phần thứ hai → pt2
            return f"pt{PART_ORDINALS[label.lower()]}"
        # PHẦN II → pt2; PHẦN B, B- → ptB
        return f"pt{roman_to_int(label)}" if _ROMAN.fullmatch(label) else f"pt{label}"
    if kind == "chapter":
        return f"ch{label if label.isdigit() else roman_to_int(label)}"
    if kind == "subchapter":
        return f"m{label}"
    if kind == "article":
        return f"d{label}"
    if kind == "subpoint":
        return label.replace(".", "")
    if kind in ("item", "clause", "enumeration"):
        return label.split(".")[-1]
    return label


def in_blank_form(path: str) -> bool:
    """Whether the provision at ``path`` is, or lies inside, a form printed with its number
    (``Mẫu số 01``: ``pl1.mau01.I.2``): a template to fill in, whose lines repeat the words
    of the articles it serves. An untitled document printed in an annex (kind ``form``
    without a label, ``pl1.p3``) is content and is not one. No other part starts with
    ``mau``: the other labeled parts are numbers, letters or the prefixes above."""
    return any(part.startswith(FORM_PART) for part in path.split("."))


def unlabeled_parts(has_labeled_sibling: bool, count: int) -> list[str]:
    """Parts for the ``count`` unlabeled children of one parent, in order."""
    prefix = "p" if has_labeled_sibling else ""
    return [f"{prefix}{i}" for i in range(1, count + 1)]


def join(parent_path: str | None, part: str) -> str:
    return f"{parent_path}.{part}" if parent_path else part
