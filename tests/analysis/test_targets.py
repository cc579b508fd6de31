"""Targets (parsers/targets.py), pinned on the objectives of 02-NQ/TW (lines 65–79)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nq02 import objectives_text

from parsers import vntext
from parsers.targets import extract_targets, plan_year, striven_for

MEMBERS = "đoàn viên công đoàn"
AGREEMENTS = "các doanh nghiệp, đơn vị có tổ chức công đoàn ký kết được thoả ước lao động tập thể"

NQ02 = extract_targets(objectives_text())


# The seven numeric targets of II.2.b, read from the print.
@pytest.mark.parametrize(
    ("year", "value", "comparator", "unit", "printed", "measure"),
    [
        # "Phân đầu có 13,5 triệu đoàn viên công đoàn" under "Đến năm 2025"
        (2025, 13_500_000, "=", "đoàn viên", "13,5 triệu", MEMBERS),
        # "; đến năm 2023 phân đầu có 12 triệu đoàn viên": a second year in the sentence
        (2023, 12_000_000, "=", "đoàn viên", "12 triệu", "đoàn viên"),
        # "Phân đầu 80% trở lên các doanh nghiệp, đơn vị … thoả ước lao động tập thể"
        (2025, 80, ">=", "%", "80% trở lên", AGREEMENTS),
        # "; đến năm 2023 đạt tỉ lệ trên 70%": the bare "tỉ lệ" takes the measure before it
        (2023, 70, ">", "%", "trên 70%", AGREEMENTS),
        # "Phân đầu có 16,5 triệu đoàn viên công đoàn" under "Đến năm 2030"
        (2030, 16_500_000, "=", "đoàn viên", "16,5 triệu", MEMBERS),
        # "Phân đầu 85% trở lên …" under "Đến năm 2030"
        (2030, 85, ">=", "%", "85% trở lên", AGREEMENTS),
        # "99% doanh nghiệp, đơn vị …" under "Đến năm 2045"
        (2045, 99, "=", "%", "99%", AGREEMENTS.removeprefix("các ")),
    ],
)
def test_numeric_targets_of_02_nq_tw(year, value, comparator, unit, printed, measure):
    matches = [t for t in NQ02 if t.year == year and t.value == value]
    assert len(matches) == 1
    (target,) = matches
    assert (target.comparator, target.unit, target.text, target.measure) == (
        comparator,
        unit,
        printed,
        measure,
    )
    assert not target.qualitative


def test_02_nq_tw_has_exactly_seven_numeric_targets():
    assert len([t for t in NQ02 if not t.qualitative]) == 7


@pytest.mark.parametrize(
    ("year", "printed", "measure"),
    [
        # "hầu hết doanh nghiệp có 25 công nhân, lao động trở lên có tổ chức công đoàn"
        (2025, "hầu hết", "doanh nghiệp có 25 công nhân, lao động trở lên có tổ chức công đoàn"),
        # "phần lớn người lao động được tập hợp, tham gia …"
        (
            2030,
            "phần lớn",
            "người lao động được tập hợp, tham gia một số hoạt động của Công đoàn Việt Nam",
        ),
        # "Hầu hết người lao động tại cơ sở là đoàn viên Công đoàn Việt Nam"
        (2045, "Hầu hết", "người lao động tại cơ sở là đoàn viên Công đoàn Việt Nam"),
    ],
)
def test_qualitative_targets_of_02_nq_tw(year, printed, measure):
    quals = [(t.year, t.text, t.measure) for t in NQ02 if t.qualitative]
    assert (year, printed, measure) in quals
    assert all(t.value is None and t.comparator is None for t in NQ02 if t.qualitative)


def test_offsets_slice_the_printed_value():
    text = objectives_text()
    for t in NQ02:
        assert text[t.start : t.end] == t.text
    # the OCR misprint "Phân đầu" is kept as printed, never corrected
    assert "Phân đầu" in text and "Phấn đấu" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (value, comparator, unit, value_max)
        ("đạt trên 55%", [(55, ">", "%", None)]),
        ("Quy mô kinh tế số đạt tối thiểu 30% GDP", [(30, ">=", "% GDP", None)]),
        ("HDI duy trì trên 0,7", [(0.7, ">", None, None)]),  # comma decimal
        ("có ít nhất 05 dự án", [(5, ">=", "dự án", None)]),  # leading zero
        ("tăng trung bình 16 - 18%/năm", [(16, "range", "%/năm", 18)]),  # a range
        ("chiếm hơn 60%", [(60, ">", "%", None)]),
        ("1.000 tỷ đồng", [(1_000_000_000_000, "=", "đồng", None)]),  # dot thousands, tỷ
        # currencies and "% kế hoạch" (NQ 192/2025/QH15)
        ("GDP bình quân đầu người khoảng trên 5.000 USD", [(5000, ">", "USD", None)]),
        ("quy mô GDP đạt khoảng trên 500 tỉ đô la Mỹ (USD)",
         [(500_000_000_000, ">", "đô la Mỹ", None)]),
        ("tỷ lệ giải ngân cả nước đạt 95% kế hoạch", [(95, "=", "% kế hoạch", None)]),
        ("Bổ sung khoảng 84,3 nghìn tỷ đồng vốn đầu tư công",
         [(84_300_000_000_000, "=", "đồng", None)]),  # "nghìn tỷ"
        # a rate per head (NQ 68-NQ/TW): a count without comparator, but per thousand people
        ("20 doanh nghiệp hoạt động/nghìn dân", [(20, "=", "doanh nghiệp/nghìn dân", None)]),
        ("không quá 10%", [(10, "<=", "%", None)]),
        ("mạng 5G, 6G phủ sóng", []),  # 5G is a technology, not a value
        ("Nghị quyết số 57-NQ/TW", []),  # a document number is not a value
        ("nhóm 3 nước dẫn đầu", []),  # a bare count without comparator or unit: not a target
        ("Phấn đấu đến năm 2030", []),  # a year is not a value
    ],
)
def test_values(text, expected):
    got = [(t.value, t.comparator, t.unit, t.value_max) for t in extract_targets(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "default_year", "years"),
    [
        ("đạt 80%", 2030, [2030]),  # no milestone: the default
        ("Đến năm 2030:\n- đạt 80%", None, [2030]),  # the milestone line
        ("**1\\. Đến năm 2030**\n- đạt 80%", None, [2030]),  # the milestone as a bold heading
        ("Tầm nhìn đến năm 2045\nđạt 50%", None, [2045]),
        ("Phấn đấu 50% đến năm 2028", 2030, [2028]),  # a year after the value, same clause
        ("Đến năm 2030:\n- đạt 80%; đến năm 2027 đạt 60%", None, [2030, 2027]),
        # a bare "năm 2025" before the value (NQ 192/2025/QH15) …
        ("phấn đấu tỷ lệ giải ngân năm 2025 cả nước đạt 95% kế hoạch", None, [2025]),
        ("Năm 2025, tập trung thúc đẩy tăng trưởng với mục tiêu đạt 8% trở lên", 2030, [2025]),
        # … but not a baseline, nor the start of a period (made up)
        ("Giảm 10% so với năm 2020", 2030, [2030]),
        ("so với năm 2020 tăng 10%", 2030, [2030]),
        ("Chiến lược 10 năm 2021 - 2030 đạt 7%", None, [None]),
    ],
)
def test_years(text, default_year, years):
    assert [t.year for t in extract_targets(text, default_year)] == years


@given(st.text(max_size=300), st.none() | st.integers(1900, 2100))
def test_never_crashes(text, year):
    for t in extract_targets(text, year):
        assert text[t.start : t.end] == t.text
        assert t.qualitative == (t.value is None)


PIECES = st.sampled_from(
    [
        " ",
        ",",
        ";",
        ".",
        "\n",
        "0",
        "5",
        "%",
        "13,5 triệu",
        "trên 70%",
        " trở lên",
        "hầu hết ",
        "tối thiểu ",
        "Đến năm 2025:",
        "đến năm 2023 ",
        "16 - 18%",
        "1.000",
        "Phân đầu có ",
    ]
)


@given(st.lists(PIECES, max_size=30).map("".join))
def test_never_crashes_on_target_like_text(text):
    # found by this property: "0,13,5 triệu" (two decimal commas) used to raise
    for t in extract_targets(text):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025 với mục tiêu tăng trưởng đạt "
         "8% trở lên", 2025),  # NQ 192/2025/QH15
        ("Về dự toán ngân sách nhà nước năm 2025", 2025),  # made up in the usual wording
        ("Về Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025", None),  # five years
        ("Về đột phá phát triển khoa học, công nghệ", None),
    ],
)
def test_the_year_of_a_one_year_plan_comes_from_its_title(title, year):
    assert plan_year(title) == year


def test_a_task_keeps_the_figures_it_strives_for_not_what_was_done() -> None:
    # Thông báo 636/TB-VPCP II.3 (a task, not an objectives section), and a result of I
    text = ("Tập trung lãnh đạo, chỉ đạo để hoàn thành cao nhất các chỉ tiêu, nhiệm vụ năm "
            "2025; đẩy mạnh giải ngân vốn đầu tư công (phấn đấu giải ngân đạt 100% kế "
            "hoạch vốn đầu tư công năm 2025). Giải ngân đến nay đạt 72,4% kế hoạch.")
    kept = striven_for(text, extract_targets(text, default_year=2025))
    assert [(t.value, t.unit) for t in kept] == [(100, "% kế hoạch")]
    # under a lead-in that says what follows are targets, all of them
    item = "Ít nhất 85% người hưởng trợ cấp xã hội mở mới tài khoản ngân hàng."
    assert [t.value for t in striven_for(item, extract_targets(item),
                                         "Các chỉ tiêu cụ thể như sau:")] == [85]


def test_a_milestone_before_a_colon_is_not_the_measure() -> None:
    # Kế hoạch 617/KH-UBND Đồng Tháp, II.1.b
    [target] = extract_targets("Đến hết năm 2030: Có ≥ 60% DNNVV, HTX, HKD trên địa bàn Tỉnh "
                               "ứng dụng công nghệ số.")
    assert (target.value, target.comparator, target.year) == (60, ">=", 2030)
    assert "ung dung cong nghe so" in vntext.words(target.measure)
