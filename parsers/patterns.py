"""Named regular expressions for the labels of Vietnamese legal and Party texts.

Each pattern is matched against one cleaned block (markup already removed) and is shown
with a line from the corpus it is meant for.
"""

from __future__ import annotations

import re

ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{1,3})|X{1,3}V?|X{0,3}V)"

# "I- TÌNH HÌNH VÀ NGUYÊN NHÂN", "II. QUAN ĐIỂM", "IV- TỔ CHỨC THỰC HIỆN". A dot before a
# digit numbers inside the section: "II.1", "III.1.2" (a programme's task table, Quyết định
# phê duyệt Chương trình phát triển Chính phủ số, 2025) are not section II or III again.
SECTION = re.compile(rf"^(?P<label>{ROMAN})\s*(?:[-–:]|\.(?!\d))\s*(?P<rest>\S.*)$", re.S)

# "*I) Xét duyệt nhiệm vụ đổi mới sáng tạo*", "*II) Thẩm định kinh phí …*": a Roman numeral
# closed by a parenthesis, printed in italics inside a procedure's step (the procedures a
# province publishes under Nghị định 268/2025/NĐ-CP): a heading inside the item it is
# printed in, over the list that restarts under it. Only emphasized: "(hạng" / "II) lên
# …" is a wrapped grade.
PAREN_SECTION = re.compile(rf"^(?P<label>{ROMAN})\)\s*(?P<rest>[^\W\d_a-zđ].*)$", re.S)

# "Phần thứ nhất", "PHẦN THỨ HAI"
PART = re.compile(
    r"^(?:Phần|PHẦN)\s+(?:thứ|THỨ)\s+(?P<label>[^\W\d_]+)\b[.:]?\s*(?P<rest>.*)$", re.S
)

# "A- TÌNH HÌNH …", "B. NỘI DUNG TỰ ĐÁNH GIÁ, XẾP LOẠI" (Mẫu 01 of Hướng dẫn 43-HD/BTCTW),
# "PHẦN A", "Phần I": a part marked by a capital letter or a Roman numeral, above the
# Roman sections (I-, II-) that restart in each part. Letters stop at H: "I." is a section.
# A dash needs a space after it: "E-mail:" is a word.
LETTERED_PART = re.compile(r"^(?P<label>[A-H])\s*(?:\.|[-–]\s)\s*(?P<rest>\S.*)$", re.S)
NAMED_PART = re.compile(
    rf"^(?:Phần|PHẦN)\s+(?P<label>[A-H]|{ROMAN})\b\s*[-–.:]?\s*(?P<rest>.*)$", re.S
)

# "Chương I", "Chương II. NHỮNG QUY ĐỊNH CHUNG", "CHƯƠNG 3"
CHAPTER = re.compile(
    rf"^(?:Chương|CHƯƠNG|Chapter|CHAPTER)\s+(?P<label>{ROMAN}|\d{{1,3}})\b[.:]?\s*(?P<rest>.*)$",
    re.S,
)

# "Mục 1. QUYỀN NHÂN THÂN", "MỤC 2"
SUBCHAPTER = re.compile(r"^(?:Mục|MỤC)\s+(?P<label>\d{1,3})\b[.:]?\s*(?P<rest>.*)$", re.S)

# "Điều 5. Quyền của người lao động", "Điều 12a.", "Điều 1." (bold, 03/NQ-CP). The dot is
# required: "Điều 6 của Nghị định này" wrapped onto a new line is a reference, not an article.
# Some conversions print Ð (U+00D0, eth) for Đ: "Ðiều 68." English translations that
# legal sites publish print "Chapter II", "Article 5." (Nghị định 12/2025 in English).
ARTICLE = re.compile(
    r"^(?:[ĐÐ]iều|[ĐÐ]IỀU|Article|ARTICLE)\s+(?P<label>\d{1,4}[a-zđ]?)\s*[.:](?:\s*(?P<rest>.*))?$",
    re.S,
)

# "1. Trải qua hơn 90 năm…", "1.2. Phát triển…", "3) …", "2- Các cấp uỷ …" (the items of
# older Party resolutions)
# (a dot followed by a digit is a decimal or a file name: "11.1", "91.2015.QH13.P1.pdf";
# a dash without a space after it a range, a date or a number: "1-2 năm", "15-6-2025",
# "212-KL/TW"; a number after the dash a range wrapped onto the line: "101 - 200 kWh")
NUMBERED = re.compile(
    r"^(?P<label>\d{1,3}(?:\.\d{1,3}){0,3})(?:\.(?!\d)|\)|\s?[-–]\s(?!\d))\s*(?P<rest>\S.*)$",
    re.S,
)

# Letters of points in order: Vietnamese has no f, j, w, z; đ follows d.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

# "a) Mục tiêu tổng quát", "đ) …"
LETTERED = re.compile(r"^(?P<label>[a-zđ])\)\s*(?P<rest>.*)$", re.S)

# "a. Nội dung cắt giảm, đơn giản hóa: …", "b. Lý do: …": a point printed with a dot (a
# crawled plan of 2025 simplifying administrative procedures, each procedure "1. Tên thủ
# tục …" with its points a.-d.). A space and a word must follow: "v.v." is no label.
DOTTED_LETTERED = re.compile(r"^(?P<label>[a-zđ])\.\s+(?P<rest>[^\W\d_].*)$", re.S)

# "b.1) Tổng cục Hải quan bố trí bộ phận hỗ trợ …", "d.2) …": a sub-point of a point
# (Thông tư 39/2018/TT-BTC, Nghị định 239/2025/NĐ-CP). The dot is required: "m3)" at the
# start of a wrapped line closes "(m3)".
SUBPOINT = re.compile(r"^(?P<label>[a-zđ]\.\d{1,2})\)\s*(?P<rest>\S.*)$", re.S)

# "a.1. Xử lý khoản thuế hoãn lại phải trả": a heading under "a." in the guide to a form
# (Nghị định 236/2025/NĐ-CP, Phụ lục III, ``parsers.guides``); a dot, not a parenthesis.
DOTTED_SUBHEADING = re.compile(
    r"^(?P<letter>[a-zđ])\.(?P<number>\d{1,2})\.\s+(?P<rest>[^\W\d_].*)$", re.S
)

# "(1) Công tác tham mưu …", "(2) Duy trì nền nếp, …": an enumeration inside a Party item
# (07-KL/VPTW). Only at the start of a block: "(1)" inside a sentence is a reference.
ENUMERATED = re.compile(r"^\((?P<label>\d{1,2})\)\s*(?P<rest>\S.*)$", re.S)

# "Mẫu số 01", "Mẫu số Ia: nội dung hợp đồng mẫu …", "MẪU SỐ 02/TB": a form inside an annex
# (Nghị định 96/2024/NĐ-CP). Each form restarts its own numbering. "MẪU BÁO CÁO …" (no
# number) is a title, not a form label. A code of capitals before the number is part of
# it: "Mẫu số PC05" (Nghị định 136/2020/NĐ-CP, 50/2024/NĐ-CP, 105/2025/NĐ-CP). The annex
# may be named before it: "Phụ lục I - Mẫu số 02" (Nghị định 175/2024/NĐ-CP). A space the
# source slipped after a hyphen, its code ending the line, is in the number: "Mẫu số:
# 01/TKTT- IIR" (Nghị định 236/2025/NĐ-CP).
FORM = re.compile(
    r"^(?:(?:Phụ lục|PHỤ LỤC)\s+[IVX\d]+[a-z]?\s*[-–]\s*)?"
    r"(?:Mẫu|MẪU)\s+(?:số|SỐ)?\s*:?\s*"
    r"(?P<label>(?:[A-ZĐ]{1,4}[-.]?)?\d+[\w./\-]*(?:(?<=-) [A-ZĐ]{2,5}(?=\s*$))?"
    r"|[IVX]+[a-z]?(?:[./\-]\w+)*)"
    r"(?![\w])\s*[.:]?\s*(?P<rest>.*)$",
    re.S,
)

# "HƯỚNG DẪN KÊ KHAI MẪU SỐ 01/TB-ĐVHT", "Hướng dẫn khai Tờ khai thuế TNDN bổ sung …:"
# (Nghị định 236/2025/NĐ-CP, Phụ lục III), "HƯỚNG DẪN GHI PHƯƠNG ÁN CHỮA CHÁY" (Nghị định
# 136/2020/NĐ-CP), "Hướng dẫn kê khai đơn:" (Nghị định 151/2025/NĐ-CP): the title of the
# guide to a form, printed after it in an annex (``parsers.guides``).
FORM_GUIDE = re.compile(
    r"^\**(?:HƯỚNG DẪN|Hướng dẫn)\s+(?:KÊ KHAI|KHAI|GHI|LẬP|ĐIỀN|kê khai|khai|ghi|lập|điền)"
    r"(?!\w)"
)

# "VÍ DỤ SỐ 02: VỀ PHƯƠNG PHÁP THU NHẬP": a worked example printed in an annex (Nghị định
# 226/2025/NĐ-CP, Phụ lục I), whose steps and cases ("1. Trường hợp 1:") number from 1
# again in each example. The number is required: "ví dụ số lỗ …" is a sentence.
EXAMPLE = re.compile(
    r"^(?:VÍ DỤ|Ví dụ)\s+(?:SỐ|số)\s*(?P<label>\d{1,3})\b\s*[.:]?\s*(?P<rest>.*)$", re.S
)

# "**Tên thủ" / "tục số 2**" (a province's decision publishing its procedures, each
# procedure a table cell naming its number, the procedure's name in the next cell, its
# forms numbered "Mẫu số 01" again): the head of a procedure, printed alone.
PROCEDURE = re.compile(r"^(?:Tên thủ tục|TÊN THỦ TỤC)\s+(?:số|SỐ)\s*(?P<label>\d{1,3})$")

# "* Đến năm 2025:", "Đến năm 2030:" — a milestone heading inside objectives
MILESTONE = re.compile(
    r"^[*•]?\s*(?:Đến|ĐẾN|Tầm nhìn đến|TẦM NHÌN ĐẾN)\s+(?:năm|NĂM)\s+(?P<label>\d{4})\s*:\s*$"
)

# "- Xây dựng…", "– …", "+ …", "• …"
BULLET = re.compile(r"^[-–—•+]\s*(?P<rest>\S.*)$", re.S)

# Closing formula of a Party document or a law's last sentence.
# "Nghị quyết này phổ biến đến chi bộ.", "Luật này được Quốc hội … thông qua ngày …"
CLOSING = re.compile(
    r"^(?:(?:Nghị quyết|Kết luận|Chỉ thị|Quy định|Quyết định|Hướng dẫn|Thông báo)"
    r" này (?:phổ biến|được phổ biến)|(?:Bộ luật|Luật) này (?:đã )?được Quốc hội .* thông qua)",
    re.S,
)

# A legal site's paywall notice where a crawled page leaves text out ("Hãy đăng nhập hoặc
# đăng ký Thành viên" / "Pro tại đây để xem toàn bộ văn bản tiếng Anh.", English
# translations of 2025 decrees as crawled): the numbering after it resumes at a label the
# reader cannot place, often one already printed before the gap.
GAP = re.compile(r"^Hãy đăng nhập hoặc đăng ký Thành viên\b")
GAP_CONTINUES = re.compile(r"^Pro tại đây để xem toàn bộ văn bản\b")

TERMINAL = frozenset(".:;!?…")
