"""A document (a plan, a report) as DOCX (python-docx), from the same document structure as the PDF
and the preview.

Staff finish texts in Word, so the file is built as a Word user would: A4 with the Decree-30
margins, a different first page whose header is empty and a centred PAGE field in the other
headers, Times New Roman everywhere (named, whatever fonts the server has), the header and
the signature as borderless two-column tables, the short rules as paragraph borders.
"""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from .linebreak import CELL_MAX_WIDTH, NB_HYPHEN, keep_together, unbreakable
from .metrics import text_width
from .structure import (
    DATE_SIZE,
    HEADER_LEFT_MM,
    HEADER_RIGHT_MM,
    HEADER_SIZE,
    MOTTO_SIZE,
    NATIONAL_SIZE,
    PARTY_TITLE_SIZE,
    SUBJECT_SIZE,
    SUMMARY_MAX_MM,
    TEXT_WIDTH_MM,
    TITLE_SIZE,
    Table,
)

FONT = "Times New Roman"
BODY_SIZE = 14
PITCH = Pt(17)  # exact line pitch of the body, as in the PDF
INDENT = Twips(720)  # 1.27 cm
RECIPIENTS_MM = TEXT_WIDTH_MM * 0.4
TABLE_WIDTHS = (0.06, 0.33, 0.24, 0.18, 0.19)  # as the print stylesheet (.kh-tc-*)
TARGET_WIDTHS = (0.07, 0.43, 0.18, 0.18, 0.14)  # a report's targets (.kh-tg-*)


def _set_fonts(element):
    """Times New Roman for every script on an rPr element, no theme fonts."""
    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)


def _prepare(word):
    """Document defaults and every style: Times New Roman, black, 14 pt."""
    # The template's Word 2010 copy of the styles (stylesWithEffects) would keep theme fonts;
    # Word reads styles.xml, so the copy is dropped.
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            word.part.drop_rel(rel_id)
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        for rpr in style.iter(qn("w:rPr")):  # the style's own and its table-part variants
            _set_fonts(rpr)
            for colour in rpr.findall(qn("w:color")):
                rpr.remove(colour)
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _page(word):
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    # Page numbers from page 2, centred in the top margin; the first page header is empty.
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=14)
    section.first_page_header.paragraphs[0].text = ""


def _field(paragraph, instruction, *, size):
    def run_with(child):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        _set_fonts(run._r.get_or_add_rPr())
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    placeholder = paragraph.add_run("2")
    placeholder.font.size = Pt(size)
    _set_fonts(placeholder._r.get_or_add_rPr())
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _run(paragraph, text, *, size, bold=False, italic=False):
    """A run of text; a non-breaking hyphen (NB_HYPHEN) becomes Word's w:noBreakHyphen,
    which prints the font's own hyphen (the character itself is not in every font)."""
    run = paragraph.add_run()
    for index, part in enumerate(text.split(NB_HYPHEN)):
        if index:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            element = OxmlElement("w:t")
            element.text = part
            element.set(qn("xml:space"), "preserve")
            run._r.append(element)
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    _set_fonts(run._r.get_or_add_rPr())
    return run


def _paragraph(container, text="", *, size=BODY_SIZE, bold=False, italic=False, align=None):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _rule(container, length_mm, width_mm, *, space_after=0):
    """A solid line length_mm long, centred in width_mm: the bottom border of an empty
    paragraph indented from both sides (never an underline of the text)."""
    paragraph = _paragraph(container, size=2)
    side = Mm(max(0.0, (width_mm - length_mm) / 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    fmt.space_after = Pt(space_after)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)
    return paragraph


def _borderless(table, widths_mm):
    """A fixed-width table without borders or cell padding, columns as given."""
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    _cell_margins(tbl_pr, left=0, right=0)
    _fixed_layout(table, widths_mm)


def _cell_margins(tbl_pr, *, left, right):
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("left", left), ("right", right)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def _fixed_layout(table, widths_mm):
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _fill(cell, lines, **style):
    """Put lines into cell: its first (empty) paragraph takes the first line."""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        paragraph.alignment = style.get("align", WD_ALIGN_PARAGRAPH.CENTER)
        _run(
            paragraph,
            line,
            size=style["size"],
            bold=style.get("bold", False),
            italic=style.get("italic", False),
        )
    return cell


def _header(word, doc):
    table = word.add_table(rows=2, cols=2)
    _borderless(table, (HEADER_LEFT_MM, HEADER_RIGHT_MM))
    issuer, nation = table.rows[0].cells
    size = doc.header_size or HEADER_SIZE
    _fill(issuer, doc.parent_lines, size=size)
    first_issuer = issuer.add_paragraph() if doc.parent_lines else issuer.paragraphs[0]
    for index, line in enumerate(doc.issuer_lines):
        paragraph = first_issuer if index == 0 else issuer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, line, size=size, bold=True)
    if doc.is_party:  # LAYOUT.md §9: "*" under the issuer, ĐCSVN over a rule as long as it
        _paragraph(issuer, "*", size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
        _fill(nation, [doc.party_title], size=PARTY_TITLE_SIZE, bold=True)
        _rule(nation, doc.party_rule_mm, HEADER_RIGHT_MM)
    else:
        _rule(issuer, doc.issuer_rule_mm, HEADER_LEFT_MM)
        _fill(nation, [doc.national_title], size=NATIONAL_SIZE, bold=True)
        paragraph = nation.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, doc.motto, size=MOTTO_SIZE, bold=True)
        _rule(nation, doc.motto_rule_mm, HEADER_RIGHT_MM)
    number, date = table.rows[1].cells
    _fill(number, [doc.number_line], size=HEADER_SIZE)
    _fill(date, [doc.place_date_line], size=doc.date_size or DATE_SIZE, italic=True)
    for cell in (number, date):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    for index, line in enumerate(doc.subject_lines):  # a Công văn's V/v (ô 5b) under the Số
        paragraph = _paragraph(
            number, line, size=SUBJECT_SIZE, italic=doc.is_party, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(6)


def _title(word, doc):
    if not doc.title:  # a Công văn: its V/v is in the header, Kính gửi follows
        _addressees(word, doc, space_before=18)
        return
    size = doc.title_size or TITLE_SIZE
    title = _paragraph(word, doc.title, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(18)
    # The trích yếu is one paragraph Word wraps, no forced breaks: each chosen line is held
    # together by non-breaking spaces and the paragraph is as wide as the lines were measured
    # against, so Word breaks exactly between the lines (never two fit on one, as they are
    # the fewest) and an edit re-flows the text.
    text = " ".join(unbreakable(line) for line in doc.summary_lines)
    summary = _paragraph(word, text, size=TITLE_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    side = Mm((TEXT_WIDTH_MM - SUMMARY_MAX_MM) / 2)
    summary.paragraph_format.left_indent = summary.paragraph_format.right_indent = side
    _rule(word, doc.summary_rule_mm, TEXT_WIDTH_MM, space_after=6)
    if doc.addressee:  # Kính gửi (ô 9a): normal case, upright, centred
        addressee = _paragraph(
            word, f"Kính gửi: {doc.addressee}", size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        addressee.paragraph_format.space_after = Pt(6)
    _addressees(word, doc, space_before=6)


def _addressees(word, doc, *, space_before):
    """Kính gửi (ô 9a): the label, then the addressee or the '- …;' lines aligned beside it,
    set in 25 mm from the left margin as in the PDF."""
    if not doc.addressees:
        return
    label = "Kính gửi: "
    hanging = Pt(text_width(label, BODY_SIZE))
    for index, line in enumerate(doc.addressees):
        paragraph = _paragraph(word, size=BODY_SIZE)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(25) + hanging
        if index == 0:
            fmt.first_line_indent = -hanging
            fmt.space_before = Pt(space_before)
            _run(paragraph, label, size=BODY_SIZE)
        _run(paragraph, line, size=BODY_SIZE)


def _body_paragraph(word, text, *, bold=False, italic=False, keep_with_next=False):
    paragraph = word.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = INDENT
    fmt.space_before, fmt.space_after = Pt(6), Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = PITCH
    fmt.widow_control = True
    fmt.keep_with_next = keep_with_next or None
    text = keep_together(text, hyphen=NB_HYPHEN)
    _run(paragraph, text, size=BODY_SIZE, bold=bold, italic=italic)
    return paragraph


def _task_table(word, block, text_width_mm=TEXT_WIDTH_MM):
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = word.styles["Table Grid"]
    columns = len(block.header)
    targets = block.kind == "targets"
    if targets:
        shares = TARGET_WIDTHS
    else:
        shares = TABLE_WIDTHS if columns == len(TABLE_WIDTHS) else [1 / columns] * columns
    widths = [share * text_width_mm for share in shares]
    _fixed_layout(table, widths)
    _cell_margins(table._tbl.tblPr, left=57, right=57)
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row is repeated on every page
    header_pr.append(repeat)
    for cell, text in zip(header.cells, block.header, strict=True):
        _fill(cell, [text], size=13, bold=True)
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # rows kept whole
        for index, (cell, lines) in enumerate(zip(row.cells, cells, strict=True)):
            # The number (and a report's figures) centred, the texts flush left.
            centred = index == 0 or (targets and index != 1)
            align = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
            held = [
                keep_together(line, hyphen=NB_HYPHEN, max_width=CELL_MAX_WIDTH) for line in lines
            ]
            cell_lines = [line for line in held if line] or [""]
            _fill(cell, cell_lines, size=13, align=align)


def _section_heading(word, section):
    """A part's heading (none when it has no title); "Phần I" centred on its own line over
    the centred title (documents.structure.numbered_section)."""
    if not section.heading:
        return
    if section.label:
        label = _body_paragraph(word, section.label, bold=True, keep_with_next=True)
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label.paragraph_format.first_line_indent = 0
        label.paragraph_format.space_before = Pt(12)
    heading = _body_paragraph(word, section.heading, bold=True, keep_with_next=True)
    if section.centred:
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.paragraph_format.first_line_indent = 0
        if section.label:
            heading.paragraph_format.space_before = Pt(0)


def _centred(word, text):
    paragraph = _body_paragraph(word, text, bold=True, keep_with_next=True)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = 0
    return paragraph


def _body(word, doc):
    for text in doc.decision_lines:  # a quyết định: its issuing authority, centred
        _centred(word, text)
    for text in doc.bases:
        _body_paragraph(word, text, italic=doc.bases_italic)
    if doc.decision_word:  # "QUYẾT ĐỊNH:"
        _centred(word, doc.decision_word)
    for text in doc.opening:
        _body_paragraph(word, text)
    _sections(word, doc.sections)
    for text in doc.closing[:-1]:
        _body_paragraph(word, text)
    # The last paragraph (with ./.) stays on the page of the signature.
    _body_paragraph(word, doc.closing[-1], keep_with_next=True)


def _sections(word, sections):
    for section in sections:
        if section.article and section.run_in:  # "Điều 1." bold, its text run in after it
            paragraph = _body_paragraph(word, section.heading, bold=True)
            text = " " + keep_together(section.run_in, hyphen=NB_HYPHEN)
            _run(paragraph, text, size=BODY_SIZE)
        else:
            _section_heading(word, section)
        for block in section.blocks:
            if isinstance(block, Table):
                _task_table(word, block)
            else:
                bold = block.style == "subheading"
                _body_paragraph(word, block.text, bold=bold, keep_with_next=bold)


def _block(cell, block):
    """One signature block in its cell: heading and authority lines, the space to sign, the
    other position and the name, all bold and centred."""
    _fill(cell, block.upper_lines + [""] * block.pad, size=BODY_SIZE, bold=True)
    cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    lower = [*([block.signer_second_position] if block.signer_second_position else [])]
    lower.append(block.signer_name)
    for index, line in enumerate(lower):
        paragraph = _paragraph(
            cell, line, size=BODY_SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        if index == 0:
            paragraph.paragraph_format.space_before = Mm(25)  # the space to sign


def _joint_signature(word, doc):
    """Several blocks side by side, two to a row, then Nơi nhận below them (CHECKLIST §L)."""
    rows = doc.signature_rows
    table = word.add_table(rows=len(rows), cols=2)
    half = TEXT_WIDTH_MM / 2
    _borderless(table, (half, half))
    for row, blocks in zip(table.rows, rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, block in zip(row.cells, blocks, strict=False):
            _block(cell, block)
    left = WD_ALIGN_PARAGRAPH.LEFT
    label = _paragraph(word, "Nơi nhận:", size=12, bold=True, italic=True, align=left)
    label.paragraph_format.space_before = Pt(12)
    label.paragraph_format.keep_with_next = True
    listed = [label]
    for line in doc.recipients:
        listed.append(_paragraph(word, line, size=11, align=left))
    if doc.electronic:
        electronic = _paragraph(word, "Bản điện tử:", size=12, bold=True, italic=True, align=left)
        electronic.paragraph_format.space_before = Pt(6)
        listed.append(electronic)
        for line in doc.electronic:
            listed.append(_paragraph(word, line, size=11, align=left))
    for paragraph in listed:
        paragraph.paragraph_format.first_line_indent = Mm(0)


def _signature(word, doc):
    if doc.is_joint:
        _joint_signature(word, doc)
        return
    table = word.add_table(rows=1, cols=2)
    right_mm = TEXT_WIDTH_MM - RECIPIENTS_MM
    _borderless(table, (RECIPIENTS_MM, right_mm))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = table.rows[0].cells
    label = recipients.paragraphs[0]
    label.paragraph_format.space_before = Pt(6)
    _run(label, "Nơi nhận:", size=12, bold=True, italic=True)
    left = WD_ALIGN_PARAGRAPH.LEFT
    for line in doc.recipients:
        _paragraph(recipients, line, size=11, align=left)
    if doc.electronic:
        electronic = _paragraph(recipients, "Bản điện tử:", size=12, bold=True, italic=True)
        electronic.paragraph_format.space_before = Pt(6)
        for line in doc.electronic:
            _paragraph(recipients, line, size=11, align=left)
    upper = [*doc.authority_lines, *([doc.signer_position] if doc.signer_position else [])]
    _fill(signature, upper, size=BODY_SIZE, bold=True)
    signature.paragraphs[0].paragraph_format.space_before = Pt(6)
    lower = [*([doc.signer_second_position] if doc.signer_second_position else [])]
    lower.append(doc.signer_name)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(lower):
        paragraph = _paragraph(signature, line, size=BODY_SIZE, bold=True, align=centre)
        if index == 0:
            paragraph.paragraph_format.space_before = Mm(25)  # the space to sign


def _attached(word, attached):
    """A document issued with the quyết định: a new section numbered from 1 (none on its first
    page), its title, trích yếu, "(Kèm theo Quyết định số …)" and rule, then its body."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    section._sectPr.append(number_type)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(word, attached.title, size=TITLE_SIZE, bold=True, align=centre)
    text = " ".join(unbreakable(line) for line in attached.summary_lines)
    summary = _paragraph(word, text, size=TITLE_SIZE, bold=True, align=centre)
    side = Mm((TEXT_WIDTH_MM - SUMMARY_MAX_MM) / 2)
    summary.paragraph_format.left_indent = summary.paragraph_format.right_indent = side
    _paragraph(word, attached.reference, size=TITLE_SIZE, italic=True, align=centre)
    _rule(word, attached.summary_rule_mm, TEXT_WIDTH_MM, space_after=6)
    for text in [*attached.bases, *attached.opening]:
        _body_paragraph(word, text)
    _sections(word, attached.sections)
    for text in attached.closing:
        _body_paragraph(word, text)


def _appendix(word, appendix):
    """A new section: own page numbers from 1 (none on its first page), landscape if wide."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    if appendix.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.different_first_page_header_footer = True
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    section._sectPr.append(number_type)
    text_width = (297 if appendix.landscape else 210) - 45
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(word, appendix.label, size=14, bold=True, align=centre)
    _paragraph(word, appendix.title, size=TITLE_SIZE, bold=True, align=centre)
    _paragraph(word, appendix.reference, size=TITLE_SIZE, italic=True, align=centre)
    _rule(word, 40, text_width, space_after=6)
    for block in appendix.blocks:
        if isinstance(block, Table):
            _task_table(word, block, text_width)
        else:
            _body_paragraph(word, block.text)


def document_docx(doc):
    """DOCX bytes of a document structure."""
    word = WordDocument()
    _prepare(word)
    _page(word)
    # python-docx starts with one empty paragraph; the header table goes before it.
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _header(word, doc)
    _title(word, doc)
    _body(word, doc)
    _signature(word, doc)
    for attached in doc.attachments:
        _attached(word, attached)
    for appendix in doc.appendices:
        _appendix(word, appendix)
    core = word.core_properties
    core.title, core.subject, core.author = doc.title, doc.summary[:250], ""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
