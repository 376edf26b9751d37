"""Shared data for the report tests: a province with two communes and three villages."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from plans import services, workflow
from plans.models import ReportingRule
from reports import services as reporting
from reports.models import Report
from reports.tasks import create_plan_expected_reports

from .worker import run_queued_tasks


def issued_plan(issuer, by, indicator, *, rule_period="half_year", due=(10, 6), target=86):
    """A plan of issuer with one target and a reporting rule, written, approved and issued by
    one person (issuer must let one person do it all: Organisation.duty_separation)."""
    plan = services.start_plan(issuer=issuer, by=by, year=2024, summary=f"Kế hoạch {issuer}")
    services.add_target(
        plan.sections.get(kind="targets"), "Tỷ lệ gia đình văn hóa", indicator=indicator,
        value=target, unit="%",
    )  # fmt: skip
    ReportingRule.objects.create(
        plan=plan, period=rule_period, due_day=due[0], due_month=due[1],
        reporters=ReportingRule.Reporters.SUBORDINATES,
    )  # fmt: skip
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=by)
    plan = workflow.issue_plan(plan, by=by, issued_on=date(2024, 2, 1))
    run_queued_tasks(create_plan_expected_reports)
    return plan


def make_user(name):
    return get_user_model().objects.create_user(name, password="x")


def report_of(plan, organisation, label="6 tháng đầu năm 2024"):
    return Report.objects.get(plan=plan, organisation=organisation, label=label)


def send(report, user, numerator, denominator, on=None):
    """Write and send the report with one figure; on: pretend it was sent then."""
    target = report.plan.sections.get(kind="targets").targets.get()
    reporting.save_report(
        report, by=user, fields={"results": f"Kết quả của {report.organisation.name}"},
        actuals=[{"target": target, "numerator": Decimal(numerator),
                  "denominator": Decimal(denominator)}],
    )  # fmt: skip
    sent = reporting.submit_report(report, by=user)
    if on:
        Report.objects.filter(pk=sent.pk).update(submitted_at=on)
    return sent
