"""The bell and the menu counts in the browser: a leader sees that a plan waits for her, opens
the notice, lands on the plan, and the bell goes quiet."""

from playwright.sync_api import expect

from orgs.demo import demo_nodes
from orgs.models import Membership
from plans import services, workflow

from .test_workflow import login

SUMMARY = "Tuyên truyền phòng, chống tác hại của thuốc lá năm 2026"


def test_a_leader_follows_the_bell_to_the_plan_waiting_for_her(live_server, browser, demo):
    committee = demo_nodes()["bcd-quyetthang"]
    editor = Membership.objects.get(user__username="quyetthang-editor").user
    plan = services.start_plan(issuer=committee, by=editor, year=2026, summary=SUMMARY)
    workflow.submit_plan(plan, by=editor)
    url = live_server.url

    page = login(browser, url, "quyetthang-approver")
    nav = page.locator("#main-nav")
    expect(nav.get_by_role("link", name="Kế hoạch 1 kế hoạch chờ phê duyệt")).to_be_visible()
    bell = nav.get_by_role("link", name="Thông báo 1 thông báo chưa đọc")
    expect(bell).to_be_visible()
    page.screenshot(path="/tmp/fullD_navbar.png")

    bell.click()
    expect(page.get_by_role("heading", name="Thông báo")).to_be_visible()
    page.get_by_role("link").filter(has_text=SUMMARY).click()
    expect(page.get_by_role("heading", name=SUMMARY)).to_be_visible()
    expect(nav.get_by_role("link", name="Thông báo", exact=True)).to_be_visible()  # no count

    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the menu folds
    page.get_by_role("button", name="Mở menu").click()
    expect(nav.get_by_role("link", name="Thông báo", exact=True)).to_be_visible()
    page.screenshot(path="/tmp/fullD_phone.png")
