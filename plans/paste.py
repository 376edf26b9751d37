"""A task table pasted from Word or Excel, read into rows of the tasks section's form.

Excel and Word copy a table as text: cells separated by tabs, rows by line breaks; Excel puts a
cell holding a line break, a tab or a quote between double quotes (a quote inside doubled).
Columns are recognised by a header row ("Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp",
"Thời gian", "Sản phẩm"), else taken in that order; a leading "TT" column is dropped, and a row
numbered "a)" or "-" is a sub-task of the row above. Nothing here touches the database.
"""

import re
import unicodedata
from dataclasses import dataclass

from campaign.text import fold

MAX_BYTES = 200_000
# 500 pasted rows took 9 s to render as form rows (crispy fields, 3 MB of HTML) and as many
# pickers in the browser; a plan's task table has tens of rows.
MAX_ROWS = 200
COLUMNS = ("content", "leads", "supports", "timeframe", "deliverable")

# Folded header words → column, checked in this order; a header cell starts with its words.
HEADERS = [
    ("number", re.compile(r"^(s?tt|so tt|so thu tu|thu tu)\.?$")),
    ("supports", re.compile(r"^((don vi|co quan|bo phan) )?phoi hop")),
    ("timeframe", re.compile(r"^(thoi gian|thoi han|tien do|han hoan thanh|han )")),
    ("deliverable", re.compile(r"^(san pham|ket qua)")),
    ("content", re.compile(r"^(noi dung|(ten |cac )?nhiem vu|cong viec|hoat dong|giai phap)")),
    (
        "leads",
        re.compile(
            r"^((don vi|co quan|bo phan|nguoi) )?(chu tri|thuc hien|phu trach|chiu trach nhiem)"
            r"|^(don vi|co quan)$"
        ),
    ),
]
HEADER_CELL_MAX = 50
# A numbering cell or marker: "1", "1.", "II", "a)", "-", "•".
TOP_MARKER = re.compile(r"^(?:[0-9]{1,3}|[IVXLC]{1,6})[.)]?$")
SUB_MARKER = re.compile(r"^(?:[a-zđ][.)]|[-–—•+*])$")
LEADING_SUB = re.compile(r"^(?:[a-zđ]\)|[-–—•+*])\s*")
LEADING_TOP = re.compile(r"^(?:[0-9]{1,3}|[IVXLC]{1,6})[.)]\s+")
# Control characters but tab and line feed (Word may end a cell with U+0007), zero widths.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
SEPARATOR = re.compile(r"[\t\n]")
ROW_BREAK = re.compile(r"\r\n?")
# A line break inside a cell (Word's U+000B, a line or paragraph separator) stays in its cell:
# it is held as a private-use character while the text is cut into rows.
CELL_BREAK = re.compile(r"[\x0b\x85\u2028\u2029]")
HELD_BREAK = "\ue000"


class PasteError(ValueError):
    """The pasted text cannot be read as a task table (too large, too many rows)."""


@dataclass
class PastedTask:
    content: str
    leads: str = ""
    supports: str = ""
    timeframe: str = ""
    deliverable: str = ""
    is_subtask: bool = False


def parse_task_table(text):
    """The rows of a task table pasted as text, as PastedTask; PasteError when it is too big."""
    if len((text or "").encode("utf-8")) > MAX_BYTES:
        raise PasteError(
            f"Bảng dán vào quá lớn (hơn {MAX_BYTES // 1000} kB); hãy dán từng phần nhỏ hơn."
        )
    text = unicodedata.normalize("NFC", ROW_BREAK.sub("\n", text or "").replace(HELD_BREAK, ""))
    text = CONTROL.sub("", CELL_BREAK.sub(HELD_BREAK, text))
    rows = [row for row in (_clean_row(r) for r in _split_cells(text)) if any(row)]
    if not rows:
        return []
    columns = _header(rows[0])
    if columns:
        rows = rows[1:]
    else:
        columns = _positional(rows)
    if len(rows) > MAX_ROWS:
        raise PasteError(
            f"Bảng có {len(rows)} dòng, quá {MAX_ROWS} dòng một lần dán; hãy dán từng phần."
        )
    tasks = (_task(row, columns) for row in rows)
    return [task for task in tasks if task.content or task.leads or task.timeframe]


def _split_cells(text):
    """Rows of cells of tab-separated text, with Excel's quoted cells (a quote that does not
    close a cell before a tab or a line break is an ordinary character)."""
    rows, row, cell = [], [], []
    i, n = 0, len(text)
    start_of_cell = True
    while i < n:
        if start_of_cell and text[i] == '"':
            end, value = _quoted(text, i)
            if end is not None:
                row.append(value)
                i, start_of_cell = end, False
                if i < n and text[i] == "\t":
                    i, start_of_cell = i + 1, True
                    if i == n:
                        row.append("")
                elif i < n:  # a line break
                    rows.append(row)
                    row, i, start_of_cell = [], i + 1, True
                continue
        # An unquoted cell runs to the next tab or line break.
        stop = _next_separator(text, i)
        cell = text[i:stop]
        row.append(cell)
        if stop < n and text[stop] == "\n":
            rows.append(row)
            row = []
        i, start_of_cell = stop + 1, True
        if stop < n and text[stop] == "\t" and i == n:
            row.append("")
    if row:
        rows.append(row)
    return rows


def _next_separator(text, i):
    found = SEPARATOR.search(text, i)
    return found.start() if found else len(text)


def _quoted(text, i):
    """(index after the closing quote, value) of a quoted cell opening at i, or (None, None)."""
    parts, j, n = [], i + 1, len(text)
    while True:
        quote = text.find('"', j)
        if quote == -1:
            return None, None
        parts.append(text[j:quote])
        if quote + 1 < n and text[quote + 1] == '"':
            parts.append('"')
            j = quote + 2
            continue
        if quote + 1 == n or text[quote + 1] in "\t\n":
            return quote + 1, "".join(parts)
        return None, None


def _clean_row(cells):
    """Each cell without blank lines nor runs of spaces (its line breaks kept)."""
    return ["\n".join(_lines(cell.replace(HELD_BREAK, "\n"))) for cell in cells]


def _lines(cell):
    return [" ".join(line.split()) for line in cell.split("\n") if line.strip()]


def _header(row):
    """The columns named by a header row ({index: column}), or None if row is not one: at
    least two columns recognised, every cell short, at most one cell not recognised."""
    columns = {}
    filled = [(index, fold(cell)) for index, cell in enumerate(row) if cell]
    if any(len(folded) > HEADER_CELL_MAX for _, folded in filled):
        return None
    for index, folded in filled:
        for column, pattern in HEADERS:
            if pattern.search(folded):
                if column not in columns.values():
                    columns[index] = column
                break
    named = set(columns.values()) - {"number"}
    if len(named) >= 2 and len(columns) >= len(filled) - 1:
        return columns
    return None


def _positional(rows):
    """Columns by position: content, leads, supports, timeframe, deliverable, after a first
    column of numbers if every row has one there."""
    width = max(len(row) for row in rows)
    numbered = width > 1 and all(
        not row[0] or TOP_MARKER.match(row[0]) or SUB_MARKER.match(row[0])
        for row in rows
        if len(row) > 1
    )
    offset = 1 if numbered else 0
    columns = {offset + index: column for index, column in enumerate(COLUMNS)}
    if numbered:
        columns[0] = "number"
    return columns


def _task(row, columns):
    values = dict.fromkeys(COLUMNS, "")
    number = ""
    for index, column in columns.items():
        if index < len(row):
            if column == "number":
                number = row[index]
            else:
                values[column] = row[index]
    content = values["content"]
    is_subtask = bool(SUB_MARKER.match(number))
    if LEADING_SUB.match(content) and not TOP_MARKER.match(number):
        content, is_subtask = LEADING_SUB.sub("", content, count=1), True
    elif LEADING_TOP.match(content):
        content = LEADING_TOP.sub("", content, count=1)
    one_line = {k: values[k].replace("\n", " ") for k in ("timeframe", "deliverable")}
    units = {k: "; ".join(values[k].split("\n")) for k in ("leads", "supports")}
    return PastedTask(content=content, is_subtask=is_subtask, **units, **one_line)
