"""Reports: expected from the rules, written, sent, reviewed, and rolled up correctly."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from plans.errors import PlanError
from plans.models import Plan, ReportingRule
from plans.reporting import periods
from reports import services as reporting
from reports.models import Report
from reports.rollup import completeness, rollup, scope_node

from ..reportdata import report_of, send

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


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
    assert len(periods(monthly, plan)) == 24
    assert periods(monthly, plan)[1] == (
        "Tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29), date(2024, 2, 20),
    )  # fmt: skip
    yearly = ReportingRule(period="yearly", due_day=10, due_month=11)
    assert periods(yearly, plan)[0] == (
        "Năm 2024", date(2024, 1, 1), date(2024, 12, 31), date(2024, 11, 10),
    )  # fmt: skip
