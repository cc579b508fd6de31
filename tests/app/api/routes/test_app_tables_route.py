"""/duties and /targets: flat tables, paged as JSON or whole as CSV with a BOM."""

from __future__ import annotations

import csv
import io

import pytest
from factories_app import RESOLUTION_ID
from fastapi.testclient import TestClient

from app.api.paging import DEFAULT_LIMIT, MAX_LIMIT

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

NQ02 = "02-nq-tw-2021"


# The seven numeric targets of 02-NQ/TW II.2.b, read from the print.
SEVEN = [
    # year, value, comparator, unit, printed, provision path
    (2025, 13_500_000, "=", "đoàn viên", "13,5 triệu", "II.2.b.2025.1"),
    (2023, 12_000_000, "=", "đoàn viên", "12 triệu", "II.2.b.2025.1"),
    (2025, 80, ">=", "%", "80% trở lên", "II.2.b.2025.2"),
    (2023, 70, ">", "%", "trên 70%", "II.2.b.2025.2"),
    (2030, 16_500_000, "=", "đoàn viên", "16,5 triệu", "II.2.b.2030.1"),
    (2030, 85, ">=", "%", "85% trở lên", "II.2.b.2030.2"),
    (2045, 99, "=", "%", "99%", "II.2.b.2045"),
]


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_seven_numeric_targets_of_02_nq_tw(client: TestClient) -> None:
    body = client.get("/targets", params={"doc": NQ02}).json()
    numeric = [
        (t["year"], t["value"], t["comparator"], t["unit"], t["text"],
         t["provision_id"].split("/", 1)[1])
        for t in body["items"] if not t["qualitative"]
    ]
    assert numeric == SEVEN
    assert body["total"] == 10  # and three qualitative ones (hầu hết, phần lớn, Hầu hết)
    quals = [(t["year"], t["text"]) for t in body["items"] if t["qualitative"]]
    assert quals == [(2025, "hầu hết"), (2030, "phần lớn"), (2045, "Hầu hết")]
    # each with the milestone it sits under, as printed: II.2.b's milestone lines, and
    # "đến năm 2023" inside the sentence of the 2023 values
    assert [(t["year"], t["milestone"]) for t in body["items"]] == [
        (2025, "Đến năm 2025"), (2025, "Đến năm 2025"), (2023, "đến năm 2023"),
        (2025, "Đến năm 2025"), (2023, "đến năm 2023"), (2030, "Đến năm 2030"),
        (2030, "Đến năm 2030"), (2030, "Đến năm 2030"), (2045, "Đến năm 2045"),
        (2045, "Đến năm 2045")]
    assert all(t["value"] is None and t["comparator"] is None
               for t in body["items"] if t["qualitative"])


def test_targets_by_year_and_pages(client: TestClient) -> None:
    first = client.get("/targets", params={"doc": NQ02, "year": 2023, "limit": 1})
    body = first.json()
    assert (body["total"], body["items"][0]["value"]) == (2, 12_000_000)
    assert body["next"].endswith("offset=1&limit=1") and 'rel="next"' in first.headers["link"]
    last = client.get("/targets", params={"doc": NQ02, "year": 2023, "limit": 1, "offset": 1})
    assert last.json()["items"][0]["value"] == 70 and last.json()["next"] is None


def test_duties_table_with_filters(client: TestClient) -> None:
    body = client.get("/duties", params={"doc": NQ02, "role": "report_to"}).json()
    rows = [(d["body_id"], d["body_name"], d["provision_id"], d["inferred"]) for d in body["items"]]
    assert rows == [("bo-chinh-tri", "Bộ Chính trị", f"{NQ02}/IV.6", False),
                    ("ban-bi-thu", "Ban Bí thư", f"{NQ02}/IV.6", False)]
    by_body = client.get("/duties", params={"body": "Ban Tổ chức Trung ương", "doc": NQ02})
    assert {(d["provision_id"], d["inferred"], d["via_provision_id"])
            for d in by_body.json()["items"]} == {
        (f"{NQ02}/IV.4", False, None), (f"{NQ02}/III.2.4", True, f"{NQ02}/IV.4"),
        (f"{NQ02}/III.2.2", True, f"{NQ02}/IV.4")}


def test_duties_pages_do_not_overlap(client: TestClient) -> None:
    def rows(limit: int) -> list[tuple[str, str, str, str]]:
        # 03/NQ-CP: hundreds of duties (02-NQ/TW has exactly 100 since one row per duty)
        found, url = [], f"/duties?doc=03-nq-cp-2025&limit={limit}"
        while url:
            page = client.get(url).json()
            found += [(d["provision_id"], d["body_id"], d["role"], d["evidence"])
                      for d in page["items"]]
            url = page["next"]
        return found

    whole = rows(MAX_LIMIT)
    assert len(whole) > MAX_LIMIT and rows(37) == whole


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"format": "csv"}, {}), ({}, {"Accept": "text/csv"})],
    ids=["format", "accept"],
)
def test_duties_as_csv_with_a_bom(client: TestClient, params: dict, headers: dict) -> None:
    response = client.get("/duties", params={"doc": NQ02, **params}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content[:3] == b"\xef\xbb\xbf"  # spreadsheets then read UTF-8
    assert "attachment" in response.headers["content-disposition"]
    rows = csv_rows(response.content)
    total = client.get("/duties", params={"doc": NQ02}).json()["total"]
    assert len(rows) == total > DEFAULT_LIMIT  # every row: an export is not a page
    assert list(rows[0]) == ["body_id", "body_name", "role", "provision_id", "doc_id",
                             "evidence", "inferred", "via_provision_id", "position",
                             "inherited", "held_by", "lead_in", "inherited_scope"]
    lead = next(r for r in rows if r["body_id"] == "ban-to-chuc-trung-uong"
                and r["inferred"] == "false")
    assert lead["body_name"] == "Ban Tổ chức Trung ương"
    assert lead["evidence"] == "Ban Tổ chức Trung ương chủ trì"


def test_targets_as_csv(client: TestClient) -> None:
    response = client.get("/targets", params={"doc": NQ02, "format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbfyear,measure,value,")
    rows = csv_rows(response.content)
    assert rows[0]["value"] == "13500000" and rows[0]["measure"] == "đoàn viên công đoàn"
    assert len(rows) == 10


def test_format_json_wins_over_accept(client: TestClient) -> None:
    response = client.get("/targets", params={"doc": NQ02, "format": "json"},
                          headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("application/json")


def test_fixture_resolution_has_its_own_duties(client: TestClient) -> None:
    rows = client.get("/duties", params={"doc": RESOLUTION_ID}).json()["items"]
    assert ("ban-to-chuc-trung-uong", "lead") in [(r["body_id"], r["role"]) for r in rows]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/duties?role=boss", 422, "bad_query"),
        ("/duties?body=no-such-body", 404, "not_found"),
        ("/duties?doc=no-such-doc", 404, "not_found"),
        ("/targets?doc=no-such-doc", 404, "not_found"),
        ("/targets?year=abc", 422, "validation_error"),
        ("/duties?format=xlsx", 422, "validation_error"),
    ],
)
def test_table_errors(client: TestClient, url: str, status: int, code: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize("table", ["/duties", "/targets"])
def test_both_tables_page_and_export_alike(client: TestClient, table: str) -> None:
    # One rule (app/api/tabular.table_answer) for every table: a JSON page with `next` and
    # a Link header, or the rows as CSV (every one, or the slice `limit`/`offset` give).
    first = client.get(table, params={"doc": NQ02, "limit": 3})
    body = first.json()
    assert body["limit"] == 3 and body["offset"] == 0 and len(body["items"]) == 3
    assert body["next"] and first.headers["link"] == f'<{body["next"]}>; rel="next"'
    last = client.get(table, params={"doc": NQ02, "limit": 3, "offset": body["total"] - 1})
    assert last.json()["next"] is None and "link" not in last.headers
    exported = client.get(table, params={"doc": NQ02}, headers={"Accept": "text/csv"})
    assert len(csv_rows(exported.content)) == body["total"]
    sliced = client.get(table, params={"doc": NQ02, "limit": 3, "offset": 3},
                        headers={"Accept": "text/csv"})
    assert len(csv_rows(sliced.content)) == 3
    for bad in ({"limit": 0}, {"limit": MAX_LIMIT + 1}, {"offset": -1}, {"format": "xlsx"}):
        assert client.get(table, params=bad).status_code == 422


def test_duties_a_lead_in_passes_down_are_marked_and_counted_apart(client: TestClient) -> None:
    # 69-KL/TW: "Bộ Chính trị yêu cầu các cấp uỷ, tổ chức đảng, chính quyền, … tập trung
    # thực hiện tốt một số nhiệm vụ trọng tâm sau:" over items 1–6
    params = {"doc": "69-kl-tw-2024", "body": "mat-tran-to-quoc-viet-nam", "limit": 100}
    rows = client.get("/duties", params=params).json()["items"]
    passed = [r for r in rows if r["lead_in"]]
    assert {r["provision_id"] for r in passed} >= {"69-kl-tw-2024/1", "69-kl-tw-2024/6"}
    assert {r["via_provision_id"] for r in passed} == {"69-kl-tw-2024/p3"}
    assert all(r["role"] == "implement" and not r["inferred"] for r in passed)
    body = client.get("/bodies/mat-tran-to-quoc-viet-nam").json()
    assert body["lead_in_duties"] >= len(passed)
    # the excerpt of a passed-down duty is read in the lead-in, where the body is named
    listed = client.get("/bodies/mat-tran-to-quoc-viet-nam/duties",
                        params={"limit": MAX_LIMIT}).json()["items"]
    excerpts = [d["excerpt"] for d in listed if d["lead_in"]]
    assert excerpts and all("Mặt trận Tổ quốc Việt Nam" in e for e in excerpts)
