"""Typed results of parsing: a document's metadata and its tree of provisions.

These are plain frozen dataclasses: the parser builds them, the ingest stores them, and
the API converts them to pydantic only at its edge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

# Kinds of provision node. Party documents use section/item/point/bullet/paragraph/milestone;
# state laws use part/chapter/section_law (Mục)/article/clause/point.
KINDS = (
    "section",  # I-, II- … of a Party document
    "item",  # 1. 2. … under a section
    "point",  # a) b) …
    "subpoint",  # b.1) b.2) … inside point b)
    "enumeration",  # (1) (2) … inside a Party item
    "milestone",  # "* Đến năm 2025:" inside objectives
    "bullet",  # "- …" unlabeled list entry
    "paragraph",  # unlabeled paragraph
    "part",  # Phần thứ nhất …
    "chapter",  # Chương I …
    "subchapter",  # Mục 1 … inside a chapter
    "article",  # Điều 5.
    "clause",  # khoản: "1." inside an article
    "annex",  # a programme or list annexed after the signature ("(Kèm theo …)")
    "form",  # "Mẫu số 01" inside an annex
    "example",  # "VÍ DỤ SỐ 02" inside an annex: a worked example, numbered from 1 again
    "row",  # a table row printed one cell a line, holding a procedure numbered from 1 again
)

# Roles a provision plays in a resolution, read from the wording of its heading.
ROLES = (
    "preamble",
    "situation",
    "viewpoint",
    "objective",
    "task",
    "implementation",
    "closing",
)


def content_hash(label: str | None, heading: str | None, text: str) -> str:
    """SHA-256 (hex) of a node's label, heading and text: what identifies its content across
    versions. The store keeps no copy of it; readers compute it from the same three values.

    >>> content_hash("2", None, "Văn bản.")[:12]
    '1ead7a614e35'
    """
    payload = "\x1f".join([label or "", heading or "", text])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Provision:
    """One node of the provision tree.

    ``path`` is the stable, citable part of the id (``III.4.2``, ``d5.2.a``); ``id`` is
    ``<document id>/<path>``. ``label`` is the bare printed label (``2``); ``cite_label``
    and ``cite_as`` are what a reader writes (``khoản 2``, ``khoản 2 Điều 36``).
    ``start``/``end`` are offsets into the cleaned source text
    the parser saw (``Document.source``), covering the node's own label, heading and text.
    """

    id: str
    path: str
    kind: str
    label: str | None
    heading: str | None
    text: str
    role: str | None = None
    start: int = 0
    end: int = 0
    children: tuple[Provision, ...] = ()
    flags: tuple[str, ...] = ()
    # How a person cites it: "khoản 2" (in breadcrumbs) and "khoản 2 Điều 36" (in full);
    # derived from kinds and labels by parsers.citable, None where nothing can be cited.
    cite_label: str | None = None
    cite_as: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of what is printed for this node alone (label, heading, text)."""
        return content_hash(self.label, self.heading, self.text)

    def walk(self) -> Iterator[Provision]:
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Signer:
    name: str
    title: str | None = None
    on_behalf_of: str | None = None  # "T/M Bộ Chính trị", "K/T Trưởng ban"


@dataclass(frozen=True, slots=True)
class CopyCertificate:
    """A copy certificate (sao lục, sao y) appended by the office that copied the document."""

    kind: str  # "Sao lục", "Sao y bản chính"
    issuer: str | None
    number: str | None
    date: str | None  # ISO
    place: str | None
    recipients: tuple[str, ...] = ()
    signer: Signer | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """Something printed on the page that is not the document's text: an e-signature
    header, an incoming-mail stamp, an editorial lead-in, web-page chrome."""

    kind: str  # "e_signature", "incoming_stamp", "editorial", "web_chrome", "gazette_header"
    text: str
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """Where a span of the cleaned source went: ``provision:<path>``, ``metadata:<field>``,
    ``annotation:<kind>``. Every non-blank character of the source lies in exactly one."""

    start: int
    end: int
    target: str


@dataclass(frozen=True, slots=True)
class ParseWarning:
    code: str  # "unknown_layout", "suspected_ocr", "missing_metadata", …
    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: metadata plus the provision tree."""

    id: str
    number: str | None
    type: str | None
    issuer: str | None
    party_header: str | None
    date: str | None  # ISO 8601
    place: str | None
    title: str | None
    signers: tuple[Signer, ...] = ()
    recipients: tuple[str, ...] = ()
    copies: tuple[CopyCertificate, ...] = ()
    provisions: tuple[Provision, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    source: str = ""  # the cleaned NFC text the offsets refer to
    segments: tuple[Segment, ...] = ()

    def walk(self) -> Iterator[Provision]:
        """Every provision in document order."""
        for node in self.provisions:
            yield from node.walk()

    def find(self, path: str) -> Provision | None:
        """The provision at ``path`` (``III.4.2``), or None."""
        return next((p for p in self.walk() if p.path == path), None)


@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata given by the user or a sidecar file when the text lacks it."""

    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
