"""Stage 3b: read metadata out of the header and trailer blocks.

Every block read here is accounted for: it becomes a metadata field, part of an
annotation (e-signature header, incoming-mail stamp, editorial lead-in, web chrome), or
part of a signature or copy certificate. ``Meta.segments`` records which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers import header
from parsers.blocks import Block, is_upper, reads_as_title
from parsers.model import Annotation, CopyCertificate, Signer

# Titles in capitals → as written in running text.
TITLES = {
    "TỔNG BÍ THƯ": "Tổng Bí thư",
    "THƯỜNG TRỰC BAN BÍ THƯ": "Thường trực Ban Bí thư",
    "CHỦ TỊCH QUỐC HỘI": "Chủ tịch Quốc hội",
    "THỦ TƯỚNG": "Thủ tướng",
    "PHÓ THỦ TƯỚNG": "Phó Thủ tướng",
    "TRƯỞNG BAN": "Trưởng ban",
    "PHÓ TRƯỞNG BAN": "Phó Trưởng ban",
    "THỐNG ĐỐC": "Thống đốc",
    "PHÓ THỐNG ĐỐC": "Phó Thống đốc",
    "CHÁNH VĂN PHÒNG": "Chánh Văn phòng",
}


@dataclass(slots=True)
class Meta:
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    party_header: str | None = None
    date: str | None = None
    place: str | None = None
    title: str | None = None
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    copies: list[CopyCertificate] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    segments: list[tuple[int, int, str]] = field(default_factory=list)
    suspects: list[tuple[str, str, int]] = field(default_factory=list)
    in_title: bool = False
    issuer_block: list[str] = field(default_factory=list)  # capitals printed as the issuer
    pending_issuer: list[Block] = field(default_factory=list)

    def claim(self, block: Block, target: str) -> None:
        self.segments.extend((s, e, target) for s, e in block.spans)


def title_case(caps: str) -> str:
    """Known titles and issuers as written in running text; others kept as printed."""
    return TITLES.get(caps) or header.ISSUERS.get(caps) or caps


def on_behalf(text: str) -> str:
    """``T/M BỘ CHÍNH TRỊ`` → ``T/M Bộ Chính trị``."""
    m = header.ON_BEHALF.match(text)
    assert m
    body = m.group("body").strip()
    return f"{m.group('mark')} {title_case(body)}".strip()


# ---------------------------------------------------------------- header
def read_header(blocks: list[Block], meta: Meta) -> None:
    """Fill ``meta`` from the header blocks."""
    i = 0
    while i < len(blocks):
        i = _read_header_block(blocks, i, meta)
    _settle_issuer(meta, None)


def _read_header_block(blocks: list[Block], i: int, meta: Meta) -> int:
    block = blocks[i]
    text = block.text
    kind = header.field_of(text)
    if i + 1 < len(blocks) and blocks[i + 1].text == "ĐẾN" and kind is None:
        meta.in_title = False
        return _read_stamp(blocks, i, meta)
    if kind == "e_signature":
        return _read_e_signature(blocks, i, meta)
    continues = kind is None or kind == "issuer" and (meta.title or "").endswith(",")
    if meta.in_title and continues and reads_as_title(block):
        meta.title = f"{meta.title} {text}" if meta.title else text
        meta.claim(block, "metadata:title")
        return i + 1
    meta.in_title = False
    if _holds_issuer(block, kind, meta):
        meta.pending_issuer.append(block)
        return i + 1
    _settle_issuer(meta, kind)
    _read_field(block, kind, meta)
    return i + 1


def read_header_elsewhere(blocks: list[Block], meta: Meta) -> None:
    """A header printed out of place (``parsers.zones.Displaced``): its fields fill what the
    header left empty, a field already read is claimed as that field, and the capitals
    above its motto (no field: a body unknown by name) are the issuer's lines."""
    meta.in_title = False
    issuer_lines = []
    for block in blocks:
        kind = header.field_of(block.text)
        if kind is None:
            issuer_lines.append(block.text)
            meta.claim(block, "metadata:issuer")
        elif kind in ("number", "number_date") and meta.number is not None:
            meta.claim(block, "metadata:number")
        elif kind == "place_date" and meta.date is not None:
            meta.claim(block, "metadata:date")
        else:
            _read_field(block, kind, meta)
    if issuer_lines and not meta.issuer_block:
        meta.issuer_block = issuer_lines


def _holds_issuer(block: Block, kind: str | None, meta: Meta) -> bool:
    """Capitals above the number and date (``ỦY BAN NHÂN DÂN / TỈNH ĐỒNG NAI``) may be the
    issuing body, printed over several lines: kept aside until the next field says so."""
    if meta.number is not None or meta.type is not None or meta.issuer_block:
        return False
    return (kind is None or kind == "issuer") and len(block.text) < 80 and is_upper(block.text)


def _settle_issuer(meta: Meta, kind: str | None) -> None:
    """A run of capitals followed by the party header, the motto, the number or the date is
    the issuer block (metadata); followed by anything else it was page chrome."""
    pending, meta.pending_issuer = meta.pending_issuer, []
    if pending and kind in ("party_header", "motto", "number", "number_date", "place_date"):
        meta.issuer_block = [b.text for b in pending]
        for block in pending:
            meta.claim(block, "metadata:issuer")
        return
    for block in pending:
        known = header.field_of(block.text) == "issuer"  # "QUỐC HỘI": a field on its own
        _read_field(block, "issuer", meta) if known else _read_editorial(block, meta)


def _read_field(block: Block, kind: str | None, meta: Meta) -> None:
    text = block.text
    if kind == "motto":
        meta.claim(block, "metadata:motto")
    elif kind == "party_header":
        meta.party_header = header.PARTY
        meta.claim(block, "metadata:party_header")
    elif kind == "number" and meta.number is None:
        meta.number = header.number_of(text)
        meta.claim(block, "metadata:number")
    elif kind == "number_date" and meta.number is None and meta.date is None:
        m = header.NUMBER_DATE.match(text)
        assert m
        meta.number = header.number_of(text)
        meta.place, meta.date = m.group("place").strip(), header.iso_date(*m.group("d", "m", "y"))
        meta.claim(block, "metadata:number")
    elif kind == "place_date" and meta.date is None:
        m = header.PLACE_DATE.match(text)
        assert m
        meta.place, meta.date = m.group("place").strip(), header.iso_date(*m.group("d", "m", "y"))
        meta.claim(block, "metadata:date")
    elif kind == "type" and meta.type is None:
        _read_type(block, meta)
    elif kind == "issuer":
        meta.issuer = meta.issuer or header.issuer_name(text)
        meta.claim(block, "metadata:issuer")
    elif kind in ("web_title", "web_summary"):
        glean(text, meta)
        meta.claim(block, f"metadata:{kind}")
    else:
        _read_editorial(block, meta)


def _read_type(block: Block, meta: Meta) -> None:
    m = header.TYPE_LINE.match(block.text)
    assert m
    meta.type = header.DOC_TYPES[m.group("type")]
    if m.group("issuer"):
        meta.issuer = header.issuer_name(m.group("issuer")) or meta.issuer
    if m.group("rest"):
        meta.title = m.group("rest")
    meta.in_title = True
    meta.claim(block, "metadata:type")


def glean(text: str, meta: Meta) -> None:
    """Number, date, type, issuer and title from a sentence that introduces the document.

    Only a sentence that names a document number is trusted (web chrome names none).
    """
    if header.loose_number(text) is None:
        return
    meta.number = meta.number or header.loose_number(text)
    meta.date = meta.date or header.loose_date(text)
    if meta.type is None and (m := header.GLEAN_TYPE.search(text)):
        meta.type = m.group(1)
    if meta.issuer is None and (m := header.GLEAN_ISSUER.search(text)):
        meta.issuer = m.group(1)
    if meta.title is None and (m := header.GLEAN_TITLE.search(text)):
        meta.title = m.group(1)


def split_issuer_from_title(meta: Meta) -> None:
    """``CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ …`` printed as the title: the issuer comes off."""
    title = meta.title or ""
    m = re.match(r"^CỦA\s+(?P<issuer>.+?)\s+(?P<title>VỀ\s.*)$", title)
    if m:
        meta.issuer = header.issuer_name(m.group("issuer")) or meta.issuer
        meta.title = m.group("title")


def _read_editorial(block: Block, meta: Meta) -> None:
    """Anything else in the header: an editorial lead-in or web chrome, kept as annotation."""
    prose = len(block.text) > 60 and any(ch.islower() for ch in block.text)
    kind = "editorial" if prose else "web_chrome"
    if prose:
        glean(block.text, meta)
    meta.annotations.append(Annotation(kind, block.text))
    meta.claim(block, f"annotation:{kind}")


def _read_e_signature(blocks: list[Block], i: int, meta: Meta) -> int:
    fields: list[tuple[str, str]] = []
    texts: list[str] = []
    while i < len(blocks) and (m := header.E_SIGNATURE.match(blocks[i].text)):
        fields.append((m.group("key"), m.group("value").strip()))
        texts.append(blocks[i].text)
        meta.claim(blocks[i], "annotation:e_signature")
        i += 1
    meta.annotations.append(Annotation("e_signature", "\n".join(texts), tuple(fields)))
    return i


def _read_stamp(blocks: list[Block], i: int, meta: Meta) -> int:
    """Incoming-mail stamp: agency, ``ĐẾN``, ``Số …, ngày …``, ``Chuyển:``, ``Lưu hồ sơ``."""
    texts = []
    end = i + 2
    for j in range(i + 2, min(i + 6, len(blocks))):
        if header.STAMP.match(blocks[j].text) or re.match(r"^Số\s*\d+\s*,", blocks[j].text):
            end = j + 1
    for block in blocks[i:end]:
        texts.append(block.text)
        meta.claim(block, "annotation:incoming_stamp")
    fields = (("agency", texts[0]),)
    meta.annotations.append(Annotation("incoming_stamp", "\n".join(texts), fields))
    return end
