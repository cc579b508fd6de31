"""Recognizers for the printed furniture around a document's text: header, stamps, signature.

Each ``FIELD_*`` pattern matches one whole block. ``field_of(block_text)`` names the
first that matches; ``parsers.zones`` uses the names to cut the document into header,
body and trailer, and ``parsers.metadata`` reads values out of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers import vntext

# "Người ký: Bộ Chính trị", "Email: …", "Cơ quan: …", "Thời gian ký: …" (e-signature header)
E_SIGNATURE = re.compile(r"^(?P<key>Người ký|Email|Cơ quan|Thời gian ký)\s*:\s*(?P<value>.*)$")
# "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM"
PARTY_HEADER = re.compile(r"^(?:BAN CHẤP HÀNH TRUNG ƯƠNG|ĐẢNG CỘNG SẢN VIỆT NAM)$")
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"; a table cell may
# lose the last word: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" (Thông tư 38/2015/TT-BTC as crawled)
MOTTO = re.compile(
    r"^(?:CỘNG (?:HÒA|HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT(?: NAM)?"
    r"|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)$"
)
# "Số 02-NQ/TW", "Số: 03/NQ-CP", "Luật số: 50/2024/QH15", "Số: 91/2015/QH13"
NUMBER = re.compile(
    r"^(?:(?:Luật|Bộ luật|Nghị quyết|Kết luận|Quy định|Hướng dẫn)\s+)?[Ss]ố\s*:?\s*"
    r"(?P<number>\d+[\w./\-Đđ]*[A-ZĐ][\w./\-Đđ]*)\s*$"
)
# "Số 12 - NQ/TW": the number printed with spaces around its separators (kept as printed
# in the source; the metadata number is written without them).
NUMBER_SPACED = re.compile(
    r"^[Ss]ố\s*:?\s*(?P<number>\d+(?:\s*[-/]\s*[\wĐđ.]+)+)\s*$"
)
# "Hà Nội, ngày 12 tháng 6 năm 2021"
_DATE = (
    r"(?P<place>[^\W\d][^,\d]{1,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})\.?"
)
PLACE_DATE = re.compile(rf"^{_DATE}$")
# "Số: 12/NQ-CP    Hà Nội, ngày 5 tháng 1 năm 2025": number and date on one printed line
NUMBER_DATE = re.compile(rf"^[Ss]ố\s*:?\s*(?P<number>\d+[\w./\-Đđ]*[A-ZĐ][\w./\-Đđ]*)\s+{_DATE}$")
# "NGHỊ QUYẾT", "NGHỊ QUYẾT CỦA BỘ CHÍNH TRỊ", "LUẬT", "BỘ LUẬT", "KẾT LUẬN CỦA BỘ CHÍNH TRỊ, …"
DOC_TYPES = {
    "NGHỊ QUYẾT": "Nghị quyết",
    "BỘ LUẬT": "Bộ luật",
    "LUẬT": "Luật",
    "KẾT LUẬN": "Kết luận",
    "QUY ĐỊNH": "Quy định",
    "HƯỚNG DẪN": "Hướng dẫn",
    "NGHỊ ĐỊNH": "Nghị định",
    "THÔNG TƯ": "Thông tư",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "THÔNG BÁO": "Thông báo",
    "THÔNG BÁO KẾT LUẬN": "Thông báo",  # 432-TB/VPTW: "THÔNG BÁO KẾT LUẬN / CỦA ĐỒNG CHÍ …"
    "KẾ HOẠCH": "Kế hoạch",
}
TYPE_LINE = re.compile(
    r"^(?P<type>" + "|".join(sorted(DOC_TYPES, key=len, reverse=True)) + r")"
    r"(?:\s+CỦA\s+(?P<issuer>[^\W\d][\w\s,]*?))?(?:\s+(?P<rest>VỀ\s.*))?$",
)
# Document types as running text writes them ("Nghị quyết số …"), longest first
# so "Bộ luật" wins over "Luật".
_TYPE_WORDS = "|".join(sorted(DOC_TYPES.values(), key=len, reverse=True))
# The document's own name as a web page prints it: "Nghị quyết số 57-NQ/TW"
WEB_TITLE = re.compile(rf"^(?:{_TYPE_WORDS})\s+số\s+(?P<number>\S+)$")
# A web page's one-line summary: "Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về …"
WEB_SUMMARY = re.compile(rf"^(?:{_TYPE_WORDS})\s+số\s+\S+\s+\(?ngày\b")
# Facts a running sentence gives about the document it introduces.
GLEAN_TYPE = re.compile(rf"\b({_TYPE_WORDS})\s+số\b")
GLEAN_ISSUER = re.compile(
    r"\bcủa\s+(Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Quốc hội|Chính phủ)\b"
)
GLEAN_TITLE = re.compile(r"\s(về\s[^.]+?)\.?$")
# Incoming-mail stamp: "ĐẾN", "Chuyển: .....", "Lưu hồ sơ ....."
STAMP = re.compile(r"^(?:ĐẾN|Chuyển\s*:.*|Lưu hồ sơ.*)$")
# An editorial lead-in that ends with this sentence: "Trân trọng giới thiệu toàn văn …"
EDITORIAL_END = re.compile(r"Trân trọng giới thiệu")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*$")
# "T/M BỘ CHÍNH TRỊ", "TM. CHÍNH PHỦ", "K/T TRƯỞNG BAN", "KT. THỦ TƯỚNG"
ON_BEHALF = re.compile(r"^(?P<mark>T/M|TM\.|K/T|KT\.|TL\.|Q\.|THAY MẶT)\s*(?P<body>.*)$")
COPY_MARK = re.compile(r"^(?:SAO LỤC|SAO Y(?: BẢN CHÍNH)?|TRÍCH SAO)$")
SIGNED = re.compile(r"^[\[(]?\s*(?:Đã ký|đã ký)\s*[\])]?$")

# Known issuers in capitals → their names as written in running text.
ISSUERS = {
    "BỘ CHÍNH TRỊ": "Bộ Chính trị",
    "BAN BÍ THƯ": "Ban Bí thư",
    "BỘ CHÍNH TRỊ, BAN BÍ THƯ": "Bộ Chính trị, Ban Bí thư",
    "BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương",
    "BAN TỔ CHỨC TRUNG ƯƠNG": "Ban Tổ chức Trung ương",
    "QUỐC HỘI": "Quốc hội",
    "CHÍNH PHỦ": "Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM": "Ngân hàng Nhà nước Việt Nam",
}
PARTY = "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"

# Bodies of the Central Committee as their header prints them under "BAN CHẤP HÀNH TRUNG
# ƯƠNG" (folded), and their names in running text. 07-KL/VPTW prints "BAN CHẤP HÀNH /
# TRUNG ƯƠNG / VĂN PHÒNG" on three lines; 45-HD/BTCTW "… / BAN TỔ CHỨC".
CENTRAL_BODIES = {
    "van phong": "Văn phòng Trung ương Đảng",
    "ban to chuc": "Ban Tổ chức Trung ương",
    "ban tuyen giao va dan van": "Ban Tuyên giáo và Dân vận Trung ương",
    "ban tuyen giao": "Ban Tuyên giáo Trung ương",
    "ban dan van": "Ban Dân vận Trung ương",
    "ban noi chinh": "Ban Nội chính Trung ương",
    "ban kinh te": "Ban Kinh tế Trung ương",
    "ban doi ngoai": "Ban Đối ngoại Trung ương",
    "ban chinh sach, chien luoc": "Ban Chính sách, chiến lược Trung ương",
    "uy ban kiem tra": "Ủy ban Kiểm tra Trung ương",
}
_CENTRAL = "ban chap hanh trung uong"


def issuer_of_block(lines: list[str]) -> str | None:
    """The issuer named by the capitals at the top left of a header, or None if unknown.

    >>> issuer_of_block(["BAN CHẤP HÀNH", "TRUNG ƯƠNG", "VĂN PHÒNG"])
    'Văn phòng Trung ương Đảng'
    >>> issuer_of_block(["BAN TỔ CHỨC TRUNG ƯƠNG"])
    'Ban Tổ chức Trung ương'
    """
    folded = vntext.fold(" ".join(lines))
    if folded.startswith(_CENTRAL):
        below = folded[len(_CENTRAL) :].strip()
        return CENTRAL_BODIES.get(below) or (None if below else "Ban Chấp hành Trung ương")
    return issuer_name(" ".join(lines)) if folded in _ISSUER_FOLDS else None


# Folded issuer names, longest first so "bo chinh tri, ban bi thu" wins over "ban bi thu".
_ISSUERS_FOLDED = sorted(
    ((vntext.fold(printed), name) for printed, name in ISSUERS.items()), key=lambda kv: -len(kv[0])
)


def issuer_name(caps: str) -> str | None:
    """``"CỦA BỘ CHÍNH TRỊ"`` or ``"T/M BỘ CHÍNH TRỊ"`` → ``"Bộ Chính trị"``."""
    folded = vntext.fold(caps)
    return next((name for key, name in _ISSUERS_FOLDED if folded.endswith(key)), None)


FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("e_signature", E_SIGNATURE),
    ("party_header", PARTY_HEADER),
    ("motto", MOTTO),
    ("number", NUMBER),
    ("number", NUMBER_SPACED),
    ("number_date", NUMBER_DATE),
    ("place_date", PLACE_DATE),
    ("type", TYPE_LINE),
    ("web_title", WEB_TITLE),
    ("web_summary", WEB_SUMMARY),
    ("stamp", STAMP),
    ("recipients", RECIPIENTS),
    ("on_behalf", ON_BEHALF),
    ("copy_mark", COPY_MARK),
    ("signed", SIGNED),
)


# The zone cutter asks again for the same blocks as it narrows a document down.
@lru_cache(maxsize=8192)
def field_of(text: str) -> str | None:
    """The name of the header field a whole block is, or None."""
    for name, pattern in FIELDS:
        if pattern.match(text):
            return name
    if len(text) < 40 and text.upper() == text and vntext.fold(text) in _ISSUER_FOLDS:
        return "issuer"
    return None


_ISSUER_FOLDS = {key for key, _ in _ISSUERS_FOLDED}


def number_of(text: str) -> str | None:
    """The number in a ``Số …`` line (``Số 02-NQ/TW`` → ``02-NQ/TW``), or None.

    >>> number_of("Số 12 - NQ/TW")
    '12-NQ/TW'
    """
    m = NUMBER.match(text) or NUMBER_SPACED.match(text) or NUMBER_DATE.match(text)
    if not m or not any(ch.isupper() for ch in m.group("number")):
        return None
    return re.sub(r"\s+", "", m.group("number"))


def iso_date(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


_LOOSE_DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:tháng\s*|/)(\d{1,2})\s*(?:năm\s*|/)(\d{4})")
# After the first part, a part may have small letters: QĐ-TTg, NĐ-CP, CT-TTg.
_LOOSE_NUMBER = re.compile(
    r"\b(\d{1,4}(?:/\d{4})?[-/][A-ZĐ]{1,6}(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9]{0,7})*)\b")


def loose_date(text: str) -> str | None:
    """The first date written as ``ngày 22/12/2024`` or ``ngày 22 tháng 12 năm 2024``."""
    m = _LOOSE_DATE.search(text)
    return iso_date(*m.groups()) if m else None


def loose_number(text: str) -> str | None:
    """The first document number in running text (``57-NQ/TW``, ``50/2024/QH15``).

    >>> loose_number("Thủ tướng Chính phủ ban hành Quyết định 2639/QĐ-TTg về việc")
    '2639/QĐ-TTg'
    """
    m = _LOOSE_NUMBER.search(text)
    return m.group(1) if m else None


def is_name(text: str) -> bool:
    """A person's name: two to five capitalized words and nothing else (``Nguyễn Phú Trọng``)."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        w.isalpha() and w[0].isupper() and not w[1:].isupper() for w in words
    )
