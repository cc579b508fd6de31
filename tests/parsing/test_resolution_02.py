"""Resolution 02-NQ/TW, node by node: the founding document's required structure."""

from __future__ import annotations

import pytest

from parsers import Document

# (path, kind, role, what the node starts with: heading if it has one, else its text)
REQUIRED = [
    ("I", "section", "situation", "TÌNH HÌNH VÀ NGUYÊN NHÂN"),
    ("I.1", "item", "situation", "Trải qua hơn 90 năm"),
    ("I.2", "item", "situation", "Tuy nhiên, tổ chức và hoạt động"),
    ("I.3", "item", "situation", "Những hạn chế, yếu kém nêu trên"),
    ("I.p1", "paragraph", "situation", "Thời gian tới, số lượng công nhân"),  # unnumbered
    ("II", "section", None, "QUAN ĐIỂM CHỈ ĐẠO VÀ MỤC TIÊU"),  # names two roles: none
    ("II.1", "item", "viewpoint", "Quan điểm chỉ đạo"),
    ("II.1.3", "bullet", "viewpoint", "Xây dựng Công đoàn Việt Nam vững mạnh là góp phần"),
    ("II.1.5", "bullet", "viewpoint", "Đổi mới có trọng tâm, trọng điểm"),
    ("II.2", "item", "objective", "Mục tiêu"),
    ("II.2.a", "point", "objective", "Mục tiêu tổng quát"),
    ("II.2.b", "point", "objective", "Mục tiêu cụ thể"),
    ("II.2.b.2025", "milestone", "objective", "Đến năm 2025:"),
    ("II.2.b.2025.1", "bullet", "objective", "Phân đầu có 13,5 triệu đoàn viên"),  # OCR kept
    ("II.2.b.2030", "milestone", "objective", "Đến năm 2030:"),
    ("II.2.b.2045", "milestone", "objective", "Đến năm 2045:"),
    ("III", "section", "task", "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"),
    ("III.4", "item", "task", "Xây dựng nguồn tài chính đủ mạnh"),
    ("III.4.2", "bullet", "task", "Sử dụng tiết kiệm, hiệu quả tài chính"),
    ("III.6", "item", "task", "Hoàn thiện chính sách, pháp luật"),  # under "##" in the source
    ("IV", "section", "implementation", "TỔ CHỨC THỰC HIỆN"),  # under "####" in the source
    ("IV.4", "item", "implementation", "Ban Tổ chức Trung ương chủ trì"),
    ("IV.5", "item", "implementation", "Ban Tuyên giáo Trung ương chủ trì"),
    ("p1", "paragraph", "closing", "Nghị quyết này phổ biến đến chi bộ."),
]


@pytest.mark.parametrize(("path", "kind", "role", "start"), REQUIRED)
def test_required_nodes(nq02: Document, path: str, kind: str, role: str | None, start: str):
    node = nq02.find(path)
    assert node is not None, path
    assert (node.kind, node.role) == (kind, role)
    assert (node.heading or node.text).startswith(start)
    assert node.id == f"02-nq-tw-2021/{path}"


def test_top_level_is_four_sections_and_the_closing_sentence(nq02: Document):
    assert [p.path for p in nq02.provisions] == ["I", "II", "III", "IV", "p1"]


# (parent path, expected child paths)
COUNTS = [
    ("I", ["I.1", "I.2", "I.3", "I.p1"]),
    ("II.1", [f"II.1.{i}" for i in range(1, 6)]),  # five viewpoints
    ("II.2.b", ["II.2.b.2025", "II.2.b.2030", "II.2.b.2045"]),
    ("II.2.b.2025", ["II.2.b.2025.1", "II.2.b.2025.2"]),
    ("II.2.b.2045", []),  # one paragraph, held as the milestone's text
    ("III.1", [f"III.1.{i}" for i in range(1, 4)]),
    ("III.2", [f"III.2.{i}" for i in range(1, 5)]),
    ("III.3", [f"III.3.{i}" for i in range(1, 8)]),
    ("III.4", [f"III.4.{i}" for i in range(1, 4)]),
    ("III.5", [f"III.5.{i}" for i in range(1, 6)]),
    ("III.6", [f"III.6.{i}" for i in range(1, 6)]),
    ("IV", [f"IV.{i}" for i in range(1, 7)]),
]


@pytest.mark.parametrize(("parent", "children"), COUNTS)
def test_children(nq02: Document, parent: str, children: list[str]):
    node = nq02.find(parent)
    assert node is not None
    assert [c.path for c in node.children] == children


# Paragraphs cut by page breaks are joined with one space, never swallowing a label.
JOINS = [
    ("I.2", "giáo dục đoàn viên, người lao động chưa cao"),
    ("III.2.2", "tinh gọn, hiệu quả; công đoàn cơ sở"),
    ("III.3.4", "quan tâm đến cán bộ công đoàn cơ sở"),
    ("III.5.1", "của tổ chức công đoàn. Các cấp uỷ"),
    ("III.6.1", "của người lao động. Cơ quan quản lý"),
]


@pytest.mark.parametrize(("path", "joined"), JOINS)
def test_page_break_joins(nq02: Document, path: str, joined: str):
    node = nq02.find(path)
    assert node is not None and joined in node.text


def test_no_noise_in_provisions(nq02: Document):
    noise = ["Người ký", "bochintri", "ĐẾN", "Số 64", "Chuyển:", "Lưu hồ sơ", "SAO LỤC",
             "25-BS/VPTU", "Nơi nhận", "Nguyễn Phú Trọng", "**", "\\*", "#"]
    for node in nq02.walk():
        for word in noise:
            assert word not in f"{node.heading or ''} {node.text}", (node.path, word)


def test_metadata(nq02: Document):
    assert (nq02.id, nq02.number, nq02.type) == ("02-nq-tw-2021", "02-NQ/TW", "Nghị quyết")
    assert (nq02.issuer, nq02.date, nq02.place) == ("Bộ Chính trị", "2021-06-12", "Hà Nội")
    assert nq02.party_header == "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"
    assert nq02.title == (
        "về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới"
    )
    [signer] = nq02.signers
    assert (signer.name, signer.title, signer.on_behalf_of) == (
        "Nguyễn Phú Trọng", "Tổng Bí thư", "T/M Bộ Chính trị"
    )
    assert nq02.recipients[0] == "Các tỉnh ủy, thành ủy"
    assert nq02.recipients[-1] == "Lưu Văn phòng Trung ương Đảng"
    assert len(nq02.recipients) == 5


def test_copy_certificate_is_metadata(nq02: Document):
    [copy] = nq02.copies
    assert (copy.kind, copy.number, copy.date, copy.place) == (
        "Sao lục", "25-BS/VPTU", "2021-08-11", "Điện Biên"
    )
    assert copy.issuer == "TỈNH ỦY ĐIỆN BIÊN, VĂN PHÒNG"
    assert len(copy.recipients) == 6
    assert copy.signer is not None and copy.signer.name == "Trần Cao Cường"


def test_stamp_and_e_signature_are_annotations(nq02: Document):
    kinds = {a.kind: a for a in nq02.annotations}
    assert dict(kinds["e_signature"].fields)["Email"] == "bochintri@vptw.dcs.vn"
    assert kinds["incoming_stamp"].text.startswith("VĂN PHÒNG TỈNH ỦY ĐIỆN BIÊN\nĐẾN")


def test_ocr_suspects_are_flagged_not_corrected(nq02: Document):
    node = nq02.find("II.2.b.2025.1")
    assert node is not None
    assert node.text.startswith("Phân đầu")  # as printed
    assert "suspected_ocr:Phân đầu→Phấn đấu" in node.flags
    assert any(w.code == "suspected_ocr" for w in nq02.warnings)  # "CHỖ VĂN PHÒNG"
