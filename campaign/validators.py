"""What people may type: no control characters in text, numbers and dates within sane ranges.

One place for the rules every form applies (TextGuard for forms, guard_form_field for the
admin's fields): a null byte or an escape character typed or pasted into a field is refused
next to that field with a Vietnamese message, never stored nor sent to the database, where
PostgreSQL would refuse a NUL with an error page.
"""

import unicodedata
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible

YEAR_MIN, YEAR_MAX = 1945, 2100  # the Republic's first documents; far beyond any plan
FIRST_DAY, LAST_DAY = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)
ISSUE_AHEAD = timedelta(days=366)  # a document may be dated at most a year ahead
LINE_BREAKS = "\n\r\u2028\u2029"
MULTILINE_ALLOWED = "\t\n\r"


def _describe(char):
    return unicodedata.name(char, f"U+{ord(char):04X}")


@deconstructible
class NoControlCharacters:
    """Refuses control characters (NUL, escape, …); a multi-line field keeps tab and line
    breaks, a single-line field (a symbol, a name) refuses those too."""

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        if value is None:
            return
        text = str(value)
        if "\x00" in text:
            raise ValidationError(
                "Không được chứa ký tự rỗng (NUL); hãy gõ lại hoặc dán dưới dạng văn bản thuần.",
                code="null_characters_not_allowed",
            )
        allowed = MULTILINE_ALLOWED if self.multiline else ""
        if not self.multiline and any(ch in text for ch in LINE_BREAKS):
            raise ValidationError("Chỉ được nhập trên một dòng.", code="line_break")
        bad = sorted({ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in allowed})
        if bad:
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
            raise ValidationError(
                f"Có ký tự điều khiển không in được ({codes}); hãy xóa rồi gõ lại.",
                code="control_characters",
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and self.multiline == other.multiline


def guard_form_field(field):
    """Make a form field refuse control characters (and line breaks unless it is a
    multi-line field); Django's English NUL message gives way to ours."""
    if not isinstance(field, forms.CharField):
        return field
    widget = getattr(field.widget, "widget", field.widget)  # the admin wraps some widgets
    multiline = isinstance(widget, forms.Textarea)
    guard = NoControlCharacters(multiline=multiline)
    field.validators = [
        v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
    ]
    if guard not in field.validators:  # a model field may carry it already
        field.validators.append(guard)
    return field


class TextGuard:
    """Form mixin: every text field refuses control characters (guard_form_field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            guard_form_field(field)


def validate_year(value):
    if value is not None and not YEAR_MIN <= value <= YEAR_MAX:
        raise ValidationError(f"Năm phải từ {YEAR_MIN} đến {YEAR_MAX}.", code="year_range")


def validate_date(value):
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(
            f"Ngày phải trong khoảng từ năm {YEAR_MIN} đến năm {YEAR_MAX}.", code="date_range"
        )


def validate_issue_date(value):
    """A document's date: within the sane range and at most a year after today."""
    validate_date(value)
    latest = timezone.localdate() + ISSUE_AHEAD
    if value is not None and value > latest:
        raise ValidationError(
            f"Ngày ban hành không được sau ngày {latest:%d/%m/%Y} (quá một năm kể từ hôm nay).",
            code="issue_date_ahead",
        )
