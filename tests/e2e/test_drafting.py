"""Faster drafting in the plan editor (issue 11, part 4): the province editor of Lai Châu pastes a
task table copied from Excel, picks "Thôn 1" of the right commune in the unit picker (the name
exists in two communes, and the picker says so), and saves."""

import re

from playwright.sync_api import expect

from orgs.models import Organisation
from orgs.services import add_organisation, ensure_levels
from plans import services
from plans.models import Task

from .test_headers import watch_console
from .test_plan_authoring import login, rows

# Copied from Excel: a header, a cell on two lines (quoted), a sub-task numbered "a)".
TABLE = (
    "STT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\tSản phẩm\r\n"
    '1\t"Tuyên truyền phong trào\r\ntrên hệ thống loa truyền thanh"\tUBND tỉnh Lai Châu'
    "\tCác xã\tQuý I\tBản tin\r\n"
    "2\tTổ chức hội nghị sơ kết\tBCĐ tỉnh\t\tTháng 6\tBáo cáo sơ kết\r\n"
    "a)\tChuẩn bị tài liệu hội nghị\tVăn phòng\t\tTháng 5\t\r\n"
)


def second_village_one():
    """A second "Thôn 1" in Lai Châu, in a commune of its own (the demo has one in Tân Uyên)."""
    levels = ensure_levels()
    province = Organisation.objects.active().get(code="12")
    commune = add_organisation(
        parent=province, kind="area", level=levels["xa"], name="Xã Bình Lư", place="Bình Lư"
    )
    village = add_organisation(parent=commune, kind="village", level=levels["thon"], name="Thôn 1")
    return province, village


def test_province_editor_pastes_a_table_and_picks_the_right_village(live_server, page, demo):
    province, village = second_village_one()
    user = Organisation.objects.get(short_name="BCĐ phong trào “TĐĐKXDĐSVH” tỉnh Lai Châu")
    editor = user.memberships.get(user__username="tinh-editor").user
    plan = services.start_plan(
        issuer=user, by=editor, year=2026, summary="Thực hiện phong trào năm 2026"
    )
    section = plan.sections.get(kind="tasks")

    login(page, live_server.url, "tinh-editor")
    problems = watch_console(page)  # a refusal of the Content-Security-Policy is one
    page.goto(f"{live_server.url}/plans/{plan.pk}/sections/{section.pk}/")

    # Paste the table: three rows join the list, nothing is saved yet.
    page.get_by_text("Dán bảng nhiệm vụ", exact=True).click()
    page.get_by_label("Bảng nhiệm vụ chép từ Word hoặc Excel").fill(TABLE)
    page.get_by_role("button", name="Thêm các dòng đã dán").click()
    expect(page.get_by_text("Đã thêm 3 dòng từ bảng đã dán")).to_be_visible()
    expect(rows(page)).to_have_count(3)
    first, third = rows(page).nth(0), rows(page).nth(2)
    expect(first.get_by_label("Nội dung")).to_have_value(
        "Tuyên truyền phong trào\ntrên hệ thống loa truyền thanh"
    )
    expect(first.locator("input[name$='-leads']")).to_have_value("UBND tỉnh Lai Châu")
    expect(first.locator(".timeframe-hint")).to_contain_text("31/03/2026")
    expect(third.get_by_label("Mục con")).to_be_checked()
    expect(third).to_have_class(re.compile(r"\bis-subtask\b"))
    expect(third.locator(".row-number")).to_have_text("3")
    assert not Task.objects.filter(section=section).exists()

    # "Thôn 1" is in two communes: each suggestion shows its place and a warning.
    supports = third.get_by_role("combobox", name=re.compile(r"^\s*Đơn vị phối hợp"))
    supports.fill("Thôn 1")
    options = third.locator(".ts-dropdown .unit-option").filter(has_text="Thôn 1 —")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("Tên này có ở nhiều nơi")
    chosen = options.filter(has_text=f"Thôn 1 — Xã Bình Lư — {province.name}")
    expect(chosen).to_contain_text("Tên này có ở nhiều nơi")
    chosen.click()
    picked = f".ts-control .item[data-value='#{village.pk}']"
    expect(third.locator(picked)).to_contain_text("Thôn 1 (Xã Bình Lư)")
    expect(third.locator("input[name$='-supports']")).to_have_value(f"#{village.pk}")

    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu phần")).to_be_visible()

    tasks = list(Task.objects.filter(section=section, parent=None).order_by("order"))
    # A browser posts a textarea's line breaks as CR LF.
    assert [t.content.replace("\r\n", "\n") for t in tasks] == [
        "Tuyên truyền phong trào\ntrên hệ thống loa truyền thanh",
        "Tổ chức hội nghị sơ kết",
    ]
    sub = tasks[1].subtasks.get()
    assert sub.content == "Chuẩn bị tài liệu hội nghị"
    assert [u.organisation_id for u in sub.units.filter(role="support")] == [village.pk]
    lead = tasks[0].units.get(role="lead")
    assert lead.organisation.short_name == "UBND tỉnh Lai Châu"  # a typed name of the tree

    # Opened again, the picked village is still the one of Bình Lư.
    expect(rows(page)).to_have_count(3)
    expect(rows(page).nth(2).locator(picked)).to_contain_text("Thôn 1 (Xã Bình Lư)")

    # A value put back into the field by keep-form.js (after an expired session) shows in the
    # picker: a known id keeps its card, the rest are typed names.
    restored = f"Công an xã;#{village.pk}"
    page.evaluate(
        """(value) => {
            const field = document.querySelector("input[name='items-1-supports']");
            field.value = value;
            field.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        restored,
    )
    items = page.locator("input[name='items-1-supports'] + .ts-wrapper .item")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Công an xã")
    expect(items.last).to_contain_text("Thôn 1 (Xã Bình Lư)")
    assert problems == []
