"""What reports does when a plan is issued (plans.signals.plan_issued) and when the daily
deadline digest runs (plans.signals.deadlines_digested)."""

from django.dispatch import receiver

from plans.signals import deadlines_digested, plan_issued

from .notifications import report_reminders
from .tasks import create_plan_expected_reports


@receiver(plan_issued)
def expect_reports(sender, plan, **kwargs):
    """Enqueue, in the issuing transaction, the creation of the reports the plan expects.

    Always a task, even for a plan addressed to three villages: one path to test, and the
    issuance (which holds the issuer's lock) costs the same for a province as for a commune.
    """
    create_plan_expected_reports.enqueue(plan.pk)


@receiver(deadlines_digested)
def remind_reports(sender, today, **kwargs):
    """Tell the units that owe a report due soon or overdue, in the digest's transaction."""
    report_reminders(today)
