"""Akoma Ntoso export: valid against the bundled OASIS schema, eIds one for one with ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories_app import LAW_ID, RESOLUTION_ID
from fastapi.testclient import TestClient
from lxml import etree

from app.services.akn import e_id

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "akn" / "akomantoso30.xsd"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.mark.parametrize(
    ("path", "kind", "parent_path", "parent_e_id", "expected"),
    [
        ("III", "section", None, None, "sec_III"),  # a Roman section of a Party text
        ("III.4", "item", "III", "sec_III", "sec_III__para_4"),
        ("III.4.2", "bullet", "III.4", "sec_III__para_4", "sec_III__para_4__point_2"),
        ("ch2", "chapter", None, None, "chp_2"),
        ("ch2.m1", "subchapter", "ch2", "chp_2", "chp_2__subchp_1"),
        ("d5", "article", "ch2.m1", "chp_2__subchp_1", "art_5"),  # the path skips chapters
        ("d6.1.đ", "point", "d6.1", "art_6__para_1", "art_6__para_1__point_đ"),
        ("II.2.b.2025", "milestone", "II.2.b", "sec_II__para_2__point_b",
         "sec_II__para_2__point_b__hcontainer_2025"),
        # a price table's row 1.1.2 and a worked example in an annex (issue 10, class 7)
        ("pl1.r1.1.2", "row", "pl1", "hcontainer_1", "hcontainer_1__hcontainer_r1-1-2"),
        ("pl1.vd02", "example", "pl1", "hcontainer_1", "hcontainer_1__hcontainer_vd02"),
    ],
)
def test_e_ids_follow_our_paths(path: str, kind: str, parent_path: str | None,
                                parent_e_id: str | None, expected: str) -> None:
    assert e_id(path, kind, parent_path, parent_e_id) == expected


def test_every_document_exports_valid_akoma_ntoso(client: TestClient,
                                                   schema: etree.XMLSchema) -> None:
    ids = [d["id"] for d in client.get("/documents").json()["items"]]
    assert {RESOLUTION_ID, LAW_ID, "02-nq-tw-2021", "50-2024-qh15"} <= set(ids)
    for doc_id in ids:
        response = client.get(f"/documents/{doc_id}.akn.xml")
        assert response.headers["content-type"] == "application/akn+xml"
        root = etree.fromstring(response.content)
        assert schema.validate(root), (doc_id, schema.error_log)
        provisions = client.get(f"/documents/{doc_id}").json()["provision_count"]
        body_ids = root.xpath("//a:body//@eId", namespaces=NS)
        assert len(body_ids) == len(set(body_ids)) == provisions, doc_id


def test_frbr_metadata_and_hierarchy(client: TestClient) -> None:
    root = etree.fromstring(client.get("/documents/02-nq-tw-2021.akn.xml").content)
    work = "/akn/vn/act/2021-06-12/02-nq-tw-2021"
    assert root.xpath("string(//a:FRBRWork/a:FRBRuri/@value)", namespaces=NS) == work
    assert root.xpath("string(//a:FRBRnumber/@value)", namespaces=NS) == "02-NQ/TW"
    assert root.xpath("string(//a:FRBRlanguage/@language)", namespaces=NS) == "vie"
    item = root.xpath("//a:paragraph[@eId='sec_IV__para_4']", namespaces=NS)[0]
    assert item.xpath("string(a:num)", namespaces=NS) == "4"
    assert item.xpath("string(a:content/a:p)", namespaces=NS).startswith(
        "Ban Tổ chức Trung ương chủ trì")
    assert item.getparent().get("eId") == "sec_IV"
