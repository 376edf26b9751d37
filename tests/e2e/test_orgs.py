from playwright.sync_api import expect


def login(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()


def test_search_without_diacritics_opens_the_commune_and_shows_its_committee(
    live_server, page, demo
):
    login(page, live_server.url, "quyetthang-viewer")
    page.get_by_role("link", name="Đơn vị", exact=True).click()

    page.get_by_role("searchbox", name="Tìm đơn vị").fill("quyet thang")
    page.get_by_role("button", name="Tìm").click()
    result = page.get_by_role("link").filter(has=page.get_by_text("Xã Quyết Thắng", exact=True))
    result.click()

    expect(page.get_by_role("heading", name="Xã Quyết Thắng", level=1)).to_be_visible()
    breadcrumbs = page.get_by_role("navigation", name="Vị trí trong cây đơn vị")
    expect(breadcrumbs).to_contain_text("Tỉnh Lạng Sơn")
    expect(breadcrumbs).to_contain_text("Huyện Hữu Lũng")
    members = page.get_by_role("table").first
    expect(members).to_contain_text("Trưởng ban")
    expect(members).to_contain_text("Lại Văn Thơm")
    expect(members).to_contain_text("Ủy ban Mặt trận Tổ quốc Việt Nam xã Quyết Thắng")
    expect(page.get_by_text("Thôn 6")).to_be_visible()
