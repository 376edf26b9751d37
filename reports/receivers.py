"""What reports does when a plan is issued (plans.signals.plan_issued)."""

from django.dispatch import receiver

from plans.signals import plan_issued

from .services import create_expected_reports


@receiver(plan_issued)
def expect_reports(sender, plan, **kwargs):
    """Create the reports the plan's rules expect, in the issuing transaction."""
    create_expected_reports(plan)
