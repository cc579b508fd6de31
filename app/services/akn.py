"""A document as Akoma Ntoso 3.0 XML (OASIS LegalDocML): FRBR metadata, one hierarchical
element per provision, ``eId``s derived from our paths.

Element and ``eId`` prefix per kind (the vocabulary of the Akoma Ntoso naming convention):

    part → part (``part_2``), chapter → chapter (``chp_2``), subchapter → subchapter
    (``subchp_1``), article → article (``art_5``), clause → paragraph (``para_2``),
    point → point (``point_a``), section → section (``sec_III``), item → paragraph,
    bullet and enumeration → point, milestone, paragraph, annex, form (``Mẫu số 01``),
    example (``Ví dụ số 02``) and table row → hcontainer (``hcontainer_2025``)

The ``eId`` joins one ``prefix_num`` per part of the path with ``__``:
``02-nq-tw-2021/III.4.2`` (section III, item 4, bullet 2) → ``sec_III__para_4__point_2``;
``50-2024-qh15/d6.1.a`` → ``art_6__para_1__point_a``; an article's path does not name its
chapter (``d5``), and neither does its ``eId`` (``art_5``). Our path stays the public id; the
``eId`` is the same address in Akoma Ntoso's terms, one for one, so both are unique.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from app.services.listing import Rows
from parsers import vntext

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# kind → (element, eId prefix, hcontainer name or None)
ELEMENTS: dict[str, tuple[str, str, str | None]] = {
    "part": ("part", "part", None),
    "chapter": ("chapter", "chp", None),
    "subchapter": ("subchapter", "subchp", None),
    "article": ("article", "art", None),
    "clause": ("paragraph", "para", None),
    "point": ("point", "point", None),
    "subpoint": ("point", "point", None),
    "section": ("section", "sec", None),
    "item": ("paragraph", "para", None),
    "bullet": ("point", "point", None),
    "milestone": ("hcontainer", "hcontainer", "milestone"),
    "paragraph": ("hcontainer", "hcontainer", "paragraph"),
    "annex": ("hcontainer", "hcontainer", "annex"),
    "enumeration": ("point", "point", None),
    "form": ("hcontainer", "hcontainer", "form"),
    "example": ("hcontainer", "hcontainer", "example"),
    "row": ("hcontainer", "hcontainer", "row"),
}
FALLBACK = ("hcontainer", "hcontainer", "provision")
# Our path parts carry a letter prefix for some levels (``ch2``, ``m1``, ``d5``, ``pt2``,
# ``pl1``); the Akoma Ntoso num is what follows it.
PATH_PREFIX = re.compile(r"^(?:ch|m|d|pt|pl)(?=\d)")
UNKNOWN_DATE = "0001-01-01"
# Serialized as the default namespace (no ns0: prefixes); ElementTree keeps this globally.
ET.register_namespace("", NS)


def work_uri(meta: dict[str, Any]) -> str:
    """``/akn/vn/act/2021-06-12/02-nq-tw-2021``: country, document type, date, our id."""
    return f"/akn/vn/act/{meta.get('date') or UNKNOWN_DATE}/{meta['id']}"


def e_id(path: str, kind: str, parent_path: str | None, parent_e_id: str | None) -> str:
    """The ``eId`` of the provision at ``path``: its parent's ``eId`` and its own part when
    the path continues the parent's (``d6.1`` under ``d6`` → ``art_6__para_1``), else its
    own part alone (``d5`` under ``ch2.m1`` → ``art_5``, as our path has it)."""
    prefix = ELEMENTS.get(kind, FALLBACK)[1]
    if parent_path and parent_e_id and path.startswith(parent_path + "."):
        own = path[len(parent_path) + 1:]
        return f"{parent_e_id}__{prefix}_{_num(own)}"
    return f"{prefix}_{_num(path)}"


def _num(part: str) -> str:
    return PATH_PREFIX.sub("", part).replace(".", "-")


def document(meta: dict[str, Any], batches: Iterable[Rows]) -> bytes:
    """The document as UTF-8 Akoma Ntoso XML with its declaration."""
    root = ET.Element(_q("akomaNtoso"))
    act = ET.SubElement(root, _q("act"), name=vntext.slug(meta.get("type") or "") or "act")
    act.append(_meta(meta))
    body = ET.SubElement(act, _q("body"))
    elements: dict[str, ET.Element] = {}
    paths: dict[str, str] = {}
    for batch in batches:
        for row in batch:
            parent_id = row["parent_id"]
            parent = elements[parent_id] if parent_id else None
            eid = e_id(row["path"], row["kind"], paths.get(parent_id or ""),
                       None if parent is None else parent.get("eId"))
            elements[row["id"]] = _provision(body if parent is None else parent, row, eid)
            paths[row["id"]] = row["path"]
    for element in elements.values():
        _close(element)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _meta(meta: dict[str, Any]) -> ET.Element:
    work = work_uri(meta)
    date = meta.get("date") or UNKNOWN_DATE
    expression, manifestation = f"{work}/vie@", f"{work}/vie@.akn"
    element = ET.Element(_q("meta"))
    ident = ET.SubElement(element, _q("identification"), source="#vnlex")
    levels = (("FRBRWork", work, "#issuer"), ("FRBRExpression", expression, "#vnlex"),
              ("FRBRManifestation", manifestation, "#vnlex"))
    for level, uri, author in levels:
        frbr = ET.SubElement(ident, _q(level))
        ET.SubElement(frbr, _q("FRBRthis"), value=f"{uri}/!main")
        ET.SubElement(frbr, _q("FRBRuri"), value=uri)
        ET.SubElement(frbr, _q("FRBRdate"), date=date,
                      name="Generation" if level != "FRBRWork" else "Issuance")
        ET.SubElement(frbr, _q("FRBRauthor"), href=author)
        if level == "FRBRWork":
            ET.SubElement(frbr, _q("FRBRcountry"), value="vn")
            if meta.get("number"):
                ET.SubElement(frbr, _q("FRBRnumber"), value=meta["number"])
            if meta.get("title"):
                ET.SubElement(frbr, _q("FRBRname"), value=meta["title"])
        elif level == "FRBRExpression":
            ET.SubElement(frbr, _q("FRBRlanguage"), language="vie")
    references = ET.SubElement(element, _q("references"), source="#vnlex")
    ET.SubElement(references, _q("TLCOrganization"), eId="vnlex",
                  href="/ontology/organization/vnlex", showAs="vnlex")
    ET.SubElement(references, _q("TLCOrganization"), eId="issuer",
                  href=f"/ontology/organization/vn/{vntext.slug(meta.get('issuer') or '')}",
                  showAs=meta.get("issuer") or "?")
    return element


def _provision(container: ET.Element, row: dict[str, Any], eid: str) -> ET.Element:
    tag, _prefix, name = ELEMENTS.get(row["kind"], FALLBACK)
    element = ET.SubElement(container, _q(tag), eId=eid)
    if name:
        element.set("name", name)
    if row["label"] and row["label"] != "-":
        ET.SubElement(element, _q("num")).text = row["label"]
    if row["heading"]:
        ET.SubElement(element, _q("heading")).text = row["heading"]
    if row["text"]:
        # Wrapped later: <content> for a leaf, <intro> before children.
        element.set("_text", row["text"])
    return element


def _close(element: ET.Element) -> None:
    """Put the provision's own text where the schema wants it: ``content`` when it has no
    children, else ``intro`` before them (an empty ``content`` when it has neither)."""
    text = element.attrib.pop("_text", "")
    children = [c for c in element if c.tag not in (_q("num"), _q("heading"))]
    if children:
        if text:
            intro = ET.Element(_q("intro"))
            ET.SubElement(intro, _q("p")).text = text
            element.insert(len(element) - len(children), intro)
        return
    content = ET.SubElement(element, _q("content"))
    ET.SubElement(content, _q("p")).text = text
