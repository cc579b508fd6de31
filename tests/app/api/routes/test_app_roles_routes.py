"""Who does what in texts of 2025 over the API (issue 11): one view per document, bodies
with history, duties inherited by a successor, unknown names kept unresolved."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories_app import CORPUS
from fastapi.testclient import TestClient

from app.core.config import Settings
from app.db.migrate import upgrade
from app.db.session import dispose
from app.main import create_app
from app.services.ingest import ingest_paths

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
TB81 = "81-tb-tw-2025"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('roles') / 'vnlex.db'}"
    upgrade(url)
    summary = ingest_paths(url, [CORPUS / "03-NQ-CP-2025.md", FIXTURES / "81-TB-TW-2025.md",
                                 FIXTURES / "1630-QD-UBND-2025-quang-ngai.md"])
    assert not summary.refused, summary.refused
    with TestClient(create_app(Settings(database_url=url))) as test_client:
        yield test_client
    dispose(url)


def test_assignments_of_a_document_by_provision(client: TestClient) -> None:
    answer = client.get(f"/documents/{TB81}/assignments", params={"limit": 100})
    assert answer.status_code == 200, answer.text
    rows = {row["provision_id"]: row for row in answer.json()["items"]}
    # "(2) Đảng uỷ Bộ Xây dựng chủ trì, phối hợp với Bộ Giáo dục và Đào tạo, Bộ Dân tộc và
    # Tôn giáo xây dựng các thiết kế mẫu chuẩn …"
    row = rows[f"{TB81}/2"]
    assert [b["body_id"] for b in row["lead"]] == ["dang-uy-bo-xay-dung"]
    assert [b["body_id"] for b in row["coordinate"]] == ["bo-giao-duc-va-dao-tao",
                                                         "bo-dan-toc-va-ton-giao"]
    assert row["implement"] == [] and row["report_to"] == []
    # provisions that assign nothing are left out (the law-firm Q&A after the text)
    assert f"{TB81}/4.8" not in rows


def test_assignments_as_csv(client: TestClient) -> None:
    answer = client.get(f"/documents/{TB81}/assignments", params={"format": "csv"})
    assert answer.status_code == 200
    assert answer.content[:3] == b"\xef\xbb\xbf"
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["provision_id", "label", "lead", "coordinate", "implement",
                             "report_to"]
    by_id = {row["provision_id"]: row for row in rows}
    assert by_id[f"{TB81}/3"]["lead"] == "Đảng ủy Bộ Tài chính"
    assert "Bộ Giáo dục và Đào tạo" in by_id[f"{TB81}/3"]["coordinate"]


def test_assignments_of_an_unknown_document(client: TestClient) -> None:
    answer = client.get("/documents/no-such-doc/assignments")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_positions_are_kept_on_the_duty(client: TestClient) -> None:
    answer = client.get("/documents/1630-qd-ubnd-2025-quang-ngai/assignments",
                        params={"limit": 100}).json()["items"]
    leads = [b for row in answer for b in row["lead"]]
    # "Bộ trưởng Bộ Dân tộc và Tôn giáo căn cứ quy định tại Điều 4 … chỉ đạo rà soát"
    assert {"body_id": "bo-dan-toc-va-ton-giao", "position": "Bộ trưởng"}.items() <= next(
        b for b in leads if b["body_id"] == "bo-dan-toc-va-ton-giao").items()


def test_the_legal_basis_and_the_trailer_assign_nothing(client: TestClient) -> None:
    items = client.get("/duties", params={"doc": "1630-qd-ubnd-2025-quang-ngai",
                                          "limit": 100}).json()["items"]
    # "Căn cứ Quyết định số 800/QĐ-BDTTG … của Bộ trưởng Bộ Dân tộc và Tôn giáo" and the
    # Nơi nhận line "Bộ Dân tộc và Tôn giáo (báo cáo)": neither gives the ministry a role.
    roles = {(d["provision_id"].rsplit("/", 1)[1], d["role"]) for d in items
             if d["body_id"] == "bo-dan-toc-va-ton-giao"}
    preamble = {pid for pid, _role in roles if re.fullmatch(r"p\d+", pid)}
    assert preamble == {"p3"}  # the Căn cứ line names it …
    assert ("p3", "mention") in roles and ("p3", "implement") not in roles  # … and no more
    assert not any("Nơi nhận" in d["evidence"] or "(báo cáo)" in d["evidence"] for d in items)
    assert ("pl1.II.1.1.1.3", "report_to") in roles  # "gửi hồ sơ về Bộ Dân tộc và Tôn giáo"


def test_unresolved_names_with_counts(client: TestClient) -> None:
    answer = client.get("/bodies/unresolved")
    assert answer.status_code == 200, answer.text
    items = {item["key"]: item for item in answer.json()["items"]}
    so = items["so dan toc va ton giao"]
    assert so["text"] == "Sở Dân tộc và Tôn giáo" and so["head"] == "Sở"
    assert so["count"] >= 1 and so["example_url"].startswith("/provisions/")
    # never credited: no duty names the Sở as a registered body
    duties = client.get("/duties", params={"doc": "1630-qd-ubnd-2025-quang-ngai",
                                           "limit": 100}).json()["items"]
    assert not any("Sở" in d["body_name"] for d in duties)


def test_unresolved_names_are_paged(client: TestClient) -> None:
    page = client.get("/bodies/unresolved", params={"limit": 1}).json()
    assert len(page["items"]) == 1 and page["total"] > 1 and page["next"]


def test_a_body_shows_its_chain(client: TestClient) -> None:
    body = client.get("/bodies/bo-nong-nghiep-va-moi-truong").json()
    assert body["valid_from"] == "2025-03-01"
    assert {p["id"] for p in body["predecessors"]} == {
        "bo-tai-nguyen-va-moi-truong", "bo-nong-nghiep-va-phat-trien-nong-thon"}
    assert all("176/2025/QH15" in p["change_act"] for p in body["predecessors"])
    old = client.get("/bodies/bo-ke-hoach-va-dau-tu").json()
    assert old["valid_to"] == "2025-02-28" and old["sources"]
    assert [s["id"] for s in old["successors"]] == ["bo-tai-chinh"]


def test_current_duties_include_those_inherited(client: TestClient) -> None:
    plain = client.get("/duties", params={"body": "bo-tai-chinh", "limit": 100}).json()
    current = client.get("/duties", params={"body": "bo-tai-chinh", "current": "true",
                                            "limit": 100}).json()
    inherited = [d for d in current["items"] if d["inherited"]]
    # 03/NQ-CP (9/1/2025) gives duties to Bộ Kế hoạch và Đầu tư, merged into Bộ Tài chính
    assert inherited and {d["body_id"] for d in inherited} == {"bo-ke-hoach-va-dau-tu"}
    assert all(d["held_by"] == "bo-tai-chinh" for d in inherited)
    assert current["total"] == plain["total"] + len(inherited)
    assert not any(d["inherited"] for d in plain["items"])


def test_current_without_a_body_is_the_plain_list(client: TestClient) -> None:
    # Nothing to inherit when no body is named: the same rows, none marked inherited.
    plain = client.get("/duties", params={"limit": 100}).json()
    current = client.get("/duties", params={"current": "true", "limit": 100}).json()
    assert current["items"] == plain["items"]
    assert not any(d["inherited"] for d in current["items"])


def test_the_2025_committees_are_found_by_name(client: TestClient) -> None:
    items = client.get("/bodies", params={"q": "dang uy chinh phu"}).json()["items"]
    assert items[0]["id"] == "dang-uy-chinh-phu" and items[0]["kind"] == "party_organ"
    committee = client.get("/bodies/dang-uy-bo-xay-dung").json()
    assert committee["parent"]["id"] == "dang-uy-chinh-phu" and committee["sources"]


def test_assignments_mark_what_a_lead_in_gives(client: TestClient) -> None:
    # 03/NQ-CP annex I, II: "… các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Ủy ban nhân
    # dân các tỉnh, thành phố trực thuộc Trung ương cần cụ thể hóa và tổ chức triển khai thực
    # hiện các nhiệm vụ sau đây:" over tasks that do not name them again
    doc = "03-nq-cp-2025"
    answer = client.get(f"/documents/{doc}/assignments", params={"limit": 100})
    rows = {row["provision_id"]: row for row in answer.json()["items"]}
    task = rows[f"{doc}/pl1.II.1.a"]
    given = {b["body_id"]: b["lead_in"] for b in task["implement"]}
    assert given == {"cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu": True,
                     "uy-ban-nhan-dan-cap-tinh": True}
    answer = client.get(f"/documents/{doc}/assignments", params={"format": "csv"})
    by_id = {row["provision_id"]: row
             for row in csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")))}
    assert "Ủy ban nhân dân cấp tỉnh (theo đầu mục)" in by_id[f"{doc}/pl1.II.1.a"]["implement"]


def test_a_split_body_shows_every_successor_with_its_scope(client: TestClient) -> None:
    # Bộ Lao động - Thương binh và Xã hội: labour to Bộ Nội vụ (Nghị định 25/2025/NĐ-CP),
    # social protection and children to Bộ Y tế (42/2025/NĐ-CP), vocational education to
    # Bộ Giáo dục và Đào tạo (37/2025/NĐ-CP)
    old = client.get("/bodies/bo-lao-dong-thuong-binh-va-xa-hoi").json()
    later = {s["id"]: s for s in old["successors"]}
    assert list(later) == ["bo-noi-vu", "bo-y-te", "bo-giao-duc-va-dao-tao"]
    assert "bảo trợ xã hội" in later["bo-y-te"]["scope"]
    assert later["bo-giao-duc-va-dao-tao"]["scope"].startswith("giáo dục nghề nghiệp")
    assert "42/2025/NĐ-CP" in later["bo-y-te"]["change_act"]
    health = client.get("/bodies/bo-y-te").json()
    [took] = [p for p in health["predecessors"] if p["id"] == "bo-lao-dong-thuong-binh-va-xa-hoi"]
    assert "bảo trợ xã hội" in took["scope"] and "42/2025/NĐ-CP" in took["change_act"]
    # a sole successor keeps no scope
    planning = client.get("/bodies/bo-ke-hoach-va-dau-tu").json()
    assert planning["successors"][0]["scope"] is None


def test_current_duties_of_a_split_successor_carry_the_scope(client: TestClient) -> None:
    # 03/NQ-CP (9/1/2025) gives duties to Bộ Thông tin và Truyền thông, whose press went to
    # Bộ Văn hóa, Thể thao và Du lịch and the rest to Bộ Khoa học và Công nghệ
    culture = client.get("/duties", params={"body": "bo-van-hoa-the-thao-va-du-lich",
                                            "current": "true", "limit": 100}).json()
    inherited = [d for d in culture["items"] if d["inherited"]]
    assert inherited and {d["body_id"] for d in inherited} == {"bo-thong-tin-va-truyen-thong"}
    assert all(d["inherited_scope"].startswith("báo chí;") for d in inherited)
    assert not any(d["inherited_scope"] for d in culture["items"] if not d["inherited"])
    science = client.get("/duties", params={"body": "bo-khoa-hoc-va-cong-nghe",
                                            "current": "true", "limit": 100}).json()
    scopes = {d["inherited_scope"] for d in science["items"] if d["inherited"]}
    assert len(scopes) == 1 and "viễn thông" in scopes.pop()
    # a sole successor's inherited duties have no scope
    finance = client.get("/duties", params={"body": "bo-tai-chinh", "current": "true",
                                            "limit": 100}).json()
    assert all(d["inherited_scope"] is None for d in finance["items"])
    answer = client.get("/duties", params={"body": "bo-y-te", "current": "true",
                                           "format": "csv"})
    assert answer.content.decode("utf-8-sig").splitlines()[0].endswith(",inherited_scope")


def test_a_field_handed_over_by_a_ministry_in_force(client: TestClient) -> None:
    # Nghị định 41/2025/NĐ-CP: religious affairs from Bộ Nội vụ (still in force) to Bộ Dân
    # tộc và Tôn giáo; the labour Bộ Nội vụ took from Bộ LĐTBXH stays with it
    ethnic = client.get("/bodies/bo-dan-toc-va-ton-giao").json()
    before = {p["id"]: p for p in ethnic["predecessors"]}
    assert set(before) == {"uy-ban-dan-toc", "bo-noi-vu"}
    assert before["bo-noi-vu"]["scope"] == "tín ngưỡng, tôn giáo"
    assert "41/2025/NĐ-CP" in before["bo-noi-vu"]["change_act"]
    home = client.get("/bodies/bo-noi-vu").json()
    assert home["valid_to"] is None
    assert [s["id"] for s in home["successors"]] == ["bo-dan-toc-va-ton-giao"]
    labour = client.get("/bodies/bo-lao-dong-thuong-binh-va-xa-hoi").json()
    assert "bo-dan-toc-va-ton-giao" not in {s["id"] for s in labour["successors"]}
