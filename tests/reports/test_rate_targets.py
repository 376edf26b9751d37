"""Roll-ups of targets that are ranges, decreases or yearly rates (issue 13, part 5): counts
and ratios add up as before; a change target (a yearly rate, a decrease) shows the figures
achieved but says it has no cumulative sum instead of a bar; a range is a band on the bar and
on the chart."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.models import Target
from reports.charts import line_chart
from reports.rollup import Figure, TargetRollup, report_periods, rollup, scope_node, series

from ..reportdata import report_of
from .test_dashboards import Q1, quarterly, send_figures  # noqa: F401 (fixture)

C = Target.Comparator
D = Decimal
YEARLY = "Chỉ tiêu là tỷ lệ tăng/giảm hằng năm: không cộng dồn."
CHANGE = "Chỉ tiêu là mức tăng/giảm: không cộng dồn."


@pytest.mark.parametrize(
    ("made", "note"),
    [
        (Target(comparator=C.DECREASE_BY, value=D(1), value_to=D("1.5"), unit="%",
                per_year=True), YEARLY),
        (Target(comparator=C.AT_LEAST, value=D(3), unit="%", per_year=True), YEARLY),
        (Target(comparator=C.DECREASE_BY, value=D(2), unit="%"), CHANGE),
        (Target(comparator=C.DECREASE_BY, value=D(10), unit="hộ"), CHANGE),
        (Target(comparator=C.INCREASE_BY, value=D(5), unit="%"), CHANGE),
    ],
    ids=["decrease-range-yearly", "increase-yearly", "decrease-percent", "decrease-count",
         "increase-percent"],
)  # fmt: skip
def test_a_change_target_has_no_bar_nor_goal_but_says_why(made, note):
    item = TargetRollup(target=made, total=Figure(D(12), D(100), 2))
    assert item.note == note
    assert item.bar is None and item.band is None
    assert item.goal is None and item.goal_to is None
    assert item.total.rate == 12  # the figures achieved are still summed and shown


@pytest.mark.parametrize(
    ("made", "bar", "band"),
    [
        (Target(comparator=C.RANGE, value=D(80), value_to=D(90), unit="%"), (170, 160), (160, 20)),
        (Target(comparator=C.RANGE, value=D(4), value_to=D(6), denominator=D(8), unit="thôn"),
         (170, 100), (100, 50)),
        (Target(comparator=C.AT_LEAST, value=D(86), unit="%"), (170, 172), None),
        (Target(comparator=C.INCREASE_BY, value=D(1), unit="tiêu chí"), (170, None), None),
        (Target(comparator=C.RANGE, value=D(80), value_to=D(90), unit="%", per_year=True),
         None, None),
    ],
    ids=["range-percent", "range-of-villages", "at-least", "increase-count", "range-yearly"],
)  # fmt: skip
def test_a_range_is_a_band_on_the_bar_and_levels_keep_their_marker(made, bar, band):
    item = TargetRollup(target=made, total=Figure(D(85), D(100), 1))
    assert item.bar == bar
    assert item.band == band
    assert bool(item.note) == (bar is None)


def test_the_chart_draws_a_range_as_a_band():
    chart = line_chart([D(85)], D(80), labels=["a"], percent=True, goal_to=D(90))
    x, y, width, height = chart.band
    assert (x, width) == (chart.left, chart.right - chart.left)
    assert y == round(10 + 90 - 0.9 * 90, 1) and height == round(0.1 * 90, 1)
    assert line_chart([D(85)], D(80), labels=["a"], percent=True).band is None


@pytest.fixture
def changes(quarterly):  # noqa: F811
    """The commune plan of test_dashboards with a yearly decrease and a range target."""
    plan, rate, clubs = quarterly
    section = rate.section
    poor = Target.objects.create(
        section=section, order=10, label="Tỷ lệ hộ nghèo", comparator=C.DECREASE_BY,
        value=D(1), value_to=D("1.5"), unit="%", per_year=True,
    )  # fmt: skip
    Target.objects.filter(pk=rate.pk).update(comparator=C.RANGE, value=D(80), value_to=D(90))
    rate.refresh_from_db()
    return plan, rate, poor


def test_the_dashboard_sums_the_figures_of_a_yearly_rate_and_draws_no_bar(
    client, tree, boss, changes
):
    plan, rate, poor = changes
    o, u = tree.orgs, tree.users
    send_figures(report_of(plan, o["village_one"], Q1), u["village_one"],
                 {rate: (85, 100), poor: (3, 100)})  # fmt: skip
    send_figures(report_of(plan, o["village_one_b"], Q1), u["village_one_b"],
                 {rate: (40, 50), poor: (2, 50)})  # fmt: skip
    found = rollup(plan, scope_node(plan), "quarterly", date(2024, 3, 31))
    items = {item.target.pk: item for item in found}
    assert (items[poor.pk].total.numerator, items[poor.pk].total.denominator) == (5, 150)
    assert items[poor.pk].bar is None and items[rate.pk].band == (160, 20)

    client.force_login(boss)
    html = client.get(reverse("reports:dashboard", args=[plan.pk])).content.decode()
    card = html.split('data-target="Tỷ lệ hộ nghèo"')[1].split("data-target=")[0]
    assert "– kế hoạch giảm 1–1,5%/năm" in card
    assert "5/150" in card  # the figures achieved, summed
    assert YEARLY in card and '<svg width="220"' not in card
    assert "không cộng dồn" in card.split("<figure")[1]  # the chart says it too
    assert "kh-series-goal" not in card  # and draws no goal line
    ranged = html.split(f'data-target="{rate.label}"')[1].split("data-target=")[0]
    assert "– kế hoạch từ 80 đến 90%" in ranged
    assert '<rect class="kh-goal-band" x="160" y="0" width="20"' in ranged
    assert "kế hoạch từ 80,0% đến 90,0%" in ranged or "kế hoạch từ 80.0% đến 90.0%" in ranged
    assert 'class="kh-series-band"' in ranged and "vùng tô: kế hoạch từ 80 đến 90%" in ranged


def test_series_of_a_change_target_has_no_goal(tree, changes):
    plan, rate, poor = changes
    by_target = {s.target.pk: s for s in series(plan, scope_node(plan), "quarterly",
                                                 report_periods(plan))}  # fmt: skip
    assert by_target[poor.pk].goal is None and by_target[poor.pk].note == YEARLY
    assert (by_target[rate.pk].goal, by_target[rate.pk].goal_to) == (80, 90)
    assert by_target[rate.pk].chart.band is not None


def test_the_report_form_names_the_planned_amount_as_worded(client, tree, changes):
    plan, rate, poor = changes
    village = tree.users["village_one"]
    client.force_login(village)
    report = report_of(plan, tree.orgs["village_one"], Q1)
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Tỷ lệ hộ nghèo <span" in html
    assert "(kế hoạch: giảm 1–1,5%/năm)" in html
    assert "(kế hoạch: từ 80 đến 90%)" in html


def test_the_workbook_says_a_yearly_rate_has_no_cumulative_sum(client, tree, boss, changes):
    from io import BytesIO

    from openpyxl import load_workbook

    plan, rate, poor = changes
    send_figures(report_of(plan, tree.orgs["village_one"], Q1), tree.users["village_one"],
                 {rate: (85, 100), poor: (3, 100)})  # fmt: skip
    client.force_login(boss)
    response = client.get(reverse("reports:dashboard_xlsx", args=[plan.pk]))
    rows = list(load_workbook(BytesIO(response.content))["Chỉ tiêu"].values)
    poor_rows = [row for row in rows if row[0] == "Tỷ lệ hộ nghèo"]
    assert poor_rows[-1][:2] == ("Tỷ lệ hộ nghèo", YEARLY)
    assert poor_rows[-2][1].startswith("Cộng ") and poor_rows[-2][2:4] == (3, 100)
    assert not [row for row in rows if row[0] == rate.label and row[1] in (YEARLY, CHANGE)]
