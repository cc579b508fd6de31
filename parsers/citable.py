"""Citable labels: what a person writes to cite a provision, and sees in its breadcrumbs.

``Provision.label`` keeps the bare printed label (``2``, ``a``, ``III``). A reader cites
with the word for the level in front of it, and cites a lower level through the levels
that make it unique::

    kind (state law)     cite_label         cite_as
    ===================  =================  =================================
    part                 ``Phần thứ hai``   ``Phần thứ hai``
    chapter              ``Chương III``     ``Chương III``
    subchapter (Mục)     ``Mục 2``          ``Mục 2 Chương III``
    article              ``Điều 36``        ``Điều 36``
    clause               ``khoản 2``        ``khoản 2 Điều 36``
    point                ``điểm a``         ``điểm a khoản 2 Điều 36``
    subpoint             ``điểm b.1``       ``điểm b.1 khoản 3 Điều 52``
    annex                ``Phụ lục I``      ``Phụ lục I``
    form (in an annex)   ``Mẫu số 01``      ``Mẫu số 01 Phụ lục I``

Articles and chapters are numbered through a law, so their citation needs nothing above
them; a Mục restarts in each chapter, a clause in each article.

Documents without articles name their levels by who issued them:

* Party documents, as the Central Office's guidance on Party documents names them
  (Hướng dẫn 36-HD/VPTW, 2018: phần, mục, điểm, tiết): ``Phần A`` or ``Phần I``,
  ``mục III`` (a Roman section), ``điểm 2`` (an item ``2.`` or ``2-``), ``tiết a``
  (a point ``a)``); ``tiết a điểm 2 mục III``, and ``mục I Phần B`` because sections
  restart in each part.
* State documents that are not laws (a decision's programme, a plan), as the state's
  rules on administrative documents name them (Nghị định 30/2020/NĐ-CP, Phụ lục I:
  phần, mục, khoản, điểm): ``mục II``, ``khoản 1``, ``điểm a``.

An enumeration ``(1)`` inside an item is cited as printed, through its item
(``(1) điểm 2 mục III``). Bullets, unlabeled paragraphs and milestones (``Đến năm
2030:``) have no label a person could cite: both fields are None. Inside an annex the
citation always runs up to the annex, since an annex restarts every numbering
(``Điều 1 Mẫu số 01 Phụ lục II``, a model decision printed in a form).

Pure: labels and kinds in, strings out; the printed numeral is kept (``Chương 3`` stays
``Chương 3``), never converted.
"""

from __future__ import annotations

import re

from parsers.classify import PART_ORDINALS
from parsers.model import Provision

# The word in front of a label, per kind, in laws and in documents without articles.
_LAW_WORDS = {
    "chapter": "Chương", "subchapter": "Mục", "article": "Điều", "clause": "khoản",
    "point": "điểm", "subpoint": "điểm", "form": "Mẫu số",
    "example": "Ví dụ số",
}  # fmt: skip
_PARTY_WORDS = {"section": "mục", "item": "điểm", "point": "tiết"}
_STATE_WORDS = {"section": "mục", "item": "khoản", "point": "điểm"}

# Kinds whose citation needs no ancestor outside an annex (numbered through the document).
_THROUGH = frozenset({"part", "chapter", "article", "annex"})
# Ancestors where a citation climbing from below stops, once named.
_STOPS = frozenset({"part", "chapter", "article"})

# "PHỤ LỤC I", "Phụ lục số 02", "PHỤ LỤC 3a": the annex's own number, as printed.
_ANNEX_NUMBER = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số))?(?:\s+(?P<n>[IVXLC]+|\d+[a-z]?)\b)?", re.S
)
# Parties' numbers join number and kind with a hyphen: 02-NQ/TW, 45-HD/BTCTW, 07-KL/VPTW.
_PARTY_NUMBER = re.compile(r"^\s*\d+[a-z]?\s*-\s*[A-ZĐ]+\s*/")


def is_party(number: str | None, party_header: str | None) -> bool:
    """Whether a document is the Party's: it prints ``ĐẢNG CỘNG SẢN VIỆT NAM`` or its number
    has the Party's form (``02-NQ/TW``, where the state's is ``03/NQ-CP``)."""
    return party_header is not None or bool(number and _PARTY_NUMBER.match(number))


def cite_label(kind: str, label: str | None, heading: str | None = None,
               party: bool = False) -> str | None:
    """The short citable label of one node, or None where nothing printed can be cited.

    >>> cite_label("clause", "2"), cite_label("chapter", "III"), cite_label("item", "2", None, True)
    ('khoản 2', 'Chương III', 'điểm 2')
    """
    if kind == "annex":
        return _annex_label(heading)
    label = (label or "").strip()
    if not label or label == "-":
        return None
    if kind == "part":
        return _part_label(label)
    if kind == "enumeration":
        return f"({label})"
    word = _LAW_WORDS.get(kind) or (_PARTY_WORDS if party else _STATE_WORDS).get(kind)
    if word is None:  # milestone, bullet, paragraph
        return None
    if kind in ("point", "subpoint") and party:
        word = _PARTY_WORDS["point"]
    return f"{word} {label}"


def _part_label(label: str) -> str:
    """``HAI`` (from ``PHẦN THỨ HAI``) → ``Phần thứ hai``; ``A``, ``I`` → ``Phần A``."""
    if label.lower() in PART_ORDINALS:
        return f"Phần thứ {label.lower()}"
    return f"Phần {label}"


def _annex_label(heading: str | None) -> str | None:
    """``PHỤ LỤC I …`` → ``Phụ lục I``; an annex headed otherwise (``CHƯƠNG TRÌNH HÀNH
    ĐỘNG … (Kèm theo …)``) prints no label to cite."""
    m = _ANNEX_NUMBER.match((heading or "").strip())
    if not m:
        return None
    return f"Phụ lục {m.group('n')}" if m.group("n") else "Phụ lục"


def cite_as(chain: list[tuple[str, str | None, str | None]]) -> str | None:
    """The full citation inside the document, from ``(kind, label, cite_label)`` of the
    node's ancestors and itself, root first.

    >>> cite_as([("chapter", "II", "Chương II"), ("article", "5", "Điều 5"),
    ...          ("clause", "2", "khoản 2")])
    'khoản 2 Điều 5'
    """
    kind, label, own = chain[-1]
    if own is None:
        return None
    in_annex = any(k == "annex" for k, _, _ in chain[:-1])
    if kind in _THROUGH and not in_annex:
        return own
    parts = [own]
    for up_kind, up_label, up_cite in reversed(chain[:-1]):
        if up_cite is None or _prefixes(up_kind, up_label, kind, label):
            continue
        parts.append(up_cite)
        if up_kind == "annex" or (up_kind in _STOPS and not in_annex):
            break
    return " ".join(parts)


def _prefixes(up_kind: str, up_label: str | None, kind: str, label: str | None) -> bool:
    """``1.2`` under ``1``, ``b.1`` under ``b``: the printed label already names its parent."""
    if not up_label or not label:
        return False
    if kind == "subpoint" and up_kind == "point":
        return label.startswith(up_label)
    return up_kind == kind and label.startswith(f"{up_label}.")


def annotate(provisions: tuple[Provision, ...], party: bool) -> tuple[Provision, ...]:
    """The same tree with ``cite_label`` and ``cite_as`` set on every node."""
    return tuple(_annotate(node, [], party) for node in provisions)


def _annotate(node: Provision, chain: list[tuple[str, str | None, str | None]],
              party: bool) -> Provision:
    own = cite_label(node.kind, node.label, node.heading, party)
    here = [*chain, (node.kind, node.label, own)]
    children = tuple(_annotate(child, here, party) for child in node.children)
    cited = cite_as(here)
    # Ingest derives the labels again over a parsed tree that has them: a copy of every
    # node that would equal it was a fifth of flattening.
    if (own == node.cite_label and cited == node.cite_as
            and all(new is old for new, old in zip(children, node.children, strict=True))):
        return node
    # built whole, not by dataclasses.replace (which reads the fields at every call)
    return Provision(id=node.id, path=node.path, kind=node.kind, label=node.label,
                     heading=node.heading, text=node.text, role=node.role, start=node.start,
                     end=node.end, children=children, flags=node.flags, cite_label=own,
                     cite_as=cited)
