"""The printed document as one structure, shared by the HTML preview and the renderers.

A Document holds everything that is *printed* (Nghị định 30/2020/NĐ-CP): header lines, number,
place and date, title and trích yếu, body sections, closing, Nơi nhận, signature, appendices,
already broken into lines where the print breaks them. plans.printing and reports.printing
build one from their data; the renderers (html.py, pdf.py, word.py) only lay it out.
document_text() gives the plain text, for search and tests.
"""

import re
from dataclasses import dataclass, field, replace

from .linebreak import phrase_lines
from .metrics import MM, text_width

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TITLE = "KẾ HOẠCH"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"  # a Party committee's header (LAYOUT.md §9)
END_MARK = "./."
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]

# Geometry shared by the three renderers (LAYOUT.md §4.2, recommended defaults): text block
# 165 mm; header columns 70 + 95 mm with a 12 pt Quốc hiệu and a 13 pt Tiêu ngữ (the pairing
# of the decree's own example). With a 13 pt Quốc hiệu (95.7 mm) the issuer lines would have
# to stay under 58 mm to keep a clear gap between the columns; at 12 pt they may take 65 mm.
TEXT_WIDTH_MM = 165
HEADER_LEFT_MM, HEADER_RIGHT_MM = 70, 95
ISSUER_MAX_MM = 65
NATIONAL_SIZE, HEADER_SIZE, MOTTO_SIZE, DATE_SIZE, TITLE_SIZE = 12, 13, 13, 14, 14
SUMMARY_MAX_MM = 155  # a trích yếu is broken evenly into lines no wider than this
RULE_SHARE = 0.4  # the short rules are 1/3–1/2 of the line above (ND30); we draw 0.4
# Party header (LAYOUT.md §9, Hướng dẫn 36-HD/VPTW): ĐCSVN 15 pt, committee lines 14 pt, title
# 15 pt; a Công văn's "V/v" line 12 pt under the Số (ô 5b).
PARTY_TITLE_SIZE, PARTY_HEADER_SIZE, PARTY_DOC_TITLE_SIZE = 15, 14, 15
SUBJECT_SIZE = 12
WIDE_TABLE_COLUMNS = 7  # a table this wide does not fit the portrait page: a landscape Phụ lục


@dataclass
class Paragraph:
    """A paragraph of the body. style: text, item (a numbered '1. …' line), dash, label,
    subheading (a khoản title such as '1. Mục đích', printed bold)."""

    text: str
    style: str = "text"


@dataclass
class Table:
    header: list
    rows: list  # each row: list of cells; a cell is a list of lines
    kind: str = ""  # "" (a plan's task table, or any table) or "targets" (a report's figures)


@dataclass
class DocSection:
    """A part of the body. heading is its numbered title ("I. MỤC ĐÍCH, YÊU CẦU"), "" for a
    part printed without one; label a line printed above it, centred ("Phần I"), with the
    heading then centred too (ND30 ô 6); title the title alone (appendix titles)."""

    heading: str
    blocks: list = field(default_factory=list)
    label: str = ""
    centred: bool = False
    title: str = ""
    # An article (Điều) of a quyết định or quy chế: heading "Điều 1." (bold) and, when the
    # article has no title, its first paragraph run in after the label on the same line.
    article: bool = False
    run_in: str = ""


@dataclass
class AttachedDocument:
    """A document issued or approved with a quyết định (a Kế hoạch, Đề án, Quy chế): printed
    after it on a new page, with its title, trích yếu and "(Kèm theo Quyết định số …)", no
    number, date or national header of its own (ND30 Phụ lục III)."""

    title: str
    summary: str
    summary_lines: list
    summary_rule_mm: float
    reference: str
    bases: list = field(default_factory=list)
    opening: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    closing: list = field(default_factory=list)


@dataclass
class Appendix:
    """A Phụ lục after the signature: own pages, own page numbers (ND30 Phụ lục I, III.1)."""

    label: str  # "Phụ lục", or "Phụ lục I", "Phụ lục II" … when there are several
    title: str  # upper case
    reference: str  # "(Kèm theo Kế hoạch số 34/KH-BCĐ ngày 28 tháng 02 năm 2023 của …)"
    blocks: list = field(default_factory=list)
    landscape: bool = False
    pointer: Paragraph = None  # the body's sentence that refers to this appendix


@dataclass
class SignatureBlock:
    """One signature block of a document with several (ô 7a/7b/7c): a co-issuer's, a second
    signer's or an endorsement ("XÁC NHẬN CỦA …" heading above the authority lines)."""

    authority_lines: list
    signer_position: str = ""
    signer_second_position: str = ""
    signer_name: str = ""
    heading_lines: list = field(default_factory=list)
    pad: int = 0  # empty lines under the position, so the names of a row are level

    @property
    def upper_lines(self):
        position = [self.signer_position] if self.signer_position else []
        return [*self.heading_lines, *self.authority_lines, *position]

    @property
    def pads(self):
        return range(self.pad)


@dataclass
class Document:
    """What is printed. The *_lines lists are already broken where the print breaks them
    (measured in Times New Roman metrics), and the rules' lengths are in millimetres."""

    parent_body_line: str
    issuer_lines: list
    number_line: str
    place_date_line: str
    summary: str
    bases: list
    opening: list
    sections: list
    closing: list
    recipients: list
    electronic: list
    authority_lines: list
    signer_position: str
    signer_second_position: str
    signer_name: str
    is_draft: bool
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO
    title: str = DOCUMENT_TITLE
    parent_lines: list = field(default_factory=list)
    summary_lines: list = field(default_factory=list)
    date_size: int = DATE_SIZE
    motto_rule_mm: float = 0.0
    issuer_rule_mm: float = 0.0
    summary_rule_mm: float = 0.0
    appendices: list = field(default_factory=list)
    addressee: str = ""  # "Kính gửi: …" under the trích yếu (ô 9a): báo cáo sent upward only
    header_style: str = "state"  # "party": ĐCSVN instead of Quốc hiệu and Tiêu ngữ, "*"
    party_title: str = PARTY_TITLE
    party_rule_mm: float = 0.0
    header_size: int = HEADER_SIZE
    title_size: int = TITLE_SIZE
    subject_lines: list = field(default_factory=list)  # a Công văn's "V/v …" (ô 5b)
    addressees: list = field(default_factory=list)  # Kính gửi entries (ô 9a): "- …;" lines
    decision_lines: list = field(default_factory=list)  # the issuing authority, centred
    decision_word: str = ""  # "QUYẾT ĐỊNH:" between the căn cứ and Điều 1
    bases_italic: bool = False  # căn cứ lines in italic (a quyết định, LAYOUT.md §3 ô 6)
    attachments: list = field(default_factory=list)  # AttachedDocument, after the signature
    # Further signature blocks (SignatureBlock) printed with the issuer's side by side, two to a
    # row, in this order; "before" ones (endorsements) go left of the issuer's block.
    signatures_before: list = field(default_factory=list)
    signatures: list = field(default_factory=list)

    @property
    def is_party(self):
        return self.header_style == "party"

    @property
    def is_joint(self):
        """Several signature blocks: printed side by side, Nơi nhận below them."""
        return bool(self.signatures or self.signatures_before)

    @property
    def signature_blocks(self):
        """Every signature block in print order (left to right, then row by row)."""
        own = SignatureBlock(
            self.authority_lines,
            self.signer_position,
            self.signer_second_position,
            self.signer_name,
        )
        return [*self.signatures_before, own, *self.signatures]

    @property
    def signature_rows(self):
        """The blocks two to a row, each padded to the row's tallest upper part."""
        blocks = self.signature_blocks
        rows = []
        for index in range(0, len(blocks), 2):
            row = blocks[index : index + 2]
            tallest = max(len(block.upper_lines) for block in row)
            rows.append([replace(b, pad=tallest - len(b.upper_lines)) for b in row])
        return rows


KHOAN_TITLE = re.compile(r"^\d+\.\s+\S")
MUC_TITLE = re.compile(r"^[IVXLC]+\.\s+\S")


def _is_title(text):
    return len(text) <= 120 and text[-1] not in ".;:,"


def body_paragraph(text, style="text", *, muc=False):
    """A paragraph; a short '1. Mục đích' line without final punctuation is a khoản title.
    With muc (a part above the Roman level: "A.", "Phần I"), a short 'I. Kết quả' line is a
    mục title, printed bold in capitals (ND30 ô 6)."""
    if style in ("text", "item") and KHOAN_TITLE.match(text) and _is_title(text):
        style = "subheading"
    elif muc and style == "text" and MUC_TITLE.match(text) and _is_title(text):
        return Paragraph(text.upper(), "subheading")
    return Paragraph(text, style)


def lines(text):
    """Paragraphs of a free-text field: one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def sentence(text):
    """End a printed label with a period unless it already ends with punctuation."""
    text = text.strip()
    return text if not text or text[-1] in ".;:!?…" else f"{text}."


def roman(number):
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


# Numbering of a document's parts (Plan.Numbering): the part's label line, its heading and
# the prefix of the items under it. A part without a title prints nothing and takes no number.
UPPER_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXY"  # Vietnamese order, as the điểm letters (ND30)


def letter(number):
    return UPPER_LETTERS[number - 1] if number <= len(UPPER_LETTERS) else str(number)


def numbered_section(style, number, title, blocks):
    """The DocSection of the number-th titled part in a numbering style:
    roman "I. TITLE"; letter_roman "A. TITLE" (its "I." mục are typed in its text);
    part "Phần I" centred over the title centred in capitals (ND30 ô 6: Phần + Roman number
    on its own line, bold, normal case; the title below it, bold, upper case);
    decimal "1. TITLE" (its items "1.1.", see item_number); none the title alone."""
    title = title.strip()
    if style == "part":
        return DocSection(title.upper(), blocks, label=f"Phần {roman(number)}", centred=True,
                          title=title)  # fmt: skip
    number_text = {"letter_roman": letter(number), "decimal": str(number), "none": ""}.get(
        style, roman(number)
    )
    heading = f"{number_text}. {title}" if number_text else title
    return DocSection(heading, blocks, title=title)


def item_number(style, section_number, number):
    """The number of an item (a khoản) of the section_number-th part: "1." or, in the decimal
    style, "2.1."."""
    return f"{section_number}.{number}." if style == "decimal" else f"{number}."


def archive_line(text):
    """'- Lưu: VT, …' as ND30 writes the last Nơi nhận line ('Lưu VT.' → 'Lưu: VT.')."""
    rest = re.sub(r"^[-\s]*Lưu\s*:?\s*", "", (text or "").strip()).strip().rstrip(".;").strip()
    if not re.match(r"VT\b", rest):
        rest = f"VT, {rest}" if rest else "VT"
    return f"- Lưu: {rest}."


def listed(labels, last_mark=";"):
    """'- a;' lines, the last one ending with last_mark."""
    out = [f"- {label.rstrip('.;')};" for label in labels]
    if out and last_mark != ";":
        out[-1] = out[-1][:-1] + last_mark
    return out


def _header_lines(text, *, bold, size=HEADER_SIZE):
    """Header text broken between phrases to fit the left column (a long issuer name takes
    several lines; one more than the fewest rather than a compound word broken)."""
    return phrase_lines(text, size, ISSUER_MAX_MM * MM, bold=bold, fewest=False) or [""]


def subject_lines(summary):
    """A Công văn's "V/v …" (ô 5b) broken between phrases to fit under the Số line."""
    return phrase_lines(f"V/v {summary}", SUBJECT_SIZE, ISSUER_MAX_MM * MM, bold=False) or [""]


def decision_lines(authority):
    """The issuing authority printed centred in bold caps above the căn cứ of a quyết định."""
    width = SUMMARY_MAX_MM * MM
    return phrase_lines(authority.upper(), TITLE_SIZE, width, bold=True, fewest=False)


def basis_lines(bases):
    """Căn cứ lines as ND30 ends them: each with ";", the last with "."."""
    found = [line.rstrip(" ;.,") for line in bases]
    return [f"{line};" for line in found[:-1]] + [f"{found[-1]}."] if found else []


def signature_lines(found):
    """Authority and position lines, a long one broken between phrases to fit the signature
    column (60 % of the text block)."""
    width = (0.6 * TEXT_WIDTH_MM - 6) * MM
    return [
        part
        for line in found
        for part in phrase_lines(line, TITLE_SIZE, width, bold=True, fewest=False)
    ]


def joint_signature_lines(found):
    """Authority, position or heading lines of a block sharing its row with another (half
    the text block each), a long one broken between phrases."""
    width = (0.5 * TEXT_WIDTH_MM - 6) * MM
    return [
        part
        for line in found
        for part in phrase_lines(line, TITLE_SIZE, width, bold=True, fewest=False)
    ]


def joint_issuer_lines(issuer_lines, names, size=HEADER_SIZE):
    """A joint document's header: its issuer's lines then each co-issuer's name (bold caps,
    broken to fit the left column), one under the other, and the rule under them all."""
    found = list(issuer_lines)
    for name in names:
        found += _header_lines(name.upper(), bold=True, size=size)
    return {"issuer_lines": found, "issuer_rule_mm": _rule_mm(found, size)}


def _rule_mm(lines_, size, share=RULE_SHARE, *, bold=True):
    longest = max((text_width(line, size, bold=bold) for line in lines_), default=0)
    return round(share * longest / MM, 1)


def closing_lines(text):
    """The closing paragraphs, the last one ending with the end mark './.'."""
    paragraphs = lines(text)
    if not paragraphs:
        return [END_MARK]
    last = paragraphs[-1].removesuffix("/-/-").rstrip()  # an old typewriter end mark
    if not last.endswith(END_MARK):
        last = last.rstrip(".") + END_MARK
    paragraphs[-1] = last
    return paragraphs


def move_tables_to_appendices(document, reference, *, all_tables=False, kind="Kế hoạch"):
    """Move wide tables (or all tables) out of the body into appendices, leaving a sentence
    that refers to them; reference is the '(Kèm theo …)' line under each appendix title.
    Idempotent: a document's appendices are rebuilt each time."""
    found = []
    for section in document.sections:
        for index, block in enumerate(section.blocks):
            if isinstance(block, Table) and (all_tables or len(block.header) >= WIDE_TABLE_COLUMNS):
                pointer = Paragraph("")
                section.blocks[index] = pointer
                title = (section.title or section.heading.split(". ", 1)[-1]).upper()
                found.append((pointer, title, block))
    for pointer, title, table in found:
        wide = len(table.header) >= WIDE_TABLE_COLUMNS
        document.appendices.append(
            Appendix("", title, reference, [table], landscape=wide, pointer=pointer)
        )
    # With two or more appendices they are numbered I, II, … (ND30).
    several = len(document.appendices) > 1
    for number, appendix in enumerate(document.appendices, start=1):
        appendix.label = f"Phụ lục {roman(number)}" if several else "Phụ lục"
        if appendix.pointer is not None:
            appendix.pointer.text = f"Chi tiết tại {appendix.label} kèm theo {kind} này."
    return document


def header_fields(issuer_name, parent_body_line, place_date, *, party=False):
    """The Document fields of the header (ô 1–4 but the number): the issuer's name and its
    parent body's line as printed (a plan passes those it was issued with), place and date.
    party: the Party header (LAYOUT.md §9), committee lines at 14 pt under ĐCSVN."""
    parent = (parent_body_line or "").upper()
    if party:
        issuer_lines = _header_lines(issuer_name.upper(), bold=True, size=PARTY_HEADER_SIZE)
        date_fits = text_width(place_date, DATE_SIZE, italic=True) <= (HEADER_RIGHT_MM - 1) * MM
        parent_lines = _header_lines(parent, bold=False, size=PARTY_HEADER_SIZE) if parent else []
        return {
            "parent_body_line": parent,
            "parent_lines": parent_lines,
            "issuer_lines": issuer_lines,
            "place_date_line": place_date,
            "date_size": DATE_SIZE if date_fits else DATE_SIZE - 1,
            "header_style": "party",
            "header_size": PARTY_HEADER_SIZE,
            "party_rule_mm": _rule_mm([PARTY_TITLE], PARTY_TITLE_SIZE, share=1.0),
            "title_size": PARTY_DOC_TITLE_SIZE,
        }
    issuer_lines = _header_lines(issuer_name.upper(), bold=True)
    # The date line never wraps (LAYOUT.md §4.2): a long place name is set at 13 pt.
    date_fits = text_width(place_date, DATE_SIZE, italic=True) <= (HEADER_RIGHT_MM - 1) * MM
    return {
        "parent_body_line": parent,
        "parent_lines": _header_lines(parent, bold=False) if parent else [],
        "issuer_lines": issuer_lines,
        "place_date_line": place_date,
        "date_size": DATE_SIZE if date_fits else DATE_SIZE - 1,
        "motto_rule_mm": _rule_mm([MOTTO], MOTTO_SIZE, share=1.0),
        "issuer_rule_mm": _rule_mm(issuer_lines, HEADER_SIZE),
    }


def summary_fields(summary, prefer_before=(), size=TITLE_SIZE):
    """The Document fields of a trích yếu: broken between phrases (before a word of
    prefer_before where one fits) into the fewest lines, so that Word, wrapping the one
    paragraph the DOCX makes of them, breaks exactly there too; and its rule."""
    summary_lines = phrase_lines(
        summary, size, SUMMARY_MAX_MM * MM, bold=True, prefer_before=prefer_before
    )
    return {
        "summary": summary,
        "summary_lines": summary_lines,
        "summary_rule_mm": _rule_mm(summary_lines, size),
    }


def document_text(document):
    """All printed words in reading order, one paragraph per line."""
    out = [document.parent_body_line, *document.issuer_lines, document.number_line]
    if document.is_party:
        out += [document.party_title, document.place_date_line]
    else:
        out += [document.national_title, document.motto, document.place_date_line]
    out += [" ".join(document.subject_lines), document.title]
    if document.title:
        out.append(document.summary)
    if document.addressee:
        out.append(f"Kính gửi: {document.addressee}")
    if document.addressees:
        out.append("Kính gửi: " + " ".join(document.addressees))
    out += [*document.decision_lines, *document.bases, document.decision_word, *document.opening]
    out += _sections_text(document.sections)
    out += document.closing
    out += ["Nơi nhận:", *document.recipients]
    if document.electronic:
        out += ["Bản điện tử:", *document.electronic]
    for block in document.signature_blocks:
        out += [*block.heading_lines, *block.authority_lines, block.signer_position]
        out += [block.signer_second_position, block.signer_name]
    for attached in document.attachments:
        out += [attached.title, attached.summary, attached.reference]
        out += [*attached.bases, *attached.opening, *_sections_text(attached.sections)]
        out += attached.closing
    for appendix in document.appendices:
        out += [appendix.label, appendix.title, appendix.reference, *_blocks_text(appendix.blocks)]
    return "\n".join(line for line in out if line)


def _sections_text(sections):
    out = []
    for section in sections:
        out.append(f"{section.heading} {section.run_in}".strip())
        out += _blocks_text(section.blocks)
    return out


def _blocks_text(blocks):
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out.append("\t".join(block.header))
            out += ["\t".join(" ".join(cell) for cell in row) for row in block.rows]
        else:
            out.append(block.text)
    return out
