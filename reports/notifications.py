"""Telling the right people in the app (campaign.notify) when a report moves: the approvers of
the unit it is sent to when it is sent, the reporting unit's editors when it is returned or
accepted; and the editors of a unit whose report is due soon or overdue (report_reminders).

Created by the services in the transaction of the change; reports send no mail (yet).
"""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from campaign.notify import notify
from campaign.text import day_month_year
from orgs.models import Membership
from plans.deadlines import DUE_SOON_DAYS
from plans.notifications import members

from .models import Report, ReportEvent

Role = Membership.Role
Action = ReportEvent.Action


def _who(user):
    return (user.get_full_name() or user.username) if user else "Hệ thống"


def _date(day):
    return day_month_year(day.day, day.month, day.year)


def _named(report):
    plan = report.plan.summary
    return f"báo cáo {report.label} của {report.organisation.name} về kế hoạch “{plan}”"


def notify_report(report, action, *, by, comment=""):
    """In-app notices of action (a ReportEvent.Action: submitted, returned, accepted) on report,
    in the caller's transaction. Returns how many were created."""
    if action == Action.SUBMITTED:
        users = members([report.report_to_id], [Role.APPROVER], by)
        text = f"{_who(by)} đã gửi {_named(report)}, chờ tiếp nhận."
    elif action == Action.RETURNED:
        users = members([report.organisation_id], [Role.EDITOR], by)
        text = f"{_who(by)} trả lại {_named(report)} để sửa. Ý kiến: {comment}"
    elif action == Action.ACCEPTED:
        users = members([report.organisation_id], [Role.EDITOR], by)
        text = f"{_who(by)} đã tiếp nhận {_named(report)}."
    else:
        raise ValueError(f"No one is told of {action!r}.")
    link = reverse("reports:detail", args=[report.pk])
    return notify(users.values_list("pk", flat=True), text, link)


def report_reminders(today):
    """Tell the editors of each unit that still owes a report due within DUE_SOON_DAYS days, or
    overdue, once a day however often it runs. Returns how many notifications were created."""
    day_start = timezone.make_aware(datetime.combine(today, time.min))
    owed = (
        Report.objects.filter(
            status__in=Report.EDITABLE, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
        .select_related("plan", "organisation")
        .order_by("due_on", "pk")
    )
    created = 0
    for report in owed.iterator(chunk_size=500):
        state = "đã quá hạn gửi" if report.due_on < today else "sắp đến hạn gửi"
        created += notify(
            members([report.organisation_id], [Role.EDITOR]).values_list("pk", flat=True),
            f"B{_named(report)[1:]} {state} ({_date(report.due_on)}).",
            reverse("reports:detail", args=[report.pk]),
            once_since=day_start,
        )
    return created
