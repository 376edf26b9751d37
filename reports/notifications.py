"""Telling the right people in the app (campaign.notify) when a report moves: the approvers of
the unit it is sent to when it is sent, the reporting unit's editors when it is returned or
accepted; and the editors of a unit whose report is due soon or overdue (report_reminders).

Created by the services in the transaction of the change; reports send no mail (yet).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from campaign.notify import notify, notify_each
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


@dataclass(frozen=True)
class Owed:
    """What a reminder says of a report owed (read as plain values: a reminder run reads every
    report owed in the country)."""

    pk: int
    organisation: str
    label: str
    plan: str
    due_on: date


def _reminder(reports, today, list_link):
    """(text, link) of a reminder of the owed reports: the report itself when there is one,
    else how many are overdue and due soon, and the list of reports."""
    if len(reports) == 1:
        (report,) = reports
        state = "đã quá hạn gửi" if report.due_on < today else "sắp đến hạn gửi"
        text = (
            f"Báo cáo {report.label} của {report.organisation} về kế hoạch “{report.plan}” "
            f"{state} ({_date(report.due_on)})."
        )
        return text, reverse("reports:detail", args=[report.pk])
    late = sum(report.due_on < today for report in reports)
    parts = [
        f"{late} báo cáo đã quá hạn gửi" if late else "",
        f"{len(reports) - late} báo cáo sắp đến hạn gửi" if len(reports) > late else "",
    ]
    units = {report.organisation for report in reports}
    who = units.pop() if len(units) == 1 else "Các đơn vị của bạn"
    return f"{who}: {', '.join(filter(None, parts))} (tính đến {_date(today)}).", list_link


def report_reminders(today):
    """Tell the editors of the units that still owe reports due within DUE_SOON_DAYS days, or
    overdue: one notice each, once a day however often it runs, in a few queries for the whole
    country. Returns how many notifications were created."""
    owed = Report.objects.filter(
        status__in=Report.EDITABLE, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
    )
    by_unit = defaultdict(list)
    fields = ("pk", "organisation__name", "label", "plan__summary", "due_on")
    rows = owed.order_by("due_on", "pk").values_list("organisation_id", *fields)
    for org_id, *values in rows:
        by_unit[org_id].append(Owed(*values))
    by_user = defaultdict(dict)
    for org_id, user_id in Membership.objects.filter(
        organisation__in=owed.values("organisation_id"), role=Role.EDITOR, user__is_active=True
    ).values_list("organisation_id", "user_id"):
        by_user[user_id].update((report.pk, report) for report in by_unit[org_id])
    list_link = reverse("reports:list")
    notices = [
        (
            user_id,
            *_reminder(sorted(reports.values(), key=lambda r: (r.due_on, r.pk)), today, list_link),
        )
        for user_id, reports in by_user.items()
    ]
    return notify_each(notices, once_since=timezone.make_aware(datetime.combine(today, time.min)))
