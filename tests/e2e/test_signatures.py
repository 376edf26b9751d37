"""A commune editor adds a co-issuer to a joint programme on the plan's page: the unit picker
finds the Front, the prefix list fills the authority line, and the plan page prints both
issuers and both signature blocks."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from orgs.demo import demo_nodes
from plans import services

from .test_workflow import login

SUMMARY = "Phối hợp tuyên truyền, vận động nhân dân xây dựng nếp sống văn minh"


def test_a_co_issuer_is_picked_in_the_tree_and_printed_beside_the_issuer(
    live_server, browser, demo
):
    url = live_server.url
    nodes = demo_nodes()
    commune, front = nodes["bcd-quyetthang"], nodes["mttq-quyetthang"]
    editor = get_user_model().objects.get(username="quyetthang-editor")
    plan = services.start_plan(issuer=commune, by=editor, year=timezone.localdate().year,
                               summary=SUMMARY, kind="joint_programme")  # fmt: skip

    page = login(browser, url, "quyetthang-editor")
    page.goto(f"{url}/plans/{plan.pk}/edit/")
    blocks = page.locator("#signatures .formset-row")
    expect(blocks).to_have_count(0)
    page.get_by_role("button", name="Thêm cơ quan hoặc chữ ký", exact=True).click()
    expect(blocks).to_have_count(1)
    row = blocks.nth(0)
    expect(row.get_by_label("Loại")).to_have_value("co_issuer")
    box = row.get_by_role("combobox", name="Cơ quan")
    box.fill("Mặt trận Tổ quốc Việt Nam xã Quyết")
    option = page.locator(".ts-dropdown .option").filter(has_text=front.name).first
    expect(option).to_be_visible()
    option.click()
    row.get_by_label("Thẩm quyền", exact=True).select_option("TM.")
    row.get_by_label("Dòng thẩm quyền").fill("BAN THƯỜNG TRỰC\nCHỦ TỊCH")
    row.get_by_label("Họ tên").fill("Trần Thị Bình")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu.")).to_be_visible()

    signature = plan.signatures.get()
    assert signature.organisation_id == front.pk
    assert signature.authority_lines == "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH"
    page.goto(f"{url}/plans/{plan.pk}/")
    preview = page.locator("#preview .kh-document")
    expect(preview.locator(".kh-issuer-name").last).to_contain_text("QUYẾT THẮNG")
    expect(preview.locator(".kh-signatures .kh-signature")).to_have_count(2)
    expect(preview.locator(".kh-signatures")).to_contain_text("TM. BAN THƯỜNG TRỰC")
    expect(preview.locator(".kh-recipients-below")).to_contain_text("Nơi nhận:")
