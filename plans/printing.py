"""The printed plan: its Document structure (documents/), its files and its download names.

build_document(plan) decides everything that is *printed* for a plan: numbering of sections
(I, II…) and items (1., 2. or dashes), the labels of task paragraphs or the task table, the
header lines, the end mark. plan_text() gives the plain text, for search and tests.

    plan_file(plan, "pdf") -> (bytes, FileName)   what a download serves
    freeze_issued_pdf(plan) -> IssuedDocument      the PDF a plan was issued with, kept in
                                                   the file storage (STORAGES["default"])
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, prefetch_related_objects

from campaign.text import day_month_year, decimal_vi
from documents.downloads import DocumentUnavailable
from documents.files import FORMATS, cached_file, file_name
from documents.html import preview_html
from documents.structure import (
    AttachedDocument,
    DocSection,
    Document,
    Paragraph,
    SignatureBlock,
    Table,
    archive_line,
    basis_lines,
    body_paragraph,
    closing_lines,
    decision_lines,
    document_text,
    header_fields,
    item_number,
    joint_issuer_lines,
    joint_signature_lines,
    lines,
    listed,
    move_tables_to_appendices,
    numbered_section,
    sentence,
    signature_lines,
    subject_lines,
    summary_fields,
)
from orgs.models import Organisation

from .kinds import spec
from .models import (
    IssuedDocument,
    Plan,
    Recipient,
    Section,
    Signature,
    Target,
    Task,
    TaskUnit,
)
from .references import compose

log = logging.getLogger(__name__)

TABLE_HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"]


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
            sections,
            Prefetch("recipients", Recipient.objects.select_related("organisation")),
            Prefetch("signatures", Signature.objects.select_related("organisation", "signer")),
        )
        .get(pk=pk)
    )


def target_text(target):
    """The printed sentence of a target: as typed, or composed from its structure
    ('Tỷ lệ hộ nghèo: giảm 1–1,5%/năm')."""
    if target.text:
        return target.text
    amount = target_amount(target)
    if not amount:
        return target.label
    if target.comparator == Target.Comparator.EXACTLY:
        amount = f"đạt {amount}"
    return f"{target.label}: {amount}"


def target_amount(target, value=None):
    """The planned amount of a target: '86% trở lên', 'duy trì 100%', '8/8 tổ dân phố',
    'từ 1 đến 1,5%', 'giảm 2%', 'giảm 1–1,5%/năm', 'tăng trên 3%/năm' (a yearly rate of
    change: per_year), 'tăng thêm 1 tiêu chí', 'không quá 5 vụ'. value replaces the target's
    own (a unit's allocated share: one figure, even for a range). '' without a value."""
    share = value is not None
    value = target.value if value is None else value
    if value is None:
        return ""
    upper = None if share or target.value_to == value else target.value_to
    unit = target.unit if target.unit == "%" else f" {target.unit}" if target.unit else ""
    of = f"/{decimal_vi(target.denominator)}" if target.denominator is not None else ""
    year = "/năm" if target.per_year else ""

    def amount(figures):
        return f"{figures}{of}{unit}{year}"

    low = decimal_vi(value)
    comparator = Target.Comparator(target.comparator)
    if comparator == Target.Comparator.RANGE and upper is not None:
        return f"từ {low} đến {amount(decimal_vi(upper))}"
    figures = amount(f"{low}–{decimal_vi(upper)}" if upper is not None else low)
    if comparator == Target.Comparator.AT_LEAST:
        return f"tăng trên {figures}" if target.per_year else f"{figures} trở lên"
    if comparator == Target.Comparator.INCREASE_BY:
        return f"tăng {figures}" if target.per_year else f"tăng thêm {figures}"
    prefix = {
        Target.Comparator.MAINTAIN: "duy trì ",
        Target.Comparator.AT_MOST: "không quá ",
        Target.Comparator.DECREASE_BY: "giảm ",
    }
    return prefix.get(comparator, "") + figures


def _units(task, role, sep):
    return sep.join(unit.label for unit in task.units.all() if unit.role == role)


def _task_paragraphs(prefix, task):
    content = lines(task.content)
    blocks = [Paragraph(prefix + (content[0] if content else ""), "item")]
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


def _section_blocks(plan, section, number=None):
    """The paragraphs and tables of section, the number-th titled part (its items' numbers
    in the decimal style: "2.1.")."""
    muc = plan.numbering in (Plan.Numbering.LETTER_ROMAN, Plan.Numbering.PART)
    blocks = [body_paragraph(text, muc=muc) for text in lines(section.body)]

    def prefix(item):
        if section.item_style != Section.ItemStyle.NUMBERED:
            return "- "
        return f"{item_number(plan.numbering, number, item)} " if number else f"{item}. "

    if section.kind == Section.Kind.TARGETS:
        for item, target in enumerate(section.targets.all(), start=1):
            blocks.append(Paragraph(prefix(item) + target_text(target), "item"))
    elif section.kind == Section.Kind.TASKS:
        tasks = section.top_tasks
        if plan.task_layout == Plan.TaskLayout.TABLE and tasks:
            blocks.append(_task_table(tasks))
        else:
            for item, task in enumerate(tasks, start=1):
                blocks += _task_paragraphs(prefix(item), task)
    elif section.kind == Section.Kind.IMPLEMENTATION:
        for item, duty in enumerate(section.duties.all(), start=1):
            heading = prefix(item) + duty.heading
            blocks.append(Paragraph(heading, "subheading" if number_style(section) else "item"))
            blocks += [body_paragraph(text, muc=muc) for text in lines(duty.body)]
    blocks += [body_paragraph(text, muc=muc) for text in lines(section.closing_text)]
    return blocks


def _numbered_sections(plan):
    """One DocSection per section, headed as plan.numbering says (documents.structure
    numbered_section); a section without a title prints no heading and takes no number.
    Articles (Điều n.) are left to the document kinds, which number them apart."""
    sections, number = [], 0
    for section in plan.sections.all():
        if section.kind == Section.Kind.ARTICLE or not section.title.strip():
            sections.append(DocSection("", _section_blocks(plan, section), title=section.title))
            continue
        number += 1
        blocks = _section_blocks(plan, section, number)
        sections.append(numbered_section(plan.numbering, number, section.title, blocks))
    return sections


def number_style(section):
    return section.item_style == Section.ItemStyle.NUMBERED


def _place_date_line(plan):
    if plan.issued_on and plan.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        date = plan.issued_on
        if plan.date_by_hand:  # the signer writes day and month by hand; the year is printed
            return f"{plan.place}, {day_month_year(None, None, date.year)}"
        return f"{plan.place}, {day_month_year(date.day, date.month, date.year)}"
    if plan.date_by_hand:
        return f"{plan.place}, {day_month_year(None, None, plan.year)}"
    return f"{plan.place}, {day_month_year(None, plan.planned_month, plan.year)}"


def _authority_lines(plan, breaker=signature_lines):
    """The signing authority; a plan that names none is signed for its issuer (TM.)."""
    found = lines(plan.authority_lines)
    if not found and not plan.signer_position:
        found = [f"TM. {plan.issuer_name.upper()}"]
    return breaker(found)


def co_issuer_names(plan):
    """The co-issuers of a joint document in order, by the names it prints: as kept at
    issuance once published (issued_header["co_issuers"]), today's otherwise."""
    if plan.is_published and "co_issuers" in (plan.issued_header or {}):
        return list(plan.issued_header["co_issuers"])
    return [
        s.organisation.name
        for s in plan.signatures.all()
        if s.role == Signature.Role.CO_ISSUER and s.organisation
    ]


def _signature_block(signature, name):
    """A further block: a co-issuer that names no authority signs for itself (TM.)."""
    found = lines(signature.authority_lines)
    if not found and not signature.signer_position and name:
        found = [f"TM. {name.upper()}"]
    person = signature.signer.full_name if signature.signer else ""
    return SignatureBlock(
        authority_lines=joint_signature_lines(found),
        signer_position=signature.signer_position.strip().upper(),
        signer_name=signature.signer_name.strip() or person,
        heading_lines=joint_signature_lines(lines(signature.heading.upper())),
    )


def _add_signatures(document, plan, party):
    """A joint document's co-issuers under its issuer in the header, and every further block
    beside the issuer's (endorsements at its left, the others at its right, in order)."""
    signatures = list(plan.signatures.all())
    if not signatures:
        return document
    names = iter(co_issuer_names(plan))
    before, after = [], []
    for signature in signatures:
        name = next(names, "") if signature.role == Signature.Role.CO_ISSUER else ""
        block = _signature_block(signature, name)
        endorsement = signature.role == Signature.Role.ENDORSEMENT
        (before if endorsement else after).append(block)
    document.signatures_before, document.signatures = before, after
    document.authority_lines = _authority_lines(plan, joint_signature_lines)
    co_issuers = co_issuer_names(plan)
    if co_issuers:
        joint = joint_issuer_lines(document.issuer_lines, co_issuers, size=document.header_size)
        document.issuer_lines = joint["issuer_lines"]
        if not party:
            document.issuer_rule_mm = joint["issuer_rule_mm"]
    return document


def number_line(plan):
    """'Số: 34/KH-BCĐ'; a Party document 'Số 01-KH/BCĐ' (no colon, number-type/issuer,
    LAYOUT.md §9); a draft keeps a blank where the number will go."""
    if plan.header_style != Plan.HeaderStyle.PARTY:
        return plan.document_number
    number = f"{plan.number:02d}" if plan.number else "      "
    if not spec(plan.kind).code:  # a Party công văn: "Số 05-CV/BCĐ" (HD 36)
        return f"Số {number}-CV/{plan.symbol}"
    code, _, issuer = plan.symbol.partition("-")
    return f"Số {number}-{code}/{issuer}" if issuer else f"Số {number}-{plan.symbol}"


def appendix_reference(plan, is_draft):
    """'(Kèm theo Kế hoạch số 34/KH-BCĐ ngày 28 tháng 02 năm 2023 của …)' under an appendix
    title (the document's own kind: 'Kèm theo Quyết định số …'); a draft leaves the number
    and day blank like its header."""
    number = number_line(plan).removeprefix("Số").lstrip(":").strip() if not is_draft else ""
    if not number:
        party = plan.header_style == Plan.HeaderStyle.PARTY
        code, _, issuer = plan.symbol.partition("-")
        number = f"      -{code}/{issuer}" if party and issuer else f"      /{plan.symbol}"
    date = _place_date_line(plan).split(", ", 1)[-1]
    return f"(Kèm theo {spec(plan.kind).word} số {number} {date} của {plan.issuer_name})"


def _decision_authority(plan, header):
    """Who issues a quyết định, printed above its căn cứ (Mẫu 1.2/1.3): the body itself when
    it signs as a collective (TM.), otherwise the signer's position in it."""
    authority = lines(plan.authority_lines)
    position = plan.signer_position.strip()
    if (authority and authority[0].upper().startswith("TM.")) or not position:
        return header["issuer_name"]
    return f"{position} {header['issuer_name']}"


def _kind_sections(plan, sections):
    """Articles (Điều 1., Điều 2. …, numbered on their own) and the unnumbered single body of
    a letter or notice, over the headings build_document numbered."""
    kind = spec(plan.kind)
    article = 0
    for section, printed in zip(plan.sections.all(), sections, strict=True):
        if section.kind == Section.Kind.ARTICLE:
            article += 1
            printed.article = True
            title = section.title.strip()
            printed.heading = f"Điều {article}. {title}" if title else f"Điều {article}."
            if not title and printed.blocks and isinstance(printed.blocks[0], Paragraph):
                printed.run_in = printed.blocks.pop(0).text
        elif not kind.numbered_parts:
            printed.heading = section.title.strip()
    return sections


def _addressees(plan):
    """Kính gửi entries (ô 9a): one addressee as typed; several as '- …;' lines, the last '.'."""
    found = [line.rstrip(" ;.") for line in lines(plan.addressees)]
    if len(found) <= 1:
        return found
    return listed(found, last_mark=".")


def _attached_document(plan, decision, is_draft):
    """An attachment of decision as printed after it: no header, number or date of its own."""
    document = build_document(plan_for_document(plan.pk), standalone=False)
    reference = appendix_reference(decision, is_draft)
    return AttachedDocument(
        title=spec(plan.kind).title,
        summary=document.summary,
        summary_lines=document.summary_lines,
        summary_rule_mm=document.summary_rule_mm,
        reference=reference,
        bases=document.bases,
        opening=document.opening,
        sections=document.sections,
        closing=document.closing,
    )


def _agency_position(header):
    """A steering committee's signer also prints their position in their own body (ô 7b),
    e.g. "PHÓ CHỦ TỊCH UBND PHƯỜNG", taken from the person chosen as signer (plan.header)."""
    if header["issuer_kind"] == Organisation.Kind.COMMITTEE and header["signer_body_position"]:
        return header["signer_body_position"].upper()
    return ""


def references_of(plan):
    """plan's references, loaded once (one query), when they are the lines of plan.bases (each
    its text, or blank: composed); none otherwise (docs/architecture.md, "Legal bases")."""
    if not plan.bases:
        return []
    if "references" not in getattr(plan, "_prefetched_objects_cache", {}):
        prefetch_related_objects([plan], "references")
    found, typed = list(plan.references.all()), lines(plan.bases)
    # Bases saved by a path that did not rebuild them (sync_references): the typed lines win.
    if len(found) != len(typed) or any(
        r.text and " ".join(lines(r.text)) != line for r, line in zip(found, typed, strict=True)
    ):
        return []
    return found


def _bases(plan):
    """The basis lines: one per reference (its text, or the line composed from its parts),
    plan.bases while a plan has none."""
    found = references_of(plan)
    if not found:
        return lines(plan.bases)
    return [" ".join(lines(r.text)) or compose(r) for r in found]


def build_document(plan, *, tables_in_appendix=False, standalone=True):
    """The printed structure of plan (load it with plan_for_document for constant queries).

    Wide tables always go to an appendix; tables_in_appendix moves every table there. A
    quyết định carries its attached documents (standalone=False: without them)."""
    sections = _numbered_sections(plan)
    recipients = [r for r in plan.recipients.all() if r.kind == Recipient.Kind.RECIPIENT]
    electronic = [r for r in plan.recipients.all() if r.kind == Recipient.Kind.ELECTRONIC]
    header = plan.header
    is_draft = plan.status in (Plan.Status.DRAFT, Plan.Status.RETURNED) or not plan.number
    kind = spec(plan.kind)
    party = plan.header_style == Plan.HeaderStyle.PARTY
    fields = header_fields(
        header["issuer_name"], header["parent_body_line"], _place_date_line(plan), party=party
    )
    summary = " ".join(lines(plan.summary))
    is_decision = plan.kind == Plan.Kind.DECISION
    document = Document(
        **fields,
        number_line=number_line(plan),
        **summary_fields(summary),
        title=kind.title,
        subject_lines=[] if kind.has_title else subject_lines(summary),
        addressees=_addressees(plan) if kind.addressees else [],
        decision_lines=decision_lines(_decision_authority(plan, header)) if is_decision else [],
        decision_word="QUYẾT ĐỊNH:" if is_decision else "",
        bases_italic=is_decision,
        bases=basis_lines(_bases(plan)) if is_decision else _bases(plan),
        opening=lines(plan.opening),
        sections=_kind_sections(plan, sections),
        closing=closing_lines(plan.closing),
        recipients=listed(r.label for r in recipients) + [archive_line(plan.archive_line)],
        electronic=listed((r.label for r in electronic), last_mark="."),
        authority_lines=_authority_lines(plan),
        signer_position=plan.signer_position,
        signer_second_position=plan.signer_second_position or _agency_position(header),
        signer_name=plan.signer_name or header["signer_full_name"],
        is_draft=is_draft,
    )
    _add_signatures(document, plan, party)
    if standalone and is_decision:
        document.attachments = [
            _attached_document(attached, plan, is_draft) for attached in plan.attachments.all()
        ]
    reference = appendix_reference(plan, is_draft)
    return move_tables_to_appendices(
        document, reference, all_tables=tables_in_appendix, kind=kind.word
    )


def plan_text(plan):
    """The plain text of the printed plan."""
    return document_text(build_document(plan_for_document(plan.pk)))


def render_html(plan):
    """The plan as one standalone HTML file (stylesheet inlined)."""
    return preview_html(build_document(plan_for_document(plan.pk)))


def plan_file_name(plan, fmt):
    """KH-34-BCD-2023.pdf for an issued plan, KH-BCD-2024-du-thao.pdf for a draft."""
    kind, _, issuer = plan.symbol.partition("-")
    if not spec(plan.kind).code:  # a Công văn's ký hiệu has no type code: CV-05-BCD-VP-…
        kind, issuer = "CV", plan.symbol
    parts = [kind or "KH"]
    issued = plan.number and plan.issued_on and plan.status in plan.PUBLISHED
    if issued:
        parts.append(f"{plan.number:02d}")
    parts += [issuer] if issuer else []
    parts.append(str(plan.issued_on.year if issued else plan.year))
    if not issued:
        parts.append("dự-thảo")
    return file_name(parts, fmt)


def plan_file(plan, fmt):
    """(bytes, FileName) of plan as fmt: the frozen PDF of an issued plan if it has one,
    otherwise the current rendering (cached on content)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    if plan.attached_to_id:  # one issuance, one file: the quyết định with its attachments
        plan = Plan.objects.select_related("issuer").get(pk=plan.attached_to_id)
    if fmt == "pdf" and plan.status in plan.PUBLISHED:
        frozen = IssuedDocument.objects.filter(plan_id=plan.pk).first()
        if frozen is not None:
            return issued_pdf_bytes(frozen), plan_file_name(plan, fmt)
    plan = plan_for_document(plan.pk)
    return cached_file(build_document(plan), fmt), plan_file_name(plan, fmt)


def issued_pdf_bytes(issued):
    """The bytes of an IssuedDocument read from the storage and checked against its SHA-256.
    Missing or different bytes are logged as errors and raise DocumentUnavailable: a download
    fails rather than serve anything but the file the plan was issued with."""
    try:
        with issued.file.open("rb") as stored:
            data = stored.read()
    except Exception as error:  # each storage backend raises its own kind
        log.error(
            "Issued PDF of plan %s cannot be read from the storage (%s): %r",
            issued.plan_id, issued.file.name, error, exc_info=True,
        )  # fmt: skip
        raise DocumentUnavailable(
            "Không đọc được tệp PDF đã ban hành của kế hoạch này; đã báo lỗi cho quản trị."
        ) from error
    found = hashlib.sha256(data).hexdigest()
    if found != issued.sha256:
        log.critical(
            "Issued PDF of plan %s (%s) does not match its SHA-256: kept %s, read %s. "
            "Not served; restore the file from a backup.",
            issued.plan_id, issued.file.name, issued.sha256, found,
        )  # fmt: skip
        raise DocumentUnavailable(
            "Tệp PDF đã ban hành của kế hoạch này không khớp mã kiểm tra nên không được tải về; "
            "đã báo lỗi cho quản trị."
        )
    return data


def freeze_issued_pdf(plan):
    """Keep the PDF of plan as it is now in the file storage: run once the plan is issued.

    Idempotent, also when two workers race: a plan keeps the first PDF frozen for it.
    """
    if plan.attached_to_id:  # printed in its decision's file: that is the one kept
        return freeze_issued_pdf(Plan.objects.get(pk=plan.attached_to_id))
    existing = IssuedDocument.objects.filter(plan_id=plan.pk).first()
    if existing is not None:
        return existing
    plan = plan_for_document(plan.pk)
    data = cached_file(build_document(plan), "pdf")
    issued = IssuedDocument(plan=plan, sha256=hashlib.sha256(data).hexdigest())
    issued.file.save("issued.pdf", ContentFile(data), save=False)  # named by issued_pdf_name
    try:
        with transaction.atomic():
            issued.save()
    except IntegrityError:
        issued.file.delete(save=False)  # another worker froze it first: keep theirs only
        return IssuedDocument.objects.get(plan_id=plan.pk)
    return issued
