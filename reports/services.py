"""Reports: the reports a plan expects, writing and sending them, and a level's own report
started from its subordinates' reports."""

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from orgs.access import scope_root_path
from orgs.models import subtree_q
from plans.errors import PlanError, StaleEdit
from plans.history import diff, record_event
from plans.models import PlanReader, Target, Task
from plans.reporting import expected_reports

from .access import report_abilities
from .models import Report, ReportEvent, TargetActual, TaskProgress
from .notifications import notify_report

Status = Report.Status


# --- which reports a plan expects -----------------------------------------------------------


def create_expected_reports(plan):
    """Create the reports the plan's rules expect (once; a second call adds nothing)."""
    rows = [
        Report(
            plan=plan, rule=item.rule, organisation=item.unit,
            report_to=item.rule.report_to or plan.issuer, period=item.rule.period,
            period_start=item.start, period_end=item.end, label=item.label, due_on=item.due,
        )
        for item in expected_reports(plan)
    ]  # fmt: skip
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


def report_targets(report):
    """The targets the report gives figures for: those its rule names, else all of the plan's."""
    targets = Target.objects.filter(section__plan=report.plan)
    if report.rule_id and report.rule.targets.exists():
        targets = targets.filter(pk__in=report.rule.targets.values("pk"))
    return targets.order_by("section__order", "order", "pk")


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
    notify_report(locked, ReportEvent.Action.SUBMITTED, by=by)
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
    notify_report(locked, action, by=by, comment=comment)
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
