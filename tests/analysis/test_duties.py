"""Roles of bodies (parsers/duties/), pinned on 02-NQ/TW and checked against the print."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nq02 import ROOT, text_of

from parsers.bodies import load_registry
from parsers.duties import assign_roles, clauses

REGISTRY = load_registry(ROOT / "corpus" / "bodies.yaml")


def roles(text: str, provision_role: str | None = None) -> list[tuple[str, str]]:
    return [
        (d.body_id, d.role) for d in assign_roles(text, REGISTRY, provision_role=provision_role)
    ]


# Every assignment of section IV (lines 159–171), as a reader of the print assigns it.
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (  # IV.1: six classes of Party bodies told to study and implement; "…, quán triệt,
            # chỉ đạo xây dựng chương trình, kế hoạch …": they also lead (ninth round)
            "IV.1",
            [
                ("tinh-uy-thanh-uy", "implement"),
                ("cac-ban-dang", "implement"),
                ("dang-doan", "implement"),
                ("ban-can-su-dang", "implement"),
                ("dang-uy-truc-thuoc-trung-uong", "implement"),
                ("dang-uy-don-vi-su-nghiep-trung-uong", "implement"),
                ("tinh-uy-thanh-uy", "lead"),
                ("cac-ban-dang", "lead"),
                ("dang-doan", "lead"),
                ("ban-can-su-dang", "lead"),
                ("dang-uy-truc-thuoc-trung-uong", "lead"),
                ("dang-uy-don-vi-su-nghiep-trung-uong", "lead"),
            ],
        ),
        # IV.2: "Đảng đoàn Quốc hội lãnh đạo, chỉ đạo việc sửa đổi … Luật Công đoàn"
        ("IV.2", [("dang-doan-quoc-hoi", "lead")]),
        (  # IV.3: leads; "tăng cường phối hợp hoạt động với Tổng Liên đoàn" after a ";"
            "IV.3",
            [
                ("ban-can-su-dang-chinh-phu", "lead"),
                ("tong-lien-doan-lao-dong-viet-nam", "coordinate"),
            ],
        ),
        (  # IV.4: "chủ trì, phối hợp với": one lead, one coordinate
            "IV.4",
            [
                ("ban-to-chuc-trung-uong", "lead"),
                ("dang-doan-tong-lien-doan-lao-dong-viet-nam", "coordinate"),
            ],
        ),
        (  # IV.5: two leads, one per sentence, each with the same coordinator
            "IV.5",
            [
                ("ban-tuyen-giao-trung-uong", "lead"),
                ("dang-doan-tong-lien-doan-lao-dong-viet-nam", "coordinate"),
                ("hoc-vien-chinh-tri-quoc-gia-ho-chi-minh", "lead"),
                ("dang-doan-tong-lien-doan-lao-dong-viet-nam", "coordinate"),
            ],
        ),
        (  # IV.6: lead, two coordinators ("… và các cơ quan liên quan"), two reported to
            "IV.6",
            [
                ("ban-dan-van-trung-uong", "lead"),
                ("dang-doan-tong-lien-doan-lao-dong-viet-nam", "coordinate"),
                ("cac-co-quan-lien-quan", "coordinate"),
                ("bo-chinh-tri", "report_to"),
                ("ban-bi-thu", "report_to"),
            ],
        ),
    ],
)
def test_section_iv_assignments(path, expected):
    assert roles(text_of(path), "implementation") == expected


# The bullets of section III that name a body (lines 85–155).
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # "… công đoàn tổng công ty … trực thuộc Tổng Liên đoàn": named, not told to act
        (
            "III.2.2",
            [
                ("cong-doan-nganh", "mention"),
                ("cong-doan-co-so", "mention"),
                ("tong-lien-doan-lao-dong-viet-nam", "mention"),
            ],
        ),
        (  # "Cơ cấu cấp uỷ các cấp có …" (object); "Cấp uỷ thống nhất với công đoàn cấp trên"
            "III.2.3",
            [
                ("cap-uy-cac-cap", "mention"),
                ("cap-uy-cac-cap", "implement"),
                ("cong-doan-cap-tren", "mention"),
            ],
        ),
        # "… cơ chế giao biên chế cho Công đoàn": the beneficiary
        ("III.2.4", [("cong-doan-viet-nam", "mention")]),
        # "Công đoàn các cấp căn cứ …": the subject acts
        ("III.3.1", [("cong-doan-cac-cap", "implement"), ("cong-doan-viet-nam", "mention")]),
        (  # "của Đảng" is named; "Các cấp uỷ, tổ chức đảng thường xuyên lãnh đạo, định hướng"
            "III.5.1",
            [
                ("dang-cong-san-viet-nam", "mention"),
                ("cac-cap-uy-to-chuc-dang", "lead"),  # one collective subject (issue 11)
            ],
        ),
        (  # all six are the audience of "tuyên truyền, phổ biến để …", not actors
            "III.5.2",
            [
                ("cac-cap-uy-to-chuc-dang", "mention"),
                ("chinh-quyen-cac-cap", "mention"),
                ("mat-tran-to-quoc-viet-nam", "mention"),
                ("cac-to-chuc-chinh-tri-xa-hoi", "mention"),
                ("cong-doan-viet-nam", "mention"),
            ],
        ),
        (  # "Ở những nơi chưa có tổ chức đảng, Đảng lãnh đạo tổ chức công đoàn …"
            "III.5.3",
            [
                ("to-chuc-dang", "mention"),
                ("to-chuc-dang", "mention"),
                ("to-chuc-dang", "mention"),
                ("dang-cong-san-viet-nam", "lead"),
                ("cong-doan-cap-tren", "mention"),
                ("cong-doan-cac-cap", "mention"),
                ("cong-doan-co-so", "mention"),
                ("dang-cong-san-viet-nam", "mention"),
                ("nha-nuoc", "mention"),
                ("dang-cong-san-viet-nam", "mention"),
            ],
        ),
        (  # "Các cấp uỷ phối hợp thường xuyên, chặt chẽ với công đoàn cấp trên"
            "III.5.4",
            [
                ("cap-uy-cac-cap", "implement"),
                ("cong-doan-cap-tren", "coordinate"),
                ("cap-uy-cac-cap", "mention"),
            ],
        ),
        # "Cơ quan quản lý nhà nước tích cực phối hợp với công đoàn" (lower case: no body)
        ("III.6.1", [("co-quan-nha-nuoc", "implement")]),
        (  # the example of a subject list; then "Người đứng đầu chính quyền các cấp …"
            "III.6.2",
            [
                ("chinh-phu", "implement"),
                ("cac-bo-nganh-lien-quan", "implement"),
                ("chinh-quyen-cac-cap", "implement"),
                ("chinh-quyen-cac-cap", "implement"),
                # "Người đứng đầu chính quyền các cấp định kỳ đối thoại và chỉ đạo giải quyết
                # …": they also lead (ninth round)
                ("chinh-quyen-cac-cap", "lead"),
            ],
        ),
        # "Nhà nước, chính quyền các cấp có cơ chế huy động …"
        ("III.6.3", [("nha-nuoc", "implement"), ("chinh-quyen-cac-cap", "implement")]),
        # "… gia nhập Công đoàn Việt Nam": named
        ("III.6.4", [("cong-doan-viet-nam", "mention")]),
        (  # "Công đoàn chủ động phối hợp với Mặt trận Tổ quốc, các tổ chức chính trị - xã hội"
            "III.6.5",
            [
                ("cong-doan-viet-nam", "implement"),
                ("mat-tran-to-quoc-viet-nam", "coordinate"),
                ("cac-to-chuc-chinh-tri-xa-hoi", "coordinate"),
                # "…; phối hợp tiến hành giám sát và phản biện xã hội": no partner, it helps
                # (ninth round)
                ("cong-doan-viet-nam", "coordinate"),
            ],
        ),
    ],
)
def test_section_iii_bodies(path, expected):
    assert roles(text_of(path), "task") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 57-NQ/TW IV.6: implement + coordinate + two reported to after "báo cáo kết quả với"
        (
            "Văn phòng Trung ương Đảng phối hợp với Ban Kinh tế Trung ương theo dõi, kiểm tra; "
            "định kỳ 6 tháng báo cáo kết quả với Ban Chỉ đạo Trung ương và Bộ Chính trị.",
            [
                ("van-phong-trung-uong-dang", "implement"),
                ("ban-kinh-te-trung-uong", "coordinate"),
                (
                    "ban-chi-dao-trung-uong-ve-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-va-chuyen-doi-so",
                    "report_to",
                ),
                ("bo-chinh-tri", "report_to"),
            ],
        ),
        # 69-KL/TW: two subjects, "chỉ đạo" alone is a lead
        (
            "Đảng đoàn Quốc hội, Ban cán sự đảng Chính phủ chỉ đạo rà soát, sửa đổi.",
            [("dang-doan-quoc-hoi", "lead"), ("ban-can-su-dang-chinh-phu", "lead")],
        ),
        # 03/NQ-CP III.4: two leads, a class coordinates, two reported to
        (
            "Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông chủ trì, phối hợp với các "
            "bộ, ngành, địa phương theo dõi, kịp thời báo cáo và kiến nghị Chính phủ, Thủ tướng "
            "Chính phủ các biện pháp cần thiết.",
            [
                ("bo-khoa-hoc-va-cong-nghe", "lead"),
                ("bo-thong-tin-va-truyen-thong", "lead"),
                ("cac-bo-nganh-dia-phuong", "coordinate"),
                ("chinh-phu", "report_to"),
                ("thu-tuong-chinh-phu", "report_to"),
            ],
        ),
        # an opening adverbial after a label, then the subject
        (
            "1. Trên cơ sở Nghị quyết, Chương trình hành động của Chính phủ, các bộ, cơ quan "
            "ngang bộ, cơ quan thuộc Chính phủ theo chức năng xây dựng kế hoạch",
            [
                ("chinh-phu", "mention"),
                ("cac-bo-co-quan-ngang-bo-co-quan-thuoc-chinh-phu", "implement"),
            ],
        ),
        # passive: "do Bộ X chủ trì"
        ("Đề án do Bộ Công an chủ trì xây dựng.", [("bo-cong-an", "lead")]),
        # Công điện style: the roles phrase "theo chức năng, nhiệm vụ, thẩm quyền" before
        # "chủ trì"; "các Bộ, cơ quan liên quan" is a class
        (
            "Bộ Quốc phòng, Bộ Công an theo chức năng, nhiệm vụ, thẩm quyền chủ trì, phối hợp "
            "với các Bộ, cơ quan liên quan và các địa phương:",
            [
                ("bo-quoc-phong", "lead"),
                ("bo-cong-an", "lead"),
                ("cac-bo-co-quan-lien-quan", "coordinate"),
                ("cac-dia-phuong", "coordinate"),
            ],
        ),
        # a subject over a list of tasks: "X: a) …"
        (
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: a) Theo dõi sát diễn biến",
            [("uy-ban-nhan-dan-cap-tinh", "implement")],
        ),
        # the one who orders is not told to act; the one ordered is
        (
            "Thủ tướng Chính phủ yêu cầu Bộ Tài chính khẩn trương rà soát.",
            [("thu-tuong-chinh-phu", "mention"), ("bo-tai-chinh", "implement")],
        ),
        ("Giao Bộ Công an chủ trì xây dựng đề án.", [("bo-cong-an", "lead")]),
        # "phối hợp" without "với"
        (
            "Bộ Y tế phối hợp các cơ quan liên quan kiểm tra.",
            [
                ("bo-y-te", "implement"),
                ("cac-co-quan-lien-quan", "coordinate"),
            ],
        ),
        # a department named after its ministry leads, not the ministry
        ("Cục Tài chính Bộ Quốc phòng chủ trì thẩm định.", [("bo-quoc-phong", "mention")]),
        # a statement, not an order: "đã"
        ("Công đoàn Việt Nam đã trưởng thành về mọi mặt.", [("cong-doan-viet-nam", "mention")]),
        # "chương trình" is not "trình" (submit to)
        ("Xây dựng chương trình Chính phủ số.", []),
        # "trình" is: submit to the Prime Minister
        ("Xây dựng, trình Thủ tướng Chính phủ ban hành.", [("thu-tuong-chinh-phu", "report_to")]),
        # "phối hợp giữa … với" is a noun phrase (a heading), nobody is told to coordinate
        (
            "Nâng cao hiệu quả phối hợp giữa các cơ quan nhà nước, Mặt trận Tổ quốc với công đoàn",
            [("co-quan-nha-nuoc", "mention"), ("mat-tran-to-quoc-viet-nam", "mention")],
        ),
    ],
)
def test_roles_in_other_documents(text, expected):
    assert roles(text) == expected


def test_roles_from_table_columns():
    text = (
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả |\n"
        "|---|---|---|---|---|\n"
        "| 1. | Xây dựng, trình Thủ tướng Chính phủ ban hành chương trình | Bộ Thông tin và "
        "Truyền thông | Ban Tuyên giáo Trung ương; các bộ, ngành, địa phương; VTV | Quyết định |\n"
    )
    assert roles(text) == [
        ("thu-tuong-chinh-phu", "report_to"),  # from the task's own wording
        ("bo-thong-tin-va-truyen-thong", "lead"),  # the chủ trì column
        ("ban-tuyen-giao-trung-uong", "coordinate"),  # the phối hợp column
        ("cac-bo-nganh-dia-phuong", "coordinate"),
        ("dai-truyen-hinh-viet-nam", "coordinate"),
    ]


def test_a_table_cell_is_read_on_its_own():
    # 03/NQ-CP annex II, row 37: the result cell has its own subject and verb
    text = (
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả |\n"
        "| 37. | Rà soát các quy định pháp luật | Các bộ, ngành | Bộ Tư pháp, các bộ, ngành | "
        "Bộ Tư pháp tổng hợp, báo cáo, đề xuất Thủ tướng Chính phủ phương án |\n"
    )
    assert roles(text) == [
        ("cac-bo-nganh-lien-quan", "lead"),
        ("bo-tu-phap", "coordinate"),
        ("cac-bo-nganh-lien-quan", "coordinate"),
        ("bo-tu-phap", "implement"),
        ("thu-tuong-chinh-phu", "report_to"),
    ]


def test_a_situation_assigns_nothing():
    text = text_of("IV.4")
    assert {r for _, r in roles(text, "situation")} == {"mention"}


def test_evidence_is_the_deciding_span():
    text = text_of("IV.6")
    duties = assign_roles(text, REGISTRY, provision_role="implementation")
    evidence = {d.body_id: d.evidence for d in duties}
    assert evidence["ban-dan-van-trung-uong"] == "Ban Dân vận Trung ương chủ trì"
    assert evidence["bo-chinh-tri"] == "báo cáo Bộ Chính trị, Ban Bí thư"
    assert evidence["cac-co-quan-lien-quan"] == (
        "phối hợp với Đảng đoàn Tổng Liên đoàn Lao động Việt Nam và các cơ quan liên quan"
    )
    for d in duties:
        assert text[d.evidence_start : d.evidence_end] == d.evidence
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A làm. B làm; C làm", ["A làm.", " B làm;", " C làm"]),  # . and ; then a space
        ("13,5 triệu; 02-NQ/TW. Tiếp", ["13,5 triệu;", " 02-NQ/TW.", " Tiếp"]),
        ("Luật số 12.2012 vẫn là một", ["Luật số 12.2012 vẫn là một"]),  # no space: no end
        ("dòng một\ndòng hai", ["dòng một\n", "dòng hai"]),  # a line end ends a clause
        ("| Bộ Y tế | làm |", ["|", " Bộ Y tế |", " làm |"]),  # so does a table cell bar
    ],
)
def test_clauses(text, expected):
    assert [text[s:e] for s, e in clauses(text)] == expected


@given(st.text(max_size=300))
def test_never_crashes(text):
    for d in assign_roles(text, REGISTRY):
        assert d.role in ("lead", "coordinate", "implement", "report_to", "mention")
        assert text[d.evidence_start : d.evidence_end] == d.evidence


_VERB_WORDS = ["chu", "tri", "phoi", "hop", "giao", "cho", "yeu", "cau", "de", "nghi", "chi",
               "thi", "dao", "keu", "goi", "bao", "cao", "trinh", "gui", "ban", "duoc", "tiep",
               "chuong", "qua", "cac", "bo", "x", ""]


@given(st.lists(st.sampled_from(_VERB_WORDS), max_size=12))
def test_roles_are_read_only_at_trigger_words(words):
    """clause_duties steps over words outside _TRIGGERS: no test of its loop holds there."""
    from parsers.duties.classify import _TRIGGERS
    from parsers.duties.tokens import Item
    from parsers.duties.verbs import is_report, order_length

    items = [Item(w, 3 * k, 3 * k + 2) for k, w in enumerate(words)]
    for i, item in enumerate(items):
        if item.word not in _TRIGGERS:
            assert item.word not in ("chu", "phoi")
            assert order_length(items, i) == 0 and not is_report(items, i)
