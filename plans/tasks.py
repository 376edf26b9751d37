"""Work that follows a plan's state change, run by the worker (campaign/tasks.py says how).

Each task takes ids and is idempotent: freezing keeps the first PDF frozen; a mail task
enqueues its messages in one transaction, so a failed run enqueued none and its retry does not
send twice.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from campaign.tasks import retried_task

from . import notifications
from .models import Plan
from .printing import freeze_issued_pdf

# action → the notifications function that tells the right people about it
NOTICES = {
    "submit": notifications.plan_submitted,
    "return": notifications.plan_returned,
    "approve": notifications.plan_approved,
    "issue": notifications.plan_issued,
}


@retried_task()
def freeze_plan_pdf(plan_id):
    """Keep the PDF an issued plan was issued with (plans.printing.freeze_issued_pdf)."""
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:  # deleted since: nothing to keep
        return None
    return freeze_issued_pdf(plan).sha256


@retried_task()
def notify_transition(plan_id, action, by_id=None, comment=""):
    """Mail the people a transition concerns: one message task per address."""
    plan = Plan.objects.select_related("issuer").filter(pk=plan_id).first()
    if plan is None:
        return []
    by = get_user_model().objects.filter(pk=by_id).first()
    extra = {"comment": comment} if action == "return" else {}
    with transaction.atomic():
        return NOTICES[action](plan, by=by, **extra)


@retried_task()
def send_deadline_digests(today):
    """Mail each unit its overdue and soon-due tasks as of today (an ISO date)."""
    with transaction.atomic():
        sent = notifications.deadline_digests(date.fromisoformat(today))
    return {str(org_id): count for org_id, count in sent.items()}


def plans_without_issued_pdf():
    """Published plans (issued, superseded, revoked) that lack the PDF they were issued with:
    the freezing task failed for good, or was lost with a worker killed in the middle of it.
    A document attached to a quyết định has none: it is printed in the decision's."""
    return (
        Plan.objects.published()
        .filter(issued_document__isnull=True, attached_to__isnull=True)
        .select_related("issuer")
        .order_by("pk")
    )
