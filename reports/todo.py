"""What waits for a user among reports, for the home page "Việc cần làm": reports her units
owe (overdue first) and reports sent to her units for review."""

from orgs.access import user_memberships
from orgs.models import Membership
from plans.todo import count_and_first

from .models import Report
from .services import due_reports


def _units(user, role):
    return {org_id for held, org_id, *_ in user_memberships(user) if held == role}


def report_lists(user):
    """{list name: queryset}: the reports user's units owe (soonest due first) and those sent
    to her units for review; the home page lists them, the navbar counts them."""
    to_review = (
        Report.objects.filter(
            status=Report.Status.SUBMITTED, report_to_id__in=_units(user, Membership.Role.APPROVER)
        )
        .select_related("plan__issuer", "organisation")
        .order_by("submitted_at", "pk")
    )
    return {
        "reports_due": due_reports(_units(user, Membership.Role.EDITOR)),
        "to_review": to_review,
    }


def report_todo(user, today, counts):
    """{list name: (count, first items)}; counts: the rows of each list of report_lists. A due
    report carries is_overdue."""
    todo = {
        name: count_and_first(queryset, counts[name])
        for name, queryset in report_lists(user).items()
    }
    for report in todo["reports_due"][1]:
        report.is_overdue = report.due_on is not None and report.due_on < today
    return todo
