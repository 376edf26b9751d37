"""The printed report (BÁO CÁO) in the layout of the printed plan (Nghị định 30/2020).

build_report_document(report) gives the same Document structure as a plan's, so the HTML
preview, the PDF and the DOCX renderers print it unchanged. What differs from a plan:
  - the header is the reporting unit's; a report has no number yet, so it prints
    "Số:      /BC-<symbol>" like a draft, and the date it was sent (a blank day until then);
  - "Kính gửi: <unit reported to>" under the trích yếu (ô 9a, for a báo cáo sent upward),
    and Nơi nhận starts with "- Như trên;" as the Decree writes it after a Kính gửi;
  - the body is the five standard parts, with a table of targets against actuals and the
    progress of the unit's tasks under I. KẾT QUẢ ĐẠT ĐƯỢC; empty parts are left out.
"""

from django.db.models import Prefetch
from django.utils import timezone

from campaign.text import day_month_year, decimal_vi
from documents.files import FORMATS, cached_file, file_name
from documents.structure import (
    END_MARK,
    DocSection,
    Document,
    Paragraph,
    Table,
    archive_line,
    body_paragraph,
    header_fields,
    lines,
    roman,
    sentence,
    signature_lines,
    summary_fields,
)
from plans.models import ReportingRule, Target, TargetAllocation
from plans.printing import target_amount

from .models import Report, TaskProgress

REPORT_TITLE = "BÁO CÁO"
REPORT_TYPE = "BC"  # Phụ lục III of the Decree
TARGET_HEADER = ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ"]
# The kind of the plan a report quotes, from the type code of its symbol (Phụ lục III).
PLAN_KINDS = {
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "CT": "Chỉ thị",
    "TB": "Thông báo",
    "QĐ": "Quyết định",
}
SENT = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
BLANK_NUMBER = " " * 6  # as a draft plan's number (Plan.document_number)
TASK_WORDS = 30  # a task is quoted by its first line, shortened to this many words


def report_for_document(pk):
    """The report with everything its document needs, in a constant number of queries."""
    return (
        Report.objects.select_related("plan__issuer", "organisation", "report_to")
        .prefetch_related(
            Prefetch(
                "progress",
                TaskProgress.objects.select_related("task").order_by(
                    "task__section__order", "task__order", "task_id"
                ),
            ),
            "actuals",
        )
        .get(pk=pk)
    )


def report_symbol(organisation):
    """'BC-BCĐ': the type code and the abbreviation of the reporting unit (just 'BC')."""
    return f"{REPORT_TYPE}-{organisation.symbol}" if organisation.symbol else REPORT_TYPE


def is_sent(report):
    return report.status in SENT and report.submitted_at is not None


def _place_date_line(report):
    """The unit's place (or the nearest one above it) and the day the report was sent;
    unsent, the day and month are left blank like a draft plan's."""
    organisation = report.organisation
    place = organisation.printed_place()
    if is_sent(report):
        day = timezone.localtime(report.submitted_at).date()
        date = day_month_year(day.day, day.month, day.year)
    else:
        year = (report.due_on or report.period_end).year
        date = day_month_year(None, None, year)
    return f"{place}, {date}" if place else date


def plan_reference(plan, *, full=True):
    """'Kế hoạch số 34/KH-BCĐ ngày 28/02/2023 của Ban Chỉ đạo …' (full), or
    'Kế hoạch số 34/KH-BCĐ'; a plan without a number is named by its issuer and year."""
    code = plan.symbol.partition("-")[0]
    kind = PLAN_KINDS.get(code, "Kế hoạch")
    if not plan.number:
        return f"{kind} năm {plan.period_label} của {plan.issuer_name}"
    reference = f"{kind} số {plan.number:02d}/{plan.symbol}"
    if full and plan.issued_on:
        reference += f" ngày {plan.issued_on:%d/%m/%Y}"
    return f"{reference} của {plan.issuer_name}" if full else reference


def _subject(report, reference):
    """'kết quả 6 tháng đầu năm 2024 thực hiện <reference>' (a final report: 'tổng kết …')."""
    if report.period == ReportingRule.Period.FINAL:
        return f"tổng kết việc thực hiện {reference}"
    label = report.label[:1].lower() + report.label[1:]
    return f"kết quả {label} thực hiện {reference}"


def report_summary(report):
    """The trích yếu: 'Kết quả 6 tháng đầu năm 2024 thực hiện Kế hoạch số 34/KH-BCĐ ngày
    28/02/2023 của Ban Chỉ đạo tỉnh A'."""
    subject = _subject(report, plan_reference(report.plan))
    return subject[:1].upper() + subject[1:]


def _summary_breaks(plan):
    """Words a trích yếu line had best start with, so that 'Kế hoạch số 34/KH-BCĐ' and
    'ngày 28/02/2024' are not split across lines."""
    kind = PLAN_KINDS.get(plan.symbol.partition("-")[0], "Kế hoạch")
    return {kind.split()[0], "ngày", "của"}


def rate_vi(rate):
    """Decimal('80') → '80,0%'."""
    return "" if rate is None else f"{rate:.1f}%".replace(".", ",")


def actual_text(actual, target):
    """'80/100' for a ratio, '12 câu lạc bộ' for a count, '' when not reported."""
    if actual is None or actual.numerator is None:
        return ""
    numerator = decimal_vi(actual.numerator)
    if actual.denominator is not None:
        return f"{numerator}/{decimal_vi(actual.denominator)}"
    unit = "" if not target.unit or target.unit == "%" else f" {target.unit}"
    return f"{numerator}{unit}"


def targets_table(report):
    """TT | Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ, one row per target of the plan; the plan
    column shows the unit's allocated share where the plan gives it one."""
    targets = list(
        Target.objects.filter(section__plan=report.plan_id).order_by(
            "section__order", "order", "pk"
        )
    )
    if not targets:
        return None
    shares = dict(
        TargetAllocation.objects.filter(
            target__in=targets, organisation=report.organisation_id
        ).values_list("target_id", "value")
    )
    actuals = {actual.target_id: actual for actual in report.actuals.all()}
    rows = []
    for number, target in enumerate(targets, start=1):
        actual = actuals.get(target.pk)
        rows.append(
            [
                [str(number)],
                [target.label],
                [target_amount(target, shares.get(target.pk))],
                [actual_text(actual, target)],
                [rate_vi(actual.rate) if actual is not None else ""],
            ]
        )
    return Table(header=TARGET_HEADER, rows=rows, kind="targets")


def _task_line(task):
    first = (lines(task.content) or [""])[0].rstrip(".;:")
    words = first.split()
    return " ".join(words[:TASK_WORDS]) + "…" if len(words) > TASK_WORDS else first


def progress_paragraphs(report):
    """'- <task>: đã hoàn thành; <result>.' for each task the report gives progress of."""
    out = []
    for item in report.progress.all():
        text = f"- {_task_line(item.task)}: {item.get_status_display().lower()}"
        result = " ".join(lines(item.result)).rstrip(".")
        if result:
            text += f"; {result}"
        out.append(Paragraph(sentence(text), "dash"))
    return out


def _results_blocks(report):
    """I. KẾT QUẢ ĐẠT ĐƯỢC: the unit's text, then 1. the targets, 2. the tasks."""
    blocks = [body_paragraph(text) for text in lines(report.results)]
    parts = []
    table = targets_table(report)
    if table is not None:
        parts.append(("Kết quả thực hiện các chỉ tiêu", [table]))
    progress = progress_paragraphs(report)
    if progress:
        parts.append(("Tiến độ thực hiện nhiệm vụ", progress))
    for number, (title, content) in enumerate(parts, start=1):
        blocks.append(Paragraph(f"{number}. {title}", "subheading"))
        blocks += content
    return blocks


def _sections(report):
    sections = []
    for name, label in Report.NARRATIVE:
        if name == "results":
            blocks = _results_blocks(report)
        else:
            blocks = [body_paragraph(text) for text in lines(getattr(report, name))]
        if blocks:
            heading = f"{roman(len(sections) + 1)}. {label.upper()}"
            sections.append(DocSection(heading=heading, blocks=blocks))
    return sections


def build_report_document(report):
    """The printed structure of report (load it with report_for_document)."""
    organisation = report.organisation
    reference = plan_reference(report.plan, full=False)
    closing = f"Trên đây là báo cáo {_subject(report, reference)} của {organisation.name}"
    position = report.signer_position.strip()
    return Document(
        **header_fields(organisation.name, organisation.parent_body_line, _place_date_line(report)),
        number_line=f"Số: {BLANK_NUMBER}/{report_symbol(organisation)}",
        **summary_fields(report_summary(report), _summary_breaks(report.plan)),
        title=REPORT_TITLE,
        addressee=report.report_to.name,
        bases=[],
        opening=[],
        sections=_sections(report),
        closing=[f"{closing}{END_MARK}"],
        recipients=["- Như trên;", archive_line("")],
        electronic=[],
        authority_lines=signature_lines([position.upper()]) if position else [],
        signer_position="",
        signer_second_position="",
        signer_name=report.signer_name.strip(),
        is_draft=not is_sent(report),
    )


def report_file_name(report, fmt):
    """BC-BCD-6-thang-dau-nam-2024.pdf (BC-BCĐ-6-tháng-đầu-năm-2024.pdf): type, the unit's
    abbreviation (its name when it has none), the period; '-dự-thảo' until it is sent."""
    unit = report.organisation
    parts = [REPORT_TYPE, unit.symbol or unit.short_name or unit.name, report.label]
    if not is_sent(report):
        parts.append("dự-thảo")
    return file_name(parts, fmt)


def report_file(report, fmt):
    """(bytes, FileName) of report as fmt, rendered from its current data (cached on
    content, as a plan's)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    report = report_for_document(report.pk)
    return cached_file(build_report_document(report), fmt), report_file_name(report, fmt)
