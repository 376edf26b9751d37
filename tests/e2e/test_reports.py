"""Issue 7 in the browser: villages report late, the commune accepts, reads its dashboard and
starts its own report to the district from the villages' reports."""

import re
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from campaign.models import Indicator
from orgs.demo import DEMO_PASSWORD, demo_nodes
from orgs.models import Membership, Organisation
from orgs.services import add_organisation, ensure_levels, grant_role
from plans import services, workflow
from plans.models import ReportingRule
from reports import services as reporting
from reports.models import Report
from reports.tasks import create_plan_expected_reports

from ..worker import run_queued_tasks
from .test_workflow import login

TARGET = "Tỷ lệ gia đình văn hóa"
COMMUNE_PLAN = "Kế hoạch xây dựng gia đình văn hóa xã Quyết Thắng"
DISTRICT_PLAN = "Kế hoạch xây dựng gia đình văn hóa huyện Hữu Lũng"


def issue(issuer, summary, year, *, editor, approver, named, period=ReportingRule.Period.HALF_YEAR):
    """An issued plan of issuer for year with the family target (and no task: a plan may ask
    only for figures) and a half-year report due 10/6 (or the period given) from the named
    units.

    A NAMED rule, not SUBORDINATES: the demo villages, commune and district were closed on
    1/7/2025 and reporting.subordinate_units only picks units still open today."""
    plan = services.start_plan(issuer=issuer, by=editor, year=year, summary=summary)
    services.add_target(
        plan.sections.get(kind="targets"), TARGET, value=90, unit="%",
        indicator=Indicator.objects.get(code="gia-dinh-van-hoa"),
    )  # fmt: skip
    rule = ReportingRule.objects.create(
        plan=plan, period=period, due_day=10, due_month=6,
        reporters=ReportingRule.Reporters.NAMED,
    )  # fmt: skip
    rule.named_units.set(named)
    plan = workflow.submit_plan(plan, by=editor)
    plan = workflow.approve_plan(plan, by=approver)
    plan = workflow.issue_plan(plan, by=approver, issued_on=date(year, 2, 1))
    run_queued_tasks(create_plan_expected_reports)
    return plan


def user_with_roles(username, organisation, roles):
    user = get_user_model().objects.create_user(username, password=DEMO_PASSWORD)
    for role in roles:
        grant_role(user, organisation, role)
    return user


def send_report(browser, url, username, numerator, denominator, text):
    """The village editor writes its half-year report and sends it, after the due date."""
    page = login(browser, url, username)
    page.goto(f"{url}/reports/")
    page.get_by_role("row").filter(has_text=COMMUNE_PLAN).get_by_role("link").click()
    # A figure above its whole is flagged while typing, and the flag goes once it is fixed.
    warning = page.get_by_text("Số đạt được lớn hơn tổng số")
    page.get_by_label("Tổng số (mẫu số)").fill(str(denominator))
    page.get_by_label("Đạt được (tử số)").fill(str(denominator + 50))
    expect(warning).to_be_visible()
    page.get_by_label("Đạt được (tử số)").fill(str(numerator))
    expect(warning).to_be_hidden()
    page.get_by_label("Kết quả đạt được").fill(text)
    page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    expect(page.locator("h1 + p")).to_contain_text("Đã gửi")
    expect(page.locator("h1 + p")).to_contain_text("Trễ hạn")
    page.context.close()


def test_late_village_reports_reach_the_commune_dashboard_and_its_own_report(
    live_server, browser, demo
):
    url = live_server.url
    year = timezone.localdate().year - 1  # the 10/6 due date has passed
    label = f"6 tháng đầu năm {year}"
    nodes = demo_nodes()
    commune = nodes["bcd-quyetthang"]
    villages = [nodes[f"thon-{n}"] for n in range(1, 7)]
    Role = Membership.Role
    by = get_user_model().objects.get
    plan = issue(commune, COMMUNE_PLAN, year, named=villages,
                 editor=by(username="quyetthang-editor"),
                 approver=by(username="quyetthang-approver"))  # fmt: skip
    district = add_organisation(
        parent=nodes["huulung"], kind=Organisation.Kind.COMMITTEE,
        level=ensure_levels()["huyen"], name="Ban Chỉ đạo huyện Hữu Lũng",
        short_name="BCĐ huyện Hữu Lũng", symbol="BCĐ", parent_body_line="UBND HUYỆN HỮU LŨNG",
        place="Hữu Lũng",
    )  # fmt: skip
    boss = user_with_roles("huulung-boss", district, [Role.EDITOR])
    leader = user_with_roles("huulung-leader", district, [Role.APPROVER, Role.CLERK])
    issue(district, DISTRICT_PLAN, year, named=[commune], editor=boss, approver=leader)
    user_with_roles("thon1-editor", villages[0], [Role.EDITOR])
    user_with_roles("thon2-editor", villages[1], [Role.EDITOR])
    assert Report.objects.filter(plan=plan, label=label).count() == 6
    own = Report.objects.get(organisation=commune, label=label)
    assert own.plan.summary == DISTRICT_PLAN

    # Both villages send after 10/6: late.
    send_report(browser, url, "thon1-editor", 80, 100, "Tuyên truyền đến 100% hộ")
    send_report(browser, url, "thon2-editor", 45, 50, "Bình xét gia đình văn hóa")

    # The commune's approver finds both waiting and accepts Thôn 1's.
    approver = login(browser, url, "quyetthang-approver")
    approver.goto(f"{url}/reports/")
    waiting = approver.locator(".list-group-item")
    expect(approver.get_by_role("heading", name=re.compile("chờ tiếp nhận"))).to_be_visible()
    expect(waiting).to_have_count(2)
    expect(waiting.filter(has_text=f"Thôn 1 – {label}")).to_contain_text("trễ hạn")
    expect(waiting.filter(has_text=f"Thôn 2 – {label}")).to_contain_text("trễ hạn")
    waiting.filter(has_text=f"Thôn 1 – {label}").click()
    approver.get_by_role("button", name="Tiếp nhận").click()
    expect(approver.get_by_text("Đã tiếp nhận báo cáo.")).to_be_visible()
    expect(approver.locator("h1 + p")).to_contain_text("Đã tiếp nhận")

    # The dashboard adds numerators and denominators: 125/150 = 83,3 %, not (80 + 90) / 2.
    approver.goto(f"{url}/reports/plan/{plan.pk}/dashboard/")
    figures = approver.locator(f'[data-target="{TARGET}"]')
    expect(figures.locator(".total")).to_contain_text("125/150")
    expect(figures.locator(".total .rate")).to_have_text("83,3%")
    expect(figures.locator(".total")).to_contain_text("2 báo cáo")
    for name, cells in [("Thôn 1", ["80", "100", "80,0%"]), ("Thôn 2", ["45", "50", "90,0%"])]:
        row = figures.get_by_role("row").filter(has_text=name)
        expect(row.get_by_role("cell")).to_have_text([name, *cells, ""])
    units = figures.locator("table:not(.visually-hidden)")  # the chart's table is for readers
    expect(units.get_by_role("row")).to_have_count(3)  # header and the two villages
    expect(figures.get_by_role("img", name=f"{TARGET} theo kỳ")).to_be_visible()
    sent = approver.get_by_role("region", name="Tình hình gửi báo cáo")
    # Six expected, none on time, two late, four missing.
    counts = sent.get_by_role("row").filter(has_text=label).get_by_role("cell")
    expect(counts).to_have_text([label, "6", "0", "2", "4", ""])
    first = sent.locator('tr[data-unit="Thôn 1"]')
    expect(first).to_contain_text("Đã tiếp nhận")
    expect(first).to_contain_text("Trễ hạn")
    expect(sent.locator('tr[data-unit="Thôn 2"]')).to_contain_text("Đã gửi")
    expect(sent.locator('tr[data-unit="Thôn 2"]')).to_contain_text("Trễ hạn")
    expect(sent.locator('tr[data-unit="Thôn 3"]')).to_contain_text("Chưa gửi, quá hạn")
    approver.context.close()

    # The commune's editor starts its own report to the district from the villages'.
    editor = login(browser, url, "quyetthang-editor")
    editor.goto(f"{url}/reports/")
    editor.get_by_role("row").filter(has_text=DISTRICT_PLAN).get_by_role("link").click()
    expect(editor.get_by_role("heading", name=f"Báo cáo {label}")).to_be_visible()
    editor.get_by_role("button", name="Điền từ báo cáo của đơn vị cấp dưới").click()
    expect(editor.get_by_text("Đã điền số liệu cộng từ báo cáo cấp dưới")).to_be_visible()
    expect(editor.get_by_label("Đạt được (tử số)")).to_have_value(re.compile(r"^125([.,]0+)?$"))
    expect(editor.get_by_label("Tổng số (mẫu số)")).to_have_value(re.compile(r"^150([.,]0+)?$"))
    results = editor.get_by_label("Kết quả đạt được")
    expect(results).to_have_value(
        "Thôn 1: Tuyên truyền đến 100% hộ\nThôn 2: Bình xét gia đình văn hóa"
    )
    expect(editor.locator("h1 + p")).to_contain_text("số liệu tổng hợp từ cấp dưới")
    editor.context.close()


def test_a_figure_that_jumps_from_the_previous_quarter_is_flagged_while_typing_and_on_the_dashboard(
    live_server, browser, demo
):
    url = live_server.url
    year = timezone.localdate().year - 1
    nodes = demo_nodes()
    village = nodes["thon-1"]
    by = get_user_model().objects.get
    plan = issue(nodes["bcd-quyetthang"], COMMUNE_PLAN, year, named=[village],
                 editor=by(username="quyetthang-editor"),
                 approver=by(username="quyetthang-approver"),
                 period=ReportingRule.Period.QUARTERLY)  # fmt: skip
    editor = user_with_roles("thon1-editor", village, [Membership.Role.EDITOR])
    first = Report.objects.get(plan=plan, organisation=village, label=f"Quý I năm {year}")
    target = plan.sections.get(kind="targets").targets.get()
    reporting.save_report(first, by=editor, fields={"results": "Quý I"}, actuals=[
        {"target": target, "numerator": Decimal(40), "denominator": Decimal(100)}])  # fmt: skip
    reporting.submit_report(first, by=editor)

    page = login(browser, url, "thon1-editor")
    page.goto(f"{url}/reports/")
    page.get_by_role("link", name=f"Quý II năm {year}").click()
    numerator, denominator = (
        page.get_by_label("Đạt được (tử số)"),
        page.get_by_label("Tổng số (mẫu số)"),
    )
    jumped = page.locator('[data-numerator] [data-jump-warning="numerator"]')
    whole = page.locator('[data-denominator] [data-jump-warning="denominator"]')
    denominator.fill("100")
    numerator.fill("90")
    expect(jumped).to_have_text(
        f"Tăng hơn gấp đôi so với Quý I năm {year} (40 → 90). "
        "Hãy kiểm tra lại (vẫn lưu được nếu đúng)."
    )
    numerator.fill("75")
    expect(jumped).to_be_hidden()
    numerator.fill("15,5")  # below half, typed with a decimal comma
    expect(jumped).to_contain_text(f"Giảm hơn một nửa so với Quý I năm {year} (40 → 15,5).")
    denominator.fill("150")
    expect(whole).to_contain_text(f"Tổng số thay đổi hơn 20% so với Quý I năm {year} (100 → 150).")
    denominator.fill("110")
    expect(whole).to_be_hidden()
    # A warning, not a block: the jumping figure is saved and sent.
    numerator.fill("90")
    expect(jumped).to_be_visible()
    page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    page.context.close()

    # The commune sees the same jump on its dashboard, the quarter on the chart, and who sent.
    approver = login(browser, url, "quyetthang-approver")
    approver.goto(f"{url}/reports/plan/{plan.pk}/dashboard/")
    expect(approver.locator("[data-jumps]")).to_contain_text(
        f"Thôn 1 – {TARGET}: Tăng hơn gấp đôi so với Quý I năm {year} (40 → 90)."
    )
    chart = approver.get_by_role("img", name=f"{TARGET} theo kỳ")
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(2)
    expect(chart.locator("polyline")).to_have_count(1)
    villages = approver.locator('[data-by-kind] tr[data-kind="village"]').get_by_role("cell")
    expect(villages).to_have_text(["1", "1", "0", "0", "0"])
    approver.context.close()
