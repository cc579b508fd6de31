"""Stage 3c: read the trailer: recipients, signers and copy certificates.

The trailer is read as a sequence of groups. ``Nơi nhận:`` and the bullets after it are
recipients; a signature mark (``T/M``, ``KT.``), titles in capitals and a name make a
signer; ``SAO LỤC`` with the agency, number and date around it opens a copy certificate,
whose own recipients and signer follow. What is left (web chrome) is kept as annotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers import header
from parsers.blocks import Block, is_upper
from parsers.metadata import Meta, on_behalf, title_case
from parsers.model import Annotation, CopyCertificate, Signer
from parsers.ocr import SUSPECTS as OCR_SUSPECTS

_BULLET = re.compile(r"^[-–•+]\s*")
_SIGNED_INLINE = re.compile(r"\(?\s*[Đđ]ã ký\s*\)?")
# Fields of a header table: the capitals printed above them name the issuer.
_HEADER_FIELDS = frozenset({"motto", "party_header", "number", "place_date"})


@dataclass(slots=True)
class _Copy:
    issuer: list[str] = field(default_factory=list)
    number: str | None = None
    date: str | None = None
    place: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    kind: str = "Sao"


@dataclass(slots=True)
class _Signature:
    marks: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def signer(self, name: str) -> Signer:
        title = ", ".join(self.titles) if self.titles else None
        if title is None and len(self.marks) > 1:
            title = self.marks[-1].split(" ", 1)[-1]
        on_behalf = ", ".join(self.marks) if self.marks else None
        return Signer(name=name, title=title, on_behalf_of=on_behalf)


class TrailerReader:
    def __init__(self, meta: Meta) -> None:
        self.meta = meta
        self.copy: _Copy | None = None
        self.signature = _Signature()
        self.in_recipients = False
        self.pending: list[Block] = []  # capitals not yet known to be agency or title

    def read(self, blocks: list[Block]) -> None:
        for block in blocks:
            self._read(block)
        self._flush_pending()
        self._close_copy()

    def _target(self) -> str:
        return "metadata:copies" if self.copy else "metadata:signers"

    def _read(self, block: Block) -> None:
        text = block.text
        kind = header.field_of(text)
        if self.in_recipients and _BULLET.match(text):
            self._recipient(block)
            return
        self.in_recipients = False
        if kind in _HEADER_FIELDS and self.pending and self._issuer_unknown():
            self._issuer_lines()
        if kind == "recipients":
            self.in_recipients = True
            self.meta.claim(block, self._target().replace("signers", "recipients"))
        elif kind == "copy_mark":
            self._open_copy(block)
        elif kind == "on_behalf":
            self._mark(block)
        elif kind == "number" and (self.copy is not None or self.meta.signers):
            self._copy_number(block)
        elif kind == "number":
            self.meta.number = self.meta.number or header.number_of(block.text)
            self.meta.claim(block, "metadata:number")
        elif kind == "place_date":
            self._place_date(block)
        elif header.SIGNED.match(text):
            self.meta.claim(block, self._target())
        elif kind == "motto":
            self.meta.claim(block, "metadata:motto")
        elif kind == "issuer" and not self.meta.signers and self.copy is None:
            self.meta.issuer = self.meta.issuer or header.issuer_name(text)
            self.meta.claim(block, "metadata:issuer")
        elif header.is_name(text):
            self._name(block, text)
        elif kind in ("motto", "issuer"):
            self.meta.claim(block, f"metadata:{kind}")
        elif is_upper(text) or self._reads_as_title(text):
            self.pending.append(block)
        else:
            self._chrome(block)

    def _issuer_unknown(self) -> bool:
        meta = self.meta
        return (self.copy is None and not meta.signers and meta.issuer is None
                and not meta.issuer_block)

    def _issuer_lines(self) -> None:
        """Capitals above the motto, the number or the date of a header table printed at
        the end: the issuing body's name, not a signer's title."""
        self.meta.issuer_block = [b.text for b in self.pending]
        for pending in self.pending:
            self.meta.claim(pending, "metadata:issuer")
        self.pending = []

    def _reads_as_title(self, text: str) -> bool:
        """A short line without final punctuation, before any signer: a title in lower case."""
        return len(text) < 60 and text[-1] not in ".:;,)" and not self.meta.signers

    def _recipient(self, block: Block) -> None:
        value = _BULLET.sub("", block.text).rstrip(",;. ")
        (self.copy.recipients if self.copy else self.meta.recipients).append(value)
        self.meta.claim(block, "metadata:copies" if self.copy else "metadata:recipients")

    def _mark(self, block: Block) -> None:
        text = block.text
        inline = re.match(r"^(?P<mark>.*?)\s*\(?\s*[Đđ]ã ký\s*\)?\s*(?P<name>.+)$", text)
        if inline and header.is_name(inline.group("name")):
            self.signature.marks.append(on_behalf(inline.group("mark")))
            self.meta.claim(block, "metadata:signers")
            self._sign(inline.group("name"))
            return
        self.signature.marks.append(on_behalf(text))
        self.meta.claim(block, self._target())

    def _ensure_copy(self) -> _Copy:
        """Capitals read since the last signer are the copying agency."""
        if self.copy is None or self.copy.signer is not None:
            self._close_copy()
            self.copy = _Copy(issuer=[b.text for b in self.pending])
            for pending in self.pending:
                self.meta.claim(pending, "metadata:copies")
            self.pending = []
        return self.copy

    def _open_copy(self, block: Block) -> None:
        self._ensure_copy().kind = block.text
        self.meta.claim(block, "metadata:copies")

    def _copy_number(self, block: Block) -> None:
        self._ensure_copy().number = header.number_of(block.text)
        self.meta.claim(block, "metadata:copies")

    def _place_date(self, block: Block) -> None:
        m = header.PLACE_DATE.match(block.text)
        assert m
        date = header.iso_date(*m.group("d", "m", "y"))
        if self.copy is not None:
            self.copy.place, self.copy.date = m.group("place").strip(), date
            self.meta.claim(block, "metadata:copies")
            return
        if self.meta.date is None:
            self.meta.place, self.meta.date = m.group("place").strip(), date
        self.meta.claim(block, "metadata:date")

    def _name(self, block: Block, name: str) -> None:
        self.meta.claim(block, self._target())
        self._sign(name)

    def _sign(self, name: str) -> None:
        for pending in self.pending:
            self.signature.titles.append(self._title(pending))
            self.meta.claim(pending, self._target())
        self.pending = []
        signer = self.signature.signer(name)
        if self.copy is not None:
            self.copy.signer = signer
        else:
            self.meta.signers.append(signer)
        self.signature = _Signature()

    def _title(self, block: Block) -> str:
        if block.text in OCR_SUSPECTS:
            self.meta.suspects.append((block.text, OCR_SUSPECTS[block.text], block.line))
        return title_case(block.text)

    def _flush_pending(self) -> None:
        for block in self.pending:
            kind = header.field_of(block.text)
            if kind == "issuer":
                self.meta.issuer = self.meta.issuer or header.issuer_name(block.text)
                self.meta.claim(block, "metadata:issuer")
            else:
                self._chrome(block)
        self.pending = []

    def _chrome(self, block: Block) -> None:
        self.meta.annotations.append(Annotation("web_chrome", block.text))
        self.meta.claim(block, "annotation:web_chrome")

    def _close_copy(self) -> None:
        if self.copy is None:
            return
        copy = self.copy
        self.meta.copies.append(
            CopyCertificate(
                kind=copy.kind.capitalize(),
                issuer=", ".join(copy.issuer) or None,
                number=copy.number,
                date=copy.date,
                place=copy.place,
                recipients=tuple(copy.recipients),
                signer=copy.signer,
            )
        )
        self.copy = None


def read_trailer(blocks: list[Block], meta: Meta) -> None:
    """Fill ``meta`` from the trailer blocks."""
    TrailerReader(meta).read(blocks)

