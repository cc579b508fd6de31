"""Numeric and qualitative targets (chỉ tiêu) in the objectives of a resolution.

A target is a value with what it measures and the year it is due::

    Đến năm 2025:
    - Phấn đấu có 13,5 triệu đoàn viên công đoàn, …; đến năm 2023 phấn đấu có 12 triệu đoàn viên.

gives ``(2025, "đoàn viên công đoàn", 13500000)`` and ``(2023, "đoàn viên", 12000000)``.

Rules (matched on folded text, so ``Phấn đấu`` and the OCR misprint ``Phân đầu`` read alike;
what is returned is sliced from the text as printed, never corrected):

* **Year**: a short milestone line (``Đến năm 2030``, ``Tầm nhìn đến năm 2045``), a
  line that opens with one (``Mục tiêu đến năm 2030:``, ``Đến năm 2030, …``) or whose
  first clause sets a goal (``… đặt mục tiêu đến năm 2030, …``) sets the year of what
  follows; ``đến năm 2023`` inside a clause overrides it for the values after
  it in that clause (or before it, when it comes last); a bare ``năm 2025`` before the
  value does too ("tỷ lệ giải ngân năm 2025 đạt 95% kế hoạch"), unless it is a baseline
  (``so với năm 2020``) or opens a period (``năm 2021 - 2030``). Else ``default_year``,
  which a caller takes from the milestone above, or else from the one-year plan the
  document is (``plan_year``: "Kế hoạch phát triển kinh tế - xã hội năm 2025").
* **Milestone**: the words the year was read from, as printed ("Đến năm 2025", "Tầm nhìn
  đến năm 2045", "đến năm 2023" inside the clause, "Năm 2025"); ``default_milestone`` goes
  with ``default_year`` (None when that year came from a plan's title or time frame).
* **Value**: a number with ``%``, with ``triệu``/``nghìn``/``tỷ``, or after a comparator or
  ``đạt``. ``13,5`` is 13.5 (comma decimal), ``1.000`` is 1000. Years, document numbers
  (``57-NQ``) and ``5G`` are not values. ``16 - 18%`` is a range (``value``..``value_max``).
* **Unit**: ``%`` (``% GDP``, ``%/năm``, ``% kế hoạch``), a measure or a currency printed
  after the number (``cm``, ``ha``, ``USD``, ``đồng``), or a counted noun
  (``doanh nghiệp``, ``bác sĩ`` …).
* **Comparator**: ``trở lên``/``tối thiểu``/``ít nhất``/``không dưới``/``≥`` → ``>=``;
  ``trên``/``hơn``/``>`` → ``>``; ``dưới`` → ``<``; ``tối đa``/``không quá``/``≤`` → ``<=``;
  else ``=``.
* **Measure**: the words before the value in its clause, without lead-in verbs
  (``Phấn đấu``, ``đạt``, ``có`` …); if none, the words after it up to the next target.
  A bare ``tỉ lệ`` (``đạt tỉ lệ trên 70%``) takes the measure of the previous target.
* **Not targets**: an age (``từ 60 tuổi trở lên``), a duration (``trong 5 năm``), an
  article, clause or document number (``Điều 15``, ``khoản 2``).
* **Negative floor**: after ``không còn`` (``không còn địa phương nào dưới 80%``) the
  comparator turns over: ``dưới`` becomes ``>=``.
* **Qualitative**: ``hầu hết``/``phần lớn`` + the rest of the clause, with ``value`` None;
  numbers inside that rest (``25 công nhân``) are part of its measure, not targets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from parsers import vntext

_MILESTONE = re.compile(r"^[\W\d_]*(?P<words>(?:tam nhin )?den nam (?P<year>\d{4}))\W*$")
# A line that opens with its milestone sets the year of the lines after it too: "Mục tiêu
# đến năm 2030:", "Đến năm 2030, Việt Nam …", "2. Tầm nhìn đến năm 2045: …".
# An objectives heading of a period, "2. Mục tiêu cụ thể giai đoạn 2026 - 2030" (2530/QĐ-TTg):
# its targets are due at the period's end.
_OPENING_MILESTONE = re.compile(
    r"^[\W\d_]*(?:[a-z]\W+)?"
    r"(?P<words>(?:muc tieu (?:cu the )?|tam nhin )?den (?:het )?nam (?P<year>\d{4})"
    r"|muc tieu (?:cu the |tong the )?giai doan (?:19|20)\d{2}\s?[-–]\s?(?P<end>\d{4}))\b")
# "Nghị quyết đặt mục tiêu đến năm 2030, …; tuổi thọ …": the goal's year, for the line.
_GOAL_YEAR = re.compile(r"\b(?P<words>muc tieu (?:den|toi) nam (?P<year>\d{4}))\b")
# Numbers that are not targets: an age, a duration, an article or clause number.
_NOT_A_QUANTITY_AFTER = re.compile(r"\s*(?:tuoi|nam\b|thang\b|ngay\b|gio\b|tuan\b)")
_NOT_A_QUANTITY_BEFORE = re.compile(r"\b(?:dieu|khoan|diem|muc|chuong|so|phu luc)\s*$")
# "không còn địa phương nào dưới 80%": a floor stated negatively.
_NONE_LEFT = re.compile(r"\bkhong (?:con|co)\b")
_REACHED = re.compile(r"\b(?:dat|len)\b")
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
# ":" ends a clause too: "Đến hết năm 2030: Có ≥ 60% …" is a milestone, then the target
_CLAUSE_END = re.compile(r"[.;:](?=\s|$)")
_YEAR = re.compile(r"\b(?:den|toi|trong|vao) nam (\d{4})\b")
# "năm 2025" alone: the year of what follows it in the clause, unless a baseline or a
# period ("so với năm 2020", "từ năm 2021", "giai đoạn", "năm 2021 - 2030").
_BARE_YEAR = re.compile(
    r"(?<!so voi )(?<!cung ky )(?<!\btu )(?<!doan )(?<!\bden )(?<!\btoi )(?<!trong )(?<!vao )"
    r"\bnam ((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")
# The one-year plan a document is, from its title: "Kế hoạch phát triển kinh tế - xã hội
# năm 2025", "dự toán ngân sách nhà nước năm 2025"; not a five-year plan ("năm 2021-2025").
_PLAN_YEAR = re.compile(
    r"\b(?:ke hoach|du toan)\b(?:\s+\S+){0,8}?\s+nam ((?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")
_QUALITATIVE = re.compile(r"\b(?:hau het|phan lon)\b")
_VALUE = re.compile(
    r"""
    (?P<cmp>(?:(?:tu|toi\ thieu|it\ nhat|khong\ duoi|tren|hon|duoi|toi\ da|khong\ qua
              |dat)(?:\ co)?\ |[≥≤<>]=?\ ?))?
    (?<![\w/.,-])(?P<num>\d+(?:[.,]\d+)*)
    (?:\s*\\?[-–]\s*(?P<num2>\d+(?:[.,]\d+)*))?
    (?:\ (?P<mult>(?:nghin|ngan|trieu)\ t[yi]|trieu|nghin|ngan|ty|ti)(?!\ le|\ trong)\b)?
    \s?(?P<pct>%(?:\ gdp\b|/nam\b|\ ke\ hoach\b)?)?
    (?P<measure_unit>(?:(?<=\d)|(?<=ty)|(?<=ti)|(?<=trieu)|(?<=nghin))
        \s?(?:cm|mm|km|kg|ha|usd|dong|do\ la(?:\ my)?|[μm]g/m3)\b)?  # "1,5cm", "5.000 USD",
                                                                # "40 μg/m3"
    (?P<after>\ tro\ len\b)?
    (?(pct)|(?(measure_unit)|(?![\w/-])))  # "5G", "57-NQ/TW" are not values; "10%/năm" is
    """,
    re.X,
)
# A rate per head of population: "20 doanh nghiệp hoạt động/nghìn dân" (folded).
_PER_HEAD = re.compile(r"\s*([^/\d;,.]{1,40})/((?:mot )?(?:nghin|van|tram|trieu) dan)\b")
_MULTIPLIERS = {"trieu": 10**6, "nghin": 10**3, "ngan": 10**3, "ty": 10**9, "ti": 10**9,
                "nghin ty": 10**12, "ngan ty": 10**12, "nghin ti": 10**12, "ngan ti": 10**12,
                "trieu ty": 10**15, "trieu ti": 10**15}
_COMPARATORS = {
    "tu": ">=",
    "toi thieu": ">=",
    "it nhat": ">=",
    "khong duoi": ">=",
    "tren": ">",
    "hon": ">",
    "duoi": "<",
    "toi da": "<=",
    "khong qua": "<=",
    "≥": ">=",
    "≤": "<=",
    ">": ">",
    "<": "<",
    ">=": ">=",
    "<=": "<=",
}
_LEAD_WORDS = re.compile(
    r"(?:[\s\-*•+,:\\]"
    r"|\b(?:phan dau|trong do|den nam \d{4}|dat|co|la|va|o muc|bo tri|thu hut them)\b)+"
)
_TAIL_WORDS = re.compile(
    r"(?:[\s,]|\bdat|\bo muc|\bchiem|\btoi thieu|\bit nhat|\btren|\bhon|\bla|\bco|\btu"
    r"|\bkhoang|\bbang)+$"
)
_GENERIC_MEASURES = frozenset({"", "ti le", "ty le"})
_REACHING = frozenset({"bao dam", "dam bao", "hoan thanh", "dat", "phan dau dat", "phan dau"})
_COUNT_UNITS = ("doan vien", "doanh nghiep", "nguoi", "to chuc", "du an", "co so", "nuoc",
                "bac si", "tuoi", "thue bao", "cong trinh")
# Where things stand, not where they must get: "phải đạt 90% trong năm 2025 (đến nay mới
# đạt 39,5%)", "hiện nay mới đạt …", "hiện đạt …".
_STATUS = re.compile(r"\b(?:den nay|hien nay|hien tai|hien)\s+(?:moi\s+|chi\s+)?(?:dat|la)\s*$")


# A target's year and the words of the milestone it was read from, as printed ("Đến năm
# 2030", "Tầm nhìn đến năm 2045", "đến năm 2023", "năm 2025"); (None, None) when undated.
Due = tuple[int | None, str | None]


@dataclass(frozen=True, slots=True)
class Target:
    """One target. ``text[start:end]`` of the source is the value as printed (``80% trở lên``)."""

    year: int | None
    measure: str
    value: int | float | None
    comparator: str | None  # ">=", ">", "=", "<", "<=", "range"; None when qualitative
    unit: str | None  # "%", "% GDP", "đoàn viên" …
    start: int
    end: int
    text: str
    qualitative: bool = False
    value_max: int | float | None = None
    # The words of the milestone the year was read from, as printed ("Đến năm 2030"); None
    # when the year came from elsewhere (the plan's title or time frame) or there is none.
    milestone: str | None = None


def extract_targets(text: str, default_year: int | None = None,
                    default_milestone: str | None = None) -> list[Target]:
    """All targets in ``text`` (an objectives section or one provision of it), in order.

    Args:
        text: NFC text; offsets refer to it.
        default_year: the year when neither a milestone nor the clause gives one.
        default_milestone: the words of the milestone ``default_year`` was read from, as
            printed ("Đến năm 2030"), when it was read from one.
    """
    folded = vntext.fold_aligned(text)
    targets: list[Target] = []
    due: Due = (default_year, default_milestone if default_year is not None else None)
    offset = 0
    for line in text.splitlines(keepends=True):
        line_folded = folded[offset : offset + len(line)]
        lead = offset + len(line_folded) - len(line_folded.lstrip())
        printed = line_folded.strip()
        milestone = _MILESTONE.match(printed)
        if milestone:
            due = _due(text, lead, milestone)
        else:
            opening = _OPENING_MILESTONE.match(printed) or _GOAL_YEAR.search(
                printed.split(";", 1)[0])
            if opening:
                due = _due(text, lead, opening)
            previous: Target | None = None
            for start, end in _clauses(line, offset):
                for target in _clause_targets(text, folded, start, end, due, previous):
                    targets.append(target)
                    previous = target
        offset += len(line)
    return targets


def _due(text: str, offset: int, found: re.Match[str]) -> Due:
    """The year a milestone match names, with its words sliced from ``text`` as printed."""
    return _year_of(found), text[offset + found.start("words") : offset + found.end("words")]


def _year_of(found: re.Match[str]) -> int:
    """The year of a milestone match: its "năm" year, or the end of its period."""
    groups = found.groupdict()
    return int(groups["year"] or groups["end"])


def milestone_words(heading: str) -> str | None:
    """The words of the milestone a heading or short paragraph opens with, as printed
    ("2. Tầm nhìn đến năm 2045: …" → "Tầm nhìn đến năm 2045"), else None."""
    first = heading.strip().split("\n", 1)[0]
    folded = vntext.fold_aligned(first)
    found = _MILESTONE.match(folded) or _OPENING_MILESTONE.match(folded)
    return _due(first, 0, found)[1] if found else None


def plan_year(title: str) -> int | None:
    """The year of the one-year plan a document's title names ("Về bổ sung Kế hoạch phát
    triển kinh tế - xã hội năm 2025 …" → 2025), else None."""
    found = _PLAN_YEAR.search(vntext.fold(title))
    return int(found.group(1)) if found else None


# The years a plan's time frame names: "(từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12
# năm 2025)", "trước ngày 31/12/2025".
_FRAME_YEAR = re.compile(r"\b(?:nam|\d{1,2}/\d{1,2}/)\s*((?:19|20)\d{2})\b")
_FRAME = re.compile(r"\s*thoi gian\b")


def is_time_frame(heading: str) -> bool:
    """Whether a plan's heading opens its time frame ("Thời gian thi đua", "Thời gian thực
    hiện")."""
    return bool(_FRAME.match(vntext.fold(heading)))


def frame_year(texts: Iterable[str]) -> int | None:
    """The one year a plan's time frame (its "Thời gian …" section, ``texts``) falls in:
    a campaign run "từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025" and
    assessed "trước ngày 31 tháng 12 năm 2025" (Kế hoạch 157/KH-UBND, Cần Thơ) has its
    targets due in 2025. None when it names no year or more than one."""
    years = {int(m.group(1)) for text in texts for m in _FRAME_YEAR.finditer(vntext.fold(text))}
    return years.pop() if len(years) == 1 else None


def milestone_of(heading: str) -> int | None:
    """The year of a heading or short paragraph that opens with a milestone ("Mục tiêu đến
    năm 2030", "Đến năm 2030:"), else None."""
    first = vntext.fold_aligned(heading.strip().split("\n", 1)[0])
    found = _MILESTONE.match(first) or _OPENING_MILESTONE.match(first)
    return _year_of(found) if found else None


def _clauses(line: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(line):
        spans.append((offset + start, offset + match.end()))
        start = match.end()
    spans.append((offset + start, offset + len(line)))
    return [(s, e) for s, e in spans if e > s]


def _clause_targets(
    text: str, folded: str, start: int, end: int, milestone: Due, previous: Target | None
) -> list[Target]:
    clause = folded[start:end]
    years: list[tuple[int, Due]] = [
        (m.start(), (int(m.group(1)), text[start + m.start() : start + m.end()]))
        for m in _YEAR.finditer(clause)]
    bare: list[tuple[int, Due]] = [
        (m.start(), (int(m.group(1)), text[start + m.start() : start + m.end()]))
        for m in _BARE_YEAR.finditer(clause)]
    quals = list(_QUALITATIVE.finditer(clause))
    scope_start = quals[0].start() if quals else len(clause)
    values = [
        m
        for m in _VALUE.finditer(clause)
        if m.start() < scope_start and (_is_target(m) or _PER_HEAD.match(clause, m.end())
                                        or _striven_count(clause, m))
        and not _is_year(m)
        and _is_quantity(clause, m)
        and not _STATUS.search(clause, max(m.start("num") - 24, 0), m.start("num"))
    ]
    marks = sorted(
        [(m.start(), m.end(), m) for m in values] + [(q.start(), q.end(), q) for q in quals],
        key=lambda mark: mark[0],
    )
    out: list[Target] = []
    for k, (s, e, match) in enumerate(marks):
        due = _year_for(s, years, _bare_before(s, bare, years) or milestone)
        if due[0] is None:
            due = _bare_after(e, marks[k + 1][0] if k + 1 < len(marks) else len(clause),
                              bare) or due
        next_start = marks[k + 1][0] if k + 1 < len(marks) else len(clause)
        after = _trim(text, folded, start + e, start + next_start)
        if match.re is _QUALITATIVE:
            out.append(
                Target(
                    due[0],
                    after,
                    None,
                    None,
                    None,
                    start + s,
                    start + e,
                    text[start + s : start + e],
                    qualitative=True,
                    milestone=due[1],
                )
            )
            continue
        prev_end = marks[k - 1][1] if k else 0
        before = _trim(text, folded, start + prev_end, start + s)
        # "Bảo đảm 100% hệ thống …", "Hoàn thành 100% chuyển đổi số …": a verb of reaching
        # before the value says nothing of what is counted; the words after it do.
        measure = after if vntext.fold(before) in _REACHING and after else before or after
        if vntext.fold(measure) in _GENERIC_MEASURES and previous is not None:
            measure = previous.measure
        target = _numeric(text, match, start, due, measure, after)
        if target.comparator in _NEGATED and _NONE_LEFT.search(clause, 0, s):
            target = _replace_comparator(target, _NEGATED[target.comparator])
        out.append(target)
        previous = target
    return out


def _numeric(
    text: str, match: re.Match[str], offset: int, due: Due, measure: str, after: str
) -> Target:
    value = _number(match.group("num"), match.group("mult"))
    value_max = _number(match.group("num2"), match.group("mult")) if match.group("num2") else None
    cmp_words = (match.group("cmp") or "").replace(" co ", " ").strip().removesuffix(" co")
    comparator = _COMPARATORS.get(cmp_words, "=")
    if match.group("after"):
        comparator = ">="
    if value_max is not None:
        comparator = "range"
    pct = match.group("pct") or match.group("measure_unit")
    if pct:
        group = "pct" if match.group("pct") else "measure_unit"
        unit: str | None = text[offset + match.start(group) : offset + match.end(group)].strip()
    else:
        unit = _count_unit(after)
    s = offset + (match.start("num") if match.group("cmp") == "dat " else match.start())
    return Target(
        due[0],
        measure,
        value,
        comparator,
        unit,
        s,
        offset + match.end(),
        text[s : offset + match.end()],
        value_max=value_max,
        milestone=due[1],
    )


def _count_unit(after: str) -> str | None:
    """The counted noun after a value ("doanh nghiệp"), with the head count it is per
    when printed ("doanh nghiệp/nghìn dân")."""
    folded = vntext.fold_aligned(after)
    noun = next((after[: len(u)] for u in _COUNT_UNITS if folded.startswith(u)), None)
    rate = _PER_HEAD.match(folded)
    if rate is None:
        return noun
    per = after[rate.start(2) : rate.end(2)]
    return f"{noun or after[rate.start(1) : rate.end(1)].strip()}/{per}"


def _replace_comparator(target: Target, comparator: str) -> Target:
    return Target(target.year, target.measure, target.value, comparator, target.unit,
                  target.start, target.end, target.text, target.qualitative, target.value_max,
                  target.milestone)


def _is_quantity(clause: str, match: re.Match[str]) -> bool:
    """False for "từ 60 tuổi", "trong 5 năm", "Điều 15", "khoản 2": numbers, not targets.
    An age or a span that is reached is one: "tuổi thọ trung bình đạt 75,5 tuổi"."""
    if match.group("pct") or match.group("mult") or match.group("measure_unit"):
        return True
    if _NOT_A_QUANTITY_AFTER.match(clause, match.end()) and not _REACHED.search(
            clause, max(match.start() - 14, 0), match.start("num")):
        return False
    return not _NOT_A_QUANTITY_BEFORE.search(clause, 0, match.start("num"))


def _number(digits: str, mult: str | None) -> int | float:
    """``13,5`` + ``triệu`` → 13500000; ``1.000`` → 1000; ``0,7`` → 0.7."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    whole, _, fraction = digits.replace(",", ".").rpartition(".")
    # "0,13,5" (misprint): the last separator is the decimal point, the others are dropped
    number = float(f"{whole.replace('.', '')}.{fraction}" if whole else fraction)
    number *= _MULTIPLIERS.get(mult or "", 1)
    return int(number) if number.is_integer() else number


def _striven_count(clause: str, match: re.Match[str]) -> bool:
    """A bare number of a counted noun in a clause that strives for it: "Phấn đấu đến năm
    2030, cả nước có 1.200 công trình xây dựng xanh" (2530/QĐ-TTg)."""
    after = clause[match.end():].lstrip()
    return (any(after.startswith(unit) for unit in _COUNT_UNITS)
            and bool(_STRIVE.search(clause, 0, match.start())))


def _is_target(match: re.Match[str]) -> bool:
    return bool(
        match.group("pct") or match.group("mult") or match.group("cmp") or match.group("after")
    )


def _is_year(match: re.Match[str]) -> bool:
    num = match.group("num")
    plain = not (match.group("pct") or match.group("mult"))
    return plain and len(num) == 4 and num[:2] in ("19", "20")


def _bare_before(position: int, bare: list[tuple[int, Due]],
                 years: list[tuple[int, Due]]) -> Due | None:
    """The last bare "năm 2025" before ``position`` and after any "đến năm …" there."""
    last = bisect_left(bare, position, key=lambda year: year[0])
    if not last:
        return None
    at, due = bare[last - 1]
    return None if any(at < y_at < position for y_at, _ in years) else due


# How far after its value a bare year may stand and still date it: "giải ngân 100% kế
# hoạch vốn năm 2025" (Thông báo 623/TB-VPCP II), the year of the plan measured.
_AFTER_REACH = 30


def _bare_after(end: int, next_value: int, bare: list[tuple[int, Due]]) -> Due | None:
    """The bare year right after a value (before the next value, within a few words),
    when nothing before it dates the value."""
    return next((due for at, due in bare if end <= at < min(next_value, end + _AFTER_REACH)),
                None)


def _year_for(position: int, years: list[tuple[int, Due]], milestone: Due) -> Due:
    # The last year before the value, by bisection: years come in text order, and a long
    # clause has as many years as values.
    before = bisect_left(years, position, key=lambda year: year[0])
    if before:
        return years[before - 1][1]
    return years[0][1] if years else milestone


def _trim(text: str, folded: str, start: int, end: int) -> str:
    """``text[start:end]`` without lead-in verbs, comparators and punctuation at its edges."""
    head = _LEAD_WORDS.match(folded, start, end)
    if head:
        start = head.end()
    tail = _TAIL_WORDS.search(folded, start, end)
    if tail:
        end = tail.start()
    return text[start:end].strip(" ,;.:-*\n")


# Words that make a figure in a task, not an objectives section, a target: "phấn đấu tăng
# trưởng … (10%)", "mục tiêu …", "chỉ tiêu …" (Thông báo 636/TB-VPCP, II.3, a notice's tasks).
_STRIVE = re.compile(r"\b(?:phan dau|muc tieu|chi tieu)\b")
_STRIVE_CLAUSE_END = re.compile(r"[.;:](?=\s|$)|\n")


def striven_for(text: str, targets: list[Target], lead_in: str = "") -> list[Target]:
    """Those of ``targets`` (read from ``text``, a provision outside the objectives) whose
    clause, up to the value, says it is striven for; figures of what was done are not. All
    of them when the lead-in over the provision ends by saying so ("… các chỉ tiêu cụ thể
    như sau:")."""
    tail = _STRIVE_CLAUSE_END.split(lead_in.rstrip(" :\n"))[-1]
    if _STRIVE.search(vntext.fold(tail)):
        return list(targets)
    kept = []
    for target in targets:
        head = text[: target.start]
        ends = [m.end() for m in _STRIVE_CLAUSE_END.finditer(head)]
        clause = head[ends[-1] if ends else 0 :]
        if _STRIVE.search(vntext.fold(clause)):
            kept.append(target)
    return kept
