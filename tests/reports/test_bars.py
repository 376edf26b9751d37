"""Dashboard bars (issue 11, part 7): the target marker where the target is, for ratio and count
targets alike, and bars that stay inside their frame."""

from decimal import Decimal

import pytest
from django.urls import reverse

from plans.models import Target
from reports.rollup import Figure, TargetRollup


@pytest.mark.parametrize(
    ("target", "figure", "goal", "bar"),
    [
        # "6/6 thôn": the marker at the end of the bar, not at 6 %
        (Target(value=6, denominator=6, unit="thôn"), Figure(5, 6), 100, (167, 200)),
        (Target(value=45, denominator=50, unit="thôn"), Figure(40, 50), 90, (160, 180)),
        (Target(value=Decimal("86"), unit="%"), Figure(80, 100), Decimal(86), (160, 172)),
        # 250 of 200 households: drawn full, never past the frame
        (Target(value=90, unit="%"), Figure(250, 200), 90, (200, 180)),
        # "4 câu lạc bộ": a count without a whole, no marker to place
        (Target(value=4, unit="câu lạc bộ"), Figure(3, None), None, (None, None)),
        (Target(value=None, unit="%"), Figure(1, 2), None, (100, None)),
    ],
    ids=["6-of-6-villages", "45-of-50", "86-percent", "above-100", "plain-count", "no-target"],
)
def test_the_goal_and_the_bar_of_a_target(target, figure, goal, bar):
    item = TargetRollup(target=target, total=figure)
    assert item.goal == goal
    assert item.bar == bar


def test_the_dashboard_draws_the_marker_of_a_percent_target_where_it_is(client, boss, province):
    client.force_login(boss)
    page = client.get(reverse("reports:dashboard", args=[province["province_committee"].pk]))
    html = page.content.decode()
    assert '<line x1="172" x2="172"' in html  # the plans' 86 % target


def test_the_dashboard_opens_on_the_latest_period_with_figures(client, tree, boss, province):
    from plans.models import ReportingRule
    from reports.services import create_expected_reports

    from ..reportdata import report_of, send

    plan = province["committee_one"]
    ReportingRule.objects.create(plan=plan, period="yearly", due_day=10, due_month=12,
                                 reporters="subordinates")  # fmt: skip
    create_expected_reports(plan)  # a later, yearly period: nothing sent for it yet
    send(report_of(plan, tree.orgs["village_one"]), tree.users["village_one"], 80, 100)
    client.force_login(boss)
    url = reverse("reports:dashboard", args=[plan.pk])

    opened = client.get(url).context["chosen"]
    latest = client.get(url).context["periods"][0]

    assert opened[2] == "6 tháng đầu năm 2024" and latest[2] != opened[2]
    asked = client.get(url, {"period": f"{latest[0]}:{latest[1]:%Y-%m-%d}"}).context["chosen"]
    assert asked == latest
