"""A section typed while the session runs out is not lost: after logging in again the editor
finds her text in the form (static/js/keep-form.js) and saves it."""

import json
import re
import time

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from campaign.sessions import ACTIVE_KEY
from plans.models import Task

BODY = "Các thôn tổ chức ra quân vệ sinh môi trường vào Chủ nhật cuối mỗi tháng."
TASK = "Tổ chức Ngày hội Đại đoàn kết ở cả 12 thôn"


def log_in(page):
    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()


def idle_for_an_hour(page):
    """The server-side session of the page's browser, last active an hour ago."""
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[ACTIVE_KEY] = time.time() - 3600
    session.save()


def test_text_typed_before_the_session_expired_is_back_after_logging_in(live_server, page, demo):
    url = live_server.url
    page.goto(f"{url}/login/")
    log_in(page)
    page.goto(f"{url}/plans/new/")
    page.get_by_label("Trích yếu").fill("Kế hoạch vệ sinh môi trường năm 2026")
    page.locator("#id_year").fill("2026")
    page.get_by_role("button", name="Tạo dự thảo").click()
    page.get_by_role("link", name="NỘI DUNG, THỜI GIAN THỰC HIỆN").click()
    editor_url = page.url
    page.get_by_label("Văn bản của phần (in trước các mục)").fill(BODY)
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    page.locator(".formset-row").first.get_by_label("Nội dung").fill(TASK)

    idle_for_an_hour(page)
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page).to_have_url(re.compile(r"/login/\?next="))
    expect(page.get_by_text("Phiên làm việc đã hết hạn do không hoạt động")).to_be_visible()
    expect(page.get_by_text("sẽ được điền lại sau khi đăng nhập")).to_be_visible()
    assert not Task.objects.filter(content=TASK).exists()

    log_in(page)

    expect(page).to_have_url(editor_url)
    expect(
        page.get_by_text("Đã khôi phục nội dung bạn nhập trước khi phiên hết hạn")
    ).to_be_visible()
    expect(page.get_by_label("Văn bản của phần (in trước các mục)")).to_have_value(BODY)
    expect(page.locator(".formset-row").first.get_by_label("Nội dung")).to_have_value(TASK)

    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu phần")).to_be_visible()
    assert Task.objects.filter(content=TASK).exists()
    # Saved: the draft is gone, opening the editor again restores nothing.
    page.goto(editor_url)
    expect(page.locator(".formset-row").first.get_by_label("Nội dung")).to_have_value(TASK)
    expect(page.get_by_text("Đã khôi phục nội dung")).to_have_count(0)


def test_the_browser_never_keeps_a_password_or_the_csrf_token(live_server, page, demo):
    page.goto(f"{live_server.url}/login/")
    log_in(page)
    page.goto(f"{live_server.url}/password/change/")
    page.locator("#id_old_password").fill("demo12345")
    page.locator("#id_new_password1").fill("bí-mật-2026")
    page.locator("#id_new_password2").fill("khác")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.goto(f"{live_server.url}/plans/new/")
    page.get_by_label("Trích yếu").fill("x")
    page.evaluate(
        "document.querySelector('main form').addEventListener('submit', e => e.preventDefault())"
    )
    page.get_by_role("button", name="Tạo dự thảo").click()

    stored = page.evaluate("Object.assign({}, sessionStorage)")
    drafts = {key: json.loads(value) for key, value in stored.items() if key.startswith("keep-")}
    assert [draft["page"] for draft in drafts.values()] == ["/plans/new/"]
    (fields,) = [dict(draft["fields"]) for draft in drafts.values()]
    assert fields["summary"] == "x"
    assert "csrfmiddlewaretoken" not in fields
    assert "demo12345" not in str(stored) and "bí-mật" not in str(stored)
