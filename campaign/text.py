"""Vietnamese text helpers shared by every app."""

import unicodedata


def fold(text):
    """Fold text for searching: NFC-independent, without diacritics, lower case, single spaces.

    "Quyết Thắng", "QUYET THANG" and the decomposed form of "quyết thắng" all fold to
    "quyet thang". Đ/đ carries no combining mark, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("Đ", "D").replace("đ", "d")
    return " ".join(stripped.lower().split())


def day_month_year(day=None, month=None, year=None):
    """'ngày 05 tháng 02 năm 2024' as Nghị định 30 writes dates.

    A day below 10 and the months 1 and 2 take a leading zero; months 3–12 do not. A missing
    part (a draft not yet dated) is left blank for the signer to fill in by hand.
    """
    day_text = f"{day:02d}" if day else "     "
    month_text = (f"{month:02d}" if month <= 2 else str(month)) if month else "     "
    return f"ngày {day_text} tháng {month_text} năm {year}"


def decimal_vi(value):
    """98.40 → '98,4'; 100 → '100': Vietnamese decimals use a comma."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def plain_decimal(value):
    """125.00 → 125, 98.40 → 98.4: a stored decimal as a person would type it in a form."""
    if value is None:
        return None
    return value.quantize(1) if value == value.to_integral() else value.normalize()


def spreadsheet_safe(value):
    """value as a cell that a spreadsheet shows as text and never runs as a formula: a leading
    =, +, -, @, tab or carriage return gets an apostrophe in front (CSV and XLSX exports)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
