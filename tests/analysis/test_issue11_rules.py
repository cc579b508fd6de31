"""The rules of issue 11, one row per case (sentences from the 2025 fixtures where one
exists; the few made up say so)."""

from __future__ import annotations

import pytest
from nq02 import ROOT

from parsers.bodies import load_registry, read_mentions
from parsers.duties import assign_roles
from parsers.targets import extract_targets

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


def roles(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.body_id, d.role, d.position) for d in assign_roles(text, REGISTRY)
            if d.role != "mention"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a legal basis names the bodies that issued earlier rules: no duty (QĐ 1630)
        ("Căn cứ Quyết định số 800/QĐ-BDTTG ngày 07 tháng 11 năm 2025 của Bộ trưởng Bộ Dân "
         "tộc và Tôn giáo về việc công bố một số thủ tục hành chính nội bộ;", []),
        # words between "giao" and "chủ trì" (made up, the example)
        ("Giao Ban Tổ chức Trung ương tiếp tục chủ trì, phối hợp với Văn phòng Trung ương Đảng "
         "theo dõi.",
         [("ban-to-chuc-trung-uong", "lead", None),
          ("van-phong-trung-uong-dang", "coordinate", None)]),
        # the remit of those named between "giao" and "chủ trì" (TB 636/TB-VPCP, 2025)
        ("Giao Bộ Tài chính, Bộ Công Thương theo chức năng, nhiệm vụ và thẩm quyền chủ trì, "
         "phối hợp với Bộ Nội vụ nghiên cứu, xử lý kiến nghị của tỉnh.",
         [("bo-tai-chinh", "lead", None), ("bo-cong-thuong", "lead", None),
          ("bo-noi-vu", "coordinate", None)]),
        # a province's own "Tỉnh" (capitalised, no name after it) is its level (KH 617/KH-UBND)
        ("Thẩm định dự toán kinh phí, tham mưu Uỷ ban nhân dân Tỉnh xem xét, bố trí kinh phí.",
         [("uy-ban-nhan-dan-cap-tinh", "report_to", None)]),
        # "gửi báo cáo … về X" (made up, the example)
        ("Định kỳ gửi báo cáo kết quả thực hiện về Bộ Nội vụ để tổng hợp.",
         [("bo-noi-vu", "report_to", None)]),
        # "Giao X lãnh đạo, chỉ đạo" is a lead (KL 212)
        ("Giao Đảng uỷ Quốc hội lãnh đạo, chỉ đạo ban hành Nghị quyết về tiêu chuẩn của đơn "
         "vị hành chính.", [("dang-uy-quoc-hoi", "lead", None)]),
        # the issuer's view is no order (KL 212)
        ("Bộ Chính trị, Ban Bí thư cơ bản nhất trí với Tờ trình của Đảng uỷ Chính phủ.", []),
        # a position is kept on the duty of its body (QĐ 1630)
        ("Bộ trưởng Bộ Dân tộc và Tôn giáo căn cứ quy định tại Điều 4 của Nghị định số "
         "255/2025/NĐ-CP chỉ đạo rà soát, tổng hợp.",
         [("bo-dan-toc-va-ton-giao", "lead", "Bộ trưởng")]),
        # "Các Đảng uỷ Bộ X, Bộ Y": both committees (KL 155)
        ("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ khẩn trương thực hiện phân bổ ngân sách.",
         [("dang-uy-bo-tai-chinh", "implement", None), ("dang-uy-bo-noi-vu", "implement", None)]),
        # an unknown name holds its place in the subject list and gets nothing (QĐ 1630)
        ("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Dân tộc và Tôn giáo; Ủy ban nhân "
         "dân các xã, phường, đặc khu chịu trách nhiệm thi hành Quyết định này.",
         [("van-phong-uy-ban-nhan-dan-cap-tinh", "implement", "Chánh"),
          ("uy-ban-nhan-dan-cap-xa", "implement", None)]),
    ],
)
def test_role_rules(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        # the 2025 committees are bodies of their own, not the Party (KL 155, KL 157)
        ("Giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo", ["dang-uy-chinh-phu"], []),
        ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương lãnh đạo, chỉ đạo Đảng ủy Tổng "
         "Liên đoàn Lao động Việt Nam nghiên cứu",
         ["dang-uy-mat-tran-to-quoc-cac-doan-the-trung-uong"],
         ["Đảng ủy Tổng Liên đoàn Lao động Việt Nam"]),
        # a registered name inside an unknown one is not credited (made up)
        ("Ban cán sự đảng Bộ Ngoại giao và Sở Tài nguyên và Môi trường thực hiện.", [],
         ["Ban cán sự đảng Bộ Ngoại giao", "Sở Tài nguyên và Môi trường"]),
        # "Đảng ủy cấp trên" is neither the Party nor a name
        ("báo cáo Đảng ủy cấp trên", [], []),
        # a province's own committee is not the class (made up)
        ("Ủy ban nhân dân tỉnh Bắc Ninh chủ trì", [], ["Ủy ban nhân dân tỉnh Bắc Ninh"]),
        # a department whose name has a comma, beside one registered (KH 617/KH-UBND)
        ("Sở Văn hoá, Thể thao và Du lịch phối hợp với Bộ Công an.", ["bo-cong-an"],
         ["Sở Văn hoá, Thể thao và Du lịch"]),
        # … a list of departments is not one name
        ("Sở Tài chính, Sở Nội vụ và Bộ Công an thực hiện.", ["bo-cong-an"],
         ["Sở Tài chính", "Sở Nội vụ"]),
        # a province's own capitalised "Tỉnh" is its level (KH 617/KH-UBND)
        ("tham mưu Ủy ban nhân dân Tỉnh xem xét", ["uy-ban-nhan-dan-cap-tinh"], []),
    ],
)
def test_unknown_names_are_never_credited(text: str, known: list[str],
                                          unknown: list[str]) -> None:
    mentions, unresolved = read_mentions(text, REGISTRY)
    assert [m.body_id for m in mentions] == known
    assert [u.text for u in unresolved] == unknown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a floor stated negatively (made up, the example)
        ("Đến năm 2030, không còn địa phương nào dưới 80% người dân có sổ sức khỏe điện tử.",
         [(2030, 80, ">=")]),
        # an age is not a target (made up, the example)
        ("Đến năm 2030, tỉ lệ người từ 60 tuổi trở lên được khám sức khỏe định kỳ đạt 90%.",
         [(2030, 90, "=")]),
        # a duration and an article number are not targets (made up)
        ("Mục tiêu đến năm 2030: trong 5 năm, theo Điều 15, tăng thu nhập 7%/năm.",
         [(2030, 7, "=")]),
    ],
)
def test_target_rules(text: str, expected: list[tuple[int, float, str]]) -> None:
    assert [(t.year, t.value, t.comparator) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "có trách nhiệm phối hợp" with no partner: the subject supports (Luật 64/2025/QH15,
        # Điều 25.2)
        ("Thường trực Hội đồng Dân tộc, Thường trực Ủy ban của Quốc hội có trách nhiệm phối "
         "hợp cho ý kiến về nội dung trong tờ trình.",
         [("hoi-dong-dan-toc", "coordinate", "Thường trực"),
          ("cac-uy-ban-cua-quoc-hoi", "coordinate", "Thường trực")]),
        # … with a partner it acts (NQ 02-NQ/TW III.5.4)
        ("Các cấp uỷ phối hợp thường xuyên, chặt chẽ với công đoàn cấp trên trong lãnh đạo.",
         [("cap-uy-cac-cap", "implement", None), ("cong-doan-cap-tren", "coordinate", None)]),
        # "Giao X …, chỉ đạo Y rà soát": X directs, so leads (TB 75-TB/TW)
        ("Giao Đảng ủy Chính phủ tiếp thu ý kiến Bộ Chính trị, chỉ đạo Bộ Nội vụ rà soát kỹ "
         "lưỡng các quy định.",
         [("dang-uy-chinh-phu", "lead", None), ("bo-noi-vu", "implement", None)]),
        # the opening ends at "thì" (HD 45-HD/BTCTW I.2.2)
        ("Theo ủy quyền của Ban Bí thư, thì Ban Thường vụ Đảng ủy Mặt trận Tổ quốc, các đoàn "
         "thể Trung ương xem xét, quyết định việc giới thiệu.",
         [("dang-uy-mat-tran-to-quoc-cac-doan-the-trung-uong", "implement", None)]),
        # "Cán bộ diện … quản lý" names whom a rule covers, not a subject (HD 45-HD/BTCTW)
        ("Cán bộ diện Bộ Chính trị, Ban Bí thư quản lý được cấp có thẩm quyền cho nghỉ công "
         "tác.", []),
        # a list that goes on after "phối hợp với X," is not a subject (KH 3260-KH/ĐĐQH15)
        ("Định kỳ, Thường trực Ủy ban Khoa học của Quốc hội chủ trì, phối hợp với Hội đồng Dân "
         "tộc, Văn phòng Quốc hội giúp triển khai thực hiện Kế hoạch này.",
         [("hoi-dong-dan-toc", "coordinate", None), ("van-phong-quoc-hoi", "coordinate", None)]),
    ],
)
def test_fourth_round_rules(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert sorted(roles(text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a subject of offices, some unregistered, up to its duty words (KH 3260-KH/ĐĐQH15
        # III.1): members that open with a body or its office; not a body inside a member
        ("Các thành viên Đảng đoàn Quốc hội, Tổ trưởng Tổ đảng ở Thường trực Hội đồng Dân "
         "tộc, các Ủy ban của Quốc hội, Chủ nhiệm Văn phòng Quốc hội, Lãnh đạo các cơ quan "
         "thuộc Ủy ban UBTVQH, Trưởng Đoàn đại biểu Quốc hội có trách nhiệm lãnh đạo, chỉ đạo "
         "triển khai Kế hoạch này.",
         [("dang-doan-quoc-hoi", "lead", "thành viên"),
          ("van-phong-quoc-hoi", "lead", "Chủ nhiệm")]),
        # the verb after the duty words is read even when it is a function word elsewhere
        # ("cung cấp", "thi hành"; Luật Công đoàn 2024 Điều 23.7); "Bộ, cơ quan ngang Bộ" is
        # the ministries' collective since the seventh round read that spelling
        ("Chính phủ, Bộ, cơ quan ngang Bộ, chính quyền địa phương có trách nhiệm cung cấp "
         "thông tin, tài liệu cần thiết.",
         [("chinh-phu", "implement", None),
          ("cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu", "implement", None),
          ("chinh-quyen-dia-phuong", "implement", None)]),
    ],
)
def test_a_subject_of_offices_reaches_its_duty_words(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert sorted(roles(text)) == sorted(expected)


def test_a_steering_committee_named_ban_chi_dao_orders_nothing() -> None:
    # QĐ 170/QĐ-BCĐNNDL (2025): "Ban Chỉ đạo Nhà nước về Du lịch" is a name, not
    # "chỉ đạo Nhà nước"
    assert roles("Quy chế này áp dụng đối với các thành viên Ban Chỉ đạo và các bộ, ngành, "
                 "địa phương, cá nhân, tổ chức có liên quan.") == []
    assert roles("Trưởng Ban Chỉ đạo Nhà nước về Du lịch ban hành Quy chế hoạt động.") == []
