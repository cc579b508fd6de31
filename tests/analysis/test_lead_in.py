"""Issue 11, second round: orders in an unnumbered text (all "preamble" to the tree) and
duties a lead-in passes down to the items under it. Sentences from KL 155 and KL 157 (the
tuned and first held-out fixtures); the few made up say so."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from app.services.analysis import analyze
from app.services.ingest import prepare_file
from parsers.bodies import load_registry
from parsers.duties import assign_roles
from parsers.duties.lead_in import Node, passed_down

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")
FIXTURES = ROOT / "tests" / "fixtures"


def roles(text: str, provision_role: str | None) -> list[tuple[str, str]]:
    return [(d.body_id, d.role) for d in assign_roles(text, REGISTRY,
                                                       provision_role=provision_role)
            if d.role != "mention"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an order by the issuer counts in a preamble (KL 157, a web page without numbers)
        ("Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng tiếp tục làm tốt công tác tư tưởng.",
         [("cac-cap-uy-to-chuc-dang", "implement")]),
        ("Bộ Chính trị giao Ban Tổ chức Trung ương:", [("ban-to-chuc-trung-uong", "implement")]),
        # the issuer giving the order does not lead what it gives (KL 157)
        ("Bộ Chính trị giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:",
         [("dang-uy-chinh-phu", "lead")]),
        # the office of a plural class: "Ban Thường vụ các tỉnh ủy" (KL 157)
        ("Bộ Chính trị giao Ban Thường vụ các tỉnh ủy, thành ủy chủ động công tác chuẩn bị.",
         [("tinh-uy-thanh-uy", "implement")]),
        # a preamble that narrates stays quiet: the enacting formula and a past report
        # (made up in the usual wording)
        ("Chính phủ ban hành Nghị định quy định chi tiết một số điều.", []),
        ("Sau khi nghe Đảng ủy Chính phủ báo cáo Bộ Chính trị về tình hình thực hiện, Bộ Chính "
         "trị kết luận như sau:", []),
    ],
)
def test_preamble_keeps_roles_only_for_orders(text: str, expected: list[tuple[str, str]]):
    assert roles(text, "preamble") == expected


def test_a_numbered_text_reads_the_same_sentence_as_a_task():
    # the gate is for preambles only: an item of a numbered text is read as before
    text = "Chính phủ ban hành Nghị định quy định chi tiết một số điều."
    assert roles(text, None) == [("chinh-phu", "implement")]


def _duties(doc: str) -> dict[str, set[tuple[str, str, bool]]]:
    prepared = prepare_file(FIXTURES / doc, REGISTRY)
    out: dict[str, set[tuple[str, str, bool]]] = {}
    for d in prepared.analysis.duties:
        if d["role"] != "mention" and not d["inferred"]:
            out.setdefault(d["provision_id"], set()).add((d["body_id"], d["role"],
                                                         d["lead_in"]))
    return out


def test_a_heading_passes_its_lead_to_the_points_under_it():
    duties = _duties("155-KL-TW-2025.md")
    # "3. Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo:" over bullets that name other bodies
    assert ("dang-uy-chinh-phu", "lead", True) in duties["155-kl-tw-2025/3.p1"]
    assert ("dang-uy-bo-tai-chinh", "implement", False) in duties["155-kl-tw-2025/3.p1"]
    # a bullet that names the committee itself keeps its own role only
    assert ("dang-uy-chinh-phu", "implement", False) in duties["155-kl-tw-2025/3.3.1"]
    assert ("dang-uy-chinh-phu", "lead", True) not in duties["155-kl-tw-2025/3.3.1"]
    # "Giao Đảng ủy Quốc hội chủ trì, phối hợp với …:": the coordinators pass down too
    assert {("dang-uy-quoc-hoi", "lead", True), ("dang-uy-chinh-phu", "coordinate", True),
            ("cac-co-quan-lien-quan", "coordinate", True)} <= duties["155-kl-tw-2025/4.4"]


def test_an_unnumbered_lead_in_reaches_its_items_and_stops_at_the_next_order():
    duties = _duties("157-KL-TW-2025.md")
    for item in ("13", "14", "15", "16"):  # after "Bộ Chính trị giao Đảng ủy Chính phủ …:"
        assert duties[f"157-kl-tw-2025/{item}"] == {("dang-uy-chinh-phu", "lead", True)}
    # the dashed items after "Bộ Chính trị giao Ban Tổ chức Trung ương:" and only they
    assert ("ban-to-chuc-trung-uong", "implement", True) in duties["157-kl-tw-2025/22"]
    assert "157-kl-tw-2025/24" not in duties  # "Theo Cổng Thông tin điện tử Chính phủ"
    assert ("ban-to-chuc-trung-uong", "implement", True) not in duties.get(
        "157-kl-tw-2025/23", set())


def _node(pid: str, text: str, duties: tuple = (), label: str | None = None,  # type: ignore[type-arg]
          kind: str = "paragraph") -> Node:
    return Node(pid, None, kind, label, "", text, (), duties)


def test_a_sentence_continued_after_a_semicolon_passes_its_roles_until_it_ends():
    # made up in the shape of a portal summary: "X chủ trì, phối hợp với Y …;" + items
    lead = "Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành, địa phương trình Chính phủ;"
    found = [d for d in assign_roles(lead, REGISTRY) if d.role != "mention"]
    nodes = [_node("a", lead, tuple(found)), _node("b", "Ban hành Thông tư hướng dẫn;"),
             _node("c", "Hướng dẫn việc lưu trữ."), _node("d", "Tổng kết việc sắp xếp.")]
    passed = {(p.provision_id, p.duty.body_id, p.role) for p in passed_down(nodes)}
    assert passed == {("b", "bo-noi-vu", "lead"), ("b", "cac-bo-nganh-dia-phuong", "coordinate"),
                      ("c", "bo-noi-vu", "lead"), ("c", "cac-bo-nganh-dia-phuong", "coordinate")}


def test_enacting_formulas_and_rights_pass_nothing():
    # "Ban Bí thư quy định:" (QĐ 383) and "Công đoàn có quyền:" are not tasks of the body
    for text in ("Ban Bí thư quy định:", "Công đoàn Việt Nam có quyền:"):
        found = tuple(d for d in assign_roles(text, REGISTRY) if d.role != "mention")
        assert found, text  # the lead-in itself has a role …
        nodes = [Node("h", None, "article", None, "", text, (), found),
                 Node("h.1", "h", "clause", "1", "", "Tham gia quản lý.", (), ())]
        assert passed_down(nodes) == []  # … that its items do not get


def test_analysis_rows_mark_what_a_lead_in_passed_down():
    prepared = prepare_file(FIXTURES / "157-KL-TW-2025.md", REGISTRY)
    rows = analyze(prepared.doc_id, prepared.rows, REGISTRY).duties
    passed = [r for r in rows if r["lead_in"]]
    assert passed and all(r["via_provision_id"] == "157-kl-tw-2025/12" for r in passed
                          if r["body_id"] == "dang-uy-chinh-phu")
    # one row per (provision, body, role): a lead-in never repeats a direct duty
    keys = [(r["provision_id"], r["body_id"], r["role"]) for r in rows]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic class holds its place in a list of bodies (TB 81, KL 157)
        ("Giao Đảng uỷ Chính phủ lãnh đạo, chỉ đạo các bộ, ngành, cơ quan chức năng và uỷ ban "
         "nhân dân các tỉnh biên giới triển khai thực hiện.",
         [("dang-uy-chinh-phu", "lead"), ("cac-bo-nganh-lien-quan", "implement"),
          ("uy-ban-nhan-dan-cap-tinh", "implement")]),
        ("Bộ Chính trị giao các cơ quan, ban đảng Trung ương tiếp tục rà soát.",
         [("cac-ban-dang", "implement")]),
        # alone, it is no list (made up)
        ("Phối hợp với cơ quan chức năng kiểm tra.", []),
    ],
)
def test_a_generic_class_holds_its_place_in_a_list(text: str, expected: list[tuple[str, str]]):
    assert roles(text, None) == expected


def test_passing_down_stays_linear_in_the_number_of_provisions(monkeypatch):
    # a long unnumbered list of ";" paragraphs after a colon lead-in: each paragraph is
    # looked at a bounded number of times, not once per paragraph before it
    from parsers.duties import lead_in

    lead = "Bộ Chính trị giao Ban Tổ chức Trung ương:"
    found = tuple(d for d in assign_roles(lead, REGISTRY) if d.role != "mention")
    n = 3000
    nodes = [_node("0", lead, found)] + [_node(str(k), f"Việc thứ {k};") for k in range(1, n)]
    seen: list[str] = []
    real = lead_in._starts_own
    monkeypatch.setattr(lead_in, "_starts_own", lambda node: seen.append(node.id) or real(node))
    passed = passed_down(nodes)
    assert len(passed) == n - 1  # every item gets the lead-in's duty, once
    assert len(seen) <= n  # each node is asked once whether it opens its own assignment


def test_a_numbered_lead_in_without_children_keeps_its_items_and_passes_nothing_on():
    # "2.1. … Đảng đoàn Quốc hội xác định các nhiệm vụ trọng tâm sau:" prints its bullets
    # in its own text: the numbered point after it is a peer (KH 3260-KH/ĐĐQH15)
    duties = _duties("3260-KH-DDQH15-2025.md")
    assert ("dang-doan-quoc-hoi", "implement", False) in duties["3260-kh-ddqh15-2025/II.2.2.1"]
    for pid in ("II.2.2.2", "II.2.2.2.b", "II.2.2.2.p"):
        assert not {d for d in duties.get(f"3260-kh-ddqh15-2025/{pid}", set())
                    if d[0] == "dang-doan-quoc-hoi" and d[2]}
