"""The issue-13 check set: what real laws and decrees say, decided by reading them.

Each expected answer was read from the text (the line is named where it helps), never taken
from what the code returns. ``HELD_OUT`` rows were written before running the code on them
and were not tuned to: they come from two documents the extractors never saw while being
written (Luật Điện lực 61/2024/QH15, Nghị định 182/2024/NĐ-CP) and from citation forms
typed fresh. Sources of every file: tests/fixtures/SOURCES.md.

The held-out rows' first run (before any change made after seeing them): resolver 14/14,
relations 4/9 (Luật Điện lực's Điều 79, which amends three other laws in one article, was
not read at all), effective dates 1/2, defined terms 12/12. The multi-law article, titles
with commas before their number and inserted points were then handled as general
patterns, so the relations' held-out score since (9/9) is no longer a blind one.

Effective dates, second round (dates read from headings, header text, numeric dates, and
the date after the document's own number when the header lost it): six pages picked at
random from a crawl the rules were not written on scored 6/6 on their first run; the
182/2024/NĐ-CP row, a miss before, is met since, so it no longer counts as blind.
"""

from __future__ import annotations

from typing import NamedTuple

# The documents the checks run over (besides the bundled corpus/).
FIXTURES = (
    "91-2015-QH13-bo-luat-dan-su.txt", "45-2019-QH14-bo-luat-lao-dong.txt",
    "64-2025-QH15-luat-ban-hanh-vbqppl.txt", "87-2025-QH15.txt", "239-2025-ND-CP.txt",
    "05-2025-ND-CP.txt", "29-2023-QH15-luat-kinh-doanh-bat-dong-san.txt",
    "102-2024-ND-CP.txt", "61-2024-QH15-luat-dien-luc.txt", "182-2024-ND-CP.txt",
    # effective dates read from headings, header text, numeric dates, lost header dates
    "383-QD-TW-2025.md", "45-HD-BTCTW-2025.md", "1630-QD-UBND-2025-quang-ngai.md",
    "06-2019-TT-NHNN.txt", "212-KL-TW-2025.md", "local/81-2025-QD-UBND-bac-ninh.md",
    "local/81-2025-QD-UBND-da-nang.md", *(f"effective/{name}.md" for name in (
        "036bd85f1f56f768", "994dfbc3967e5ebf", "0465063a5486d493", "cd5874640909d75c",
        # held out
        "631e2524192d7b61", "6e7f0a17bbc99fd4", "ff4de67291d44c52", "48edf4df3543bdd9",
        "f1e9ca38ca659c82", "5c600e2251eec56f")),
)


class Cite(NamedTuple):
    cite: str
    origin: str | None  # from=
    expected: str | None  # provision or document id; None: nothing in the corpus
    held_out: bool = False


CITATIONS = [
    Cite("Điều 5 BLDS", None, "91-2015-qh13/d5"),
    Cite("Điều 5 BLDS 2015", None, "91-2015-qh13/d5"),
    Cite("luật công đoàn 2024 điều 5", None, "50-2024-qh15/d5"),
    Cite("45/2019", None, "45-2019-qh14"),
    Cite("Điều 34 45/2019", None, "45-2019-qh14/d34"),
    Cite("khoản 2 Điều này", "45-2019-qh14/d34.1", "45-2019-qh14/d34.2"),
    Cite("Điều 5 của Luật này", "50-2024-qh15/d3", "50-2024-qh15/d5"),
    Cite("khoản 2 Điều 5 của Bộ luật này", "91-2015-qh13/d1", "91-2015-qh13/d5.2"),
    Cite("Điều 9 Luật số 64/2025/QH15", None, "64-2025-qh15/d9"),
    Cite("dieu 3 luat kinh doanh bat dong san", None, "29-2023-qh15/d3"),
    Cite("Điều 34 BLLĐ", None, "45-2019-qh14/d34"),
    Cite("45/2019/QH14", None, "45-2019-qh14"),
    Cite("điểm a khoản 1 Điều 35 BLLĐ", None, "45-2019-qh14/d35.1.a"),
    Cite("Điều 3 Luật ĐĐ", None, None),  # Luật Đất đai 31/2024/QH15 is not in the corpus
    Cite("khoản 3 Điều 9 Luật Ban hành văn bản quy phạm pháp luật 2025", None,
         "64-2025-qh15/d9.3"),
    Cite("Điều 4 Luật Công đoàn", None, "50-2024-qh15/d4"),
    Cite("điểm a khoản này", "45-2019-qh14/d35.2.c", "45-2019-qh14/d35.2.a"),
    Cite("Điều này", "50-2024-qh15/d4.2", "50-2024-qh15/d4"),
    Cite("Luật này", "50-2024-qh15/d4.2", "50-2024-qh15"),
    Cite("Điều 3", "29-2023-qh15/d5", "29-2023-qh15/d3"),
    Cite("Nghị định 239/2025/NĐ-CP", None, "239-2025-nd-cp"),
    Cite("nghi dinh 102/2024/nd-cp dieu 111", None, "102-2024-nd-cp/d111"),
    Cite("02-NQ/TW mục III.4", None, "02-nq-tw-2021/III.4"),
    Cite("Điều 689 Bộ luật Dân sự", None, "91-2015-qh13/d689"),
    Cite("BLDS 2005", None, None),  # Bộ luật Dân sự 33/2005/QH11: replaced, not in the corpus
    Cite("Điều 1 Nghị định số 05/2025/NĐ-CP", None, "05-2025-nd-cp/d1"),
    Cite("khoản 3 Điều 60 của Luật số 64/2025/QH15", None, "64-2025-qh15/d60.3"),
    Cite("Điều 219 Bộ luật Lao động 2019", None, "45-2019-qh14/d219"),
    # held out
    Cite("Điều 8 BLDS 2015", None, "91-2015-qh13/d8", True),
    Cite("dieu 36 blld", None, "45-2019-qh14/d36", True),
    Cite("Khoản 1 Điều 3 LKDBĐS", None, "29-2023-qh15/d3.1", True),
    Cite("điều 4 luật điện lực 2024", None, "61-2024-qh15/d4", True),
    Cite("61/2024", None, "61-2024-qh15", True),
    Cite("Điều 80 Luật số 61/2024/QH15", None, "61-2024-qh15/d80", True),
    Cite("khoản 1 Điều này", "61-2024-qh15/d80.2", "61-2024-qh15/d80.1", True),
    Cite("điểm b khoản 7 Điều 4 của Luật này", "61-2024-qh15/d1", "61-2024-qh15/d4.7.b", True),
    Cite("Điều 2 Nghị định 182/2024/NĐ-CP", None, "182-2024-nd-cp/d2", True),
    Cite("khoản 5 Điều 2 nghị định số 182/2024/nđ-cp", None, "182-2024-nd-cp/d2.5", True),
    Cite("Luật Công đoàn năm 2024", None, "50-2024-qh15", True),
    Cite("Điều 35 BLLĐ năm 2019", None, "45-2019-qh14/d35", True),
    Cite("LCĐ", None, "50-2024-qh15", True),
    Cite("điều 71 luật ban hành văn bản quy phạm pháp luật", None, "64-2025-qh15/d71", True),
]


class Rel(NamedTuple):
    doc: str
    kind: str
    target: str  # the number as printed, else the start of the title
    path: str | None
    present: bool = True  # False: the text does not say it (a trap for the extractor)
    held_out: bool = False


RELATIONS = [
    Rel("50-2024-qh15", "replaces", "12/2012/QH13", None),  # Điều 37
    Rel("45-2019-qh14", "replaces", "10/2012/QH13", None),  # Điều 220.1
    Rel("45-2019-qh14", "amends", "92/2015/QH13", "d32"),  # Điều 219.2: Điều 32 BLTTDS
    Rel("64-2025-qh15", "replaces", "80/2015/QH13", None),  # Điều 71.3
    Rel("29-2023-qh15", "replaces", "66/2014/QH13", None),  # Điều 82.2
    Rel("91-2015-qh13", "replaces", "33/2005/QH11", None),  # Điều 689
    Rel("87-2025-qh15", "amends", "64/2025/QH15", None),
    Rel("87-2025-qh15", "amends", "64/2025/QH15", "d60.3"),
    Rel("87-2025-qh15", "amends", "64/2025/QH15", "d9.3"),
    Rel("87-2025-qh15", "amends", "64/2025/QH15", "d29.2.b"),
    Rel("87-2025-qh15", "amends", "64/2025/QH15", "d31.1"),  # 9. … của Điều 31: a) khoản 1
    Rel("239-2025-nd-cp", "amends", "31/2021/NĐ-CP", None),
    Rel("239-2025-nd-cp", "amends", "31/2021/NĐ-CP", "d2.7"),
    Rel("239-2025-nd-cp", "amends", "31/2021/NĐ-CP", "d21"),
    Rel("239-2025-nd-cp", "amends", "31/2021/NĐ-CP", "d105a"),  # Bổ sung Điều 105a
    Rel("05-2025-nd-cp", "amends", "08/2022/NĐ-CP", None),
    # Điều 3.1 "Sửa đổi, bổ sung, bãi bỏ một số điều của Nghị định số 134/2016/NĐ-CP …",
    # b) "Bãi bỏ khoản 6 Điều 40." (134/2016, not the 08/2022 of Điều 1 and 2)
    Rel("05-2025-nd-cp", "repeals", "134/2016/NĐ-CP", "d40.6"),
    Rel("05-2025-nd-cp", "repeals", "08/2022/NĐ-CP", "d40.6", present=False),
    # Điều 3.2 "Sửa đổi, bổ sung một số điều của Nghị định số 31/2021/NĐ-CP …", a) khoản 4 Điều 32
    Rel("05-2025-nd-cp", "amends", "31/2021/NĐ-CP", "d32.4"),
    Rel("05-2025-nd-cp", "amends", "08/2022/NĐ-CP", "d3.4"),
    Rel("102-2024-nd-cp", "details", "Luật Đất đai", None),  # Điều 1
    Rel("102-2024-nd-cp", "replaces", "43/2014/NĐ-CP", None),  # Điều 111.2.b
    Rel("102-2024-nd-cp", "replaces", "42/2024/NĐ-CP", None),  # Điều 111.2.e
    Rel("102-2024-nd-cp", "repeals", "104/2022/NĐ-CP", "d11"),  # Điều 111.3.d
    Rel("102-2024-nd-cp", "amends", "37/2019/NĐ-CP", "d22"),  # Điều 110.1
    Rel("03-nq-cp-2025", "implements", "57-NQ/TW", None),
    # traps: what the text names but does not do
    Rel("239-2025-nd-cp", "details", "61/2020/QH14", None, present=False),  # 31/2021 does
    Rel("03-nq-cp-2025", "amends", "Luật Tổ chức Chính phủ", None, present=False),  # Căn cứ
    Rel("02-nq-tw-2021", "amends", "Luật Công đoàn", None, present=False),  # a task
    # held out
    Rel("61-2024-qh15", "replaces", "28/2004/QH11", None, held_out=True),  # Điều 80.2
    Rel("61-2024-qh15", "amends", "50/2014/QH13", None, held_out=True),  # Điều 79.1
    Rel("61-2024-qh15", "amends", "50/2014/QH13", "d52.2.a", held_out=True),
    Rel("61-2024-qh15", "amends", "50/2014/QH13", "d89.2", held_out=True),
    Rel("61-2024-qh15", "amends", "83/2015/QH13", "d3.1", held_out=True),  # Điều 79.2
    Rel("61-2024-qh15", "amends", "16/2023/QH15", None, held_out=True),  # Điều 79.3
    Rel("182-2024-nd-cp", "cites", "110/2023/QH15", None, held_out=True),
    Rel("182-2024-nd-cp", "amends", "Luật Thuế thu nhập doanh nghiệp", None, present=False,
        held_out=True),  # Căn cứ … Luật sửa đổi … của Luật Thuế thu nhập doanh nghiệp
    Rel("61-2024-qh15", "replaces", "24/2012/QH13", None, present=False, held_out=True),
]


class Incoming(NamedTuple):
    """``GET /documents/{doc}/relations`` lists, under incoming, ``kind`` from
    ``source`` (a provision id, or a document id) touching ``path``."""

    doc: str
    kind: str
    source: str
    path: str | None
    held_out: bool = False


INCOMING = [
    Incoming("64-2025-qh15", "amended_by", "87-2025-qh15/d1.23", "d60.3"),
    Incoming("64-2025-qh15", "amended_by", "87-2025-qh15", None),
    Incoming("64-2025-qh15", "cited_by", "239-2025-nd-cp", None),
    Incoming("57-nq-tw-2024", "implemented_by", "03-nq-cp-2025", None),
]


class Status(NamedTuple):
    doc: str
    effective_date: str | None
    provision: str | None  # where the text says it
    held_out: bool = False


STATUS = [
    Status("50-2024-qh15", "2025-07-01", "50-2024-qh15/d37"),
    Status("45-2019-qh14", "2021-01-01", "45-2019-qh14/d220.1"),
    Status("64-2025-qh15", "2025-04-01", "64-2025-qh15/d71.1"),
    Status("87-2025-qh15", "2025-07-01", "87-2025-qh15/d2"),
    Status("05-2025-nd-cp", "2025-01-06", "05-2025-nd-cp/d4"),  # from signing: 06/01/2025
    Status("102-2024-nd-cp", "2024-08-01", "102-2024-nd-cp/d111.1"),
    Status("91-2015-qh13", "2017-01-01", "91-2015-qh13/d689"),
    Status("29-2023-qh15", "2025-01-01", "29-2023-qh15/d82.1"),
    Status("03-nq-cp-2025", "2025-01-09", "03-nq-cp-2025/d2"),
    # "… có hiệu lực\nthi hành kể từ ngày ký" after "Quy định này thay thế … và" (wrapped)
    Status("383-qd-tw-2025", "2025-11-19", "383-qd-tw-2025/d20"),
    # "Hướng dẫn này, các phụ lục 1, 2A, … kèm theo có hiệu lực từ ngày ký"
    Status("45-hd-btctw-2025", "2025-11-21", "45-hd-btctw-2025/VII"),
    Status("1630-qd-ubnd-2025-quang-ngai", "2025-11-21", "1630-qd-ubnd-2025-quang-ngai/d3"),
    Status("06-2019-tt-nhnn", "2019-09-06", "06-2019-tt-nhnn/d14.1"),
    Status("81-2025-qd-ubnd-bac-ninh", "2025-12-10", "81-2025-qd-ubnd-bac-ninh/d2"),
    Status("81-2025-qd-ubnd-da-nang", "2025-11-27", "81-2025-qd-ubnd-da-nang/d2"),
    # "**Điều 2.** Quyết định này có hiệu lực thi hành\nkể từ ngày ký." read as its heading
    Status("2666-qd-ubnd-2025-can-tho", "2025-11-26", "2666-qd-ubnd-2025-can-tho/d2"),
    # "… có hiệu lực thi hành kể từ ngày 05/12/2025"
    Status("95-2025-qd-ubnd-nghe-an", "2025-12-05", "95-2025-qd-ubnd-nghe-an/d2"),
    # "kể từ ngày ký ban hành"; the header's date is lost, "Nghị quyết 388/NQ-CP ngày
    # 01/12/2025" in the page gives it
    Status("388-nq-cp", "2025-12-01", "388-nq-cp/d3.1"),
    # the parser files "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành" under the
    # title (header text): read there, with no provision
    Status("2512-qd-ubnd-2025-lang-son", "2025-11-21", None),
    # Party texts that state no date; 212's page chrome says "Ngày hiệu lực: Đã biết" and
    # quotes another decree's date
    Status("02-nq-tw-2021", None, None),
    Status("212-kl-tw-2025", None, None),
    # held out
    Status("61-2024-qh15", "2025-02-01", "61-2024-qh15/d80.1", True),
    # from signing; the header lost the date, the annexes print it ("Kèm theo Nghị định số
    # 182/2024/NĐ-CP ngày 31 tháng 12 năm 2024"). No longer blind: seen missed before.
    Status("182-2024-nd-cp", "2024-12-31", "182-2024-nd-cp/d45.1", True),
    # Six pages picked at random (seed 13) among those not looked at while writing the
    # rules; expected values read from each text before the code ran on it.
    Status("36-2025-tt-bxd", "2026-01-08", "36-2025-tt-bxd/d4", True),
    Status("6e7f0a17bbc99fd4", "2025-11-27", "6e7f0a17bbc99fd4/d16", True),
    Status("1582-qd-ubnd-2025-bac-ninh", "2025-11-30", "1582-qd-ubnd-2025-bac-ninh/d3", True),
    Status("1973-qd-ubnd-hung-yen", "2025-11-28", "1973-qd-ubnd-hung-yen/d3", True),
    Status("60-2025-nq-hdnd-ha-noi", "2025-12-08", "60-2025-nq-hdnd-ha-noi/d4.1", True),
    # Điều 3 "từ ngày Quyết định này có hiệu lực thi hành đến hết ngày 28/02/2027" is no date
    Status("145-2025-qd-ubnd-thanh-hoa", "2025-11-20", "145-2025-qd-ubnd-thanh-hoa/d5", True),
]


class Defined(NamedTuple):
    term: str
    provision: str
    present: bool = True
    held_out: bool = False


TERMS = [
    Defined("Quyền công đoàn", "50-2024-qh15/d4.1"),
    Defined("Công đoàn cơ sở", "50-2024-qh15/d4.2"),
    Defined("Nghiệp đoàn cơ sở", "50-2024-qh15/d4.3"),
    Defined("Công đoàn cấp trên trực tiếp cơ sở", "50-2024-qh15/d4.4"),
    Defined("Cán bộ công đoàn", "50-2024-qh15/d4.5"),
    Defined("Cán bộ công đoàn chuyên trách", "50-2024-qh15/d4.5.a"),
    Defined("Đoàn viên công đoàn", "50-2024-qh15/d4.6"),
    Defined("Tranh chấp về quyền công đoàn", "50-2024-qh15/d4.8"),
    Defined("Điều lệ Công đoàn Việt Nam", "50-2024-qh15/d4.9"),
    Defined("Người lao động", "45-2019-qh14/d3.1"),
    Defined("Người sử dụng lao động", "45-2019-qh14/d3.2"),
    Defined("Quan hệ lao động", "45-2019-qh14/d3.5"),
    Defined("Cưỡng bức lao động", "45-2019-qh14/d3.7"),
    Defined("Quấy rối tình dục tại nơi làm việc", "45-2019-qh14/d3.9"),
    Defined("Quy phạm pháp luật", "64-2025-qh15/d3.1"),
    Defined("Tham vấn chính sách", "64-2025-qh15/d3.3"),
    Defined("Kinh doanh bất động sản", "29-2023-qh15/d3.1"),
    Defined("Kinh doanh dịch vụ bất động sản", "29-2023-qh15/d3.2"),  # "… bao gồm …"
    Defined("Môi giới bất động sản", "29-2023-qh15/d3.11"),
    Defined("Sàn giao dịch bất động sản", "29-2023-qh15/d3.10"),
    # held out
    Defined("An toàn công trình thủy điện", "61-2024-qh15/d4.1", held_out=True),
    Defined("Bán buôn điện", "61-2024-qh15/d4.3", held_out=True),
    Defined("Bán lẻ điện", "61-2024-qh15/d4.4", held_out=True),
    Defined("Hạ áp", "61-2024-qh15/d4.7.a", held_out=True),
    Defined("Siêu cao áp", "61-2024-qh15/d4.7.d", held_out=True),
    Defined("Công trình điện lực", "61-2024-qh15/d4.9", held_out=True),
    Defined("Dịch vụ phụ trợ", "61-2024-qh15/d4.11", held_out=True),
    Defined("Điện năng lượng mới", "61-2024-qh15/d4.13", held_out=True),
    Defined("Bộ hồ sơ gốc", "182-2024-nd-cp/d2.1", held_out=True),
    Defined("Hồ sơ hợp lệ", "182-2024-nd-cp/d2.2", held_out=True),
    Defined("Hỗ trợ chi phí", "182-2024-nd-cp/d2.4", held_out=True),
    # a list item under a definition is not a term ("a) Năng lượng mặt trời;")
    Defined("Năng lượng mặt trời", "61-2024-qh15/d4.14.a", present=False, held_out=True),
]
