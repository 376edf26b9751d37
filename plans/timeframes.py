"""Reading the "Thời gian thực hiện" of a plan into the dates it means.

Plans are typed by hand, so one period arrives as "Tháng 2,3", "tháng 2 - 3." or "Thang 2 va 3".
The text is folded (lower case, no diacritics, NFC-independent) and tried against a short table
of patterns, each with a small function. Free phrases that name no date ("Theo chỉ đạo của cấp
trên") are kept without dates; only text that reads as a date but cannot be one is an error.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from campaign.text import fold


class TimeframeError(ValueError):
    """Text that reads as dates but names an impossible one; the message suits a form field."""


@dataclass(frozen=True)
class Timeframe:
    text: str
    starts_on: date | None
    ends_on: date | None  # inclusive
    is_yearly: bool

    def describe(self) -> str:
        """Say in Vietnamese what was understood, so the user can check it beside the text."""
        start, end = self.starts_on, self.ends_on
        if end is None:
            return "Chưa xác định được ngày"
        whole_years = start is not None and (start.day, start.month, end.day, end.month) == (
            1,
            1,
            31,
            12,
        )
        if self.is_yearly:
            if start is None:
                return f"Hằng năm, hạn chót {end:%d/%m}"
            if whole_years:
                return f"Hằng năm ({_dmy(start)} – {_dmy(end)})"
            if start == end:
                return f"Hằng năm, ngày {end:%d/%m}"
            next_year = " năm sau" if end.year > start.year else ""
            return f"Hằng năm, từ {start:%d/%m} đến {end:%d/%m}{next_year}"
        if start is None:
            return f"Hạn chót {_dmy(end)}"
        if start == end:
            return f"Ngày {_dmy(end)}"
        if whole_years and start.year == end.year:
            return f"Cả năm {start.year} ({_dmy(start)} – {_dmy(end)})"
        if whole_years:
            return f"Giai đoạn {start.year}–{end.year} ({_dmy(start)} – {_dmy(end)})"
        return f"Từ {_dmy(start)} đến {_dmy(end)}"


def parse_timeframe(text: str, *, year: int, end_year: int | None = None) -> Timeframe:
    """Read `text` for a plan running from `year` to `end_year` (default: the same year).

    Raises TimeframeError only for impossible dates; text that is not understood keeps no dates.
    """
    end_year = year if end_year is None else end_year
    if end_year < year:
        raise ValueError(f"end_year {end_year} is before year {year}")
    text = unicodedata.normalize("NFC", (text or "").strip())
    if not text:
        return Timeframe("", None, None, False)
    folded = fold(text).translate(_DASHES).strip(" .;,")
    is_yearly = bool(_YEARLY.search(folded))
    body = " ".join(_YEARLY.sub(" ", folded).split()).strip(" .;,:")
    context = _Context(year, end_year, is_yearly)
    span = _parse(body, context) if body else _whole_period(None, context) if is_yearly else None
    if span is None:
        return Timeframe(text, None, None, False)
    return Timeframe(text, span.start, span.end, is_yearly)


class _Context(NamedTuple):
    year: int  # the year a date without one falls in
    end_year: int
    is_yearly: bool


class _Span(NamedTuple):
    start: date | None
    end: date
    year: int | None  # the year written in the text, if any


_DASHES = str.maketrans(dict.fromkeys("–—‐−", "-"))
_YEARLY = re.compile(r"\bhang nam\b")  # "hằng năm" and "hàng năm" both fold to this
_SEPARATOR = r" ?(?:,|-|&|\bva\b) ?"
_YEAR = r"(?:(?: ?[/-] ?|,? nam )(?P<year>\d{4}))?"
_QUARTER = r"(?:[ivx]+|\d{1,2})"
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _dmy(day):
    return f"{day:%d/%m/%Y}"


def _date(year, month, day):
    if not 1 <= month <= 12:
        raise TimeframeError(f"Tháng {month} không tồn tại.")
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeframeError(f"Ngày {day:02d}/{month:02d}/{year} không tồn tại.") from None


def _months(year, first, last, written_year):
    start, end = _date(year, first, 1), _date(year, last, 1)
    end = end.replace(day=calendar.monthrange(year, last)[1])
    _check_order(start, end)
    return _Span(start, end, written_year)


def _check_order(start, end):
    if end < start:
        raise TimeframeError(
            f"Thời gian kết thúc ({_dmy(end)}) sớm hơn thời gian bắt đầu ({_dmy(start)}). "
            "Nếu kéo sang năm sau, hãy ghi rõ năm."
        )


def _items(m):
    return [item.split()[-1] for item in re.split(_SEPARATOR, m["items"])]


def _year_of(m, context):
    written = int(m["year"]) if m["year"] else None
    return (context.year if written is None else written), written


# Points: one day, month(s), quarter(s), half or year, each inside a single year.


def _day(m, context):
    year, written = _year_of(m, context)
    day = _date(year, int(m["month"]), int(m["day"]))
    return _Span(day, day, written)


def _month_list(m, context):
    months = [int(item) for item in _items(m)]
    year, written = _year_of(m, context)
    return _months(year, months[0], months[-1], written)


def _quarter_list(m, context):
    quarters = []
    for item in _items(m):
        if item not in _QUARTERS:
            raise TimeframeError(f"Quý {item.upper()} không tồn tại; một năm có quý I đến quý IV.")
        quarters.append(_QUARTERS[item])
    year, written = _year_of(m, context)
    return _months(year, quarters[0] * 3 - 2, quarters[-1] * 3, written)


def _half_year(m, context):
    year, written = _year_of(m, context)
    return _months(year, 1, 6, written) if m["half"] == "dau" else _months(year, 7, 12, written)


def _whole_year(m, context):
    year, written = _year_of(m, context)
    return _months(year, 1, 12, written)


def _table(*rows):
    return [(re.compile(pattern), function) for pattern, function in rows]


_POINTS = _table(
    (
        r"(?:ngay ?)?(?P<day>\d{1,2})(?: ?[/.-] ?| thang )(?P<month>\d{1,2})"
        r"(?:(?: ?[/.-] ?|,? nam )(?P<year>\d{4}))?",
        _day,
    ),
    (rf"thang (?P<items>\d{{1,2}}(?:{_SEPARATOR}(?:thang )?\d{{1,2}})*){_YEAR}", _month_list),
    (r"(?P<items>\d{1,2}) ?/ ?(?P<year>\d{4})", _month_list),
    (rf"quy (?P<items>{_QUARTER}(?:{_SEPARATOR}(?:quy )?{_QUARTER})*){_YEAR}", _quarter_list),
    (r"(?:6|sau) thang (?P<half>dau|cuoi) nam(?: (?P<year>\d{4}))?", _half_year),
    (r"(?:ca|trong) nam(?: (?P<year>\d{4}))?", _whole_year),
    (r"(?:nam )?(?P<year>\d{4})", _whole_year),
)


def _point(text, context):
    return _first_match(_POINTS, text, context)


# Forms: points, plus the whole period, deadlines and ranges between two points.


def _whole_period(m, context):
    return _Span(date(context.year, 1, 1), date(context.end_year, 12, 31), None)


def _deadline(m, context):
    # "Trước ngày 10/6" is read as "by 10/6", the date included: plans write the deadline date
    # itself, and flagging a task overdue on the very day printed would wrong its owner.
    point = _point(m["rest"], context)
    return point and _Span(None, point.end, point.year)


def _prefixed(m, context):
    return _parse(m["rest"], context)


def _range(m, context):
    rest = m["rest"]
    splits = [s for sep in (r" (?:den|toi)(?: het)? ", r" ?- ?") for s in re.finditer(sep, rest)]
    for split in splits:
        left, right = rest[: split.start()], rest[split.end() :]
        if (first := _point(left, context)) and (last := _point(right, context)):
            break
    else:
        return None
    # A year written once serves both ends: "Từ 01/3 đến 30/6/2023".
    if last.year and not first.year:
        first = _point(left, context._replace(year=last.year))
    elif first.year and not last.year:
        last = _point(right, context._replace(year=first.year))
    if context.is_yearly and last.end < first.start and not last.year:
        # "Từ 15/12 đến 15/02 hằng năm" runs over New Year into the following year.
        last = _point(right, context._replace(year=first.start.year + 1))
    _check_order(first.start, last.end)
    return _Span(first.start, last.end, first.year or last.year)


_FORMS = _table(
    (r"thuong xuyen(?:,? lien tuc)?|lien tuc", _whole_period),
    *_POINTS,
    (
        r"(?:hoan thanh )?(?:truoc|cham nhat|han chot|han cuoi|khong muon hon)(?: la)?:? (?P<rest>.+)",
        _deadline,
    ),
    (r"(?:giai doan|trong|vao|dip) (?P<rest>.+)", _prefixed),
    (r"(?:tu )?(?P<rest>.+)", _range),
)


def _parse(text, context):
    return _first_match(_FORMS, text, context)


def _first_match(table, text, context):
    for pattern, function in table:
        if (m := pattern.fullmatch(text)) and (span := function(m, context)):
            return span
    return None
