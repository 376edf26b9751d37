"""Reading "Thời gian thực hiện" into dates: every form plans use, the errors, describe()."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from plans.timeframes import Timeframe, TimeframeError, parse_timeframe

ROOT = Path(__file__).resolve().parents[2]
YEARLY = True


def d(day, month, year=2023):
    return date(year, month, day)


def dates(text, **kwargs):
    timeframe = parse_timeframe(text, **{"year": 2023, **kwargs})
    return timeframe.starts_on, timeframe.ends_on, timeframe.is_yearly


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Months.
        ("Tháng 2,3", (d(1, 2), d(31, 3), False)),
        ("Tháng 2, 3", (d(1, 2), d(31, 3), False)),
        ("Tháng 2 và 3", (d(1, 2), d(31, 3), False)),
        ("Tháng 2-3", (d(1, 2), d(31, 3), False)),
        ("Tháng 2 – 3", (d(1, 2), d(31, 3), False)),
        ("Tháng 2, tháng 3", (d(1, 2), d(31, 3), False)),
        ("Tháng 4,5", (d(1, 4), d(31, 5), False)),
        ("Tháng 12", (d(1, 12), d(31, 12), False)),
        ("Tháng 2", (d(1, 2), d(28, 2), False)),
        ("tháng 11/2020", (d(1, 11, 2020), d(30, 11, 2020), False)),
        ("tháng 11/2020.", (d(1, 11, 2020), d(30, 11, 2020), False)),
        ("Tháng 6,7 năm 2024", (d(1, 6, 2024), d(31, 7, 2024), False)),
        ("Tháng 2 năm 2024", (d(1, 2, 2024), d(29, 2, 2024), False)),
        ("11/2020", (d(1, 11, 2020), d(30, 11, 2020), False)),
        ("thang 2 va 3", (d(1, 2), d(31, 3), False)),
        ("THÁNG 2,3;", (d(1, 2), d(31, 3), False)),
        ("  Tháng   2 ,  3  ", (d(1, 2), d(31, 3), False)),
        # Quarters.
        ("Quý I", (d(1, 1), d(31, 3), False)),
        ("Quý II năm 2023", (d(1, 4), d(30, 6), False)),
        ("Quý 3", (d(1, 7), d(30, 9), False)),
        ("Quý IV", (d(1, 10), d(31, 12), False)),
        ("Quý I, II", (d(1, 1), d(30, 6), False)),
        ("Quý I và quý II", (d(1, 1), d(30, 6), False)),
        ("Quý II/2024", (d(1, 4, 2024), d(30, 6, 2024), False)),
        ("quy iii", (d(1, 7), d(30, 9), False)),
        # Whole year and several years.
        ("Cả năm", (d(1, 1), d(31, 12), False)),
        ("Cả năm 2023", (d(1, 1), d(31, 12), False)),
        ("Cả năm 2023.", (d(1, 1), d(31, 12), False)),
        ("Trong năm", (d(1, 1), d(31, 12), False)),
        ("Năm 2024", (d(1, 1, 2024), d(31, 12, 2024), False)),
        ("ca nam", (d(1, 1), d(31, 12), False)),
        ("Giai đoạn 2021-2025", (d(1, 1, 2021), d(31, 12, 2025), False)),
        ("2021 - 2025", (d(1, 1, 2021), d(31, 12, 2025), False)),
        ("Từ năm 2021 đến năm 2025", (d(1, 1, 2021), d(31, 12, 2025), False)),
        ("6 tháng đầu năm", (d(1, 1), d(30, 6), False)),
        ("6 tháng cuối năm", (d(1, 7), d(31, 12), False)),
        ("6 tháng đầu năm 2024", (d(1, 1, 2024), d(30, 6, 2024), False)),
        # Yearly.
        ("Hằng năm", (d(1, 1), d(31, 12), YEARLY)),
        ("Hàng năm", (d(1, 1), d(31, 12), YEARLY)),
        ("hang nam.", (d(1, 1), d(31, 12), YEARLY)),
        ("Từ 17/10 đến 18/11 hằng năm", (d(17, 10), d(18, 11), YEARLY)),
        ("Hằng năm, từ 17/10 đến 18/11", (d(17, 10), d(18, 11), YEARLY)),
        ("Tháng 10 hằng năm", (d(1, 10), d(31, 10), YEARLY)),
        ("Tháng 10 hàng năm", (d(1, 10), d(31, 10), YEARLY)),
        ("Ngày 18/11 hằng năm", (d(18, 11), d(18, 11), YEARLY)),
        ("Quý I hằng năm", (d(1, 1), d(31, 3), YEARLY)),
        ("Trước ngày 15/12 hằng năm", (None, d(15, 12), YEARLY)),
        ("Từ 15/12 đến 15/02 hằng năm", (d(15, 12), d(15, 2, 2024), YEARLY)),
        # Ranges.
        ("Từ 17/10 đến 18/11", (d(17, 10), d(18, 11), False)),
        ("Từ ngày 01/3/2023 đến ngày 30/6/2023", (d(1, 3), d(30, 6), False)),
        ("Từ ngày 01/3 đến ngày 30/6/2024", (d(1, 3, 2024), d(30, 6, 2024), False)),
        ("Từ 01/12/2023 đến 31/01/2024", (d(1, 12), d(31, 1, 2024), False)),
        ("Từ 01/3/2024 đến 30/6", (d(1, 3, 2024), d(30, 6, 2024), False)),
        ("từ tháng 3 đến tháng 6", (d(1, 3), d(30, 6), False)),
        ("Từ tháng 3/2023 đến tháng 6/2023", (d(1, 3), d(30, 6), False)),
        ("Từ tháng 3 đến hết tháng 6", (d(1, 3), d(30, 6), False)),
        ("Từ quý II đến quý III", (d(1, 4), d(30, 9), False)),
        ("17/10 - 18/11", (d(17, 10), d(18, 11), False)),
        ("01/3/2023-30/6/2023", (d(1, 3), d(30, 6), False)),
        ("Tu 17/10 den 18/11", (d(17, 10), d(18, 11), False)),
        # Deadlines: "before" includes the date itself.
        ("Trước ngày 10/6", (None, d(10, 6), False)),
        ("Trước 10/6/2024", (None, d(10, 6, 2024), False)),
        ("Chậm nhất ngày 15/12", (None, d(15, 12), False)),
        ("Hạn chót 30/11", (None, d(30, 11), False)),
        ("Hạn chót: 30/11.", (None, d(30, 11), False)),
        ("Hoàn thành trước ngày 10/6", (None, d(10, 6), False)),
        ("Chậm nhất tháng 6", (None, d(30, 6), False)),
        ("Trước quý III", (None, d(30, 9), False)),
        # Single days.
        ("05/02/2024", (d(5, 2, 2024), d(5, 2, 2024), False)),
        ("5/2/2024", (d(5, 2, 2024), d(5, 2, 2024), False)),
        ("5-2-2024", (d(5, 2, 2024), d(5, 2, 2024), False)),
        ("5.2.2024", (d(5, 2, 2024), d(5, 2, 2024), False)),
        ("ngày 05 tháng 02 năm 2024", (d(5, 2, 2024), d(5, 2, 2024), False)),
        ("Ngày 5 tháng 2", (d(5, 2), d(5, 2), False)),
        ("18/11", (d(18, 11), d(18, 11), False)),
        ("Ngày 18/11", (d(18, 11), d(18, 11), False)),
        ("29/02/2024", (d(29, 2, 2024), d(29, 2, 2024), False)),
        # Standing work covers the plan's period.
        ("Thường xuyên", (d(1, 1), d(31, 12), False)),
        ("Thường xuyên, liên tục", (d(1, 1), d(31, 12), False)),
        ("thuong xuyen lien tuc.", (d(1, 1), d(31, 12), False)),
    ],
)
def test_recognised_forms_give_the_dates_they_mean(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thường xuyên", (d(1, 1), d(31, 12, 2025), False)),
        ("Hằng năm", (d(1, 1), d(31, 12, 2025), YEARLY)),
        ("Tháng 10 hằng năm", (d(1, 10), d(31, 10), YEARLY)),
        ("Cả năm", (d(1, 1), d(31, 12), False)),
        ("Quý II năm 2024", (d(1, 4, 2024), d(30, 6, 2024), False)),
    ],
)
def test_multi_year_plan_spreads_standing_and_yearly_work_over_its_years(text, expected):
    assert dates(text, end_year=2025) == expected


def test_dates_without_a_year_fall_in_the_plans_first_year():
    assert dates("Tháng 2,3", year=2026) == (d(1, 2, 2026), d(31, 3, 2026), False)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_blank_text_gives_an_empty_timeframe(text):
    assert parse_timeframe(text, year=2023) == Timeframe("", None, None, False)


@pytest.mark.parametrize(
    "text",
    [
        "Theo chỉ đạo của cấp trên",
        "Khi có yêu cầu",
        "Theo Kế hoạch số 12/KH-UBND",
        "Tháng",
        "Năm",
        "Sau khi có hướng dẫn",
        "Tháng 2 hoặc khi cần",
    ],
)
def test_free_phrases_are_kept_without_dates(text):
    assert parse_timeframe(text, year=2023) == Timeframe(text, None, None, False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02", "Ngày 31/02/2023 không tồn tại."),
        ("29/02/2023", "Ngày 29/02/2023 không tồn tại."),
        ("Ngày 31/02 hằng năm", "Ngày 31/02/2023 không tồn tại."),
        ("18/13", "Tháng 13 không tồn tại."),
        ("Tháng 13", "Tháng 13 không tồn tại."),
        ("Tháng 0", "Tháng 0 không tồn tại."),
        ("Trước ngày 32/5", "Ngày 32/05/2023 không tồn tại."),
        ("Quý V", "Quý V không tồn tại"),
        ("Quý 5", "Quý 5 không tồn tại"),
        ("Quý I, V", "Quý V không tồn tại"),
        ("Từ 20/11 đến 10/11/2023", "(10/11/2023) sớm hơn thời gian bắt đầu (20/11/2023)"),
        ("Từ 15/12 đến 15/02", "(15/02/2023) sớm hơn thời gian bắt đầu (15/12/2023)"),
        ("Tháng 6-3", "(31/03/2023) sớm hơn thời gian bắt đầu (01/06/2023)"),
        ("Giai đoạn 2025-2021", "sớm hơn thời gian bắt đầu (01/01/2025)"),
        ("Từ 15/12/2023 đến 15/02/2023 hằng năm", "sớm hơn thời gian bắt đầu"),
    ],
)
def test_impossible_dates_raise_a_vietnamese_error(text, message):
    with pytest.raises(TimeframeError) as error:
        parse_timeframe(text, year=2023)
    assert message in str(error.value)


def test_end_before_start_error_suggests_writing_the_year():
    with pytest.raises(TimeframeError, match="hãy ghi rõ năm"):
        parse_timeframe("Từ 15/12 đến 15/02", year=2023)


def test_timeframe_error_is_a_value_error_for_form_validation():
    assert issubclass(TimeframeError, ValueError)


def test_text_is_kept_stripped_and_in_nfc():
    decomposed = "  Quy\u0301 I  "
    timeframe = parse_timeframe(decomposed, year=2023)
    assert timeframe.text == "Qu\u00fd I"


@pytest.mark.parametrize(
    ("composed", "decomposed"),
    [
        ("Qu\u00fd II", "Quy\u0301 II"),
        ("Th\u00e1ng 2,3", "Tha\u0301ng 2,3"),
        ("H\u1eb1ng n\u0103m", "Ha\u0306\u0300ng na\u0306m"),
        ("T\u1eeb 17/10 \u0111\u1ebfn 18/11", "Tu\u031b\u0300 17/10 \u0111e\u0302\u0301n 18/11"),
    ],
)
def test_decomposed_unicode_is_read_like_composed(composed, decomposed):
    assert composed != decomposed
    assert dates(decomposed) == dates(composed)
    assert dates(composed)[1] is not None


@pytest.mark.parametrize(
    ("text", "kwargs", "description"),
    [
        ("Tháng 2,3", {}, "Từ 01/02/2023 đến 31/03/2023"),
        ("Từ 17/10 đến 18/11 hằng năm", {}, "Hằng năm, từ 17/10 đến 18/11"),
        ("Từ 15/12 đến 15/02 hằng năm", {}, "Hằng năm, từ 15/12 đến 15/02 năm sau"),
        ("Ngày 18/11 hằng năm", {}, "Hằng năm, ngày 18/11"),
        ("Trước ngày 15/12 hằng năm", {}, "Hằng năm, hạn chót 15/12"),
        ("Hằng năm", {"end_year": 2025}, "Hằng năm (01/01/2023 – 31/12/2025)"),
        ("Trước 10/6/2024", {}, "Hạn chót 10/06/2024"),
        ("Cả năm 2023", {}, "Cả năm 2023 (01/01/2023 – 31/12/2023)"),
        ("Giai đoạn 2021-2025", {}, "Giai đoạn 2021–2025 (01/01/2021 – 31/12/2025)"),
        ("5/2/2024", {}, "Ngày 05/02/2024"),
        ("Theo chỉ đạo của cấp trên", {}, "Chưa xác định được ngày"),
        ("", {}, "Chưa xác định được ngày"),
    ],
)
def test_describe_says_in_vietnamese_what_was_understood(text, kwargs, description):
    assert parse_timeframe(text, year=2023, **kwargs).describe() == description


def test_end_year_before_year_is_a_programming_error():
    with pytest.raises(ValueError, match="end_year"):
        parse_timeframe("Cả năm", year=2025, end_year=2023)


def test_parser_imports_without_django():
    code = "import sys, plans.timeframes; assert 'django' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
