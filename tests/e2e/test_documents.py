"""A person opens a seed plan and downloads its PDF and DOCX; both open and show the plan."""

import io
from pathlib import Path

import pdfplumber
from docx import Document as WordDocument
from playwright.sync_api import expect

from plans.demo import load_demo_plans

SUMMARY = (
    "Thực hiện nhiệm vụ trọng tâm Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” "
    "năm 2023 trên địa bàn xã Quyết Thắng"
)


def words(text):
    return " ".join(text.split())


def test_editor_downloads_the_pdf_and_the_docx_of_a_seed_plan(
    live_server, page, demo, settings, tmp_path
):
    settings.DOCUMENT_CACHE_DIR = tmp_path / "cache"
    plan = load_demo_plans()[3]  # 34/KH-BCĐ of xã Quyết Thắng
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("quyetthang-editor")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    expect(page.get_by_role("heading", name=SUMMARY)).to_be_visible()

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Tải PDF").click()
    assert pdf_download.value.suggested_filename == "KH-34-BCĐ-2023.pdf"
    data = Path(pdf_download.value.path()).read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        assert SUMMARY in words(pdf.pages[0].extract_text())

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Tải DOCX").click()
    assert docx_download.value.suggested_filename == "KH-34-BCĐ-2023.docx"
    word = WordDocument(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    paragraphs = [words(p.text) for p in word.paragraphs]
    assert SUMMARY in " ".join(paragraphs)
