"""Who does what in 02-NQ/TW, over the API: /provisions/{id}/bodies and /bodies.

The tables below were read against the print of corpus/02-NQ-TW-2021.md; a change in them
is a change in what vnlex tells journalists, so a person reviews every diff.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from app.api.routes.bodies import not_exactly

pytestmark = pytest.mark.any_store  # SQLite and PostgreSQL (tests/app/conftest.py)

NQ02 = "02-nq-tw-2021"
TLD_PARTY = "dang-doan-tong-lien-doan-lao-dong-viet-nam"  # Đảng đoàn Tổng Liên đoàn LĐVN


def direct(client: TestClient, path: str) -> list[tuple[str, str]]:
    response = client.get(f"/provisions/{NQ02}/{path}/bodies")
    assert response.status_code == 200, response.text
    return [(b["body_id"], b["role"]) for b in response.json()["items"] if not b["inferred"]]


# Every assignment of section IV (Tổ chức thực hiện), every body in text order.
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # "Các tỉnh uỷ, thành uỷ, các ban đảng, đảng đoàn, ban cán sự đảng, đảng uỷ trực thuộc
        # Trung ương, đảng uỷ đơn vị sự nghiệp Trung ương tổ chức nghiên cứu, quán triệt …"
        # … chỉ đạo xây dựng chương trình …": each also leads (ninth round, second roles)
        ("IV.1", [(body, role) for body in (
            "tinh-uy-thanh-uy", "cac-ban-dang", "dang-doan", "ban-can-su-dang",
            "dang-uy-truc-thuoc-trung-uong", "dang-uy-don-vi-su-nghiep-trung-uong")
            for role in ("implement", "lead")]),
        # "Đảng đoàn Quốc hội lãnh đạo, chỉ đạo việc sửa đổi, bổ sung Luật Công đoàn năm 2012"
        ("IV.2", [("dang-doan-quoc-hoi", "lead")]),
        # "Ban cán sự đảng Chính phủ lãnh đạo, chỉ đạo …; tăng cường phối hợp hoạt động với
        # Tổng Liên đoàn Lao động Việt Nam."
        ("IV.3", [("ban-can-su-dang-chinh-phu", "lead"),
                  ("tong-lien-doan-lao-dong-viet-nam", "coordinate")]),
        # "Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng Liên đoàn …"
        ("IV.4", [("ban-to-chuc-trung-uong", "lead"), (TLD_PARTY, "coordinate")]),
        # two sentences, two leads, the same coordinator twice: one duty with two spans
        ("IV.5", [("ban-tuyen-giao-trung-uong", "lead"), (TLD_PARTY, "coordinate"),
                  ("hoc-vien-chinh-tri-quoc-gia-ho-chi-minh", "lead")]),
        # "… phối hợp với Đảng đoàn … và các cơ quan liên quan …, định kỳ báo cáo Bộ Chính trị,
        # Ban Bí thư kết quả thực hiện Nghị quyết."
        ("IV.6", [("ban-dan-van-trung-uong", "lead"), (TLD_PARTY, "coordinate"),
                  ("cac-co-quan-lien-quan", "coordinate"), ("bo-chinh-tri", "report_to"),
                  ("ban-bi-thu", "report_to")]),
    ],
)
def test_roles_of_every_assignment_in_section_iv(client: TestClient, path: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert direct(client, path) == expected


# The bullets of section III that give a body something to do (every body, text order).
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # "Cấp uỷ thống nhất với công đoàn cấp trên …": the rules know "phối hợp", not
        # "thống nhất với", so công đoàn cấp trên stays a mention (arguably coordinate).
        ("III.2.3", [("cap-uy-cac-cap", "mention"), ("cap-uy-cac-cap", "implement"),
                     ("cong-doan-cap-tren", "mention")]),
        ("III.3.1", [("cong-doan-cac-cap", "implement"), ("cong-doan-viet-nam", "mention")]),
        # "Các cấp uỷ, tổ chức đảng thường xuyên lãnh đạo, định hướng …"
        ("III.5.1", [("dang-cong-san-viet-nam", "mention"),
                     ("cac-cap-uy-to-chuc-dang", "lead")]),
        # "Ở những nơi chưa có tổ chức đảng, Đảng lãnh đạo tổ chức công đoàn …"
        # (one row per body and role: tổ chức đảng is named three times, Đảng twice more)
        ("III.5.3", [("to-chuc-dang", "mention"),
            ("dang-cong-san-viet-nam", "lead"), ("cong-doan-cap-tren", "mention"),
            ("cong-doan-cac-cap", "mention"), ("cong-doan-co-so", "mention"),
            ("dang-cong-san-viet-nam", "mention"), ("nha-nuoc", "mention")]),
        ("III.5.4", [("cap-uy-cac-cap", "implement"), ("cong-doan-cap-tren", "coordinate"),
                     ("cap-uy-cac-cap", "mention")]),
        # "Cơ quan quản lý nhà nước tích cực phối hợp với công đoàn" (lower case: not a body)
        ("III.6.1", [("co-quan-nha-nuoc", "implement")]),
        # "Chính phủ, các bộ, ngành liên quan và chính quyền các cấp tăng cường phối hợp …";
        # "Người đứng đầu chính quyền các cấp định kỳ đối thoại …"
        # (chính quyền các cấp implements in both sentences: one row; "… và chỉ đạo giải
        # quyết …": it also leads, ninth round)
        ("III.6.2", [("chinh-phu", "implement"), ("cac-bo-nganh-lien-quan", "implement"),
                     ("chinh-quyen-cac-cap", "implement"), ("chinh-quyen-cac-cap", "lead")]),
        ("III.6.3", [("nha-nuoc", "implement"), ("chinh-quyen-cac-cap", "implement")]),
        # "…; phối hợp tiến hành giám sát …" with no partner: it also helps (ninth round)
        # (one mention, two roles: in the order they are read, as IV.1's)
        ("III.6.5", [("cong-doan-viet-nam", "implement"), ("cong-doan-viet-nam", "coordinate"),
                     ("mat-tran-to-quoc-viet-nam", "coordinate"),
                     ("cac-to-chuc-chinh-tri-xa-hoi", "coordinate")]),
    ],
)
def test_bodies_of_section_iii_bullets(client: TestClient, path: str,
                                       expected: list[tuple[str, str]]) -> None:
    assert direct(client, path) == expected


@pytest.mark.parametrize(
    "path", ["III.1.3", "III.2.1", "III.2.2", "III.2.4", "III.3.4", "III.4.1", "III.4.2",
             "III.5.2", "III.5.5", "III.6.4"],
)
def test_other_section_iii_bullets_only_mention_bodies(client: TestClient, path: str) -> None:
    roles = {role for _body, role in direct(client, path)}
    assert roles == {"mention"}


def test_inferred_duties_say_through_which_assignment(client: TestClient) -> None:
    items = client.get(f"/provisions/{NQ02}/III.2.4/bodies").json()["items"]
    inferred = [(b["body_id"], b["role"], b["via"]["provision_id"]) for b in items if b["inferred"]]
    assert inferred == [("ban-to-chuc-trung-uong", "lead", f"{NQ02}/IV.4"),
                        (TLD_PARTY, "coordinate", f"{NQ02}/IV.4")]
    via = next(b for b in items if b["inferred"])["via"]
    assert "giao biên chế" in via["terms"] and via["score"] >= 6.0


def test_a_body_told_twice_is_one_duty_with_both_places(client: TestClient) -> None:
    text = client.get(f"/provisions/{NQ02}/IV.5").json()["text"]
    items = client.get(f"/provisions/{NQ02}/IV.5/bodies").json()["items"]
    coordinate = [b for b in items if (b["body_id"], b["role"]) == (TLD_PARTY, "coordinate")]
    assert len(coordinate) == 1
    spans = coordinate[0]["spans"]
    assert len(spans) == 2
    for mention_start, mention_end, _start, _end in spans:
        assert text[mention_start:mention_end].startswith("Đảng đoàn Tổng Liên đoàn")


def test_offsets_index_the_stored_text(client: TestClient) -> None:
    text = client.get(f"/provisions/{NQ02}/IV.6").json()["text"]
    for body in client.get(f"/provisions/{NQ02}/IV.6/bodies").json()["items"]:
        assert text[body["mention_start"]:body["mention_end"]] == body["mention"]
        assert text[body["evidence_start"]:body["evidence_end"]] == body["evidence"]
    assert "báo cáo Bộ Chính trị, Ban Bí thư" in text


@pytest.mark.parametrize("q", ["ban to chuc", "Ban Tổ chức", "BAN TO CHUC TRUNG UONG",
                               "Ban Tổ chức TW"])
def test_search_bodies_without_diacritics(client: TestClient, q: str) -> None:
    items = client.get("/bodies", params={"q": q}).json()["items"]
    assert items[0]["id"] == "ban-to-chuc-trung-uong"
    assert items[0]["duties"]["lead"] >= 1 and set(items[0]["duties"]) == {
        "lead", "coordinate", "implement", "report_to", "mention"}


def test_search_matches_aliases(client: TestClient) -> None:
    ids = [b["id"] for b in client.get("/bodies", params={"q": "tldldvn"}).json()["items"]]
    assert "tong-lien-doan-lao-dong-viet-nam" in ids


def test_a_body_with_parent_children_and_duties_by_role(client: TestClient) -> None:
    body = client.get("/bodies/ban-to-chuc-trung-uong").json()
    assert body["name"] == "Ban Tổ chức Trung ương"
    assert "Ban Tổ chức TW" in body["aliases"]
    assert body["parent"]["id"] == "ban-chap-hanh-trung-uong-dang"
    leads = body["duties_by_role"]["lead"]
    direct_leads = [d for d in leads if not d["inferred"] and d["doc_id"] == NQ02]
    assert [d["provision_id"] for d in direct_leads] == [f"{NQ02}/IV.4"]
    assert direct_leads[0]["evidence"] == "Ban Tổ chức Trung ương chủ trì"
    assert direct_leads[0]["excerpt"].startswith("Ban Tổ chức Trung ương chủ trì, phối hợp")
    inferred = {d["provision_id"] for d in leads if d["inferred"]}
    assert inferred == {f"{NQ02}/III.2.4", f"{NQ02}/III.2.2"}
    tld = client.get("/bodies/tong-lien-doan-lao-dong-viet-nam").json()
    assert TLD_PARTY in [c["id"] for c in tld["children"]]


def test_a_body_by_its_name(client: TestClient) -> None:
    assert client.get("/bodies/Ban Tổ chức Trung ương").json()["id"] == "ban-to-chuc-trung-uong"


def test_unknown_body_is_a_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/bodies/ban-to-chuc-trung-uongg")
    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "not_found"
    assert "ban-to-chuc-trung-uong" in body["error"]["message"]
    assert body["error"]["suggestions"][0] == "ban-to-chuc-trung-uong"


def test_unknown_provision_bodies_is_a_404(client: TestClient) -> None:
    response = client.get(f"/provisions/{NQ02}/IV.9/bodies")
    assert response.status_code == 404
    assert f"{NQ02}/IV.4" in response.json()["error"]["suggestions"]


def test_provision_urls_still_work(client: TestClient) -> None:
    # the sub-resources come before the catch-all `{provision_id:path}` route
    assert client.get(f"/provisions/{NQ02}/IV.4").json()["id"] == f"{NQ02}/IV.4"
    assert client.get(f"/provisions/{NQ02.upper()}/IV.4/bodies").status_code == 200


@given(st.text(max_size=14) | st.sampled_from(["unresolved", "unresolve", "unresolvedx"]))
def test_a_body_id_is_any_text_but_unresolved(text: str) -> None:
    matches = re.fullmatch(not_exactly("unresolved"), text) is not None
    assert matches == (text not in ("", "unresolved"))


def test_the_schema_says_unresolved_is_no_body(client: TestClient) -> None:
    # schemathesis, in one order of the suite, asked GET /bodies/{body_id} for "unresolved"
    # and got the list of unresolved names, which is no BodyDetail.
    spec = client.get("/openapi.json").json()
    param = spec["paths"]["/bodies/{body_id}"]["get"]["parameters"][0]
    assert param["name"] == "body_id"
    assert not re.fullmatch(param["schema"]["pattern"], "unresolved")
    assert re.fullmatch(param["schema"]["pattern"], "ban-to-chuc-trung-uong")
    assert "items" in client.get("/bodies/unresolved").json()
