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
