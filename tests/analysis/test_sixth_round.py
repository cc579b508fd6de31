"""Issue 11, sixth round: the classes of error of the blind split held_out_6 (Chỉ thị
24/CT-TTg as a legal Q&A page renders it), as general rules. Each sentence is printed in
that fixture or, where a row says so, in another fixture; the few made up say so."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from parsers.bodies import load_registry
from parsers.duties import Duty, assign_roles
from parsers.duties.lead_in import Node, passed_down

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


def duties(text: str, provision_role: str | None = "implementation") -> tuple[Duty, ...]:
    return tuple(d for d in assign_roles(text, REGISTRY, provision_role=provision_role)
                 if d.role != "mention")


def roles(text: str, provision_role: str | None = "implementation") -> list[tuple[str, str]]:
    return [(d.body_id, d.role) for d in duties(text, provision_role)]


def test_doi_voi_bodies_and_a_colon_name_who_does_the_items() -> None:
    assert roles("Đối với các bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố:") == [
        ("cac-bo-nganh-lien-quan", "implement"), ("uy-ban-nhan-dan-cap-tinh", "implement")]


@pytest.mark.parametrize("text", [
    # CT 24: a topic, no body
    "Đối với việc ứng dụng công nghệ sinh trắc học trong quy trình thủ tục giao thông:",
    # made up in the shape of a form: who, inside the body, a rule means
    "Đối với cơ quan Bộ Tài chính: Trưởng Phòng Lưu trữ",
])
def test_doi_voi_without_bodies_before_its_colon_names_no_one(text: str) -> None:
    assert roles(text) == []


def _heading(pid: str, heading: str, parent: str | None = None) -> Node:
    return Node(pid, parent, "enumeration", pid, heading, "", duties(heading), ())


def _item(pid: str, parent: str, text: str) -> Node:
    return Node(pid, parent, "bullet", None, "", text, (), duties(text))


def _passed(nodes: list[Node]) -> set[tuple[str, str, str]]:
    return {(p.provision_id, p.duty.body_id, p.role) for p in passed_down(nodes)}


def test_doi_voi_heading_passes_its_bodies_to_its_items() -> None:
    nodes = [
        _heading("3", "Đối với các bộ, ngành, Ủy ban nhân dân các tỉnh, thành phố:"),
        _item("3.1", "3", "Sửa đổi, bổ sung, ban hành hoặc tham mưu cấp có thẩm quyền sửa "
              "đổi, bổ sung, ban hành các văn bản pháp luật quy định cụ thể việc cấp 31 loại "
              "giấy tờ thiết yếu của cá nhân."),
        # an item that names its own doer takes no implement from the heading
        _item("3.2", "3", "Trên cơ sở danh sách đề xuất tích hợp 578 loại giấy tờ lên VNelD "
              "của Bộ Công an (gồm 188 của cá nhân và 390 của tổ chức), các bộ, ngành, địa "
              "phương nghiên cứu phương án và lộ trình tích hợp, hoàn thành trong tháng 11 năm "
              "2025."),
    ]
    assert _passed(nodes) == {("3.1", "cac-bo-nganh-lien-quan", "implement"),
                              ("3.1", "uy-ban-nhan-dan-cap-tinh", "implement")}


@pytest.mark.parametrize("text", [
    "Thực hiện đôn đốc, chỉ đạo các đơn vị trực thuộc phối hợp với Bộ Công an triển khai "
    "tích hợp công nghệ sinh trắc học.",
    "Đôn đốc, chỉ đạo các đơn vị trực thuộc phối hợp với Bộ Công an thực hiện triển khai "
    "kết nối các hệ thống thông tin trong lĩnh vực giao thông đang quản lý.",
    "Quán triệt, chỉ đạo cán bộ, công chức, viên chức tuyệt đối không được yêu cầu công dân "
    "nộp, xuất trình các loại giấy tờ đã có thông tin tích hợp trên ứng dụng VNelD.",
])
def test_an_item_that_directs_others_makes_the_lead_in_body_lead(text: str) -> None:
    nodes = [_heading("2", "Bộ Tài chính:"), _item("2.1", "2", text)]
    assert _passed(nodes) == {("2.1", "bo-tai-chinh", "lead")}


def test_carrying_out_anothers_direction_is_no_lead() -> None:
    # made up: "Thực hiện chỉ đạo của …" carries out someone else's direction
    nodes = [_heading("2", "Bộ Tài chính:"),
             _item("2.1", "2", "Thực hiện chỉ đạo của Thủ tướng Chính phủ về tích hợp giấy tờ.")]
    assert ("2.1", "bo-tai-chinh", "implement") in _passed(nodes)


def test_items_under_an_item_that_directs_are_led_by_the_lead_in_body() -> None:
    # "- Chỉ đạo Tổng công ty Cảng hàng không Việt Nam:" over "+" items: the corporation
    # (unregistered) does them, the ministry directs it
    nodes = [
        _heading("2", "Bộ Tài chính:"),
        _item("2.2", "2", "Chỉ đạo Tổng công ty Cảng hàng không Việt Nam:"),
        _item("2.2.1", "2.2", "Khẩn trương hoàn tất thủ tục mua sắm, đầu tư hạ tầng và trang "
              "thiết bị cần thiết."),
    ]
    assert _passed(nodes) == {("2.2", "bo-tai-chinh", "lead"),
                              ("2.2.1", "bo-tai-chinh", "lead")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chủ trì, phối hợp với các bộ, ngành, địa phương rà soát, tham mưu Chính phủ sửa đổi, "
         "bổ sung Nghị định 69/2024/NĐ-CP.",
         [("cac-bo-nganh-dia-phuong", "coordinate"), ("chinh-phu", "report_to")]),
        # KL 07-KL/VPTW (tuned fixture): "tham mưu cho" the committee
        ("Tiếp tục tham mưu cho cấp uỷ lãnh đạo, chỉ đạo tổ chức đánh giá và thực hiện có hiệu "
         "quả các nghị quyết, kết luận, quy định của Đảng.",
         [("cap-uy-cac-cap", "report_to")]),
    ],
)
def test_the_body_advised_is_reported_to(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_tham_muu_in_a_name_or_a_noun_advises_no_one() -> None:
    # made up in the shape of a decree: "Bộ Tổng Tham mưu" is a name, the list goes on
    text = ("Binh chủng Công binh chủ trì, phối hợp với Bộ Tổng Tham mưu và các cơ quan liên "
            "quan tổ chức thẩm tra.")
    assert ("cac-co-quan-lien-quan", "report_to") not in roles(text)
    # "cơ quan tham mưu" is a noun (made up)
    assert roles("Văn phòng Chính phủ là cơ quan tham mưu Chính phủ.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chủ trì, hướng dẫn các bộ, ngành, địa phương kết nối Hệ thống thông tin giải quyết "
         "thủ tục hành chính cấp bộ, cấp tỉnh với hệ thống định danh và xác thực điện tử.",
         [("cac-bo-nganh-dia-phuong", "implement")]),
        # KL 155-KL/TW (tuned fixture)
        ("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ khẩn trương thực hiện phân bổ ngân sách, cấp bổ "
         "sung kinh phí, hướng dẫn các địa phương, cơ quan, đơn vị kịp thời chi trả chế độ.",
         [("dang-uy-bo-tai-chinh", "implement"), ("dang-uy-bo-noi-vu", "implement"),
          ("cac-dia-phuong", "implement")]),
    ],
)
def test_those_guided_to_act_act(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_guidance_of_a_body_is_no_duty_of_it() -> None:
    # made up: "theo hướng dẫn của Bộ Tài chính", "theo hướng dẫn Bộ Tài chính"
    for text in ("Các địa phương đăng ký nhu cầu vốn theo hướng dẫn của Bộ Tài chính.",
                 "Các địa phương đăng ký nhu cầu vốn theo hướng dẫn Bộ Tài chính."):
        assert ("bo-tai-chinh", "implement") not in roles(text), text
