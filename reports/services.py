"""Reports: the reports a plan expects, writing and sending them, and a level's own report
started from its subordinates' reports."""

import calendar
from datetime import date

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from orgs.access import scope_root_path
from orgs.models import Organisation, subtree_q
from plans.errors import PlanError, StaleEdit
from plans.history import diff, record_event
from plans.models import PlanReader, ReportingRule, Target, Task, TaskUnit

from .access import report_abilities
from .models import Report, ReportEvent, TargetActual, TaskProgress

Period = ReportingRule.Period
Status = Report.Status
ROMAN = ["I", "II", "III", "IV"]


# --- which reports a plan expects -----------------------------------------------------------


def _last_day(year, month):
    return calendar.monthrange(year, month)[1]


def _due(year, month, day):
    """A due date from the rule's day and month, kept inside the month."""
    return date(year, month, min(day or _last_day(year, month), _last_day(year, month)))


def periods(rule, plan):
    """(label, start, end, due) of every period the rule asks a report for."""
    years = range(plan.year, plan.last_year + 1)
    result = []
    for year in years:
        if rule.period == Period.MONTHLY:
            for month in range(1, 13):
                end = date(year, month, _last_day(year, month))
                due = _due(year, month, rule.due_day) if rule.due_day else end
                result.append((f"Tháng {month}/{year}", date(year, month, 1), end, due))
        elif rule.period == Period.QUARTERLY:
            for quarter in range(1, 5):
                last = quarter * 3
                end = date(year, last, _last_day(year, last))
                due = _due(year, last, rule.due_day) if rule.due_day else end
                start = date(year, last - 2, 1)
                result.append((f"Quý {ROMAN[quarter - 1]} năm {year}", start, end, due))
        elif rule.period in (Period.HALF_YEAR, Period.NINE_MONTHS, Period.YEARLY):
            months = {Period.HALF_YEAR: 6, Period.NINE_MONTHS: 9, Period.YEARLY: 12}[rule.period]
            label = {
                Period.HALF_YEAR: f"6 tháng đầu năm {year}",
                Period.NINE_MONTHS: f"9 tháng năm {year}",
                Period.YEARLY: f"Năm {year}",
            }[rule.period]
            due = _due(year, rule.due_month or months, rule.due_day)
            end = date(year, months, _last_day(year, months))
            result.append((label, date(year, 1, 1), end, due))
    if rule.period == Period.FINAL:
        last = plan.last_year
        label = f"Tổng kết {plan.period_label}"
        due = _due(last, rule.due_month or 12, rule.due_day)
        result.append((label, date(plan.year, 1, 1), date(last, 12, 31), due))
    return result


def reporting_units(rule, plan):
    """The organisations that owe reports under rule (never the issuer itself)."""
    Reporters = ReportingRule.Reporters
    if rule.reporters == Reporters.LEADS:
        ids = TaskUnit.objects.filter(
            task__section__plan=plan, role=TaskUnit.Role.LEAD, organisation__isnull=False
        ).values_list("organisation_id", flat=True)
        units = Organisation.objects.filter(pk__in=list(ids))
    elif rule.reporters == Reporters.RECIPIENTS:
        units = Organisation.objects.filter(received_plans__plan=plan)
    elif rule.reporters == Reporters.NAMED:
        units = rule.named_units.all()
    else:
        units = subordinate_units(plan.issuer, on=date(plan.year, 1, 1))
    return [unit for unit in units.distinct() if unit.pk != plan.issuer_id]


def subordinate_units(issuer, *, on):
    """The units one level below issuer that existed on the given day: each child area's
    steering committee, or the area itself where it has none (a village reports for itself).
    A 2024 plan of a commune closed in 2025 still expects its villages' reports."""
    existing = Q(active_to__isnull=True) | Q(active_to__gt=on)
    root = Organisation.objects.get(path=scope_root_path(issuer))
    areas = list(
        Organisation.objects.get_children(root).filter(existing, kind__in=Organisation.AREA_KINDS)
    )
    committees = {
        c.path[: -Organisation.steplen]: c
        for c in Organisation.objects.filter(
            existing,
            subtree_q(root.path),
            depth=root.depth + 2,
            kind=Organisation.Kind.COMMITTEE,
        )
    }
    chosen = [committees.get(area.path, area) for area in areas]
    return Organisation.objects.filter(pk__in=[unit.pk for unit in chosen])


def create_expected_reports(plan):
    """Create the reports the plan's rules expect (once; a second call adds nothing)."""
    rows = []
    for rule in plan.reporting_rules.select_related("report_to"):
        report_to = rule.report_to or plan.issuer
        for unit in reporting_units(rule, plan):
            for label, start, end, due in periods(rule, plan):
                rows.append(
                    Report(
                        plan=plan, rule=rule, organisation=unit, report_to=report_to,
                        period=rule.period, period_start=start, period_end=end, label=label,
                        due_on=due,
                    )
                )  # fmt: skip
    Report.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # A unit that owes a report reads the plan it reports on (plans.models.visible_plans_q).
    units = {row.organisation_id for row in rows}
    PlanReader.objects.bulk_create(
        [PlanReader(plan=plan, organisation_id=unit) for unit in sorted(units)],
        ignore_conflicts=True, batch_size=1000,
    )  # fmt: skip
    return len(rows)


# --- writing, sending, reviewing ------------------------------------------------------------


def snapshot(report):
    """What the report says, by part: the unit of comparison between versions."""
    parts = {label: getattr(report, name) for name, label in Report.NARRATIVE}
    for actual in report.actuals.select_related("target"):
        parts[f"Chỉ tiêu “{actual.target.label}”"] = f"{actual.numerator} / {actual.denominator}"
    for item in report.progress.select_related("task"):
        parts[f"Nhiệm vụ “{item.task.content[:60]}”"] = (
            f"{item.get_status_display()}: {item.result}"
        )
    return parts


def _record(report, action, *, by, comment="", from_status=""):
    previous = report.events.order_by("-at", "-pk").first()
    current = snapshot(report)
    changes = diff(previous.snapshot if previous else {}, current)
    if action == ReportEvent.Action.EDITED and not changes:
        return None
    return record_event(
        report, action, by=by, snapshot=current, comment=comment, from_status=from_status,
        changes=changes,
    )  # fmt: skip


def _lock(report):
    return (
        Report.objects.select_for_update().select_related("plan", "organisation").get(pk=report.pk)
    )


def report_tasks(report):
    """The plan's tasks the reporting unit leads or supports (all tasks for a subordinate
    committee or village not named in any)."""
    tasks = Task.objects.filter(section__plan=report.plan, parent=None).order_by(
        "section__order", "order", "pk"
    )
    named = tasks.filter(units__organisation=report.organisation).distinct()
    return named if named.exists() else tasks


@transaction.atomic
def save_report(report, *, by, version=None, fields, progress=(), actuals=()):
    """Save what the unit reports. progress: [{task, status, result}]; actuals: [{target,
    numerator, denominator}]. Refused once sent, without the editor role, or if someone else
    saved since version."""
    locked = _lock(report)
    if not report_abilities(by, locked)["edit"]:
        raise PlanError(f"Cần vai trò soạn thảo tại {locked.organisation.name}.")
    if not locked.is_editable:
        raise PlanError(f"Báo cáo đã “{locked.get_status_display()}”, không thể sửa.")
    if version is not None and locked.version != version:
        raise StaleEdit(
            "Người khác đã lưu báo cáo này sau khi bạn mở trang. Nội dung bạn nhập vẫn còn "
            "dưới đây; hãy tải lại trang rồi nhập lại phần của bạn."
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.status == Status.DUE:
        locked.status = Status.DRAFT
    locked.version += 1
    locked.save()
    for row in progress:
        TaskProgress.objects.update_or_create(
            report=locked, task=row["task"],
            defaults={"status": row["status"], "result": row.get("result", "")},
        )  # fmt: skip
    for row in actuals:
        TargetActual.objects.update_or_create(
            report=locked, target=row["target"],
            defaults={"numerator": row.get("numerator"), "denominator": row.get("denominator")},
        )  # fmt: skip
    _record(locked, ReportEvent.Action.EDITED, by=by)
    return locked


@transaction.atomic
def submit_report(report, *, by):
    """Send the report to the unit it is due to; after the due date it is marked late."""
    locked = _lock(report)
    if not report_abilities(by, locked)["edit"]:
        raise PlanError(f"Cần vai trò soạn thảo tại {locked.organisation.name}.")
    if locked.status not in (Status.DRAFT, Status.RETURNED):
        raise PlanError("Chỉ gửi được báo cáo đang soạn hoặc bị trả lại.")
    from_status = locked.status
    locked.status, locked.submitted_at = Status.SUBMITTED, timezone.now()
    locked.version += 1
    locked.save()
    _record(locked, ReportEvent.Action.SUBMITTED, by=by, from_status=from_status)
    return locked


def _review(report, action, *, by, comment=""):
    locked = _lock(report)
    if not report_abilities(by, locked)["review"]:
        raise PlanError(f"Cần vai trò phê duyệt tại {locked.report_to.name}.")
    if locked.status != Status.SUBMITTED:
        raise PlanError("Chỉ xử lý được báo cáo đã gửi.")
    locked.status = Status.ACCEPTED if action == ReportEvent.Action.ACCEPTED else Status.RETURNED
    locked.version += 1
    locked.save()
    _record(locked, action, by=by, comment=comment, from_status=Status.SUBMITTED)
    return locked


@transaction.atomic
def accept_report(report, *, by, comment=""):
    """The receiving unit accepts the report; its figures stand."""
    return _review(report, ReportEvent.Action.ACCEPTED, by=by, comment=comment)


@transaction.atomic
def return_report(report, *, by, comment):
    """The receiving unit sends the report back, saying why."""
    if not (comment or "").strip():
        raise PlanError("Cần ghi ý kiến khi trả lại báo cáo.")
    return _review(report, ReportEvent.Action.RETURNED, by=by, comment=comment.strip())


# --- a level's own report from its subordinates' ---------------------------------------------


def subordinate_reports(report):
    """Reports of units below the reporting unit for the same period, that count."""
    root = scope_root_path(report.organisation)
    return (
        Report.objects.counted()
        .filter(
            subtree_q(root, prefix="organisation__"),
            period=report.period,
            period_end=report.period_end,
        )
        .exclude(organisation=report.organisation)
        .select_related("organisation")
        .order_by("organisation__path")
    )


@transaction.atomic
def start_from_subordinates(report, *, by):
    """Pre-fill report from its subordinates' reports: figures summed per indicator (in the
    database), each narrative part made of their texts grouped by unit, ready for editing."""
    sources = subordinate_reports(report)
    if not sources.exists():
        raise PlanError("Chưa có báo cáo nào của đơn vị cấp dưới cho kỳ này.")
    targets = Target.objects.filter(section__plan=report.plan)
    sums = {
        row["target__indicator"]: row
        for row in TargetActual.objects.filter(
            report__in=sources, target__indicator__in=targets.values("indicator")
        )
        .values("target__indicator")
        .annotate(numerator=Sum("numerator"), denominator=Sum("denominator"))
    }
    actuals = [
        {
            "target": target,
            **{k: sums[target.indicator_id][k] for k in ("numerator", "denominator")},
        }
        for target in targets
        if target.indicator_id in sums
    ]
    fields = {}
    for name, _label in Report.NARRATIVE:
        texts = [
            f"{source.organisation.name}: {getattr(source, name).strip()}"
            for source in sources
            if getattr(source, name).strip()
        ]
        fields[name] = "\n".join(texts)
    fields["from_subordinates"] = True
    return save_report(report, by=by, fields=fields, actuals=actuals)


def due_reports(organisation_ids):
    """Reports the given units still owe, soonest due first."""
    return (
        Report.objects.filter(organisation_id__in=organisation_ids)
        .filter(Q(status__in=[Status.DUE, Status.DRAFT, Status.RETURNED]))
        .select_related("plan__issuer", "organisation")
        .order_by("due_on", "pk")
    )
