"""The printed plan as one document structure, shared by the HTML preview and the renderers.

build_document(plan) decides everything that is *printed*: numbering of sections (I, II…) and
items (1., 2. or dashes), the labels of task paragraphs, the header lines, the end mark.
Renderers only lay the structure out. plan_text() gives the plain text, for search and tests.
Reports are printed from the same structure (plans/report_document.py).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from campaign.text import day_month_year, decimal_vi

from .models import Plan, Recipient, Section, Target, Task, TaskUnit
from .rendering.metrics import MM, UNIT_WORDS, split_lines, text_width

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TITLE = "KẾ HOẠCH"
END_MARK = "./."
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
TABLE_HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"]

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
    heading: str
    blocks: list = field(default_factory=list)


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


KHOAN_TITLE = re.compile(r"^\d+\.\s+\S")


def body_paragraph(text, style="text"):
    """A paragraph; a short '1. Mục đích' line without final punctuation is a khoản title."""
    if (
        style in ("text", "item")
        and KHOAN_TITLE.match(text)
        and len(text) <= 120
        and text[-1] not in ".;:,"
    ):
        style = "subheading"
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


def plan_for_document(pk):
    """The plan with everything the document needs, in a constant number of queries."""
    units = Prefetch("units", TaskUnit.objects.select_related("organisation"))
    subtasks = Prefetch("subtasks", Task.objects.prefetch_related(units))
    tasks = Prefetch(
        "tasks",
        Task.objects.filter(parent=None).prefetch_related(units, subtasks),
        to_attr="top_tasks",
    )
    sections = Prefetch(
        "sections",
        Section.objects.prefetch_related(
            tasks,
            Prefetch("targets", Target.objects.select_related("indicator")),
            "duties__organisation",
        ),
    )
    return (
        Plan.objects.select_related("issuer", "signer")
        .prefetch_related(
            sections, Prefetch("recipients", Recipient.objects.select_related("organisation"))
        )
        .get(pk=pk)
    )


def target_text(target):
    """The printed sentence of a target: as typed, or composed from its structure."""
    if target.text:
        return target.text
    if target.value is None:
        return target.label
    return f"{target.label}: {target_amount(target)}"


def target_amount(target, value=None):
    """'86% trở lên', 'duy trì 100%', '45/50 thôn trở lên': the planned amount of a target;
    value replaces the target's own (a unit's allocated share). '' without a value."""
    value = target.value if value is None else value
    if value is None:
        return ""
    value = decimal_vi(value)
    unit = target.unit if target.unit == "%" else f" {target.unit}" if target.unit else ""
    if target.denominator is not None:
        amount = f"{value}/{decimal_vi(target.denominator)}{unit}"
    else:
        amount = f"{value}{unit}"
    return {
        Target.Comparator.AT_LEAST: f"{amount} trở lên",
        Target.Comparator.EXACTLY: amount,
        Target.Comparator.MAINTAIN: f"duy trì {amount}",
        Target.Comparator.INCREASE_BY: f"tăng thêm {amount}",
        Target.Comparator.AT_MOST: f"không quá {amount}",
    }[target.comparator]


def _units(task, role, sep):
    return sep.join(unit.label for unit in task.units.all() if unit.role == role)


def _item_prefix(section, number):
    return f"{number}. " if section.item_style == Section.ItemStyle.NUMBERED else "- "


def _task_paragraphs(section, number, task):
    content = lines(task.content)
    blocks = [Paragraph(_item_prefix(section, number) + (content[0] if content else ""), "item")]
    blocks += [Paragraph(text) for text in content[1:]]
    for subtask in task.subtasks.all():
        sub_lines = lines(subtask.content)
        blocks += [Paragraph(f"- {text}" if i == 0 else text, "dash" if i == 0 else "text")
                   for i, text in enumerate(sub_lines)]  # fmt: skip
        blocks += _task_labels(subtask)
    blocks += _task_labels(task)
    return blocks


def _task_labels(task):
    leads, supports = _units(task, "lead", ", "), _units(task, "support", ", ")
    if not (leads or supports):
        if task.timeframe_text:
            return [Paragraph(sentence(f"Thời gian thực hiện: {task.timeframe_text}"), "label")]
        return []
    labelled = [
        ("Thực hiện", leads),
        ("Phối hợp thực hiện", supports),
        ("Thời gian thực hiện", task.timeframe_text),
    ]
    return [
        Paragraph(sentence(f"- {label}: {value}"), "label") for label, value in labelled if value
    ]


def _task_table(tasks):
    rows = []
    for number, task in enumerate(tasks, start=1):
        content = lines(task.content) + [
            f"- {text}" for subtask in task.subtasks.all() for text in lines(subtask.content)
        ]
        rows.append(
            [
                [str(number)],
                content,
                [_units(task, "lead", "; ")],
                [_units(task, "support", "; ")],
                [task.timeframe_text],
            ]
        )
    return Table(header=TABLE_HEADER, rows=rows)


def _section_blocks(plan, section):
    blocks = [body_paragraph(text) for text in lines(section.body)]
    if section.kind == Section.Kind.TARGETS:
        for number, target in enumerate(section.targets.all(), start=1):
            blocks.append(Paragraph(_item_prefix(section, number) + target_text(target), "item"))
    elif section.kind == Section.Kind.TASKS:
        tasks = section.top_tasks
        if plan.task_layout == Plan.TaskLayout.TABLE and tasks:
            blocks.append(_task_table(tasks))
        else:
            for number, task in enumerate(tasks, start=1):
                blocks += _task_paragraphs(section, number, task)
    elif section.kind == Section.Kind.IMPLEMENTATION:
        for number, duty in enumerate(section.duties.all(), start=1):
            heading = _item_prefix(section, number) + duty.heading
            blocks.append(Paragraph(heading, "subheading" if number_style(section) else "item"))
            blocks += [body_paragraph(text) for text in lines(duty.body)]
    blocks += [body_paragraph(text) for text in lines(section.closing_text)]
    return blocks


def number_style(section):
    return section.item_style == Section.ItemStyle.NUMBERED


def _place_date_line(plan):
    if plan.issued_on and plan.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        date = plan.issued_on
        return f"{plan.place}, {day_month_year(date.day, date.month, date.year)}"
    return f"{plan.place}, {day_month_year(None, plan.planned_month, plan.year)}"


def _closing(plan):
    paragraphs = lines(plan.closing)
    if not paragraphs:
        return [END_MARK]
    last = paragraphs[-1].removesuffix("/-/-").rstrip()  # an old typewriter end mark
    if not last.endswith(END_MARK):
        last = last.rstrip(".") + END_MARK
    paragraphs[-1] = last
    return paragraphs


def archive_line(text):
    """'- Lưu: VT, …' as ND30 writes the last Nơi nhận line ('Lưu VT.' → 'Lưu: VT.')."""
    rest = re.sub(r"^[-\s]*Lưu\s*:?\s*", "", (text or "").strip()).strip().rstrip(".;").strip()
    if not re.match(r"VT\b", rest):
        rest = f"VT, {rest}" if rest else "VT"
    return f"- Lưu: {rest}."


def _listed(labels, last_mark=";"):
    """'- a;' lines, the last one ending with last_mark."""
    out = [f"- {label.rstrip('.;')};" for label in labels]
    if out and last_mark != ";":
        out[-1] = out[-1][:-1] + last_mark
    return out


def _header_lines(text, *, bold):
    """Header text broken to fit the left column (a long issuer name takes several lines)."""
    return split_lines(
        text, HEADER_SIZE, ISSUER_MAX_MM * MM, bold=bold, prefer_before=UNIT_WORDS
    ) or [""]


def _authority_lines(plan):
    """The signing authority; a plan that names none is signed for its issuer (TM.)."""
    found = lines(plan.authority_lines)
    if not found and not plan.signer_position:
        found = [f"TM. {plan.issuer.name.upper()}"]
    return signature_lines(found)


def signature_lines(found):
    """Authority and position lines, a long one broken evenly to fit the signature column
    (60 % of the text block)."""
    width = (0.6 * TEXT_WIDTH_MM - 6) * MM
    return [
        part
        for line in found
        for part in split_lines(line, TITLE_SIZE, width, bold=True, prefer_before=UNIT_WORDS)
    ]


def _rule_mm(lines_, size, share=RULE_SHARE, *, bold=True):
    longest = max((text_width(line, size, bold=bold) for line in lines_), default=0)
    return round(share * longest / MM, 1)


def _reference_line(plan, is_draft):
    """'(Kèm theo Kế hoạch số 34/KH-BCĐ ngày 28 tháng 02 năm 2023 của …)' under an appendix
    title; a draft leaves the number and day blank like its header."""
    number = plan.document_number.removeprefix("Số: ").strip() if not is_draft else ""
    number = number or f"      /{plan.symbol}"
    date = _place_date_line(plan).split(", ", 1)[-1]
    return f"(Kèm theo Kế hoạch số {number} {date} của {plan.issuer.name})"


def move_tables_to_appendices(document, plan, *, all_tables=False):
    """Move wide tables (or all tables) out of the body into appendices, leaving a sentence
    that refers to them. Idempotent: a document's appendices are rebuilt each time."""
    found = []
    for section in document.sections:
        for index, block in enumerate(section.blocks):
            if isinstance(block, Table) and (all_tables or len(block.header) >= WIDE_TABLE_COLUMNS):
                pointer = Paragraph("")
                section.blocks[index] = pointer
                title = section.heading.split(". ", 1)[-1].upper()
                found.append((pointer, title, block))
    reference = _reference_line(plan, document.is_draft)
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
            appendix.pointer.text = f"Chi tiết tại {appendix.label} kèm theo Kế hoạch này."
    return document


def _agency_position(plan):
    """A steering committee's signer also prints their position in their own body (ô 7b),
    e.g. "PHÓ CHỦ TỊCH UBND PHƯỜNG", taken from the person chosen as signer."""
    if plan.signer and plan.issuer.kind == plan.issuer.Kind.COMMITTEE and plan.signer.position:
        return plan.signer.position.upper()
    return ""


def build_document(plan, *, tables_in_appendix=False):
    """The printed structure of plan (load it with plan_for_document for constant queries).

    Wide tables always go to an appendix; tables_in_appendix moves every table there."""
    sections = [
        DocSection(
            heading=f"{roman(number)}. {section.title}".rstrip(),
            blocks=_section_blocks(plan, section),
        )
        for number, section in enumerate(plan.sections.all(), start=1)
    ]
    recipients = [r for r in plan.recipients.all() if r.kind == Recipient.Kind.RECIPIENT]
    electronic = [r for r in plan.recipients.all() if r.kind == Recipient.Kind.ELECTRONIC]
    issuer = plan.issuer
    is_draft = plan.status in (Plan.Status.DRAFT, Plan.Status.RETURNED) or not plan.number
    document = Document(
        **header_fields(issuer, _place_date_line(plan)),
        number_line=plan.document_number,
        **summary_fields(" ".join(lines(plan.summary))),
        bases=lines(plan.bases),
        opening=lines(plan.opening),
        sections=sections,
        closing=_closing(plan),
        recipients=_listed(r.label for r in recipients) + [archive_line(plan.archive_line)],
        electronic=_listed((r.label for r in electronic), last_mark="."),
        authority_lines=_authority_lines(plan),
        signer_position=plan.signer_position,
        signer_second_position=plan.signer_second_position or _agency_position(plan),
        signer_name=plan.signer_name or (plan.signer.full_name if plan.signer else ""),
        is_draft=is_draft,
    )
    return move_tables_to_appendices(document, plan, all_tables=tables_in_appendix)


def header_fields(issuer, place_date):
    """The Document fields of the header (ô 1–4 but the number) of a document of issuer."""
    parent = issuer.parent_body_line.upper()
    issuer_lines = _header_lines(issuer.name.upper(), bold=True)
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


def summary_fields(summary, prefer_before=()):
    """The Document fields of a trích yếu: broken into even lines (before a word of
    prefer_before where one fits), and its rule."""
    summary_lines = split_lines(
        summary, TITLE_SIZE, SUMMARY_MAX_MM * MM, bold=True, prefer_before=prefer_before
    )
    return {
        "summary": summary,
        "summary_lines": summary_lines,
        "summary_rule_mm": _rule_mm(summary_lines, TITLE_SIZE),
    }


def document_text(document):
    """All printed words in reading order, one paragraph per line."""
    out = [document.parent_body_line, *document.issuer_lines, document.number_line]
    out += [document.national_title, document.motto, document.place_date_line]
    out += [document.title, document.summary]
    if document.addressee:
        out.append(f"Kính gửi: {document.addressee}")
    out += [*document.bases, *document.opening]
    for section in document.sections:
        out.append(section.heading)
        out += _blocks_text(section.blocks)
    out += document.closing
    out += ["Nơi nhận:", *document.recipients]
    if document.electronic:
        out += ["Bản điện tử:", *document.electronic]
    out += [*document.authority_lines, document.signer_position, document.signer_second_position]
    out.append(document.signer_name)
    for appendix in document.appendices:
        out += [appendix.label, appendix.title, appendix.reference, *_blocks_text(appendix.blocks)]
    return "\n".join(line for line in out if line)


def _blocks_text(blocks):
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out.append("\t".join(block.header))
            out += ["\t".join(" ".join(cell) for cell in row) for row in block.rows]
        else:
            out.append(block.text)
    return out


def plan_text(plan):
    """The plain text of the printed plan."""
    return document_text(build_document(plan_for_document(plan.pk)))


def document_stylesheet():
    """The print stylesheet (our own static file), for documents rendered outside a page."""
    from django.contrib.staticfiles import finders

    with open(finders.find("css/document.css"), encoding="utf-8") as handle:
        return handle.read()


def render_html(plan):
    """The plan as one standalone HTML file (stylesheet inlined)."""
    from django.template.loader import render_to_string

    document = build_document(plan_for_document(plan.pk))
    return render_to_string(
        "documents/plan_preview.html", {"doc": document, "stylesheet": document_stylesheet()}
    )
