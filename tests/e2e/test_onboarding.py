"""Issue 12's acceptance journey: a commune is set up in the app, with its committee, three
villages and their accounts; the invitation sheet is printed; a village head follows her link
from the sheet, sets a password, enables nothing else and sees her village's tasks.

The person who sets up the commune is an administrator, as the issue asks: she signs in with
her password and the code of her authenticator (administrators must use two factors). A
province's manager (editor and approver on its committee) may do the same set-up in practice.
"""

import io
import re
from datetime import date
from urllib.parse import urlsplit

import openpyxl
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from orgs.models import Membership, Organisation
from orgs.services import add_organisation, ensure_levels, grant_role
from plans import services, workflow

PASSWORD = "Mật-khẩu-riêng-2025"
VILLAGES = ["Thôn Đông", "Thôn Tây", "Thôn Nam"]
HEADS = [("dong-truongthon", "Hoàng Thị Đông"), ("tay-truongthon", "Lý Văn Tây"),
         ("nam-truongthon", "Vi Thị Nam")]  # fmt: skip


def province_with_administrator():
    """A province, and an administrator with a confirmed authenticator (TOTP device)."""
    levels = ensure_levels()
    province = add_organisation(kind="area", level=levels["tinh"], name="Tỉnh Lạng Sơn",
                                place="Lạng Sơn")  # fmt: skip
    add_organisation(parent=province, kind="committee", level=levels["tinh"],
                     name="Ban Chỉ đạo tỉnh Lạng Sơn", symbol="BCĐ")  # fmt: skip
    admin = get_user_model().objects.create_superuser("quantri", password="demo12345",
                                                      first_name="Quản trị")  # fmt: skip
    device = TOTPDevice.objects.create(user=admin, name="Điện thoại", confirmed=True)
    return province, device


def current_code(device):
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=device.drift)  # fmt: skip
    return f"{value:06d}"


def issue_plan_for(village, committee):
    """An issued plan of the commune's committee with a task the village leads, written,
    approved and issued by its secretary (one person, to keep the journey short)."""
    Organisation.objects.filter(pk=committee.pk).update(duty_separation="none")
    committee.refresh_from_db()
    by = get_user_model().objects.create_user("xa-thuongtruc")
    for role in (Membership.Role.EDITOR, Membership.Role.APPROVER, Membership.Role.CLERK):
        grant_role(by, committee, role)
    plan = services.start_plan(issuer=committee, by=by, year=2025,
                               summary="Ra quân vệ sinh môi trường")  # fmt: skip
    services.add_task(plan.sections.get(kind="tasks"), "Tổng vệ sinh đường làng, ngõ xóm",
                      leads=[village], timeframe="Tháng 12/2025")  # fmt: skip
    for step in ("submit", "approve"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=by)
    return workflow.issue_plan(plan, by=by, issued_on=date(2025, 11, 20))


def test_a_commune_is_set_up_in_the_app_and_a_village_head_follows_her_printed_link(
    live_server, browser
):
    province, device = province_with_administrator()
    url = live_server.url
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  accept_downloads=True)  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{url}/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã xác thực").fill(current_code(device))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page).to_have_url(f"{url}/")

    # Step 1: the commune, from the province's page.
    page.goto(f"{url}/orgs/{province.pk}/")
    page.get_by_role("link", name="Thiết lập đơn vị mới").click()
    expect(page.get_by_label("Cấp")).to_have_value(str(ensure_levels()["xa"].pk))
    page.get_by_label("Tên đầy đủ").fill("Xã Hòa Bình")
    page.get_by_label("Địa danh").fill("Hòa Bình")
    page.get_by_role("button", name="Tạo và tiếp tục").click()
    expect(page.get_by_role("heading", name="Thiết lập Xã Hòa Bình")).to_be_visible()

    # Step 2: its committee, with the suggested name, and its head.
    expect(page.get_by_label("Tên Ban Chỉ đạo")).to_have_value("Ban Chỉ đạo xã Hòa Bình")
    page.get_by_role("button", name="Tạo Ban Chỉ đạo").click()
    expect(page.get_by_text("Đã tạo Ban Chỉ đạo xã Hòa Bình.")).to_be_visible()
    seat = page.get_by_role("form", name="Thêm thành viên Ban Chỉ đạo")
    seat.get_by_label("Chức danh").select_option(label="Trưởng ban")
    seat.get_by_label("Họ và tên").fill("Nông Văn Hòa")
    seat.get_by_label("Chức vụ").fill("Chủ tịch UBND xã")
    seat.get_by_role("button", name="Thêm thành viên").click()
    expect(page.get_by_role("table").filter(has_text="Nông Văn Hòa")).to_contain_text("Trưởng ban")

    # Step 4: three villages, pasted as a list.
    page.get_by_label("Tên các thôn, tổ dân phố").fill("\n".join(VILLAGES))
    page.get_by_role("button", name="Thêm thôn, tổ dân phố").click()
    expect(page.get_by_text("Đã thêm 3 thôn, tổ dân phố.")).to_be_visible()

    # Step 5: the three village heads, without e-mail or password.
    accounts = page.get_by_role("form", name="Tạo tài khoản")
    for row, ((username, full_name), village) in enumerate(zip(HEADS, VILLAGES, strict=True), 1):
        accounts.get_by_label(f"Tên đăng nhập dòng {row}", exact=True).fill(username)
        accounts.get_by_label(f"Họ và tên dòng {row}", exact=True).fill(full_name)
        accounts.get_by_label(f"Đơn vị dòng {row}", exact=True).select_option(label=village)
        accounts.get_by_label(f"Vai trò dòng {row}", exact=True).select_option(label="Xem")
    accounts.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Đã tạo 3 tài khoản, cấp 3 vai trò.")).to_be_visible()
    expect(page.get_by_text("3 tài khoản chưa đặt mật khẩu")).to_be_visible()

    # The printed sheet: one line per head, each with her own link.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải phiếu mời (XLSX)").click()
    with open(download.value.path(), "rb") as file:
        sheet = openpyxl.load_workbook(io.BytesIO(file.read())).active
    links = {row[1]: row[3] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert set(links) == {username for username, _ in HEADS}
    context.close()

    commune = Organisation.objects.get(name="Xã Hòa Bình")
    dong = Organisation.objects.get(name="Thôn Đông", path__startswith=commune.path)
    committee = Organisation.objects.get(name="Ban Chỉ đạo xã Hòa Bình")
    issue_plan_for(dong, committee)

    # The head of Thôn Đông opens her link, sets a password, and nothing else.
    head = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    head.set_default_timeout(15_000)
    her = head.new_page()
    her.goto(url + urlsplit(links["dong-truongthon"]).path)
    expect(her.get_by_role("heading", name="Đặt mật khẩu cho tài khoản mới")).to_be_visible()
    her.locator("#id_new_password1").fill(PASSWORD)
    her.get_by_label("Xác nhận mật khẩu mới").fill(PASSWORD)
    her.get_by_role("button", name="Đặt mật khẩu và đăng nhập").click()
    expect(her.get_by_role("heading", name="Xin chào, Hoàng Thị Đông")).to_be_visible()

    her.get_by_role("link", name="Nhiệm vụ của đơn vị").click()
    expect(her).to_have_url(re.compile(rf"/plans/tasks/{dong.pk}/$"))
    expect(her.get_by_role("heading", name="Nhiệm vụ của đơn vị")).to_be_visible()
    expect(her.get_by_role("table")).to_contain_text("Tổng vệ sinh đường làng, ngõ xóm")
    expect(her.get_by_role("table")).to_contain_text("Chủ trì")

    # The link was for one use only.
    her.goto(url + urlsplit(links["dong-truongthon"]).path)
    expect(
        her.get_by_text("Liên kết mời không hợp lệ, đã được dùng hoặc đã hết hạn.")
    ).to_be_visible()
    head.close()
