"""The main pages under the Content-Security-Policy: nothing refused, and the JavaScript works."""

import re

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from orgs.demo import demo_nodes
from orgs.models import Membership
from plans import services
from reports.models import Report

from .test_reports import COMMUNE_PLAN, issue, user_with_roles
from .test_workflow import login

DRAFT = "Kế hoạch tuyên truyền xây dựng đời sống văn hóa xã Quyết Thắng"


def watch_console(page):
    """Every console error and uncaught exception of page; a CSP refusal is one ("Refused to
    execute inline script…", "Applying inline style violates the … Content Security Policy")."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_the_main_pages_run_under_the_policy_without_a_refusal_and_their_scripts_work(
    live_server, browser, page, demo
):
    url = live_server.url
    year = timezone.localdate().year - 1
    nodes = demo_nodes()
    commune, village = nodes["bcd-quyetthang"], nodes["thon-1"]
    users = get_user_model().objects
    editor = users.get(username="quyetthang-editor")
    issue(commune, COMMUNE_PLAN, year, named=[village], editor=editor,
          approver=users.get(username="quyetthang-approver"))  # fmt: skip
    draft = services.start_plan(issuer=commune, by=editor, year=year + 1, summary=DRAFT)
    user_with_roles("thon1-editor", village, [Membership.Role.EDITOR])
    report = Report.objects.get(organisation=village)

    problems = watch_console(page)
    page.goto(f"{url}/login/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    assert problems == []

    editor_page = login(browser, url, "quyetthang-editor")
    problems = watch_console(editor_page)
    editor_page.goto(f"{url}/plans/")
    expect(editor_page.get_by_role("link", name=DRAFT)).to_be_visible()

    # The plan page and its preview: the rule widths measured for the document apply (through
    # the nonce), so the rule under the summary is far narrower than the text block.
    editor_page.goto(f"{url}/plans/{draft.pk}/")
    expect(editor_page.get_by_role("heading", name=DRAFT)).to_be_visible()
    rule = editor_page.locator("#preview .kh-rule-summary")
    block = editor_page.locator("#preview .kh-document")
    assert 0 < rule.bounding_box()["width"] < block.bounding_box()["width"] / 2

    # The editor: adding a recipient row (formset.js) and the confirmation before deleting a
    # section (app.js, data-confirm) both work without inline code.
    editor_page.goto(f"{url}/plans/{draft.pk}/edit/")
    expect(editor_page.get_by_role("heading", name="Soạn thảo kế hoạch")).to_be_visible()
    recipients = editor_page.locator(".formset-row")
    count = recipients.count()
    editor_page.get_by_role("button", name="Thêm nơi nhận", exact=True).click()
    expect(recipients).to_have_count(count + 1)
    sections = editor_page.locator("#sections > li")
    before = sections.count()
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    editor_page.once("dialog", dismiss)
    sections.first.get_by_role("button", name="Xóa").click()
    expect(sections).to_have_count(before)
    assert questions == ["Xóa phần này cùng mọi nội dung của nó?"]
    editor_page.once("dialog", lambda dialog: dialog.accept())
    sections.first.get_by_role("button", name="Xóa").click()
    expect(sections).to_have_count(before - 1)

    # A section page with its own inline list.
    editor_page.locator("#sections").get_by_role("link").first.click()
    expect(editor_page.get_by_role("button", name="Lưu", exact=True)).to_be_visible()
    assert problems == []

    village_page = login(browser, url, "thon1-editor")
    problems = watch_console(village_page)
    village_page.goto(f"{url}/reports/{report.pk}/")
    expect(village_page.get_by_role("heading", name=re.compile("Báo cáo"))).to_be_visible()
    assert problems == []

    # The watch itself: a style attribute added to the page is refused and reported.
    village_page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')"
    )
    village_page.wait_for_timeout(200)
    assert any("Content Security Policy" in text for text in problems), problems
