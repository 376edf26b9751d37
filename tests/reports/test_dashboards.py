"""Dashboards that answer (issue 11, part 7): achievement over periods, completeness by kind
of unit, and jumps from a unit's previous period, on the server side."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from orgs.models import Membership, Organisation
from orgs.services import add_organisation, grant_role
from plans.models import ReportingRule, Target
from reports import services as reporting
from reports.charts import line_chart, nice_ceiling
from reports.plausibility import jump_warnings
from reports.rollup import (
    completeness_by_kind,
    jumps,
    report_periods,
    rollup,
    scope_node,
    series,
    short_label,
)

from ..queries import page_queries
from ..reportdata import issued_plan, make_user, report_of

D = Decimal
Q1, Q2, Q3, Q4 = (f"Quý {n} năm 2024" for n in ("I", "II", "III", "IV"))


def send_figures(report, user, figures, *, accept_by=None):
    """Write and send report with {target: (numerator, denominator)}."""
    actuals = [
        {"target": target, "numerator": n if n is None else D(n),
         "denominator": d if d is None else D(d)}
        for target, (n, d) in figures.items()
    ]  # fmt: skip
    reporting.save_report(report, by=user, fields={"results": "Kết quả"}, actuals=actuals)
    sent = reporting.submit_report(report, by=user)
    if accept_by:
        sent = reporting.accept_report(sent, by=accept_by, comment="")
    return sent


@pytest.fixture
def quarterly(tree, boss, province, catalogue):
    """The commune Một's quarterly plan (villages Một-1 and Một-2 report) with the family rate
    target (86 %) and a count target without indicator (4 clubs)."""
    plan = issued_plan(
        tree.orgs["committee_one"], boss, catalogue[1]["gia-dinh-van-hoa"], rule_period="quarterly"
    )
    section = plan.sections.get(kind="targets")
    rate = section.targets.get()
    clubs = Target.objects.create(section=section, order=9, label="Số câu lạc bộ", value=4,
                                  unit="câu lạc bộ")  # fmt: skip
    return plan, rate, clubs


def test_the_series_sums_numerators_and_denominators_and_leaves_gaps(tree, quarterly):
    plan, rate, clubs = quarterly
    o, u = tree.orgs, tree.users
    send_figures(report_of(plan, o["village_one"], Q1), u["village_one"],
                 {rate: (80, 100), clubs: (1, None)})  # fmt: skip
    send_figures(report_of(plan, o["village_one_b"], Q1), u["village_one_b"],
                 {rate: (45, 50), clubs: (2, None)})  # fmt: skip
    send_figures(report_of(plan, o["village_one"], Q3), u["village_one"],
                 {rate: (10, 40), clubs: (0, None)})  # fmt: skip
    # A draft does not count: Quý IV stays a gap.
    reporting.save_report(
        report_of(plan, o["village_one_b"], Q4), by=u["village_one_b"], fields={},
        actuals=[{"target": rate, "numerator": D(99), "denominator": D(100)}],
    )  # fmt: skip

    by_target = {s.target.pk: s for s in series(plan, scope_node(plan), "quarterly",
                                                 report_periods(plan))}  # fmt: skip
    family, count = by_target[rate.pk], by_target[clubs.pk]

    assert [p.label for p in family.points] == [Q1, Q2, Q3, Q4]
    assert [p.short for p in family.points] == ["Quý I", "Quý II", "Quý III", "Quý IV"]
    # 125/150 = 83.3 %, not the average of 80 % and 90 % (85 %); no report: None, not 0.
    assert family.is_ratio and family.goal == 86
    assert [p.value for p in family.points] == [D(125) * 100 / D(150), None, D(25), None]
    assert family.points[0].figure.reports == 2
    # A count target plots the count against its goal; 0 clubs is a figure, not a gap.
    assert not count.is_ratio and count.goal == 4
    assert [p.value for p in count.points] == [3, None, 0, None]
    # The chosen period's point is the dashboard's roll-up of that period.
    total = rollup(plan, scope_node(plan), "quarterly", date(2024, 3, 31))[0].total
    assert family.points[0].value == total.rate


def test_the_chart_breaks_at_gaps_and_draws_the_goal():
    chart = line_chart([D(50), D(100), None, D(25)], 86, labels=["a", "b", "c", "d"], percent=True)
    # A line from the first to the second period, none across the gap; a lone dot after it.
    assert chart.segments == ["64,55.0 104,10.0"]
    assert chart.dots == [(64, 55.0), (104, 10.0), (184, 77.5)]
    assert chart.goal == round(10 + 90 - 0.86 * 90, 1)
    assert chart.labels[2] == (144, "c", True) and chart.labels[0] == (64, "a", False)
    assert chart.top_label == "100%" and chart.baseline == 100

    counts = line_chart([D(3), D(7)], D(4), labels=["x", "y"], percent=False)
    assert counts.top_label == "10" and counts.goal == 64.0
    over = line_chart([D(250)], None, labels=["x"], percent=True)
    assert over.top_label == "250%" and over.goal is None and over.dots == [(64, 10.0)]
    empty = line_chart([None, None], 90, labels=["x", "y"], percent=True)
    assert empty.dots == [] and empty.segments == []


@pytest.mark.parametrize(
    ("period", "end", "several_years", "short"),
    [
        ("monthly", date(2024, 3, 31), False, "T3"),
        ("monthly", date(2025, 12, 31), True, "T12/25"),
        ("quarterly", date(2024, 9, 30), False, "Quý III"),
        ("quarterly", date(2026, 6, 30), True, "II/26"),
        ("half_year", date(2024, 6, 30), True, "2024"),
        ("yearly", date(2025, 12, 31), True, "2025"),
        ("final", date(2025, 12, 31), False, "Tổng kết"),
        ("once", date(2024, 5, 15), False, "15/05"),
    ],
)
def test_the_periods_are_named_shortly_under_the_axis(period, end, several_years, short):
    assert short_label(period, end, several_years) == short


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (D("0.4"), 1), (3, 5), (7, 10), (12, 20), (D(86), 100), (230, D(250)), (6001, 10000)],
)
def test_the_count_scale_ends_on_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_the_dashboard_draws_the_series_with_its_title_and_table(client, tree, boss, quarterly):
    plan, rate, clubs = quarterly
    send_figures(report_of(plan, tree.orgs["village_one"], Q1), tree.users["village_one"],
                 {rate: (80, 100), clubs: (3, None)})  # fmt: skip
    client.force_login(boss)
    html = client.get(reverse("reports:dashboard", args=[plan.pk])).content.decode()
    chart = html.split(f'data-series="{rate.label}"')[1].split("</figure>")[0]
    assert f'aria-labelledby="series-{rate.pk}-title series-{rate.pk}-desc"' in chart
    assert f'<title id="series-{rate.pk}-title">Tỷ lệ gia đình văn hóa theo kỳ</title>' in chart
    assert "Quý I năm 2024: 80%; Quý II năm 2024: chưa có số liệu;" in chart
    assert '<table class="visually-hidden">' in chart and "80/100" in chart
    assert "style=" not in chart and "<script" not in chart
    assert chart.count("<circle") == 1 and "<polyline" not in chart
    # Coordinates with a decimal point whatever the page's language (a comma breaks the SVG).
    assert '<circle class="kh-series-dot" cx="64" cy="28.0"' in chart
    assert 'y1="22.6" y2="22.6"' in chart  # the 86 % target line


def test_hostile_target_labels_stay_text_in_the_chart(client, tree, boss, quarterly):
    plan, rate, clubs = quarterly
    Target.objects.filter(pk=clubs.pk).update(label='<script>alert(1)</script>"><svg onload=x>')
    client.force_login(boss)
    html = client.get(reverse("reports:dashboard", args=[plan.pk])).content.decode()
    assert "<script>alert(1)" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;svg onload=x&gt;" in html


# --- completeness by kind of unit -------------------------------------------------------------


@pytest.fixture
def named(tree, boss, province):
    """The commune Một's plan asks quarterly reports of two villages, its People's Committee
    and the commune Hai's committee (different kinds of unit)."""
    o = tree.orgs
    plan = province["committee_one"]
    rule = ReportingRule.objects.create(
        plan=plan, period="quarterly", due_day=15, reporters=ReportingRule.Reporters.NAMED
    )
    rule.named_units.set([o["village_one"], o["village_one_b"], o["government_one"],
                          o["committee_two"]])  # fmt: skip
    reporting.create_expected_reports(plan)
    return plan


def test_completeness_counts_each_kind_of_unit_and_lists_the_missing(tree, boss, named):
    o, u = tree.orgs, tree.users
    rate = named.sections.get(kind="targets").targets.get()
    send_figures(report_of(named, o["village_one"], Q1), u["village_one"], {rate: (8, 10)},
                 accept_by=boss)  # fmt: skip
    send_figures(report_of(named, o["village_one_b"], Q1), u["village_one_b"], {rate: (4, 5)})
    returned = send_figures(report_of(named, o["committee_two"], Q1), boss, {rate: (1, 2)})
    reporting.return_report(returned, by=boss, comment="Thiếu số liệu")

    rows, missing = completeness_by_kind(named, "quarterly", date(2024, 3, 31), date(2024, 3, 20))

    table = [(r.name, r.expected, r.sent, r.accepted, r.missing, r.overdue) for r in rows]
    assert table == [
        ("Ban Chỉ đạo", 1, 0, 0, 1, 1),  # returned: owed again, and late
        ("Ủy ban nhân dân", 1, 0, 0, 1, 1),
        ("Thôn, tổ dân phố", 2, 2, 1, 0, 0),
        ("Cộng", 4, 2, 1, 2, 2),
    ]
    assert [r.organisation.name for r in missing] == ["Ban Chỉ đạo xã Hai",
                                                       "Ủy ban nhân dân xã Một"]  # fmt: skip
    # On the due date (15/3) nothing is overdue yet; a drilled unit keeps its own subtree.
    early, _missing = completeness_by_kind(named, "quarterly", date(2024, 3, 31), date(2024, 3, 15))
    assert early[-1].overdue == 0 and early[-1].missing == 2
    only_two, missing_two = completeness_by_kind(
        named, "quarterly", date(2024, 3, 31), date(2024, 4, 20), node=o["commune_two"]
    )
    assert [(r.name, r.expected) for r in only_two] == [("Ban Chỉ đạo", 1), ("Cộng", 1)]
    assert [r.organisation_id for r in missing_two] == [o["committee_two"].pk]


def test_the_dashboard_links_the_units_still_missing(client, tree, boss, named):
    client.force_login(boss)
    html = client.get(
        reverse("reports:dashboard", args=[named.pk]), {"period": "quarterly:2024-03-31"}
    )
    html = html.content.decode()
    part = html.split("data-by-kind")[1].split("</table>")[0]
    assert '<th scope="row">Thôn, tổ dân phố</th><td>2</td><td>0</td>' in part
    missing = html.split("data-missing")[1].split("</ul>")[0]
    government = tree.orgs["government_one"]
    assert f'<a href="/orgs/{government.pk}/">Ủy ban nhân dân xã Một</a>' in missing
    assert "Ủy ban nhân dân: " in missing and "quá hạn" in missing


def test_hostile_unit_names_stay_text_in_the_missing_list(client, tree, boss, named):
    hostile = '<img src=x onerror=alert(1)>"\u202e'
    Organisation.objects.filter(pk=tree.orgs["government_one"].pk).update(name=hostile)
    client.force_login(boss)
    url = reverse("reports:dashboard", args=[named.pk])
    html = client.get(url, {"period": "quarterly:2024-03-31"}).content.decode()
    missing = html.split("data-missing")[1].split("</ul>")[0]
    assert "<img" not in missing
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;\u202e</a>" in missing


# --- jumps from the previous period -----------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "current", "cumulative", "expected"),
    [
        ((80, 100), (81, 100), False, []),
        (
            (80, 100),
            (161, 100),
            False,
            [("numerator", "Tăng hơn gấp đôi so với Quý I (80 → 161).")],
        ),
        ((80, 100), (160, 100), False, []),  # exactly double is not "more than"
        ((80, 100), (39, 100), False, [("numerator", "Giảm hơn một nửa so với Quý I (80 → 39).")]),
        ((80, 100), (40, 100), False, []),
        (
            (D("12.5"), None),
            (D("11.5"), None),
            True,
            [("numerator", "Số cộng dồn giảm so với Quý I (12,5 → 11,5).")],
        ),
        ((12, None), (11, None), False, []),  # a rate's numerator may fall a little
        ((0, 100), (50, 100), False, []),  # from nothing: no ratio to speak of
        (
            (80, 100),
            (80, 121),
            False,
            [("denominator", "Tổng số thay đổi hơn 20% so với Quý I (100 → 121).")],
        ),
        ((80, 100), (80, 120), False, []),
        (
            (80, 100),
            (80, 79),
            False,
            [("denominator", "Tổng số thay đổi hơn 20% so với Quý I (100 → 79).")],
        ),
        ((None, None), (80, 100), False, []),
        ((80, 100), (None, None), False, []),
        (
            (10, 100),
            (25, 300),
            True,
            [
                ("numerator", "Tăng hơn gấp đôi so với Quý I (10 → 25)."),
                ("denominator", "Tổng số thay đổi hơn 20% so với Quý I (100 → 300)."),
            ],
        ),
    ],
)
def test_the_jump_rule(previous, current, cumulative, expected):
    as_decimals = [tuple(None if v is None else D(v) for v in pair) for pair in (previous, current)]
    assert jump_warnings(*as_decimals, cumulative=cumulative, label="Quý I") == expected


def test_the_dashboard_and_the_review_mark_the_same_jumps(client, tree, boss, quarterly):
    plan, rate, clubs = quarterly
    o, u = tree.orgs, tree.users
    send_figures(report_of(plan, o["village_one"], Q1), u["village_one"],
                 {rate: (40, 100), clubs: (5, None)})  # fmt: skip
    send_figures(report_of(plan, o["village_one_b"], Q1), u["village_one_b"],
                 {rate: (45, 50), clubs: (2, None)})  # fmt: skip
    second = send_figures(report_of(plan, o["village_one"], Q2), u["village_one"],
                          {rate: (90, 100), clubs: (4, None)})  # fmt: skip
    send_figures(report_of(plan, o["village_one_b"], Q2), u["village_one_b"],
                 {rate: (46, 51), clubs: (2, None)})  # fmt: skip

    found = jumps(plan, scope_node(plan), "quarterly", date(2024, 6, 30), (date(2024, 3, 31), Q1))

    assert [(j.unit_name, j.target.label, j.warnings) for j in found] == [
        ("Thôn Một-1", rate.label, [f"Tăng hơn gấp đôi so với {Q1} (40 → 90)."]),
        ("Thôn Một-1", "Số câu lạc bộ", [f"Số cộng dồn giảm so với {Q1} (5 → 4)."]),
    ]
    client.force_login(boss)
    dashboard = client.get(reverse("reports:dashboard", args=[plan.pk]),
                           {"period": "quarterly:2024-06-30"}).content.decode()  # fmt: skip
    assert f"Tăng hơn gấp đôi so với {Q1} (40 → 90)." in dashboard.split("data-jumps")[1]
    review = client.get(reverse("reports:detail", args=[second.pk])).content.decode()
    row = review.split(f'data-target="{rate.label}"')[1].split("</tr>")[0]
    assert f"Tăng hơn gấp đôi so với {Q1} (40 → 90)." in row
    assert "Số cộng dồn giảm" in review.split('data-target="Số câu lạc bộ"')[1]


def test_the_report_form_carries_the_previous_figures_on_its_inputs(client, tree, quarterly):
    plan, rate, clubs = quarterly
    o, u = tree.orgs, tree.users
    send_figures(report_of(plan, o["village_one"], Q1), u["village_one"],
                 {rate: (D("80.5"), 100), clubs: (5, None)})  # fmt: skip
    client.force_login(u["village_one"])
    html = client.get(reverse("reports:detail", args=[report_of(plan, o["village_one"], Q2).pk]))
    html = html.content.decode()
    assert f'data-previous="80.5" data-previous-label="{Q1}"' in html
    assert f'data-previous="100" data-previous-label="{Q1}"' in html
    assert (
        f'<div class="small text-body-secondary" data-previous-figures>{Q1}: 80,5/100</div>' in html
    )
    # The count target is cumulative; the rate's numerator is not; a missing whole gives none.
    clubs_row = html.split("Số câu lạc bộ")[1].split("</tr>")[0]
    assert 'data-cumulative="1"' in clubs_row and 'data-previous="5"' in clubs_row
    assert clubs_row.count("data-previous=") == 1
    assert "data-cumulative" not in html.split("Tỷ lệ gia đình văn hóa")[1].split("</tr>")[0]
    # The first quarter has nothing before it; the third is not compared with the first when
    # the second was not sent (the dashboard compares each period with the one just before).
    client.force_login(u["village_one_b"])
    first = client.get(reverse("reports:detail", args=[report_of(plan, o["village_one_b"], Q1).pk]))
    client.force_login(u["village_one"])
    third = client.get(reverse("reports:detail", args=[report_of(plan, o["village_one"], Q3).pk]))
    for page in (first, third):
        assert 'name="actuals-0-numerator"' in page.content.decode()  # the form, editable
        assert "data-previous" not in page.content.decode()


# --- query counts -----------------------------------------------------------------------------


def test_the_dashboard_costs_the_same_for_3_and_30_units(
    client, tree, boss, catalogue, django_assert_max_num_queries
):
    o = tree.orgs
    level = o["village_one"].level
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    user = make_user("villages")
    counts = {}
    for commune, committee, size in (("commune_one", "committee_one", 3),
                                     ("commune_two", "committee_two", 30)):  # fmt: skip
        villages = [o["village_one"]] if commune == "commune_one" else []
        while len(villages) < size:
            villages.append(add_organisation(parent=o[commune], kind="village", level=level,
                                             name=f"Thôn {commune}-{len(villages)}"))  # fmt: skip
        plan = issued_plan(o[committee], boss, indicator, rule_period="quarterly")
        target = plan.sections.get(kind="targets").targets.get()
        for village in villages:
            grant_role(user, village, Membership.Role.EDITOR)
        user = type(user).objects.get(pk=user.pk)  # its roles are cached on the instance
        for index, village in enumerate(villages):
            # A third of the villages report both quarters (the third village jumps), a third
            # only the first, a third none.
            for label, n in ((Q1, 40), (Q2, 90 if index == 2 else 42))[: index % 3]:
                send_figures(report_of(plan, village, label), user, {target: (n, 100)})
        client.force_login(boss)
        url = reverse("reports:dashboard", args=[plan.pk])
        # 21: the roll-up looks up the units taken over by the subtree's (orgs.succession).
        with django_assert_max_num_queries(21):
            counts[size], response = page_queries(client, url, {"period": "quarterly:2024-06-30"})
        assert response.context["by_kind"][-1].expected == size
        assert len(response.context["missing"]) == size - (size * 1 // 3)
        assert response.context["jumps"]
    assert counts[3] == counts[30]
