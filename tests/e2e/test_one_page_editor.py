"""The plan's editor as one page (issue 11, part 4): two sections opened in place, one with a
task, the other with a target, each saved without leaving the page and without losing what is
typed in the plan's own form."""

from playwright.sync_api import expect

from orgs.models import Organisation
from plans import services
from plans.models import Target, Task

from .test_headers import watch_console
from .test_plan_authoring import login


def test_sections_open_and_save_in_place(live_server, page, demo):
    committee = Organisation.objects.get(memberships__user__username="xa-editor")
    editor = committee.memberships.get(user__username="xa-editor").user
    plan = services.start_plan(issuer=committee, by=editor, year=2026, summary="Một trang")
    login(page, live_server.url, "xa-editor")
    problems = watch_console(page)
    edit_url = f"{live_server.url}/plans/{plan.pk}/edit/"
    page.goto(edit_url)
    page.get_by_label("Trích yếu").fill("Một trang: đang gõ dở")  # must survive the saves

    tasks = page.locator(f"#section-{plan.sections.get(kind='tasks').pk}")
    targets = page.locator(f"#section-{plan.sections.get(kind='targets').pk}")
    tasks.get_by_text("Sửa phần này tại đây").click()
    targets.get_by_text("Sửa phần này tại đây").click()
    tasks.get_by_role("button", name="Thêm nhiệm vụ").click()
    tasks.get_by_label("Nội dung").fill("Tổ chức Ngày hội Đại đoàn kết ở các thôn")
    tasks.get_by_label("Thời gian thực hiện").fill("Tháng 11")
    targets.get_by_role("button", name="Thêm chỉ tiêu").click()
    targets.get_by_label("Chỉ tiêu").fill("Tỷ lệ hộ gia đình văn hóa")
    targets.get_by_label("Giá trị").fill("90")

    tasks.get_by_role("button", name="Lưu", exact=True).click()
    expect(tasks.get_by_role("alert")).to_contain_text("Đã lưu phần")
    targets.get_by_role("button", name="Lưu", exact=True).click()
    expect(targets.get_by_role("alert")).to_contain_text("Đã lưu phần")

    assert page.url == edit_url  # never left the page
    expect(page.get_by_label("Trích yếu")).to_have_value("Một trang: đang gõ dở")
    assert (
        Task.objects.get(section__plan=plan).content == "Tổ chức Ngày hội Đại đoàn kết ở các thôn"
    )
    assert Target.objects.get(section__plan=plan).label == "Tỷ lệ hộ gia đình văn hóa"
    # A saved section opens again with its rows, and a second task is added in place.
    tasks.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(tasks.locator(".formset-row")).to_have_count(2)
    assert problems == []
