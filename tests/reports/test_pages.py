"""Report pages: access, writing with bad input, reviewing, the dashboard and its export."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from plans import services
from reports import services as reporting
from reports.models import Report

from ..reportdata import report_of, send


@pytest.fixture
def village_report(tree, province):
    return report_of(province["committee_one"], tree.orgs["village_one"])


def test_the_village_writes_its_report_with_bad_figures_refused_and_kept(
    client, tree, village_report
):
    client.force_login(tree.users["village_one"])
    url = reverse("reports:detail", args=[village_report.pk])
    page = client.get(url).content.decode()
    assert "Tỷ lệ gia đình văn hóa" in page and "Lưu và gửi báo cáo" in page

    target = village_report.plan.sections.get(kind="targets").targets.get()
    data = {
        "version": village_report.version, "results": "Đã tổ chức <b>họp</b>",
        "actuals-TOTAL_FORMS": "1", "actuals-INITIAL_FORMS": "1",
        "actuals-0-target": target.pk, "actuals-0-numerator": "-3", "actuals-0-denominator": "0",
        "progress-TOTAL_FORMS": "0", "progress-INITIAL_FORMS": "0",
    }  # fmt: skip
    page = client.post(url, data).content.decode()
    assert "Mẫu số phải lớn hơn 0." in page
    assert "Đã tổ chức &lt;b&gt;họp&lt;/b&gt;" in page
    assert Report.objects.get(pk=village_report.pk).status == "due"

    data.update({"actuals-0-numerator": "80", "actuals-0-denominator": "100", "send": "1"})
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(pk=village_report.pk)
    assert report.status == "submitted"
    assert report.actuals.get().numerator == 80


@pytest.mark.parametrize(
    ("persona", "status"),
    [("village_one", 200), ("boss", 404), ("own_viewer", 404), ("sibling_editor", 404),
     ("province_editor", 404), ("outsider", 404)],
)  # fmt: skip
def test_a_report_in_writing_is_seen_only_by_its_unit(
    client, tree, boss, village_report, persona, status
):
    user = boss if persona == "boss" else tree.users[persona]
    client.force_login(user)
    assert client.get(reverse("reports:detail", args=[village_report.pk])).status_code == status


def test_a_sent_report_is_seen_by_the_commune_and_the_province_and_reviewed_by_the_commune(
    client, tree, boss, village_report
):
    send(village_report, tree.users["village_one"], 1, 2)
    url = reverse("reports:detail", args=[village_report.pk])
    for persona, status in [("own_viewer", 200), ("province_editor", 200), ("sibling_editor", 404)]:
        client.force_login(tree.users[persona])
        assert client.get(url).status_code == status
    client.force_login(tree.users["own_viewer"])
    client.post(reverse("reports:action", args=[village_report.pk, "accept"]))
    assert Report.objects.get(pk=village_report.pk).status == "submitted"  # viewer cannot

    client.force_login(boss)
    page = client.get(reverse("reports:list")).content.decode()
    assert "Thôn Một-1 – 6 tháng đầu năm 2024" in page
    client.post(reverse("reports:action", args=[village_report.pk, "accept"]))
    assert Report.objects.get(pk=village_report.pk).status == "accepted"


def test_the_dashboard_rolls_up_and_drills_down_in_constant_queries(
    client, tree, boss, province, django_assert_max_num_queries
):
    o, u = tree.orgs, tree.users
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    send(report_of(province["committee_one"], o["village_one_b"]), u["village_one_b"], 45, 50)
    send(report_of(province["committee_two"], o["village_two"]), u["village_two"], 10, 40)
    plan = province["province_committee"]
    # A task with a passed deadline, so that the overdue list is part of what is counted.
    services.add_task(plan.sections.get(kind="tasks"), "Hướng dẫn các xã", timeframe="Quý I")
    client.force_login(tree.users["province_editor"])
    url = reverse("reports:dashboard", args=[plan.pk])

    # 20: the roll-up, the series over periods, completeness by kind and its missing units,
    # jumps, the overdue tasks, the page of reports and the base page's to-do counts.
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "135/190" in page and "71,1%" in page
    assert "Hướng dẫn các xã" in page.split("Nhiệm vụ quá hạn")[-1]
    assert "Xã Một" in page and "125/150" not in page  # per-unit figures are in separate cells
    drilled = client.get(url, {"node": o["commune_one"].pk}).content.decode()
    assert "Thôn Một-1" in drilled and "125/150" in drilled
    assert client.get(url, {"node": tree.orgs["other_province"].pk}).status_code == 404


def test_the_dashboard_exports_to_xlsx(client, tree, boss, province):
    from openpyxl import load_workbook

    send(
        report_of(province["committee_one"], tree.orgs["village_one"]),
        tree.users["village_one"],
        80,
        100,
    )
    client.force_login(boss)
    response = client.get(
        reverse("reports:dashboard_xlsx", args=[province["province_committee"].pk])
    )
    book = load_workbook(BytesIO(response.content))
    rows = list(book["Chỉ tiêu"].values)
    assert ("Tỷ lệ gia đình văn hóa", "Cộng Tỉnh A", 80, 100, 80.0, 1) in rows
    statuses = {row[0]: row[3] for row in book["Báo cáo"].values}
    assert statuses["Ban Chỉ đạo xã Một"] == "Chưa lập"


def test_the_commune_starts_its_own_report_from_its_villages(client, tree, boss, province):
    o, u = tree.orgs, tree.users
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    own = report_of(province["province_committee"], o["committee_one"])
    client.force_login(boss)
    assert (
        "Điền từ báo cáo của đơn vị cấp dưới"
        in client.get(reverse("reports:detail", args=[own.pk])).content.decode()
    )
    client.post(reverse("reports:action", args=[own.pk, "from_subordinates"]))
    own.refresh_from_db()
    assert own.from_subordinates and own.actuals.get().numerator == 80
    assert reporting.subordinate_reports(own).count() == 1
    assert date(2024, 6, 10) == own.due_on


def test_the_dashboard_workbook_runs_no_formula_and_has_frozen_bold_headers(
    client, tree, boss, province
):
    from datetime import date

    from openpyxl import load_workbook

    hostile = tree.orgs["committee_two"]
    hostile.name = '=HYPERLINK("http://evil.example","Bấm vào")'
    hostile.save()
    client.force_login(boss)
    response = client.get(
        reverse("reports:dashboard_xlsx", args=[province["province_committee"].pk])
    )

    book = load_workbook(BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert '\'=HYPERLINK("http://evil.example","Bấm vào")' in [cell.value for cell in cells]
    targets, reports = book["Chỉ tiêu"], book["Báo cáo"]
    assert (targets.freeze_panes, reports.freeze_panes) == ("A3", "A2")
    assert targets["A2"].font.b and reports["A1"].font.b
    assert reports["C2"].value.date() == date(2024, 6, 10)  # a real date, not text
    assert reports.column_dimensions["A"].width == 36
