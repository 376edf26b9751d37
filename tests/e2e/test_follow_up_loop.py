"""Issue 11's acceptance journey, with the demo logins and no admin page: a commune editor
writes a plan with a reporting regime for its villages, the approver finds it on her home and
approves it, the clerk issues it, a village head finds the report due on her home and sends it
from a phone-sized page, and the commune reads completeness and the roll-up on its dashboard."""

import re

from playwright.sync_api import expect

from plans.models import Plan
from reports.models import Report
from reports.tasks import create_plan_expected_reports

from ..worker import run_queued_tasks
from .test_workflow import login

SUMMARY = "Xây dựng gia đình văn hóa, thôn văn hóa xã Tân Uyên năm 2026"
TARGET = "Tỷ lệ hộ gia đình đạt danh hiệu “Gia đình văn hóa”"
PHONE = {"width": 390, "height": 844}


def home_card(page, heading):
    return page.locator(".card").filter(has=page.get_by_role("heading", name=re.compile(heading)))


def test_a_commune_plans_its_villages_reports_and_reads_them_back(live_server, browser, demo):
    url = live_server.url

    # The commune editor writes the plan: a target, then the reporting regime as rules.
    editor = login(browser, url, "xa-editor")
    editor.goto(f"{url}/plans/new/")
    editor.get_by_label("Trích yếu").fill(SUMMARY)
    editor.locator("#id_year").fill("2026")
    editor.get_by_role("button", name="Tạo dự thảo").click()
    editor.get_by_role("link", name="CHỈ TIÊU").click()
    editor.get_by_role("button", name="Thêm chỉ tiêu").click()
    row = editor.locator(".formset-row").first
    row.get_by_label("Chỉ tiêu").fill(TARGET)
    row.get_by_label("Giá trị").fill("90")
    row.get_by_label("Đơn vị", exact=True).fill("%")
    editor.get_by_role("button", name="Lưu", exact=True).click()
    expect(editor.get_by_text("Đã lưu phần")).to_be_visible()

    editor.get_by_role("link", name="Soạn thảo").first.click()
    # The reporting section is one of those the plan lacks, offered as a button.
    editor.get_by_role("button", name="+ Chế độ báo cáo").click()
    expect(editor.get_by_role("heading", name="Quy định báo cáo")).to_be_visible()
    editor.get_by_role("button", name="Thêm quy định báo cáo").click()
    rule = editor.locator("#reporting-rules .formset-row").first
    rule.get_by_label("Kỳ báo cáo").select_option(label="Hằng quý")
    rule.get_by_label("Hạn: ngày").fill("20")
    rule.get_by_label("Đơn vị báo cáo").select_option(label="Các đơn vị cấp dưới")
    rule.get_by_label("Chỉ loại đơn vị").select_option(label="Thôn, tổ dân phố")
    editor.get_by_role("button", name="Lưu", exact=True).click()
    expect(editor.get_by_text("Đã lưu phần")).to_be_visible()
    # The paragraph is written from the rule, and the page lists what issuance will create.
    expect(editor.get_by_label("Văn bản của phần (in trước các mục)")).to_have_value(
        re.compile(r"^Các thôn, tổ dân phố báo cáo kết quả thực hiện kế hoạch hằng quý")
    )
    expect(editor.locator("#expected-reports")).to_contain_text(
        "Các báo cáo sẽ được tạo khi ban hành: 24"
    )
    expect(editor.locator("#expected-reports")).to_contain_text("20/12/2026")

    editor.get_by_role("button", name="Lưu và xem bản in").click()
    expect(editor.locator("#kiem-tra")).to_contain_text("sẽ giao 24 báo cáo")
    editor.once("dialog", lambda dialog: dialog.accept())  # "still incomplete: submit?"
    editor.get_by_role("button", name="Trình duyệt").click()
    expect(editor.get_by_text("Đã trình duyệt kế hoạch.")).to_be_visible()
    editor.context.close()

    # The approver finds it on her home and approves it.
    approver = login(browser, url, "xa-approver")
    home_card(approver, "Kế hoạch chờ bạn phê duyệt").get_by_role("link", name=SUMMARY).click()
    approver.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(approver.get_by_text(re.compile("Đã phê duyệt"))).to_be_visible()

    # The clerk finds it waiting for a number and issues it.
    clerk = login(browser, url, "xa-clerk")
    card = home_card(clerk, "chờ cấp số và ban hành")
    card.get_by_role("link", name=SUMMARY).click()
    clerk.get_by_role("button", name="Cho số và ban hành").click()
    expect(clerk.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    clerk.context.close()
    run_queued_tasks(create_plan_expected_reports)  # the worker's part of the issuance
    plan = Plan.objects.get(summary=SUMMARY)
    assert Report.objects.filter(plan=plan).count() == 24

    # A village head, on her phone, finds the report due on her home and sends it.
    village = login(browser, url, "thon1")
    village.set_viewport_size(PHONE)
    village.goto(f"{url}/")
    due = home_card(village, "Báo cáo đơn vị bạn phải gửi")
    due.get_by_role("link", name=re.compile("Quý IV năm 2026")).filter(
        has_text=re.compile("Thôn 1|thôn 1")
    ).first.click()
    village.get_by_label("Tổng số (mẫu số)").fill("180")
    village.get_by_label("Đạt được (tử số)").fill("165")
    village.get_by_label("Kết quả đạt được").fill("Bình xét gia đình văn hóa ở 100% hộ.")
    village.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(village.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    width = village.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the report page scrolls sideways on a phone ({width} px)"
    village.context.close()

    # The commune reads completeness and the roll-up of the quarter on its dashboard.
    approver.goto(f"{url}/reports/plan/{plan.pk}/dashboard/?period=Quý IV năm 2026")
    sent = approver.get_by_role("region", name="Tình hình gửi báo cáo")
    expect(sent).to_contain_text("Quý IV năm 2026")
    figures = approver.locator(f'[data-target="{TARGET}"]')
    expect(figures.locator(".total")).to_contain_text("165/180")
    expect(figures.locator(".total .rate")).to_have_text("91,7%")
