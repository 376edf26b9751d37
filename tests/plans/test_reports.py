"""Reports: expected from the rules, written, sent, reviewed, and rolled up correctly."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaign.catalogue import load_catalogue
from orgs.models import Membership
from orgs.services import add_organisation, grant_role
from plans import reporting, services, workflow
from plans.models import Plan, Report, ReportingRule
from plans.rollup import completeness, rollup, scope_node
from plans.services import PlanError

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def catalogue(db):
    return load_catalogue()


@pytest.fixture
def boss(tree, django_user_model):
    """Holds every role at every committee of Tỉnh A, to move plans along quickly."""
    user = django_user_model.objects.create_user("boss", password="x")
    for key in ("province_committee", "committee_one", "committee_two"):
        for role in Membership.Role:
            grant_role(user, tree.orgs[key], role)
    return user


def issued_plan(issuer, by, indicator, *, rule_period="half_year", due=(10, 6), target=86):
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
    return workflow.issue_plan(plan, by=by, issued_on=date(2024, 2, 1))


@pytest.fixture
def province(tree, boss, catalogue):
    """Tỉnh A → communes Một (villages Một-1, Một-2) and Hai (village Hai-1); a province plan
    and a plan of each commune committee, all asking for a report at mid-year."""
    o = tree.orgs
    level = o["village_one"].level
    o["village_one_b"] = add_organisation(
        parent=o["commune_one"], kind="village", level=level, name="Thôn Một-2"
    )
    o["village_two"] = add_organisation(
        parent=o["commune_two"], kind="village", level=level, name="Thôn Hai-1"
    )
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    plans = {
        key: issued_plan(o[key], boss, indicator)
        for key in ("province_committee", "committee_one", "committee_two")
    }
    for village in ("village_one", "village_one_b", "village_two"):
        user = tree.users.setdefault(village, make_user(village))
        grant_role(user, o[village], Membership.Role.EDITOR)
    return plans


def make_user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name, password="x")


def report_of(plan, organisation, label="6 tháng đầu năm 2024"):
    return Report.objects.get(plan=plan, organisation=organisation, label=label)


def send(report, user, numerator, denominator, on=None):
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


def test_an_issued_plan_expects_one_report_per_subordinate_and_period(tree, province):
    commune_plan = province["committee_one"]
    assert set(
        Report.objects.filter(plan=commune_plan).values_list("organisation__name", "label")
    ) == {
        ("Thôn Một-1", "6 tháng đầu năm 2024"),
        ("Thôn Một-2", "6 tháng đầu năm 2024"),
    }
    province_reports = Report.objects.filter(plan=province["province_committee"])
    assert set(province_reports.values_list("organisation__name", flat=True)) == {
        "Ban Chỉ đạo xã Một", "Ban Chỉ đạo xã Hai",
    }  # fmt: skip
    report = province_reports.first()
    assert (report.due_on, report.status, report.report_to) == (
        date(2024, 6, 10), "due", tree.orgs["province_committee"],
    )  # fmt: skip


def test_the_province_figure_is_total_numerator_over_total_denominator(tree, province, boss):
    u, o = tree.users, tree.orgs
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    send(report_of(province["committee_one"], o["village_one_b"]), u["village_one_b"], 45, 50)
    send(report_of(province["committee_two"], o["village_two"]), u["village_two"], 10, 40)

    plan = province["province_committee"]
    (target,) = rollup(plan, scope_node(plan), "half_year", date(2024, 6, 30))

    assert (target.total.numerator, target.total.denominator) == (135, 190)
    assert round(target.total.rate, 2) == Decimal("71.05")  # not (80 + 90 + 25) / 3 = 65
    by_commune = {unit.name: (f.numerator, f.denominator) for unit, f in target.rows}
    assert by_commune == {"Xã Một": (125, 150), "Xã Hai": (10, 40)}

    commune = rollup(province["committee_one"], o["commune_one"], "half_year", date(2024, 6, 30))
    assert {u.name: (f.numerator, f.denominator) for u, f in commune[0].rows} == {
        "Thôn Một-1": (80, 100), "Thôn Một-2": (45, 50),
    }  # fmt: skip


def test_a_commune_report_summed_from_its_villages_is_not_counted_twice(tree, province, boss):
    u, o = tree.users, tree.orgs
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    send(report_of(province["committee_one"], o["village_one_b"]), u["village_one_b"], 45, 50)
    own = report_of(province["province_committee"], o["committee_one"])

    own = reporting.start_from_subordinates(own, by=boss)
    actual = own.actuals.get()
    assert (actual.numerator, actual.denominator, own.from_subordinates) == (125, 150, True)
    assert own.results == "Thôn Một-1: Kết quả của Thôn Một-1\nThôn Một-2: Kết quả của Thôn Một-2"
    reporting.submit_report(own, by=boss)

    plan = province["province_committee"]
    (target,) = rollup(plan, scope_node(plan), "half_year", date(2024, 6, 30))
    assert (target.total.numerator, target.total.denominator) == (125, 150)


def test_late_reports_are_marked_and_missing_ones_counted(tree, province, boss):
    u, o, plan = tree.users, tree.orgs, province["committee_one"]
    late = send(report_of(plan, o["village_one"]), u["village_one"], 1, 2,
                on=datetime(2024, 6, 11, 8, 0, tzinfo=HANOI))  # fmt: skip
    assert Report.objects.get(pk=late.pk).is_late
    (row,) = completeness(plan, date(2024, 7, 1))
    assert (row["total"], row["sent"], row["late"], row["missing"]) == (2, 1, 1, 1)


def test_a_report_submitted_on_its_due_day_in_vietnam_is_on_time(tree, province):
    u, o, plan = tree.users, tree.orgs, province["committee_one"]
    report = send(report_of(plan, o["village_one"]), u["village_one"], 1, 2,
                  on=datetime(2024, 6, 10, 23, 30, tzinfo=HANOI))  # fmt: skip
    assert not Report.objects.get(pk=report.pk).is_late


def test_the_commune_accepts_or_returns_and_only_it_may(tree, province, boss):
    u, o, plan = tree.users, tree.orgs, province["committee_one"]
    report = send(report_of(plan, o["village_one"]), u["village_one"], 1, 2)
    with pytest.raises(PlanError, match="phê duyệt"):
        reporting.accept_report(report, by=u["village_one"])
    with pytest.raises(PlanError, match="Cần ghi ý kiến"):
        reporting.return_report(report, by=boss, comment="")
    returned = reporting.return_report(report, by=boss, comment="Thiếu mẫu số")
    assert returned.status == "returned"
    reporting.submit_report(returned, by=u["village_one"])
    accepted = reporting.accept_report(returned, by=boss)
    assert accepted.status == "accepted"
    actions = list(accepted.events.values_list("action", flat=True))
    assert actions == ["edited", "submitted", "returned", "submitted", "accepted"]
    with pytest.raises(PlanError, match="không thể sửa"):
        reporting.save_report(accepted, by=u["village_one"], fields={"results": "Đổi"})


def test_a_sent_report_cannot_be_edited_by_anyone(tree, province):
    u, o, plan = tree.users, tree.orgs, province["committee_one"]
    report = send(report_of(plan, o["village_one"]), u["village_one"], 1, 2)
    with pytest.raises(PlanError):
        reporting.save_report(report, by=u["village_one"], fields={"results": "Sửa lén"})
    assert Report.objects.get(pk=report.pk).results == "Kết quả của Thôn Một-1"


def test_implausible_figures_are_flagged(tree, province):
    u, o, plan = tree.users, tree.orgs, province["committee_one"]
    send(report_of(plan, o["village_one"]), u["village_one"], 120, 100)
    (target,) = rollup(plan, o["commune_one"], "half_year", date(2024, 6, 30))
    assert target.total.flags == ["Tử số lớn hơn mẫu số", "Tỷ lệ trên 100%"]


def test_periods_follow_the_rule():
    plan = Plan(year=2024, end_year=2025)
    monthly = ReportingRule(period="monthly", due_day=20)
    assert len(reporting.periods(monthly, plan)) == 24
    assert reporting.periods(monthly, plan)[1] == (
        "Tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29), date(2024, 2, 20),
    )  # fmt: skip
    yearly = ReportingRule(period="yearly", due_day=10, due_month=11)
    assert reporting.periods(yearly, plan)[0] == (
        "Năm 2024", date(2024, 1, 1), date(2024, 12, 31), date(2024, 11, 10),
    )  # fmt: skip
