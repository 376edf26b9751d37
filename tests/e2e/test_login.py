import re

from playwright.sync_api import expect


def test_demo_user_logs_in_sees_home_in_vietnamese_and_logs_out(live_server, page, demo):
    page.goto(live_server.url)

    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "vi"

    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()
    expect(page.get_by_text("xã Quyết Thắng").first).to_be_visible()
    expect(page.get_by_text("Vai trò: Soạn thảo")).to_be_visible()

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.goto(live_server.url)
    expect(page).to_have_url(re.compile(r"/login/"))


def test_wrong_password_is_refused_in_vietnamese_and_keeps_the_username(live_server, page, demo):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_text("mật khẩu chính xác")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("quyetthang-editor")


def test_pages_load_their_assets_from_the_app_itself(live_server, page, demo):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/login/")

    assert any(url.endswith("bootstrap.min.css") for url in requested)
    assert any(url.endswith("htmx.min.js") for url in requested)
    assert all(url.startswith(live_server.url) for url in requested), requested
    # Bootstrap's stylesheet really applied: the login button is styled as .btn-primary.
    colour = page.get_by_role("button", name="Đăng nhập").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert colour == "rgb(13, 110, 253)"
