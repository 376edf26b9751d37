"""Work that follows a plan's issuance on the reports side, run by the worker."""

from campaign.tasks import retried_task
from plans.models import Plan

from .services import create_expected_reports


@retried_task()
def create_plan_expected_reports(plan_id):
    """Create the reports an issued plan expects, however large the subtree it addresses.

    Idempotent: a report already there is skipped (create_expected_reports).
    """
    plan = Plan.objects.filter(pk=plan_id).first()
    return 0 if plan is None else create_expected_reports(plan)
