"""An editor writes a Quyết định issuing a Kế hoạch: she starts the decision, adds the attached
plan from the decision's page, finds each linked from the other and downloads one PDF that
holds both (issue 13, part 1)."""

import io
import re
from pathlib import Path

import pdfplumber
from playwright.sync_api import expect

SUMMARY = "Ban hành Kế hoạch thực hiện phong trào năm 2025"


def test_editor_writes_a_decision_with_its_attached_plan(
    live_server, page, demo, settings, tmp_path
):
    settings.DOCUMENT_CACHE_DIR = tmp_path / "cache"
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()

    page.goto(f"{live_server.url}/plans/new/")
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_label("Trích yếu").fill(SUMMARY)
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo quyết định.")).to_be_visible()
    decision_edit = page.url

    page.goto(decision_edit.replace("/edit/", "/"))
    expect(page.get_by_text("Loại văn bản: Quyết định")).to_be_visible()
    page.get_by_label("Thêm văn bản kèm theo").select_option(label="Kế hoạch")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch kèm theo quyết định.")).to_be_visible()
    expect(page.get_by_text("Ban hành kèm theo quyết định:")).to_be_visible()

    page.goto(decision_edit.replace("/edit/", "/"))
    expect(page.locator("#attachments")).to_contain_text("Kế hoạch")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải PDF").click()
    assert re.fullmatch(r"QĐ-BCĐ-\d{4}-dự-thảo\.pdf", download.value.suggested_filename)
    with pdfplumber.open(io.BytesIO(Path(download.value.path()).read_bytes())) as pdf:
        first = " ".join(pdf.pages[0].extract_text().split())
        last = " ".join(pdf.pages[-1].extract_text().split())
    assert "QUYẾT ĐỊNH" in first and "Điều 1." in first
    assert last.startswith("KẾ HOẠCH") and "(Kèm theo Quyết định số" in last


def test_kinh_gui_is_offered_once_the_kind_is_a_cong_van(live_server, page, demo):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/plans/new/")
    page.get_by_label("Trích yếu").fill("Đôn đốc báo cáo kết quả")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch.")).to_be_visible()

    kinh_gui = page.get_by_label("Kính gửi")
    expect(kinh_gui).to_be_hidden()
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    expect(kinh_gui).to_be_visible()
    kinh_gui.fill("Ủy ban nhân dân các xã\nCác thôn")
    page.get_by_role("button", name="Lưu", exact=True).first.click()
    expect(page.get_by_label("Kính gửi")).to_have_value("Ủy ban nhân dân các xã\nCác thôn")
    expect(page.get_by_label("Ký hiệu")).to_have_value("BCĐ")  # no type code in a Công văn
