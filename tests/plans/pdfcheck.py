"""The measurable properties of ../shared/decree30/CHECKLIST.md, read from a PDF with pdfplumber.

measure(pdf_bytes, mode) reads the PDF once into lines, rules and regions (header, title,
body, signature) with the conventions of CHECKLIST §0, and check(measured) returns
{item number: [problems]} for the items of sections A–G and I; an empty list means it holds.
Item numbers are the checklist's; MUST and SHOULD are listed in MUST_ITEMS / SHOULD_ITEMS.

A plan is the default; another kind of document gives its title and type code, e.g.
measure(pdf, "issued", title="BÁO CÁO", type_code="BC", numbered=False) for a report that
was sent (dated) but carries no number; title="" (and type_code="") is a Công văn, with its
"V/v" line under the Số and its Kính gửi; a page-1 "ĐẢNG CỘNG SẢN VIỆT NAM" selects the Party
profile. A page that starts with a tên loại followed by "(Kèm theo …)" starts a document
issued with the main one (Measured.attached). CHECKLIST §L items 84–91 are checked by
check_l. A "Kính gửi" line under the trích yếu (ô 9a) is read
apart from the body (Measured.addressee); item 72 forbids it in a KH only.
"""

import copy
import io
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pdfplumber

MM = 2.834646
W_PAGE, H_PAGE = 595.276, 841.890
TOL = 0.1
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"
VI_ORDER = "abcdđeghiklmnopqrstuvxy"

MUST_ITEMS = {1, 4, 6, 7, 8, 10, 12, 13, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30}
MUST_ITEMS |= {31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 52}
MUST_ITEMS |= {53, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 69, 70, 71, 80}
MUST_ITEMS |= {78, 81}  # when the document has a Phụ lục
MUST_ITEMS |= {84, 85, 86, 87, 88, 89, 90, 91, 92}  # kinds and profiles (CHECKLIST §L)
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
KIND_TITLES = {
    "KẾ HOẠCH": "KH", "HƯỚNG DẪN": "HD", "CHƯƠNG TRÌNH": "CTr", "CHƯƠNG TRÌNH PHỐI HỢP": "CTr",
    "ĐỀ ÁN": "ĐA", "THÔNG BÁO": "TB", "BÁO CÁO": "BC", "QUYẾT ĐỊNH": "QĐ", "QUY CHẾ": "QC",
}  # fmt: skip
SHOULD_ITEMS = {2, 3, 5, 9, 11, 14, 18, 23, 45, 51, 54, 68, 72}


def font_key(fontname):
    """CHECKLIST §0 normalisation: no subset prefix, lower case, no spaces - , _."""
    name = re.sub(r"^[A-Z]{6}\+", "", fontname or "").lower()
    return re.sub(r"[\s\-,_]", "", name)


def is_times(fontname):
    return font_key(fontname).startswith(("timesnewroman", "liberationserif", "tinos"))


def is_bold(char):
    return "bold" in font_key(char["fontname"])


def is_italic(char):
    key = font_key(char["fontname"])
    return "italic" in key or "oblique" in key


def size_in(value, low, high):
    return low - TOL <= value <= high + TOL


@dataclass
class Line:
    """A segment of text on one baseline (CHECKLIST §0)."""

    page: int
    chars: list
    text: str = ""
    ink: list = field(default_factory=list)  # the chars that are not spaces

    def __post_init__(self):
        self.ink = [c for c in self.chars if not c["text"].isspace()] or self.chars
        parts, previous = [], None
        for char in self.chars:
            if (
                char["text"].isspace()
                or previous is not None
                and char["x0"] - previous["x1"] > 0.25 * char["size"]
            ):
                parts.append(" ")
            parts.append(char["text"])
            previous = None if char["text"].isspace() else char
        self.text = " ".join(unicodedata.normalize("NFC", "".join(parts)).split())

    x0 = property(lambda self: min(c["x0"] for c in self.ink))
    x1 = property(lambda self: max(c["x1"] for c in self.ink))
    top = property(lambda self: min(c["top"] for c in self.ink))
    bottom = property(lambda self: max(c["bottom"] for c in self.ink))
    baseline = property(lambda self: statistics.median(H_PAGE - c["matrix"][5] for c in self.ink))
    centre = property(lambda self: (self.x0 + self.x1) / 2)
    width = property(lambda self: self.x1 - self.x0)
    size = property(lambda self: statistics.median(c["size"] for c in self.ink))
    sizes = property(lambda self: {round(c["size"], 2) for c in self.ink})
    bold = property(lambda self: all(is_bold(c) for c in self.ink))
    some_bold = property(lambda self: any(is_bold(c) for c in self.ink))
    italic = property(lambda self: all(is_italic(c) for c in self.ink))
    some_italic = property(lambda self: any(is_italic(c) for c in self.ink))

    def __repr__(self):
        return f"<p{self.page + 1} {self.top:.1f} {self.x0:.1f}-{self.x1:.1f} {self.text[:40]!r}>"


@dataclass
class Rule:
    x0: float
    x1: float
    top: float
    bottom: float
    solid: bool = True

    length = property(lambda self: self.x1 - self.x0)
    centre = property(lambda self: (self.x0 + self.x1) / 2)


def page_lines(page, index, gap=15.0):
    """Lines of page: chars grouped by baseline (< 1.5 pt), split at gaps > gap pt."""
    chars = sorted(page.chars, key=lambda c: (H_PAGE - c["matrix"][5], c["x0"]))
    groups, current, base = [], [], None
    for char in chars:
        baseline = H_PAGE - char["matrix"][5]
        if base is not None and abs(baseline - base) >= 1.5:
            groups.append(current)
            current = []
        if not current:
            base = baseline
        current.append(char)
    if current:
        groups.append(current)
    lines = []
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        segment = [group[0]]
        for char in group[1:]:
            if char["x0"] - segment[-1]["x1"] > gap:
                lines.append(segment)
                segment = []
            segment.append(char)
        lines.append(segment)
    result = [Line(index, seg) for seg in lines]
    return [line for line in result if line.text]


def page_rules(page):
    """Horizontal rules of page (CHECKLIST §0 (a) and (b)); vertical strokes apart."""
    rules, verticals = [], []
    for line in page.lines:
        if abs(line["y0"] - line["y1"]) <= 0.5:
            dash = line.get("dash")
            rules.append(Rule(line["x0"], line["x1"], line["top"], line["bottom"], not dash))
        elif abs(line["x0"] - line["x1"]) <= 0.5:
            verticals.append((line["top"], line["bottom"]))
    for rect in page.rects:
        if rect["height"] <= 1.5 and rect["width"] >= 10:
            rules.append(Rule(rect["x0"], rect["x1"], rect["top"], rect["bottom"]))
        elif rect["width"] <= 1.5 and rect["height"] >= 5:
            verticals.append((rect["top"], rect["bottom"]))
    return rules, verticals


def table_bands(verticals):
    """Vertical extents of tables: the cell borders' vertical strokes, merged."""
    bands = []
    for top, bottom in sorted(verticals):
        if bands and top <= bands[-1][1] + 2:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    return bands


@dataclass
class Paragraph:
    lines: list

    first = property(lambda self: self.lines[0])
    last = property(lambda self: self.lines[-1])


@dataclass
class Measured:
    mode: str  # "issued": dated (and numbered, unless numbered says otherwise); "draft"
    pdf: object
    raw: bytes
    pages: list  # lines per page
    rules: list  # rules per page
    bands: list  # table bands per page
    texts: list  # extracted text per page
    notes: dict = field(default_factory=dict)
    title_text: str = "KẾ HOẠCH"
    type_code: str = "KH"
    numbered: bool = None  # whether the Số line carries a number; None: as the mode
    party: bool = False  # the Party profile (LAYOUT.md §9)
    party_line: Line = None  # "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_rule: Rule = None
    star: Line = None  # the "*" under a Party issuer
    subject: list = field(default_factory=list)  # a Công văn's "V/v" lines (ô 5b)
    header_end: float = 0.0  # top of the first line below the header (title or Kính gửi)
    attached: list = field(default_factory=list)  # first pages of attached documents

    # Filled in by locate().
    qh: Line = None
    tn: Line = None
    tn_rule: Rule = None
    date: Line = None
    number: Line = None
    parent: list = field(default_factory=list)
    issuer: list = field(default_factory=list)
    issuer_rule: Rule = None
    title: Line = None
    summary: list = field(default_factory=list)
    summary_rule: Rule = None
    body: list = field(default_factory=list)  # body lines in reading order, tables excluded
    table_lines: list = field(default_factory=list)
    page_numbers: dict = field(default_factory=dict)  # page index -> Line
    end_mark: Line = None
    recipients_label: Line = None
    recipients: list = field(default_factory=list)
    addressee: list = field(default_factory=list)  # the Kính gửi line(s), ô 9a
    signature: list = field(default_factory=list)
    # A joint document (CHECKLIST §L): its signature blocks (lists of lines) in print order.
    blocks: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)
    appendices: list = field(default_factory=list)  # [first page index, …]
    TL: float = 0.0
    TR: float = 0.0

    def main_pages(self):
        """Indices of the pages of the main document (before the first Phụ lục)."""
        starts = self.appendices + self.attached
        return range(min(starts) if starts else len(self.pages))

    letter = property(lambda self: not self.title_text)

    def expected_number(self, index):
        """The page number page index shows: within the main document or its appendix;
        None on the first page of either."""
        starts = [0, *self.appendices, *self.attached]
        start = max(s for s in starts if s <= index)
        return None if index == start else index - start + 1

    def page_size(self, index):
        page = self.pdf.pages[index]
        return page.width, page.height

    TW = property(lambda self: self.TR - self.TL)
    TC = property(lambda self: (self.TL + self.TR) / 2)


def measure(raw, mode, *, title="KẾ HOẠCH", type_code="KH", numbered=None):
    """Read the PDF once: lines, rules and the regions of the document (its title and the
    type code of its Số line as given; numbered defaults to mode == "issued")."""
    pdf = pdfplumber.open(io.BytesIO(raw))
    pages, rules, bands, texts = [], [], [], []
    for index, page in enumerate(pdf.pages):
        pages.append(page_lines(page, index))
        page_rules_, verticals = page_rules(page)
        rules.append(page_rules_)
        bands.append(table_bands(verticals))
        texts.append("".join(c["text"] for c in page.chars))
    m = Measured(mode, pdf, raw, pages, rules, bands, texts)
    m.title_text, m.type_code = title, type_code
    m.numbered = mode == "issued" if numbered is None else numbered
    m.party = any(line.text == PARTY for line in pages[0]) if pages else False
    locate(m)
    return m


APPENDIX_LABEL = re.compile(r"Phụ lục( [IVXLC]+)?")


def _first(items, predicate):
    return next((item for item in items if predicate(item)), None)


def _in_band(line, bands):
    return any(top - 1 <= line.baseline <= bottom + 1 for top, bottom in bands)


def locate(m):
    first = m.pages[0]
    m.qh = _first(first, lambda line: line.text.replace("HOÀ", "HÒA") == QH)
    m.party_line = _first(first, lambda line: line.text == PARTY)
    if m.letter:  # a Công văn: no tên loại; the header ends at its Kính gửi
        m.title = None
        content = _first(first, lambda line: line.text.startswith("Kính gửi"))
    else:
        m.title = content = _first(first, lambda line: line.text == m.title_text)
    if (m.party_line if m.party else m.qh) is None or content is None:
        return
    m.header_end = content.top
    header = [  # lines beside the Kính gửi label (its first entry) are not the header's
        line
        for line in first
        if line.top < content.top and abs(line.baseline - content.baseline) >= 1.5
    ]
    left = [line for line in header if line.centre < W_PAGE / 2]
    right = [line for line in header if line.centre >= W_PAGE / 2]
    m.tn = _first(right, lambda line: line.text.replace("–", "-") == TN)
    if m.party:  # the rule under ĐCSVN stands where the Tiêu ngữ's would
        party = m.party_line
        m.party_rule = _first(
            sorted(m.rules[0], key=lambda r: r.top),
            lambda r: party.bottom - 2 <= r.top <= party.bottom + 14 and r.centre > W_PAGE / 2,
        )
        m.tn_rule = m.party_rule
        m.star = _first(left, lambda line: line.text == "*")
        left = [line for line in left if line is not m.star]
    if m.tn:
        m.tn_rule = _first(
            sorted(m.rules[0], key=lambda r: r.top),
            lambda r: m.tn.bottom - 2 <= r.top <= m.tn.bottom + 14 and r.centre > W_PAGE / 2,
        )
    anchor = m.party_line if m.party else m.qh
    below = m.tn_rule.bottom if m.tn_rule else (m.tn.bottom if m.tn else anchor.bottom)
    m.date = _first(right, lambda line: line.top > below)
    m.number = _first(left, lambda line: line.text.startswith("Số"))
    above_number = [line for line in left if m.number is None or line.top < m.number.top]
    if m.number is not None:  # a Công văn's V/v lines under the Số
        m.subject = [line for line in left if line.top > m.number.top]
    m.issuer = [line for line in above_number if line.bold]
    if m.issuer:
        m.parent = [line for line in above_number if line.top < m.issuer[0].top]
        last = m.issuer[-1]
        m.issuer_rule = _first(
            sorted(m.rules[0], key=lambda r: r.top),
            lambda r: last.bottom - 2 <= r.top <= last.bottom + 14 and r.centre < W_PAGE / 2,
        )
    if m.title is not None:
        rules_below_title = sorted(
            (r for r in m.rules[0] if r.top > m.title.bottom), key=lambda r: r.top
        )
        m.summary_rule = rules_below_title[0] if rules_below_title else None
        limit = m.summary_rule.top if m.summary_rule else m.title.bottom + 60
        m.summary = [line for line in first if m.title.bottom < line.top < limit]
    else:
        limit = content.top - 1

    # Appendices start a page with "Phụ lục" (or "Phụ lục I" …) as its first text line.
    for index, lines in enumerate(m.pages[1:], start=1):
        text = [line for line in lines if not re.fullmatch(r"\d{1,3}", line.text)]
        if text and APPENDIX_LABEL.fullmatch(text[0].text):
            m.appendices.append(index)
        elif (
            text
            and text[0].text in KIND_TITLES
            and any(line.text.startswith("(Kèm theo") for line in text[1:7])
        ):
            m.attached.append(index)

    # Page numbers: a lone number above the first text line of pages ≥ 2.
    for index, lines in enumerate(m.pages[1:], start=1):
        candidates = [
            line for line in lines if re.fullmatch(r"\d{1,3}", line.text) and line.top < 25 * MM
        ]
        if candidates:
            m.page_numbers[index] = candidates[0]

    # Body: after the summary rule, up to the end mark; tables apart.
    start = m.summary_rule.bottom if m.summary_rule else limit
    flow = []
    for index in m.main_pages():
        for line in m.pages[index]:
            if index == 0 and line.top <= start:
                continue
            if m.page_numbers.get(index) is line:
                continue
            flow.append(line)
    # Kính gửi (ô 9a) stands between the trích yếu and the body: a line and its
    # continuations, set closer together than two paragraphs.
    if flow and flow[0].page == 0 and flow[0].text.startswith("Kính gửi"):
        m.addressee = [flow.pop(0)]
        while (
            flow
            and flow[0].page == 0
            and flow[0].baseline - m.addressee[-1].baseline <= 1.3 * flow[0].size
        ):
            m.addressee.append(flow.pop(0))
    end = _first(flow, lambda line: line.text.endswith("./."))
    ends = [i for i, line in enumerate(flow) if line.text.endswith("./.")]
    if ends:
        end = flow[ends[-1]]
        m.end_mark = end
        m.notes["end marks"] = len(ends)
        body = flow[: ends[-1] + 1]
        after = flow[ends[-1] + 1 :]
    else:
        body, after = flow, []
    m.table_lines = [line for line in body if _in_band(line, m.bands[line.page])]
    m.body = [line for line in body if not _in_band(line, m.bands[line.page])]
    m.recipients_label = _first(after, lambda line: line.text.startswith("Nơi nhận"))
    if m.recipients_label:
        split = m.recipients_label.x1 + 3
        m.recipients = [
            line for line in after if line.x1 <= split + 200 and line.centre < W_PAGE * 0.45
        ]
        m.recipients = [line for line in m.recipients if line is not m.recipients_label]
        m.signature = [line for line in after if line.centre >= W_PAGE * 0.45]
        joint_blocks(m, after)
    else:
        m.signature = list(after)
    m.paragraphs = paragraphs(m.body)
    text_block(m)


def joint_blocks(m, after):
    """Two signature blocks side by side (upper-case bold lines in both halves between the
    end mark and Nơi nhận) make a joint document: its blocks, each half split after a name;
    the Nơi nhận list is what follows the label."""
    label = m.recipients_label
    above = [line for line in after if (line.page, line.top) < (label.page, label.top)]
    halves = [
        [line for line in above if line.centre < W_PAGE * 0.5],
        [line for line in above if line.centre >= W_PAGE * 0.5],
    ]
    if not all(any(caps(line.text) and line.bold for line in half) for half in halves):
        return
    blocks = []
    for half in halves:
        block = []
        for line in sorted(half, key=lambda line: (line.page, line.top)):
            if block and not caps(block[-1].text):  # the previous block ended with its name
                blocks.append(block)
                block = []
            block.append(line)
        blocks.append(block)
    m.blocks = sorted(blocks, key=lambda b: (b[0].page, round(b[0].top / 20), b[0].x0))
    m.signature = above
    below = [line for line in after if (line.page, line.top) > (label.page, label.top)]
    m.recipients = [line for line in below if line.centre < W_PAGE * 0.45]


def paragraphs(lines):
    """Body lines grouped into paragraphs: a new one after a gap larger than the line pitch,
    or on a new page when the line is indented."""
    if not lines:
        return []
    gaps = Counter(
        round(b.baseline - a.baseline, 1)
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and 0 < b.baseline - a.baseline < 40
    )
    # The line pitch is the smallest gap that recurs (paragraph gaps add the 6 pt spacing).
    recurring = [gap for gap, count in gaps.items() if count >= 3]
    pitch = min(recurring) if recurring else (min(gaps) if gaps else 17.0)
    result = [[lines[0]]]
    left = min(line.x0 for line in lines)
    for previous, line in zip(lines, lines[1:], strict=False):
        if line.page == previous.page:
            new = line.baseline - previous.baseline > pitch + 2.5
        else:
            new = line.x0 > left + 10
        if new:
            result.append([line])
        else:
            result[-1].append(line)
    return [Paragraph(group) for group in result]


def text_block(m):
    """TL and TR as CHECKLIST §0 defines them."""
    continuation = [line for p in m.paragraphs for line in p.lines[1:]]
    if continuation:
        m.TL = Counter(round(line.x0 * 2) / 2 for line in continuation).most_common(1)[0][0]
    inner = [line for p in m.paragraphs for line in p.lines[:-1]]
    if inner:
        m.TR = statistics.median(line.x1 for line in inner)


# ---------------------------------------------------------------------------- the checks


def check(m):
    """{item: [problems]} for every item of sections A–G and I this module checks."""
    found = defaultdict(list)
    checkers = (check_a, check_b, check_c, check_d, check_e, check_f, check_g, check_h, check_i,
                check_l)  # fmt: skip
    for checker in checkers:
        checker(m, found)
    return found


def section_of(item):
    for letter, (low, high) in SECTIONS.items():
        if low <= item <= high:
            return letter
    return "?"


SECTIONS = {
    "A": (1, 11),
    "B": (12, 18),
    "C": (19, 23),
    "D": (24, 45),
    "E": (46, 52),
    "F": (53, 62),
    "G": (63, 72),
    "H": (73, 79),
    "I": (80, 82),
    "L": (83, 92),
}


def fail(found, item, message):
    found[item].append(message)


def check_a(m, found):
    for item in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11):
        found[item]  # noqa: B018  every item gets an entry, so "checked" is visible
    for index, page in enumerate(m.pdf.pages):
        portrait = abs(page.width - 595.28) <= 1 and abs(page.height - 841.89) <= 1
        landscape = abs(page.height - 595.28) <= 1 and abs(page.width - 841.89) <= 1
        if not (portrait or (landscape and page.find_tables())):
            fail(found, 1, f"page {index + 1}: {page.width:.1f}×{page.height:.1f}")
        if (page.rotation or 0) != 0:
            fail(found, 2, f"page {index + 1} rotated {page.rotation}")
        others = {c["fontname"] for c in page.chars if not is_times(c["fontname"])}
        if others:
            fail(found, 4, f"page {index + 1}: {sorted(others)}")
        for char in page.chars:
            colour = char.get("non_stroking_color")
            if not black(colour):
                fail(found, 6, f"page {index + 1}: {char['text']!r} in {colour}")
                break
        text = m.texts[index]
        if "(cid:" in text or "\ufffd" in text or any(0xE000 <= ord(c) <= 0xF8FF for c in text):
            fail(found, 7, f"page {index + 1}: broken glyph mapping")
        if unicodedata.normalize("NFC", text) != text:
            fail(found, 8, f"page {index + 1}: text is not NFC")
        if any(0x300 <= ord(c["text"][0]) <= 0x36F for c in page.chars if c["text"]):
            fail(found, 8, f"page {index + 1}: a stray combining mark")
        mojibake = set(text) & set("µ¸¶·¹¨©ª®¬Ðñ¦")
        if mojibake:
            fail(found, 9, f"page {index + 1}: {sorted(mojibake)}")
        if overlapping(page.chars):
            fail(found, 11, f"page {index + 1}: overlapping chars {overlapping(page.chars)}")
    version = m.raw[:8].decode("ascii", "replace")
    if not re.match(r"%PDF-(1\.[4-7]|2\.\d)", version):
        fail(found, 3, version)
    for font in embedded_fonts_missing(m.pdf):
        fail(found, 5, f"not embedded: {font}")
    first_text = " ".join(line.text for line in m.pages[0])
    heading = [PARTY] if m.party else [QH, TN]
    for required in [*heading, *([m.title_text] if m.title_text else [])]:
        if required not in first_text:
            fail(found, 10, f"page 1 lacks {required!r}")
    if m.recipients_label is None or m.recipients_label.text != "Nơi nhận:":
        fail(found, 10, "no 'Nơi nhận:' after the end mark")


def black(colour):
    if colour is None:
        return True
    values = tuple(colour) if isinstance(colour, (list, tuple)) else (colour,)
    if len(values) in (1, 3):
        return all(v <= 0.05 for v in values)
    if len(values) == 4:
        return all(v <= 0.05 for v in values[:3]) and values[3] >= 0.95
    return False


def overlapping(chars):
    ink = [c for c in chars if not c["text"].isspace()]
    ink.sort(key=lambda c: (round(c["top"]), c["x0"]))
    by_row = defaultdict(list)
    for char in ink:
        by_row[round(char["top"] / 4)].append(char)
    for row in by_row.values():
        row.sort(key=lambda c: c["x0"])
        for a, b in zip(row, row[1:], strict=False):
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if dx > 0 and dy > 0:
                smaller = min(
                    (a["x1"] - a["x0"]) * (a["bottom"] - a["top"]),
                    (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]),
                )
                if smaller and dx * dy > 0.2 * smaller:
                    return f"{a['text']}{b['text']}"
    return None


def embedded_fonts_missing(pdf):
    """Names of fonts whose descriptor has no FontFile/FontFile2/FontFile3."""
    from pdfminer.pdftypes import resolve1

    missing = set()
    for page in pdf.pages:
        resources = resolve1(page.page_obj.resources) or {}
        for name, ref in (resolve1(resources.get("Font")) or {}).items():
            font = resolve1(ref)
            descriptor = resolve1(font.get("FontDescriptor"))
            if descriptor is None and font.get("DescendantFonts"):
                descendant = resolve1(resolve1(font["DescendantFonts"])[0])
                descriptor = resolve1(descendant.get("FontDescriptor"))
            if not descriptor or not any(
                key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")
            ):
                missing.add(str(font.get("BaseFont", name)))
    return missing


def check_b(m, found):
    for item in range(12, 19):
        found[item]  # noqa: B018
    if not (84.0 <= m.TL <= 100.2):
        fail(found, 12, f"TL = {m.TL:.1f}")
    if not (41.5 <= W_PAGE - m.TR <= 57.7):
        fail(found, 13, f"right margin = {W_PAGE - m.TR:.1f}")
    per_page = defaultdict(list)
    for p in m.paragraphs:
        for line in p.lines[1:]:
            per_page[line.page].append(round(line.x0, 1))
    for page, xs in per_page.items():
        if abs(statistics.mode(xs) - m.TL) > 1.0:
            fail(found, 14, f"page {page + 1}: left edge {statistics.mode(xs)}")
    header_lines = m.parent + m.issuer + [m.qh, m.tn, m.date, m.number]
    signature_lines = m.recipients + m.signature + [m.recipients_label]
    allowance = {id(line) for line in header_lines + signature_lines if line is not None}
    for index, lines in enumerate(m.pages):
        right = m.TR + m.page_size(index)[0] - W_PAGE  # the same right margin on landscape
        for line in lines:
            if m.page_numbers.get(index) is line:
                continue
            slack = 14.2 if id(line) in allowance else 0
            if line.x0 < m.TL - 1.0 - slack or line.x1 > right + 1.5 + slack:
                fail(found, 15, f"{line!r} outside [{m.TL:.1f}, {right:.1f}]")
    first_tops = []
    for index, lines in enumerate(m.pages):
        content = [line for line in lines if m.page_numbers.get(index) is not line]
        if content:
            top = min(line.top for line in content)
            first_tops.append(top)
            if not (54.7 <= top <= 76.9):
                fail(found, 16, f"page {index + 1}: first line top {top:.1f}")
        width, height = m.page_size(index)
        for line in lines:
            if line.bottom > height - 20 * MM + 1.0:
                fail(found, 17, f"{line!r} bottom {line.bottom:.1f}")
            if (
                line.top < 10 * MM
                or line.bottom > height - 10 * MM
                or line.x0 < 10 * MM
                or line.x1 > width - 10 * MM
            ):
                fail(found, 18, f"{line!r} in the 10 mm edge")
    m.notes["first tops"] = first_tops


def check_c(m, found):
    for item in range(19, 24):
        found[item]  # noqa: B018
    for line in m.pages[0]:
        if re.fullmatch(r"\d{1,3}", line.text) and (
            (m.qh and line.bottom < m.qh.top) or line.top > H_PAGE - 25 * MM
        ):
            fail(found, 19, f"page 1 shows a number {line!r}")
    for index, lines in enumerate(m.pages[1:], start=1):
        content = [line for line in lines if m.page_numbers.get(index) is not line]
        first_top = min((line.top for line in content), default=H_PAGE)
        numbers = [
            line
            for line in lines
            if re.fullmatch(r"\d{1,3}", line.text)
            and line.top >= 5 * MM
            and line.bottom <= first_top - 2
        ]
        expected = m.expected_number(index)
        if expected is None:  # the first page of a Phụ lục, like page 1, shows no number
            if numbers:
                fail(found, 20, f"page {index + 1} starts an appendix but shows a number")
            continue
        if len(numbers) != 1:
            fail(found, 20, f"page {index + 1}: {len(numbers)} numbers in the top margin")
            continue
        number = numbers[0]
        if int(number.text) != expected:
            fail(found, 20, f"page {index + 1} numbered {number.text}, not {expected}")
        if not size_in(number.size, 13, 14) or number.some_bold or number.some_italic:
            fail(found, 21, f"page {index + 1}: number {number.size} bold/italic")
        if any(not is_times(c["fontname"]) for c in number.ink):
            fail(found, 21, f"page {index + 1}: number font")
        centre = m.TC + (m.page_size(index)[0] - W_PAGE) / 2
        if abs(number.centre - centre) > 8.5:
            fail(found, 22, f"page {index + 1}: number centre {number.centre:.1f} vs {centre:.1f}")
        for line in lines:
            bottom_band = m.page_size(index)[1] - 25 * MM
            if re.fullmatch(r"(Trang )?\d{1,3}", line.text) and line.top > bottom_band:
                fail(found, 23, f"page {index + 1}: footer number")


def caps(text):
    return text == text.upper()


def check_d(m, found):
    for item in range(24, 46):
        found[item]  # noqa: B018
    qh, tn, date, number = m.qh, m.tn, m.date, m.number
    if m.party:
        check_party_header(m, found)
        return
    if qh is None:
        fail(found, 24, "no Quốc hiệu")
        return
    if not (all(size_in(s, 12, 13) for s in qh.sizes) and qh.bold and not qh.some_italic):
        fail(found, 24, f"Quốc hiệu {qh.sizes} bold={qh.bold}")
    if not caps(qh.text):
        fail(found, 24, "Quốc hiệu not upper case")
    if qh.centre < m.TL + 0.5 * m.TW:
        fail(found, 25, f"Quốc hiệu centre {qh.centre:.1f}")
    if qh.x1 > m.TR + 14.2:
        fail(found, 25, f"Quốc hiệu overhangs to {qh.x1:.1f}")
    page_top = min(line.top for line in m.pages[0])
    if qh.top - page_top > 3.0:
        fail(found, 26, f"Quốc hiệu {qh.top - page_top:.1f} pt below the first line")
    if tn is None:
        fail(found, 27, "no Tiêu ngữ")
        return
    if tn.text != TN:
        fail(found, 27, repr(tn.text))
    if not (all(size_in(s, 13, 14) for s in tn.sizes) and tn.bold and not tn.some_italic):
        fail(found, 28, f"Tiêu ngữ {tn.sizes}")
    spacing = tn.baseline - qh.baseline
    if not (1.05 * tn.size <= spacing <= 1.30 * tn.size):
        fail(found, 29, f"Tiêu ngữ {spacing:.2f} pt under the Quốc hiệu")
    if abs(tn.centre - qh.centre) > 2.0:
        fail(found, 30, f"centres {tn.centre:.1f} / {qh.centre:.1f}")
    rule = m.tn_rule
    if rule is None:
        fail(found, 31, "no rule under the Tiêu ngữ")
    else:
        if not (0.90 * tn.width <= rule.length <= 1.10 * tn.width):
            fail(found, 31, f"rule {rule.length:.1f} for text {tn.width:.1f}")
        if abs(rule.centre - tn.centre) > 2.0 or rule.bottom - rule.top > 1.5 or not rule.solid:
            fail(found, 31, "rule not centred, thin and solid")
    if date is None:
        fail(found, 32, "no date line")
    else:
        if not (date.italic and not date.some_bold and all(size_in(s, 13, 14) for s in date.sizes)):
            fail(found, 32, f"date {date.sizes} italic={date.italic}")
        check_date(m, date, found)
        if rule and date.top <= rule.top:
            fail(found, 35, "date above the rule")
        if abs(date.centre - qh.centre) > 6.0:
            fail(found, 35, f"date centre {date.centre:.1f} vs {qh.centre:.1f}")
    issuer, parent = m.issuer, m.parent
    if not issuer:
        fail(found, 36, "no issuer lines")
        return
    for line in issuer:
        if not (caps(line.text) and line.bold and not line.some_italic):
            fail(found, 36, repr(line))
        if not all(size_in(s, 12, 13) for s in line.sizes):
            fail(found, 36, f"{line!r} {line.sizes}")
    for line in parent:
        if not (caps(line.text) and not line.some_bold and not line.some_italic):
            fail(found, 37, repr(line))
        if not all(size_in(s, 12, 13) for s in line.sizes):
            fail(found, 37, f"{line!r} {line.sizes}")
    first_left = (parent or issuer)[0]
    if abs(first_left.top - qh.top) > 3.0:
        fail(found, 38, f"left column starts {first_left.top - qh.top:.1f} pt off")
    axis = issuer[0].centre
    column = parent + issuer + ([number] if number else [])
    for line in column:
        if abs(line.centre - axis) > 4.0:
            fail(found, 39, f"{line!r} centre {line.centre:.1f} vs {axis:.1f}")
    if m.issuer_rule and abs(m.issuer_rule.centre - axis) > 4.0:
        fail(found, 39, "issuer rule off the axis")
    right_x0 = min(line.x0 for line in (qh, tn, date) if line)
    left_x1 = max(line.x1 for line in column)
    if left_x1 > right_x0 - 3.0:
        fail(found, 40, f"columns {left_x1:.1f} / {right_x0:.1f}")
    rule = m.issuer_rule
    if rule is None:
        fail(found, 41, "no rule under the issuer")
    else:
        longest = max(line.width for line in issuer)
        if not (0.30 * longest <= rule.length <= 0.55 * longest):
            fail(found, 41, f"rule {rule.length:.1f} for {longest:.1f}")
        centre = max(issuer, key=lambda line: line.width).centre
        if abs(rule.centre - centre) > 2.0 or not rule.solid:
            fail(found, 41, "rule off centre or dashed")
    if number is None:
        fail(found, 42, "no Số line")
    else:
        code = re.escape(m.type_code) + "-" if m.type_code else ""  # a Công văn has none
        pattern = (
            rf"Số: (\d{{2,}})/{code}[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*"
            if m.numbered
            else rf"Số:\s+/{code}[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*"
        )
        if not re.fullmatch(pattern, number.text):
            fail(found, 42, repr(number.text))
        if number.sizes != {13.0} or number.some_bold or number.some_italic:
            fail(found, 43, f"Số {number.sizes}")
        if date and abs(number.baseline - date.baseline) > 4.0:
            fail(found, 44, f"Số and date {number.baseline - date.baseline:.1f} pt apart")
    header_rules = [r for r in m.rules[0] if r.bottom < m.header_end]
    if len(header_rules) != 2:
        fail(found, 45, f"{len(header_rules)} rules above the title")
    if any(top < m.header_end for top, _ in m.bands[0]):
        fail(found, 45, "vertical strokes in the header")


DATE = re.compile(
    r"(?P<place>[A-ZÀ-ỸĐ][^,\d]*), ngày (?P<d>0[1-9]|[12]\d|3[01]) "
    r"tháng (?P<m>0[12]|[3-9]|1[0-2]) năm (?P<y>\d{4})"
)
DRAFT_DATE = re.compile(
    r"(?P<place>[A-ZÀ-ỸĐ][^,\d]*), ngày(?P<d>\s+|\s*[.…]+\s*) "
    r"tháng (?P<m>0[12]|[3-9]|1[0-2]|\s*|[.…]+) ?năm (?P<y>\d{4})"
)


def check_date(m, date, found):
    import datetime

    raw = "".join(c["text"] for c in date.chars)  # blanks as printed
    raw = unicodedata.normalize("NFC", raw)
    if m.mode == "issued":
        match = DATE.fullmatch(date.text)
        if not match:
            fail(found, 33, repr(date.text))
            return
        try:
            datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            fail(found, 34, repr(date.text))
    else:
        if not DRAFT_DATE.fullmatch(raw.strip()):
            fail(found, 33, repr(raw))
        elif not re.search(r"ngày\s{2,}", raw) and "…" not in raw and ".." not in raw:
            fail(found, 33, f"the day is not blank: {raw!r}")


def check_e(m, found):
    for item in range(46, 53):
        found[item]  # noqa: B018
    title = m.title
    if m.letter:  # no tên loại: items 46–49, 51, 52 do not apply; 50 wants the V/v line
        if not (m.subject and m.subject[0].text.startswith("V/v")):
            fail(found, 50, "a Công văn without its V/v line under the Số")
        return
    if title is None:
        fail(found, 46, f"no {m.title_text} line")
        return
    same_line = [line for line in m.pages[0] if abs(line.baseline - title.baseline) < 1.5]
    low, high = (15, 16) if m.party else (13, 14)  # LAYOUT.md §9: a Party title 15–16 pt
    title_ok = all(size_in(s, low, high) for s in title.sizes) and title.bold
    if not title_ok or title.some_italic:
        fail(found, 46, f"title {title.sizes}")
    if len(same_line) != 1:
        fail(found, 46, "title not alone on its line")
    if abs(title.centre - m.TC) > 3.0:
        fail(found, 47, f"title centre {title.centre:.1f} vs {m.TC:.1f}")
    above = max(line.bottom for line in (m.date, m.number) if line)
    if title.top < above + 6.0:
        fail(found, 48, f"title {title.top - above:.1f} pt under the header")
    summary = m.summary
    if not (1 <= len(summary) <= 3):
        fail(found, 49, f"{len(summary)} summary lines")
    for line in summary:
        if not (line.bold and not line.some_italic and all(size_in(s, 13, 14) for s in line.sizes)):
            fail(found, 49, repr(line))
        if abs(line.centre - m.TC) > 3.0:
            fail(found, 49, f"{line!r} centre {line.centre:.1f}")
    if summary:
        text = " ".join(line.text for line in summary)
        if not (text[0].isupper() and any(ch.islower() for ch in text)):
            fail(found, 49, "summary not in normal case")
        if text.startswith("V/v"):
            fail(found, 50, "V/v")
        spacing = summary[0].baseline - title.baseline
        if not (1.05 * title.size <= spacing <= 1.80 * title.size):
            fail(found, 51, f"summary {spacing:.1f} pt under the title")
        rule = m.summary_rule
        if rule is None:
            fail(found, 52, "no rule under the summary")
        else:
            last, longest = summary[-1], max(line.width for line in summary)
            if not (last.bottom - 2 <= rule.top <= last.bottom + 14):
                fail(found, 52, f"rule {rule.top - last.bottom:.1f} pt under the summary")
            if not (0.30 * longest <= rule.length <= 0.55 * longest):
                fail(found, 52, f"rule {rule.length:.1f} for {longest:.1f}")
            centre = statistics.mean(line.centre for line in summary)
            if abs(rule.centre - centre) > 2.0 or not rule.solid:
                fail(found, 52, "rule off centre or dashed")


ROMAN_HEADING = re.compile(r"^([IVXLC]+)\.\s+\S")
KHOAN = re.compile(r"^(\d+)\.\s")
DIEM = re.compile(r"^([a-zđ])\)\s")


def roman_value(text):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=False):
        value = values[a]
        total += -value if b != " " and values.get(b, 0) > value else value
    return total


def check_f(m, found):
    for item in range(53, 63):
        found[item]  # noqa: B018
    body = m.body
    if not body:
        fail(found, 53, "no body")
        return
    sizes = Counter(round(c["size"], 1) for line in body for c in line.ink)
    if any(not size_in(s, 13, 14) for s in sizes):
        fail(found, 53, f"body sizes {dict(sizes)}")
    s = sizes.most_common(1)[0][0]
    m.notes["body size"] = s
    italic = sum(1 for line in body for c in line.ink if is_italic(c))
    total = sum(len(line.ink) for line in body)
    if italic > 0.05 * total:
        fail(found, 54, f"{italic}/{total} body chars italic")
    indents = Counter()
    pitches = []
    for paragraph in m.paragraphs:
        lines = paragraph.lines
        if all(centred_heading(m, line) for line in lines):
            continue  # item 56: centred headings (item 61) are exempt, as from 55
        for line in lines[:-1]:
            if abs(line.x1 - m.TR) > 1.5:
                fail(found, 55, f"{line!r} ends at {line.x1:.1f}, not {m.TR:.1f}")
        first = lines[0]
        indent = round(first.x0 - m.TL, 1)
        heading = ROMAN_HEADING.match(first.text) or KHOAN.match(first.text)
        if not heading or abs(indent) > 1.5:
            indents[indent] += 1
        for line in lines[1:]:
            if abs(line.x0 - m.TL) > 1.5:
                fail(found, 56, f"continuation {line!r} at {line.x0 - m.TL:.1f}")
        for a, b in zip(lines, lines[1:], strict=False):
            if a.page == b.page:
                pitches.append(b.baseline - a.baseline)
    indent_values = [i for i in indents if abs(i) > 1.5]
    for value in indent_values:
        if not (abs(value - 28.35) <= 1.5 or abs(value - 36.0) <= 1.5):
            fail(found, 56, f"first-line indent {value}")
    if len({round(v) for v in indent_values}) > 1:
        fail(found, 56, f"several indents {sorted(indent_values)}")
    if any(abs(i) <= 1.5 for i in indents):
        firsts = [
            p.first
            for p in m.paragraphs
            if abs(p.first.x0 - m.TL) <= 1.5
            and not (ROMAN_HEADING.match(p.first.text) or KHOAN.match(p.first.text))
        ]
        fail(found, 56, f"paragraphs not indented: {firsts[:3]}")
    low, high = 1.149 * s - 0.3, 1.725 * s + 0.3
    for pitch in pitches:
        if not (low <= pitch <= high):
            fail(found, 57, f"line pitch {pitch:.2f}")
            break
    modal = Counter(round(p, 1) for p in pitches).most_common(1)[0][0] if pitches else 17.0
    m.notes["pitch"] = modal
    if pitches and max(pitches) - min(pitches) > 1.0:
        fail(found, 57, f"pitch varies {min(pitches):.2f}–{max(pitches):.2f} (SHOULD)")
    for a, b in zip(m.paragraphs, m.paragraphs[1:], strict=False):
        if a.last.page == b.first.page and not _table_between(m, a.last, b.first):
            space = b.first.baseline - a.last.baseline - modal
            if space < 5.5:
                fail(found, 58, f"{space:.1f} pt before {b.first!r}")
    numerals = []
    for line in body:
        if line.bold and (letter_part(line.text) or PART_LABEL.fullmatch(line.text)):
            numerals = []  # the mục of a part "A." / "Phần I" run I, II … again
        match = ROMAN_HEADING.match(line.text)
        if match and roman_value(match[1]) in range(1, 40):
            heading = line.text.split(".", 1)[1]
            if not (line.bold and caps(heading) and all(abs(x - s) <= TOL for x in line.sizes)):
                fail(found, 59, repr(line))
            numerals.append(roman_value(match[1]))
    if numerals != list(range(1, len(numerals) + 1)):
        fail(found, 59, f"Roman numerals {numerals}")
    check_points(m, s, found)
    for index, line in enumerate(body):  # item 61: Phần / Chương / Mục labels, if used
        if re.fullmatch(r"(Phần|Chương) [IVXLC]+|(Mục|Tiểu mục) \d+", line.text):
            title = body[index + 1] if index + 1 < len(body) else None
            if not line.bold or caps(line.text) or abs(line.centre - m.TC) > 3.0:
                fail(found, 61, f"label {line!r}")
            if title is None or not (
                caps(title.text) and title.bold and abs(title.centre - m.TC) <= 3.0
            ):
                fail(found, 61, f"title after {line.text!r}")
    ends = m.notes.get("end marks", 0)
    if m.end_mark is None:
        fail(found, 62, "no ./. end mark")
    elif ends != 1:
        fail(found, 62, f"./. occurs {ends} times")


LETTER_PART = re.compile(r"^[A-ZĐ]\.\s+\S")
PART_LABEL = re.compile(r"(Phần|Chương) [IVXLC]+")


def letter_part(text):
    """A part lettered "A. …", "B. …", "C. …" (a Roman "V. …" is none, nor is "I.": a
    document has no ninth lettered part before its first mục)."""
    match = ROMAN_HEADING.match(text)
    return bool(LETTER_PART.match(text)) and not (match and roman_value(match[1]) < 40)


def centred_heading(m, line):
    """A bold line centred on the text block that reaches neither margin ("Phần I", its
    title): items 55 and 56 do not judge it (CHECKLIST item 56)."""
    return (
        line.bold
        and abs(line.centre - m.TC) <= 3.0
        and line.x0 > m.TL + 1.5
        and line.x1 < m.TR - 1.5
    )


def _table_between(m, a, b):
    return any(a.baseline < top and bottom < b.baseline for top, bottom in m.bands[a.page])


def check_points(m, s, found):
    """Khoản and điểm labels: upright, size s; điểm letters in Vietnamese order."""
    expected = None
    for paragraph in m.paragraphs:
        first = paragraph.first
        label = first.chars[:3]
        if ROMAN_HEADING.match(first.text):
            expected = None
        khoan, diem = KHOAN.match(first.text), DIEM.match(first.text)
        if (khoan or diem) and (
            any(is_italic(c) for c in label)
            or any(abs(c["size"] - s) > TOL for c in label if not c["text"].isspace())
        ):
            fail(found, 60, f"label of {first!r}")
        if khoan:
            expected = None
        if diem:
            letter = diem[1]
            if letter in "fjwz":
                fail(found, 60, f"điểm {letter})")
            elif expected is None:
                if letter != "a":
                    fail(found, 60, f"điểm starts at {letter})")
            elif letter != expected:
                fail(found, 60, f"điểm {letter}) where {expected}) was due")
            position = VI_ORDER.find(letter)
            expected = VI_ORDER[position + 1] if 0 <= position < len(VI_ORDER) - 1 else None


AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
DEGREES = ("gs.", "pgs.", "ts.", "tskh.", "ths.", "ks.", "bs.", "cn.", "dr.", "prof.")


def check_g(m, found):
    for item in range(63, 73):
        found[item]  # noqa: B018
    if m.blocks:
        check_joint(m, found)
        return
    signature = sorted(m.signature, key=lambda line: (line.page, line.top))
    if not signature or m.end_mark is None:
        fail(found, 63, "no signature block after the end mark")
        return
    authority = []
    for line in signature:
        if line.page == signature[0].page and caps(line.text) and line.bold:
            if authority and line.top - authority[-1].bottom > 20:
                break
            authority.append(line)
        else:
            break
    first = authority[0] if authority else signature[0]
    end = m.end_mark
    if (first.page, first.top) <= (end.page, end.bottom):
        fail(found, 63, "signature above the end mark")
    label = m.recipients_label
    if label is None or label.page != first.page:
        fail(found, 63, "Nơi nhận not on the page of the signature")
    if not any(line.page == first.page for line in m.body):
        fail(found, 63, "the signature page has no body text (SHOULD)")
    if not (1 <= len(authority) <= 4):
        fail(found, 64, f"{len(authority)} authority lines")
    for line in authority:
        if not (line.bold and not line.some_italic and all(size_in(s, 13, 14) for s in line.sizes)):
            fail(found, 64, repr(line))
        if m.party:  # T/M, K/T, T/L (LAYOUT.md §9); the state "TM." forms fail
            if re.match(r"^(TM|KT|TL|TUQ)\.", line.text):
                fail(found, 64, f"state prefix in a Party document {line.text!r}")
            continue
        if re.match(r"^(T/M|K/T|T/L|Q/)", line.text):
            fail(found, 64, f"Party prefix {line.text!r}")
        if re.match(r"^(TM|KT|TL|TUQ|Q)\.", line.text) and not AUTHORITY.match(line.text):
            fail(found, 64, f"prefix form {line.text!r}")
    if authority:
        axis = statistics.mean(line.centre for line in authority)
        if axis < m.TL + 0.5 * m.TW:
            fail(found, 65, f"signature centre {axis:.1f}")
        if not (m.TL + 0.55 * m.TW <= axis <= m.TL + 0.85 * m.TW):
            fail(found, 65, f"signature centre at {(axis - m.TL) / m.TW:.2f} TW (SHOULD)")
        rest = check_block_lines(found, signature, authority, axis)
        if len(rest) == 2:
            position, name = rest
            if not (caps(position.text) and position.bold):
                fail(found, 68, f"7b line {position!r}")
            gap = name.baseline - position.baseline
            if not (1.05 * name.size <= gap <= 1.8 * name.size):
                fail(found, 68, f"7b to name {gap:.1f}")
        if label is not None and abs(label.baseline - authority[0].baseline) > 3.0:
            fail(found, 69, f"Nơi nhận {label.baseline - authority[0].baseline:.1f} pt off")
    if label is None:
        fail(found, 69, "no Nơi nhận")
        return
    if label.text != "Nơi nhận:" or label.sizes != {12.0} or not (label.bold and label.italic):
        fail(found, 69, f"label {label.text!r} {label.sizes} bold={label.bold}")
    if not (-14.2 <= label.x0 - m.TL <= 6.0):
        fail(found, 69, f"label at {label.x0 - m.TL:.1f} from TL")
    entries = []
    for line in sorted(m.recipients, key=lambda line: (line.page, line.top)):
        if line.text.endswith(":") and line.some_bold:  # another list (Bản điện tử:)
            break
        entries.append(line)
    items = []
    for line in entries:
        if line.sizes != {11.0} or line.some_bold or line.some_italic:
            fail(found, 70, f"{line!r} {line.sizes}")
        if line.text.startswith("-"):
            if abs(line.x0 - label.x0) > 2.0:
                fail(found, 70, f"{line!r} not flush with the label")
            items.append(line.text)
        elif items:
            items[-1] += " " + line.text
    for text in items[:-1]:
        if not text.endswith(";"):
            fail(found, 70, f"{text!r} lacks ;")
    if not items or not re.match(r"^-\s?Lưu:\s?VT\b.*\.$", items[-1]):
        fail(found, 70, f"last entry {items[-1] if items else None!r}")
    pitches = [
        b.baseline - a.baseline
        for a, b in zip(entries, entries[1:], strict=False)
        if a.page == b.page
    ]
    if any(not (11.0 <= p <= 1.35 * 11) for p in pitches):
        fail(found, 70, f"entry pitch {sorted({round(p, 1) for p in pitches})} (SHOULD)")
    left = max([line.x1 for line in m.recipients] + [label.x1])
    right = min(line.x0 for line in signature)
    if left > right - 3.0:
        fail(found, 71, f"columns {left:.1f} / {right:.1f}")
    if left - m.TL > 0.40 * m.TW:
        fail(found, 71, f"recipient column {left - m.TL:.1f} wide (SHOULD)")
    everything = " ".join(m.texts)
    if m.type_code == "KH" and ("Kính gửi" in everything or "- Như trên" in everything):
        fail(found, 72, "Kính gửi / Như trên")


def check_block_lines(found, block, authority, axis):
    """Items 65–68 shared by the issuer's block and each block of a joint document: authority
    lines on the axis, the signer's name (bold, 13–14 pt, in name case, centred, no degree),
    the space left for the signature. Returns the lines under the authority lines."""
    for line in authority:
        if abs(line.centre - axis) > 3.0:
            fail(found, 65, f"{line!r} off the axis")
    name = block[-1]
    if not (name.bold and not name.some_italic and all(size_in(s, 13, 14) for s in name.sizes)):
        fail(found, 66, f"name {name!r}")
    if caps(name.text) or not all(word[0].isupper() for word in name.text.split()):
        fail(found, 66, f"name case {name.text!r}")
    if abs(name.centre - axis) > 4.0:
        fail(found, 66, f"name centre {name.centre:.1f} vs {axis:.1f}")
    if name.text.lower().startswith(DEGREES):
        fail(found, 67, name.text)
    rest = block[len(authority) :]
    if rest:
        space = rest[0].top - authority[-1].bottom
        if not (40 <= space <= 130):
            fail(found, 68, f"signature space {space:.1f} pt")
    return rest


def block_authority(block):
    authority = []
    for line in block:
        if line.page == block[0].page and caps(line.text) and line.bold:
            if authority and line.top - authority[-1].bottom > 20:
                break
            authority.append(line)
        else:
            break
    return authority


def check_block(m, found, block, side):
    """Items 64–68 for one block of a joint document; side: "left" or "right" of the centre
    (item 65)."""
    authority = block_authority(block)
    if not (1 <= len(authority) <= 5):  # an endorsement heading may come on top
        fail(found, 64, f"{len(authority)} authority lines")
    for line in authority:
        if not (line.bold and not line.some_italic and all(size_in(s, 13, 14) for s in line.sizes)):
            fail(found, 64, repr(line))
        if re.match(r"^(T/M|K/T|T/L|Q/)", line.text) and not m.party:
            fail(found, 64, f"Party prefix {line.text!r}")
        if re.match(r"^(TM|KT|TL|TUQ|Q)\.", line.text) and not AUTHORITY.match(line.text):
            fail(found, 64, f"prefix form {line.text!r}")
    if not authority:
        return
    axis = statistics.mean(line.centre for line in authority)
    centre = m.TL + 0.5 * m.TW
    if (side == "left") != (axis < centre):
        fail(found, 65, f"{side} block centred at {(axis - m.TL) / m.TW:.2f} TW")
    check_block_lines(found, block, authority, axis)


def check_joint(m, found):
    """Items 63–71 for each block of a joint document, and item 92 (CHECKLIST §L): blocks side
    by side, level, apart; Nơi nhận below them all."""
    found[92]  # noqa: B018
    end, label = m.end_mark, m.recipients_label
    for index, block in enumerate(m.blocks):
        if (block[0].page, block[0].top) <= (end.page, end.bottom):
            fail(found, 63, "signature above the end mark")
        check_block(m, found, block, "left" if block[0].centre < m.TL + 0.5 * m.TW else "right")
        if index == 0 and not any(line.page == block[0].page for line in m.body):
            fail(found, 63, "the signature page has no body text (SHOULD)")
    left, right = m.blocks[0], m.blocks[1] if len(m.blocks) > 1 else None
    if right is None or right[0].centre < m.TL + 0.5 * m.TW:
        fail(found, 92, "fewer than two blocks side by side")
    else:
        if abs(left[0].baseline - right[0].baseline) > 3.0:
            fail(found, 92, f"first lines {right[0].baseline - left[0].baseline:.1f} pt apart")
        if max(line.x1 for line in left) + 3.0 > min(line.x0 for line in right):
            fail(found, 92, "the blocks touch")
        if abs(left[-1].baseline - right[-1].baseline) > 3.0:
            fail(found, 92, "names not level (SHOULD)")
    if m.number is not None and m.number.text.count("-") < 2:
        fail(found, 92, f"ký hiệu {m.number.text!r} names one issuer (SHOULD)")
    lowest = max((block[-1].page, block[-1].bottom) for block in m.blocks)
    if (label.page, label.top) <= lowest:
        fail(found, 69, "Nơi nhận not below the signature blocks")
        fail(found, 71, "Nơi nhận list beside the blocks")
    if label.text != "Nơi nhận:" or label.sizes != {12.0} or not (label.bold and label.italic):
        fail(found, 69, f"label {label.text!r} {label.sizes} bold={label.bold}")
    if not (-14.2 <= label.x0 - m.TL <= 6.0):
        fail(found, 69, f"label at {label.x0 - m.TL:.1f} from TL")
    items = []
    for line in sorted(m.recipients, key=lambda line: (line.page, line.top)):
        if line.text.endswith(":") and line.some_bold:
            break
        if line.sizes != {11.0} or line.some_bold or line.some_italic:
            fail(found, 70, f"{line!r} {line.sizes}")
        if line.text.startswith("-"):
            items.append(line.text)
        elif items:
            items[-1] += " " + line.text
    for text in items[:-1]:
        if not text.endswith(";"):
            fail(found, 70, f"{text!r} lacks ;")
    if not items or not re.match(r"^-\s?Lưu:\s?VT\b.*\.$", items[-1]):
        fail(found, 70, f"last entry {items[-1] if items else None!r}")


def appendix_parts(m, start):
    """(label, title lines, reference lines) at the top of the appendix starting on start."""
    lines = [line for line in m.pages[start] if m.page_numbers.get(start) is not line]
    label, rest = lines[0], lines[1:]
    title = []
    while rest and not rest[0].text.startswith("("):
        title.append(rest.pop(0))
    reference = []
    while rest and (not reference or not reference[-1].text.endswith(")")):
        reference.append(rest.pop(0))
    return label, title, reference


def check_h(m, found):
    """Item 78 (Phụ lục), checked when the document has one."""
    if not m.appendices:
        return
    found[78]  # noqa: B018
    if "Phụ lục" not in " ".join(line.text for line in m.body):
        fail(found, 78, "the body does not refer to the Phụ lục")
    labels = []
    for start in m.appendices:
        label, title, reference = appendix_parts(m, start)
        centre = m.TC + (m.page_size(start)[0] - W_PAGE) / 2
        labels.append(label.text)
        if label.sizes != {14.0} or not label.bold or label.some_italic:
            fail(found, 78, f"label {label!r} {label.sizes}")
        for line in [label, *title, *reference]:
            if abs(line.centre - centre) > 3.0:
                fail(found, 78, f"{line!r} not centred ({line.centre:.1f} vs {centre:.1f})")
        if not title:
            fail(found, 78, f"no title under {label.text}")
        for line in title:
            if not (caps(line.text) and line.bold and all(size_in(s, 13, 14) for s in line.sizes)):
                fail(found, 78, f"title {line!r}")
        text = " ".join(line.text for line in reference)
        if not re.match(r"\(Kèm theo (văn bản|[A-ZĐ][a-zà-ỹđ]*( [a-zà-ỹđ]+)*) số", text):
            if m.mode == "issued":
                fail(found, 78, f"no (Kèm theo …) line under {label.text}")
        else:
            if not text.endswith(")"):
                fail(found, 78, f"reference {text!r}")
            for line in reference:
                if not (line.italic and all(size_in(s, 13, 14) for s in line.sizes)):
                    fail(found, 78, f"reference line {line!r}")
            if m.mode == "issued" and m.number and m.date:
                found[81]  # noqa: B018
                number = re.sub(r"^Số:? ", "", m.number.text)
                date = m.date.text.split(", ", 1)[-1]
                if f"số {number} {date}" not in text:
                    fail(found, 81, f"{text!r} does not quote {number} {date}")
        if start + 1 < len(m.pages) and start + 1 not in m.appendices:
            second = m.page_numbers.get(start + 1)
            if second is None or second.text != "2":
                fail(found, 78, f"second page of {label.text} shows {second and second.text}")
    if len(labels) >= 2:
        numerals = [label.removeprefix("Phụ lục").strip() for label in labels]
        if numerals != [ROMAN[i] for i in range(len(labels))]:
            fail(found, 78, f"appendix labels {labels}")


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def check_i(m, found):
    for item in (80, 82):
        found[item]  # noqa: B018
    if m.number and m.title:
        form = r"-([A-Za-zĐ]+)/" if m.party else r"/([A-Za-zĐ]+)-"  # Party: Số 01-KH/BCĐ
        match = re.search(form, m.number.text)
        if not match or match[1] != m.type_code or m.title.text != m.title_text:
            fail(found, 80, f"{m.number.text!r} vs {m.title.text!r}")
    elif m.number and m.letter:  # a Công văn's ký hiệu starts with the issuer, no type code
        match = re.search(r"/([A-Za-zĐ]+)-", m.number.text)
        if match and match[1] in KIND_TITLES.values():
            fail(found, 80, f"a Công văn numbered {m.number.text!r}")
    if m.number:
        m.notes["issuer abbreviation"] = m.number.text.rsplit("-", 1)[-1]


def reading_text(pdf):
    """The text of pdf in reading order, as a person reads it: tables cell by cell (row after
    row), and the Nơi nhận column before the signature column beside it; pdfplumber's plain
    extraction interleaves the lines of side-by-side cells."""
    parts = []
    for page in pdf.pages:
        top = 0
        for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
            _, t_top, _, t_bottom = table.bbox
            if t_top > top:
                parts.append(page.crop((0, top, page.width, t_top)).extract_text() or "")
            for row in table.extract():
                parts.extend(cell or "" for cell in row)
            top = t_bottom
        rest = page.crop((0, top, page.width, page.height))
        label = next(
            (w for w in rest.extract_words() if w["text"] == "Nơi" and w["top"] >= top), None
        )
        if label is None:
            parts.append(rest.extract_text() or "")
            continue
        split = label["x0"] + 0.40 * (W_PAGE - 42.52 - label["x0"])  # the 40 % column
        above = label["top"] - 1
        parts.append(page.crop((0, top, page.width, above)).extract_text() or "")
        parts.append(page.crop((0, above, split, page.height)).extract_text() or "")
        parts.append(page.crop((split, above, page.width, page.height)).extract_text() or "")
    return "\n".join(parts)


# ------------------------------------------------------- CHECKLIST §L: kinds and profiles


def check_party_header(m, found):
    """The Party header (LAYOUT.md §9) in place of items 24–31, 41 and 44: ĐCSVN and its rule
    (89, 90), the committee lines at 14 pt with "*" under the issuer (36, 37, 91), the Số
    "Số 01-KH/BCĐ" (42, 43) and the date line (32–35)."""
    for item in (32, 33, 35, 36, 37, 38, 39, 40, 42, 43, 89, 90, 91):
        found[item]  # noqa: B018
    party, rule, date, number = m.party_line, m.party_rule, m.date, m.number
    if party is None:
        fail(found, 89, "no ĐẢNG CỘNG SẢN VIỆT NAM line")
        return
    if party.sizes != {15.0} or not party.bold or party.some_italic or not caps(party.text):
        fail(found, 89, f"{party!r} {party.sizes} bold={party.bold}")
    if party.centre < m.TL + 0.5 * m.TW:
        fail(found, 89, f"ĐCSVN centre {party.centre:.1f} left of the text centre")
    page_top = min(line.top for line in m.pages[0])
    if party.top - page_top > 3.0:
        fail(found, 89, f"ĐCSVN {party.top - page_top:.1f} pt below the first line")
    if rule is None:
        fail(found, 90, "no rule under ĐCSVN")
    else:
        if not (0.90 * party.width <= rule.length <= 1.10 * party.width):
            fail(found, 90, f"rule {rule.length:.1f} for text {party.width:.1f}")
        if abs(rule.centre - party.centre) > 2.0 or not rule.solid:
            fail(found, 90, "rule off centre or dashed")
    if date is None:
        fail(found, 32, "no date line")
    else:
        if not (date.italic and not date.some_bold and all(size_in(s, 13, 14) for s in date.sizes)):
            fail(found, 32, f"date {date.sizes} italic={date.italic}")
        check_date(m, date, found)
        if rule and date.top <= rule.top:
            fail(found, 35, "date above the ĐCSVN rule")
        if date.centre < m.TL + 0.5 * m.TW:
            fail(found, 35, f"date centre {date.centre:.1f} left of the text centre")
    issuer, parent = m.issuer, m.parent
    if not issuer:
        fail(found, 36, "no issuer lines")
        return
    for line in issuer:
        if not (caps(line.text) and line.bold and not line.some_italic and line.sizes == {14.0}):
            fail(found, 36, f"{line!r} {line.sizes}")
    for line in parent:
        if not (caps(line.text) and not line.some_bold and not line.some_italic):
            fail(found, 37, repr(line))
        if line.sizes != {14.0}:
            fail(found, 37, f"{line!r} {line.sizes}")
    first_left = (parent or issuer)[0]
    if abs(first_left.top - party.top) > 3.0:
        fail(found, 38, f"left column starts {first_left.top - party.top:.1f} pt off")
    axis = issuer[0].centre
    column = parent + issuer + [line for line in (m.star, number) if line]
    for line in column:
        if abs(line.centre - axis) > 4.0:
            fail(found, 39, f"{line!r} centre {line.centre:.1f} vs {axis:.1f}")
    right_x0 = min(line.x0 for line in (party, date) if line)
    if max(line.x1 for line in column) > right_x0 - 3.0:
        fail(found, 40, "the columns collide")
    star = m.star
    if star is None:
        fail(found, 91, "no * under the issuer")
    elif not (issuer[-1].bottom <= star.top and (number is None or star.bottom <= number.top)):
        fail(found, 91, f"* at {star.top:.1f} not between the issuer and the Số")
    left_rules = [r for r in m.rules[0] if r.bottom < m.header_end and r.centre < W_PAGE / 2]
    if left_rules:
        fail(found, 91, "a rule under the Party issuer (it takes * instead)")
    if number is None:
        fail(found, 42, "no Số line")
        return
    code = re.escape(m.type_code or "CV")  # a Party công văn: "Số 05-CV/ĐU"
    number_form = r"(\d{2,})" if m.numbered else r"\s*"
    if not re.fullmatch(rf"Số {number_form}-{code}/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", number.text):
        fail(found, 42, f"{number.text!r} (Party form 'Số 01-{m.type_code}/BCĐ')")
    if not all(size_in(s, 13, 14) for s in number.sizes) or number.some_bold or number.some_italic:
        fail(found, 43, f"Số {number.sizes}")


ARTICLE = re.compile(r"^Điều (\d+)\.")
BASIS = re.compile(r"^(Căn cứ|Theo đề nghị|Xét)\b")


def check_l(m, found):
    """CHECKLIST §L items 84–88 where the document has them (89–91: check_party_header)."""
    found[83]  # noqa: B018
    m.notes["kind"] = (m.title_text or "Công văn", "party" if m.party else "state")
    check_articles(m, found)
    if m.type_code == "QĐ":
        check_decision(m, found)
    for start in m.attached:
        check_attached(m, start, found)
    if m.letter or m.addressee:
        check_addressees(m, found)
    if m.letter:
        check_subject(m, found)


def check_articles(m, found):
    """Item 84: "Điều N." paragraphs: bold label, body size, first line indented."""
    articles = [p for p in m.paragraphs if ARTICLE.match(p.first.text)]
    if not articles and m.type_code not in ("QĐ", "QC"):
        return
    found[84]  # noqa: B018
    if not articles:
        fail(found, 84, f"a {m.title_text} without articles (Điều 1.)")
        return
    s = m.notes.get("body size", 14.0)
    numbers = []
    for paragraph in articles:
        first = paragraph.first
        number = ARTICLE.match(first.text)[1]
        numbers.append(int(number))
        label = first.ink[: len(f"Điều{number}.")]
        if not all(is_bold(c) and not is_italic(c) and abs(c["size"] - s) <= TOL for c in label):
            fail(found, 84, f"label of {first!r} not bold, upright, {s} pt")
        indent = first.x0 - m.TL
        if not (abs(indent - 28.35) <= 1.5 or abs(indent - 36.0) <= 1.5):
            fail(found, 84, f"{first!r} indented {indent:.1f} pt")
    if numbers != list(range(1, len(numbers) + 1)):
        fail(found, 84, f"articles numbered {numbers} (SHOULD)")


def check_decision(m, found):
    """Item 85: "QUYẾT ĐỊNH:" bold, centred, before Điều 1; căn cứ italic, ";" and "."."""
    found[85]  # noqa: B018
    body = m.body
    word = _first(body, lambda line: line.text == "QUYẾT ĐỊNH:")
    first_article = _first(body, lambda line: ARTICLE.match(line.text))
    if word is None:
        fail(found, 85, "no 'QUYẾT ĐỊNH:' line")
    else:
        if not word.bold or abs(word.centre - m.TC) > 3.0:
            fail(found, 85, f"{word!r} not bold and centred")
        if first_article and (word.page, word.top) > (first_article.page, first_article.top):
            fail(found, 85, "'QUYẾT ĐỊNH:' after Điều 1")
    bases = [p for p in m.paragraphs if BASIS.match(p.first.text)]
    for paragraph in bases:
        for line in paragraph.lines:
            if not (line.italic and all(size_in(s, 13, 14) for s in line.sizes)):
                fail(found, 85, f"căn cứ {line!r} not italic 13–14 pt")
    ends = [p.last.text[-1] for p in bases]
    if ends and (any(end != ";" for end in ends[:-1]) or ends[-1] != "."):
        fail(found, 85, f"căn cứ end with {ends}, not ';' … '.'")
    if body and not (body[0].bold and caps(body[0].text) and abs(body[0].centre - m.TC) <= 3):
        fail(found, 85, f"first body line {body[0]!r} is not the authority (SHOULD)")


def check_attached(m, start, found):
    """Item 86: a document issued with the main one, from its first page start."""
    found[86]  # noqa: B018
    lines = [line for line in m.pages[start] if m.page_numbers.get(start) is not line]
    title, rest = lines[0], lines[1:]
    index = next(i for i, line in enumerate(rest) if line.text.startswith("(Kèm theo"))
    summary, rest = rest[:index], rest[index:]
    reference = []
    while rest and (not reference or not reference[-1].text.endswith(")")):
        reference.append(rest.pop(0))
    if not (title.bold and caps(title.text) and all(size_in(s, 13, 14) for s in title.sizes)):
        fail(found, 86, f"title {title!r}")
    for line in [title, *summary, *reference]:
        if abs(line.centre - m.TC) > 3.0:
            fail(found, 86, f"{line!r} not centred")
    for line in summary:
        if not (line.bold and not caps(line.text)):
            fail(found, 86, f"trích yếu {line!r}")
    text = " ".join(line.text for line in reference)
    if not text.endswith(")") or not all(line.italic for line in reference):
        fail(found, 86, f"reference {text!r}")
    if m.type_code == "QĐ" and "Quyết định số" not in text:
        fail(found, 86, f"reference {text!r} does not name the Quyết định")
    if any(line.text.startswith("Số") or ", ngày" in line.text for line in summary):
        fail(found, 86, "a Số or date line of its own")
    if m.mode == "issued" and m.number and m.date and m.numbered:
        found[81]  # noqa: B018
        number = re.sub(r"^Số:? ", "", m.number.text)
        date = m.date.text.split(", ", 1)[-1]
        if f"số {number} {date}" not in text:
            fail(found, 81, f"{text!r} does not quote {number} {date}")
    later = [s for s in m.appendices + m.attached if s > start]
    end = min(later) if later else len(m.pages)
    body = [
        line
        for index in range(start, end)
        for line in m.pages[index]
        if m.page_numbers.get(index) is not line and line not in lines[: len(lines) - len(rest)]
    ]
    if not body or not body[-1].text.endswith("./."):
        fail(found, 86, "the attached document does not end with ./.")
    # Its body gets the body rules (53–61, CHECKLIST §L), measured on the main text block.
    sub = copy.copy(m)
    sub.body = [line for line in body if not _in_band(line, m.bands[line.page])]
    sub.paragraphs = paragraphs(sub.body)
    sub.end_mark = body[-1] if body and body[-1].text.endswith("./.") else None
    sub.notes = {"end marks": sum(line.text.endswith("./.") for line in body)}
    inner = defaultdict(list)
    check_f(sub, inner)
    for item, messages in inner.items():
        for message in messages:
            fail(found, item, f"attached document: {message}")


def check_addressees(m, found):
    """Item 87: "Kính gửi:" with one addressee, or "- …;" entries aligned, the last "."."""
    found[87]  # noqa: B018
    lines = m.addressee
    if not lines or not lines[0].text.startswith("Kính gửi:"):
        fail(found, 87, "no 'Kính gửi:' line")
        return
    for line in lines:
        if not all(size_in(s, 13, 14) for s in line.sizes) or line.some_bold or line.some_italic:
            fail(found, 87, f"{line!r} {line.sizes}")

    def entry(line):
        return re.sub(r"^Kính gửi:\s*", "", line.text).startswith("-")

    entries = [line for line in lines if entry(line)]
    if len(entries) > 1:
        label_x1 = min(c["x1"] for c in lines[0].chars if c["text"] == ":")
        dashes = [next(c for c in line.chars if c["text"] == "-") for line in entries]
        xs = [c["x0"] for c in dashes]
        if max(xs) - min(xs) > 2.0 or min(xs) < label_x1:
            fail(found, 87, f"entries not aligned right of the colon: {xs}")
        texts = [line.text for line in entries]
        if any(not t.endswith(";") for t in texts[:-1]) or not texts[-1].endswith("."):
            fail(found, 87, f"entries end {[t[-1] for t in texts]}")
    if lines[0].x0 <= m.TL + 5:
        fail(found, 87, "Kính gửi flush with the left margin (SHOULD)")


def check_subject(m, found):
    """Item 88: a Công văn's V/v lines, 12–13 pt upright (Party 12 italic), under the Số."""
    found[88]  # noqa: B018
    number, subject = m.number, m.subject
    if number is None or not subject:
        fail(found, 88, "no V/v under the Số line")
        return
    for line in subject:
        style_ok = line.italic if m.party else not line.some_italic
        if not (all(size_in(s, 12, 13) for s in line.sizes) and not line.some_bold and style_ok):
            fail(found, 88, f"{line!r} {line.sizes}")
        if abs(line.centre - number.centre) > 4.0:
            fail(found, 88, f"{line!r} not centred under the Số")
    gap = subject[0].top - number.bottom
    if not (3 <= gap <= 12):
        fail(found, 88, f"V/v {gap:.1f} pt under the Số (SHOULD)")
