"""The legal life of a plan in the browser, with a separate login for each person."""

import re

from playwright.sync_api import expect

from orgs.demo import demo_nodes
from orgs.models import Membership
from orgs.services import grant_role

from .test_plan_authoring import type_units

SUMMARY = "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026"


def login(browser, base_url, username):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()
    return page


def open_plan(page, base_url):
    page.goto(f"{base_url}/plans/?q=dai+doan+ket")
    page.get_by_role("link").filter(has_text=SUMMARY).click()
    expect(page.get_by_role("heading", name=SUMMARY)).to_be_visible()


def test_plan_goes_from_draft_to_issued_and_reaches_its_units(live_server, browser, demo):
    nodes = demo_nodes()
    front = nodes["mttq-quyetthang"]
    member = Membership.objects.get(user__username="quyetthang-viewer").user
    member.memberships.all().delete()
    grant_role(member, front, Membership.Role.VIEWER)  # now a member of the Front committee
    url = live_server.url

    # The editor drafts: a task led by the Fatherland Front, then submits.
    editor = login(browser, url, "quyetthang-editor")
    editor.goto(f"{url}/plans/new/")
    editor.get_by_label("Trích yếu").fill(SUMMARY)
    editor.locator("#id_year").fill("2026")
    editor.get_by_role("button", name="Tạo dự thảo").click()
    editor.get_by_role("link", name="NỘI DUNG, THỜI GIAN THỰC HIỆN").click()
    editor.get_by_role("button", name="Thêm nhiệm vụ").click()
    row = editor.locator(".formset-row").first
    row.get_by_label("Nội dung").fill("Tổ chức Ngày hội ở các thôn")
    type_units(row, "Đơn vị chủ trì", front.name)  # the exact name links the Front itself
    row.get_by_label("Thời gian thực hiện").fill("Trước ngày 18/11")
    editor.get_by_role("button", name="Lưu", exact=True).click()
    expect(editor.get_by_text("Đã lưu phần")).to_be_visible()
    open_plan(editor, url)
    # The plan lacks a closing, recipients and a signer: the page asks before sending it on.
    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="Trình duyệt").click()
    expect(editor.get_by_text("Đã trình duyệt kế hoạch.")).to_be_visible()

    # The approver returns it with a comment.
    approver = login(browser, url, "quyetthang-approver")
    open_plan(approver, url)
    approver.get_by_label("Ý kiến khi trả lại").fill("Bổ sung thời gian cụ thể")
    approver.get_by_role("button", name="Trả lại").click()
    expect(approver.get_by_text("Đã trả lại kế hoạch để sửa.")).to_be_visible()

    # The editor sees the comment, fixes the timeframe and resubmits.
    open_plan(editor, url)
    expect(editor.get_by_label("Lịch sử")).to_contain_text("Bổ sung thời gian cụ thể")
    editor.get_by_role("link", name="Soạn thảo").click()
    editor.get_by_role("link", name="NỘI DUNG, THỜI GIAN THỰC HIỆN").click()
    editor.locator(".formset-row").first.get_by_label("Thời gian thực hiện").fill(
        "Từ 01/11 đến 18/11"
    )
    editor.get_by_role("button", name="Lưu", exact=True).click()
    expect(editor.get_by_text("Đã lưu phần")).to_be_visible()
    open_plan(editor, url)
    # The plan lacks a closing, recipients and a signer: the page asks before sending it on.
    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="Trình duyệt").click()

    # The approver approves; the clerk issues it as number 34.
    open_plan(approver, url)
    approver.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(approver.get_by_text("Đã phê duyệt kế hoạch.")).to_be_visible()
    clerk = login(browser, url, "quyetthang-clerk")
    open_plan(clerk, url)
    clerk.get_by_label("Số", exact=True).fill("34")
    clerk.get_by_label("Ngày ban hành").fill("2026-10-20")
    clerk.get_by_role("button", name="Cho số và ban hành").click()
    expect(clerk.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    expect(clerk.locator("#preview")).to_contain_text("Số: 34/KH-BCĐ")
    expect(clerk.locator("#preview")).to_contain_text("Quyết Thắng, ngày 20 tháng 10 năm 2026")

    # The member body finds it in its inbox, unread, and its task on its task page.
    body = login(browser, url, "quyetthang-viewer")
    body.get_by_role("link", name="Văn bản đến").click()
    item = body.get_by_role("link").filter(has_text=SUMMARY)
    expect(item).to_contain_text("Chưa đọc")
    item.click()
    expect(body.locator("#preview")).to_contain_text("Tổ chức Ngày hội ở các thôn")
    body.get_by_role("link", name="Văn bản đến").click()
    expect(body.get_by_role("link").filter(has_text=SUMMARY)).to_contain_text("Đã đọc")
    body.goto(f"{url}/plans/tasks/{front.pk}/")
    task = body.get_by_role("row").filter(has_text="Tổ chức Ngày hội ở các thôn")
    expect(task).to_contain_text("Chủ trì")
    expect(task).to_contain_text("18/11/2026")
    expect(task).to_have_attribute("data-state", re.compile(r"overdue|due_soon|upcoming"))
    for page in (editor, approver, clerk, body):
        page.context.close()
