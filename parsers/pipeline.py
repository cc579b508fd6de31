"""parse_document: clean → blocks → zones → metadata → classify → tree → ids."""

from __future__ import annotations

from parsers import citable, header, ids
from parsers.blocks import Block, quote_depths, to_blocks
from parsers.classify import Token, classify
from parsers.clean import clean
from parsers.finalize import finalize
from parsers.metadata import Meta, read_header, read_header_elsewhere, split_issuer_from_title
from parsers.model import Annotation, Document, Hints, ParseWarning, Provision, Segment
from parsers.quotes import quoted_annexes, reopen_quotes
from parsers.sequence import in_sequence
from parsers.signature import read_trailer
from parsers.tree import (
    Node,
    TreeBuilder,
    give_rows_their_numbers,
    next_of_kind,
    rows_holding_restarts,
)
from parsers.zones import Displaced, Zones, split


class ParseError(ValueError):
    """The text cannot be parsed at all (empty, binary); carries the line number."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise ParseError(
            "binary data (NUL byte): not a text document",
            text[: text.index("\x00")].count("\n") + 1,
        )
    if not text.strip():
        raise ParseError("empty document")


def _feed(blocks: list[Block], in_annex: bool = False) -> list[Node]:
    tokens = in_sequence([classify(block, in_annex) for block in blocks])
    depths = quoted_annexes(tokens, reopen_quotes(tokens, quote_depths(blocks)))
    builder = _build_tree(tokens, depths, in_annex, frozenset())
    rows = rows_holding_restarts(tokens, builder.restarts) if in_annex else frozenset()
    if rows:
        # a list restarting at "1." in a later row of a table printed one cell a line:
        # those rows hold their own numbering, and only they change
        builder = _build_tree(give_rows_their_numbers(tokens, rows), depths, in_annex, rows)
    return builder.roots


def _build_tree(
    tokens: list[Token], depths: list[int], in_annex: bool, rows: frozenset[int]
) -> TreeBuilder:
    builder = TreeBuilder(in_annex)
    builder.tokens = tokens
    upcoming_of = next_of_kind(tokens, ("paragraph",))  # not a scan of the rest per paragraph
    for i, (token, depth) in enumerate(zip(tokens, depths, strict=True)):
        builder.index = i
        if i in rows:
            builder.open_row(token)
        elif depth or (token.kind == "paragraph" and token.text[:1] in "“\""):
            # the block that opens a quotation belongs to the provision quoting it, as do
            # the blocks inside (an amending clause quoting the article it replaces)
            builder.feed_quoted(token)
        elif token.kind == "paragraph":
            builder.feed_paragraph(token, upcoming_of[i])
        else:
            builder.feed(token)
    return builder


def _build(zones: Zones) -> list[Node]:
    roots = _feed(zones.body)
    for n, annex in enumerate(zones.annexes, start=1):
        children = _feed(annex.body, in_annex=True)
        heading = " ".join(b.text for b in annex.title)
        spans = [span for b in annex.title for span in b.spans]
        roots.append(
            Node("annex", str(n), heading, [], spans, -1.0, annex.title[0].line, children=children)
        )
    return roots


# How far after "Nơi nhận:" a signature mark may stand: a long list of recipients, then the
# mark in the next cell of the same table row.
_RECIPIENTS_TO_MARK = 30


def _issuer_signed_among_annexes(zones: Zones) -> str | None:
    """A text with no header whose signature an extraction printed between its forms
    (Nghị định 136/2020/NĐ-CP, 50/2024/NĐ-CP as crawled): the trailer of an annex starts
    after its last form, so this signature lies in a form's text. The issuer is read from
    the first ``Nơi nhận:`` followed by a signature mark; the text stays where it is."""
    for annex in zones.annexes:
        fields = [header.field_of(b.text) for b in annex.body]
        for i, found in enumerate(fields):
            if found != "recipients":
                continue
            window = fields[i : i + _RECIPIENTS_TO_MARK]
            if "on_behalf" in window:
                end = i + window.index("on_behalf") + 3
                probe = Meta()
                read_trailer(annex.body[i:end], probe)
                return next((header.issuer_name(s.on_behalf_of.split(", ")[0])
                             for s in probe.signers if s.on_behalf_of), None)
    return None


def _apply_hints(meta: Meta, hints: Hints, warnings: list[ParseWarning]) -> None:
    for name in ("number", "type", "issuer", "date", "title"):
        given = getattr(hints, name)
        if given is None:
            continue
        found = getattr(meta, name)
        if found is not None and found != given:
            warnings.append(
                ParseWarning(
                    "hint_differs",
                    f"{name}: text says {found!r}, hint says {given!r}; using the hint",
                )
            )
        setattr(meta, name, given)


def parse_document(text: str, *, hints: Hints | None = None, name: str = "document") -> Document:
    """Parse the text of one document.

    Args:
        text: the document as read from its file, noise and all.
        hints: metadata the text lacks (from the user or a sidecar file); hints win.
        name: a fallback for the document id when no number is found (the file name).

    Returns:
        The parsed ``Document``; what could not be understood is reported in ``warnings``.

    Raises:
        ParseError: the text is empty or binary.
    """
    _check_text(text)
    source, lines = clean(text)
    if not lines:
        raise ParseError("no text left after removing markup")
    blocks = to_blocks(lines)
    zones = split(blocks)
    meta = Meta()
    for line in lines:
        if line.running_head:
            meta.annotations.append(Annotation("running_head", line.text))
            meta.segments.append((line.start, line.end, "annotation:running_head"))
    read_header(zones.header, meta)
    for moved in zones.displaced:
        read_header_elsewhere(moved.header, meta)
    read_trailer(zones.trailer, meta)
    for moved in zones.displaced:
        read_trailer(moved.trailer, meta)  # before the annexes' last blocks, as printed
    for annex in zones.annexes:
        # an annex closes with its own signature block; read, not left unplaced
        read_trailer(annex.trailer, meta)
    meta.signers = list(dict.fromkeys(meta.signers))
    split_issuer_from_title(meta)
    if meta.issuer is None and meta.issuer_block:
        meta.issuer = header.issuer_of_block(meta.issuer_block)
    if meta.issuer is None:
        meta.issuer = next(
            (header.issuer_name(s.on_behalf_of.split(", ")[0]) for s in meta.signers
             if s.on_behalf_of),
            None,
        )
    if meta.issuer is None and not meta.signers:
        meta.issuer = _issuer_signed_among_annexes(zones)
    if meta.issuer is None and meta.issuer_block:
        meta.issuer = " ".join(meta.issuer_block)  # an unknown body: as printed, in capitals
    warnings: list[ParseWarning] = []
    _apply_hints(meta, hints or Hints(), warnings)
    year = meta.date[:4] if meta.date else None
    place = ids.id_locality(meta.number, meta.issuer, meta.place)
    doc_id = ids.document_id(meta.number, year, name, place)
    if ids.is_local_number(meta.number) and not place:
        warnings.append(ParseWarning(
            "local_number_without_locality",
            f"{meta.number} is a number every locality issues alike, and neither the "
            "issuer nor the place says which one issued this: the id may collide", None))
    roots = _build(zones)
    provisions, segments, tree_warnings = finalize(roots, doc_id)
    provisions = citable.annotate(provisions, citable.is_party(meta.number, meta.party_header))
    warnings.extend(tree_warnings)
    warnings.extend(_layout_warnings(provisions, meta))
    warnings.extend(_coverage_warnings(source, segments))
    warnings.extend(_displaced_warning(moved) for moved in zones.displaced)
    warnings.extend(
        ParseWarning(
            "heading_in_text",
            "a line opening with an article label out of sequence (or a Mục or a number "
            "cited in a sentence), after a sentence cut mid-way, was read as running text",
            line,
        )
        for block in blocks
        for line in block.running_headings
    )
    warnings.extend(
        ParseWarning("suspected_ocr", f"{bad!r} is probably {good!r}", line)
        for bad, good, line in meta.suspects
    )
    return Document(
        id=doc_id,
        number=meta.number,
        type=meta.type,
        issuer=meta.issuer,
        party_header=meta.party_header,
        date=meta.date,
        place=meta.place,
        title=meta.title,
        signers=tuple(meta.signers),
        recipients=tuple(meta.recipients),
        copies=tuple(meta.copies),
        provisions=provisions,
        annotations=tuple(meta.annotations),
        warnings=tuple(warnings),
        source=source,
        segments=tuple(Segment(s, e, t) for s, e, t in sorted(segments + meta.segments)),
    )


# A provision this long has almost always swallowed a level the parser did not see
# (issue 10: one 18 000-character provision held a whole part of an older resolution).
LONG_PROVISION = 4000


# Below this share of the text's printed characters in provisions, the parse has most
# likely lost the document: crawled pages with their site's chrome keep about a third
# (212-KL/TW, 81/2025/QĐ-UBND of Đà Nẵng), a 50 MB page once kept 0.4%.
MIN_COVERAGE = 0.10


def _coverage_warnings(source: str, segments: list[tuple[int, int, str]]
                       ) -> list[ParseWarning]:
    printed = len(source) - sum(source.count(ch) for ch in " \n\t\r")
    kept = sum(end - start - sum(source.count(ch, start, end) for ch in " \n\t\r")
               for start, end, target in segments if target.startswith("provision:"))
    if printed and kept < MIN_COVERAGE * printed:
        return [ParseWarning(
            "mostly_outside_provisions",
            f"only {kept / printed:.1%} of the text's characters are in provisions: the rest "
            "was read as metadata, trailer or noise (vnlex parse FILE --report lists it)")]
    return []


def _displaced_warning(moved: Displaced) -> ParseWarning:
    """Where a header or signature printed out of place was found: a reviewer checks it."""
    first, last = moved.blocks[0].line, moved.blocks[-1].lines[-1].number
    parts = [(name, account) for name, account, blocks in (
        ("header", "metadata", moved.header),
        ("recipients and signature", "trailer", moved.trailer)) if blocks]
    what = " and ".join(name for name, _ in parts)
    read_as = " and ".join(account for _, account in parts)
    return ParseWarning(
        "displaced_matter",
        f"lines {first}-{last}: the document's {what}, printed among its provisions or "
        f"annexes, read as {read_as}",
        first,
    )


def _layout_warnings(provisions: tuple[Provision, ...], meta: Meta) -> list[ParseWarning]:
    out = [
        ParseWarning(
            "long_provision",
            f"{p.path} has {len(p.text)} characters of its own: a missed level of structure?",
        )
        for top in provisions
        for p in top.walk()
        if len(p.text) > LONG_PROVISION
    ]
    if provisions and all(p.kind == "paragraph" for p in provisions):
        out.append(
            ParseWarning(
                "unknown_layout", "no numbered structure found; paragraphs get ordinal ids"
            )
        )
    for name in ("number", "date", "type"):
        if getattr(meta, name) is None:
            out.append(ParseWarning("missing_metadata", f"no {name} found in the text"))
    return out
