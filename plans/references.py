"""Legal bases as references: a basis line ("Căn cứ Nghị quyết số 12-NQ/TU ngày 05/3/2021
của Tỉnh ủy Lai Châu về …;") read into its parts (kind, number, date, issuer, summary).

parse_basis is pure: it never touches the database and never fails; what it cannot read stays
blank, and the line itself is kept as the printed text. The line cites its first document;
a line citing several ("…; Kế hoạch số 4035/KH-BCĐ …") is one reference, printed as typed.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from campaign.validators import FIRST_DAY, LAST_DAY

# Longest first, so that "Bộ luật" wins over "Luật" and "Chương trình phối hợp" over "Chương trình".
KINDS = sorted(
    [
        "Hiến pháp",
        "Bộ luật",
        "Luật",
        "Pháp lệnh",
        "Nghị quyết liên tịch",
        "Nghị quyết",
        "Nghị định",
        "Quyết định",
        "Chỉ thị",
        "Thông tư liên tịch",
        "Thông tư",
        "Kế hoạch",
        "Đề án",
        "Chương trình phối hợp",
        "Chương trình hành động",
        "Chương trình",
        "Hướng dẫn",
        "Công văn",
        "Thông báo kết luận",
        "Thông báo",
        "Kết luận",
        "Báo cáo",
        "Quy chế",
        "Quy định",
        "Văn bản",
    ],
    key=len,
    reverse=True,
)
LEADS = ("Căn cứ", "Thực hiện", "Triển khai", "Theo")

_KIND = re.compile(r"\s*(" + "|".join(map(re.escape, KINDS)) + r")\b", re.IGNORECASE)
_NUMBER = re.compile(r"\bsố\s+([0-9][\w./\-–]*)", re.IGNORECASE)
_DATE = re.compile(
    r"\bngày\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    re.IGNORECASE,
)
_ISSUER = re.compile(r"\bcủa\s+(.+?)(?=\s+(?:về|phê duyệt|ban hành|quy định)\b|\s*[;(]|$)")
_SUMMARY = re.compile(r"\s(?:về|phê duyệt|ban hành|quy định)\s+(.+)$", re.IGNORECASE)
_TRAIL = " \t;,.:"
MAX_LINE = 2000


@dataclass(frozen=True)
class Basis:
    kind: str = ""
    number: str = ""
    issued_on: date | None = None
    issuer_name: str = ""
    summary: str = ""
    text: str = ""


def _clean(line):
    """NFC, control characters out, at most MAX_LINE characters."""
    line = unicodedata.normalize("NFC", str(line or ""))
    line = "".join(c for c in line if c in "\t" or unicodedata.category(c)[0] != "C")
    return line.strip()[:MAX_LINE]


def _date(match):
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups() if g is not None)
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if FIRST_DAY <= found <= LAST_DAY else None


def _first_document(line):
    """The part of line about its first document: up to the first ';' (the next cites another)."""
    return re.split(r";\s*", line, maxsplit=1)[0]


def parse_basis(line):
    """The Basis read from one basis line; text is the line as typed (NFC, trimmed)."""
    text = _clean(line)
    body = text
    for lead in LEADS:
        if body.lower().startswith(lead.lower()):
            body = body[len(lead) :]
            break
    first = _first_document(body)
    if not (_KIND.match(first) or _NUMBER.search(first)):
        return Basis(text=text)  # "Căn cứ nội dung thực hiện …": no document to read
    kind = ""
    rest = first
    found = _KIND.match(first)
    if found:
        kind = next(k for k in KINDS if k.lower() == found.group(1).lower())
        rest = first[found.end() :]
    number = _NUMBER.search(rest)
    issued = _DATE.search(rest)
    issuer = _ISSUER.search(rest)
    summary = _SUMMARY.search(rest)
    if summary:
        summary_text = summary.group(1)
    else:
        # "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": the name is the summary.
        cut = min((m.start() for m in (number, issued, issuer) if m), default=len(rest))
        summary_text = rest[:cut] if kind else ""
    return Basis(
        kind=kind,
        number=number.group(1).rstrip(_TRAIL)[:60] if number else "",
        issued_on=_date(issued),
        issuer_name=issuer.group(1).strip(_TRAIL)[:300] if issuer else "",
        summary=summary_text.strip(_TRAIL)[:2000],
        text=text,
    )


def compose(basis, lead="Căn cứ"):
    """The printed line of a reference typed in parts (its text blank)."""
    parts = [lead, basis.kind]
    if basis.number:
        parts.append(f"số {basis.number}")
    if basis.issued_on:
        parts.append(f"ngày {basis.issued_on:%d/%m/%Y}")
    if basis.issuer_name:
        parts.append(f"của {basis.issuer_name}")
    if basis.summary:
        parts.append(f"về {basis.summary}" if basis.number or basis.issuer_name else basis.summary)
    return " ".join(p for p in parts if p) + ";"


def plan_number_parts(number):
    """'30/KH-BCĐ' → (30, 'KH-BCĐ'); None when number is not an app number."""
    found = re.fullmatch(r"0*(\d{1,9})/(\S+)", number or "")
    return (int(found.group(1)), found.group(2)) if found else None
