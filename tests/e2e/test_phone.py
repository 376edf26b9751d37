"""Every page on a phone (issue 11, part 9): at 390 × 844 no page scrolls sideways (a wide table
may scroll inside its own .table-responsive box, the plan's A4 preview inside its frame), and a
village head fills and sends a report with controls big enough for a finger.

The pages come from the access matrices (tests/*/test_access_matrix.py, whose guards tie every
URL pattern to a row): each GET row that some persona opens (200) is visited as the first such
persona, so a new page is visited as soon as it has its row. Files and page fragments are listed
in NOT_PAGES; pages reached only through a form or a flow (every section editor, the help pages,
the two-factor pages) are added by hand below.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from orgs.services import add_committee_seat, grant_role
from orgs.setup_views import HELP_PAGES
from plans import services
from plans.models import Plan
from reports.models import Report

from ..campaign import test_access_matrix as site_matrix
from ..matrix import COLUMNS
from ..orgs import test_access_matrix as orgs_matrix
from ..plans import test_access_matrix as plans_matrix
from ..reportdata import report_of, send
from ..reports import test_access_matrix as reports_matrix

PHONE = {"width": 390, "height": 844}
PASSWORD = "x"  # tests/personas.py
MATRIX_ROWS = [
    *site_matrix.ROWS,
    *orgs_matrix.ROWS,
    *plans_matrix.ROWS,
    *reports_matrix.ROWS,
]
# Answers that are not pages a person reads: downloads, and fragments htmx puts into a page.
NOT_PAGES = {
    "plans:download_pdf",
    "plans:download_docx",
    "plans:timeframe_hint",
    "plans:unit_options",
    "plans:unit_search",
    "reports:pdf",
    "reports:docx",
    "reports:dashboard_xlsx",
    "orgs:invitation_sheet",
    "orgs:audit_csv",
    "orgs:import_template",
}

# Every element that reaches past the right edge of the window, outside any box that scrolls
# or clips on its own: what makes the page scroll sideways.
OVERFLOW = """(width) => {
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let parent = el.parentElement, contained = false;
    while (parent && parent !== document.body) {
      if (getComputedStyle(parent).overflowX !== "visible") { contained = true; break; }
      parent = parent.parentElement;
    }
    if (contained) continue;
    const classes = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    culprits.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}`
      + ` → ${Math.round(box.right)}px "${(el.textContent || "").trim().slice(0, 40)}"`);
  }
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    culprits: culprits.slice(0, 6),
  };
}"""


# Controls a finger cannot hit (less than 44 px high); a checkbox counts by its row (.form-check),
# the search box of a unit picker (Tom Select) by the picker.
SMALL_CONTROLS = """() => {
  const small = [];
  const controls = document.querySelectorAll(
    "main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select,"
    + " main textarea, main button:not(.btn-close), main .btn, main .form-check, main .ts-control,"
    + " .navbar .btn,"
    + " .navbar-toggler");
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if (el.closest(".ts-control") && el.tagName === "INPUT") continue;  // counts by its picker
    if (box.height < 43.5) {
      small.push(`${el.tagName.toLowerCase()}${el.name ? "[" + el.name + "]" : ""}`
        + ` "${(el.textContent || el.value || "").trim().slice(0, 30)}" ${Math.round(box.height)}px`);
    }
  }
  return small.slice(0, 6);
}"""


def matrix_pages():
    """(url name, target, persona) for each page of the access matrices, as the first persona
    (in the matrices' column order) that opens it."""
    pages = []
    for row in MATRIX_ROWS:
        if row.method != "get" or row.url in NOT_PAGES:
            continue
        persona = next((p for p in COLUMNS if row.expected[p] == 200), None)
        if persona is not None:
            pages.append((row.url, row.target, persona))
    return pages


def test_the_page_list_follows_the_access_matrices():
    """Each name left out as not a page is still a URL some persona opens; the rest are visited."""
    opened = {r.url for r in MATRIX_ROWS if r.method == "get" and 200 in r.expected.values()}
    assert opened >= NOT_PAGES
    visited = {url for url, _target, _persona in matrix_pages()}
    assert visited == opened - NOT_PAGES
    assert {"home", "login", "plans:detail", "plans:section", "reports:detail"} <= visited
    assert ("login", None, "anonymous") in matrix_pages()
    assert ("orgs:audit", "committee", "own_approver") in matrix_pages()


@pytest.fixture
def phone_data(tree, province, django_user_model):
    """The data of the four access matrices in one database: the personas' tree, its plans and
    reports (tests/conftest.py: province), a draft with a task, a target, a duty and a free
    section, tasks for the villages and for the commune, a seat, a role to revoke, a unit name
    with a very long word; and the targets of the matrices' GET rows."""
    o, users = tree.orgs, tree.users
    committee = o["committee_one"]
    # A name with a word longer than the screen is wide (an address, a code typed without
    # spaces): it breaks instead of pushing the page wider.
    o["village_one"].name = "Thôn Một-1 (khu dân cư số 1, " + "TổDânPhốNàKhoangBảnChang" * 3 + ")"
    o["village_one"].save(update_fields=["name"])
    editor = users["own_editor"]
    draft = services.start_plan(
        issuer=committee, by=editor, year=2024,
        summary="Dự thảo kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
    )  # fmt: skip
    sections = {section.kind: section for section in draft.sections.all()}
    services.add_task(
        sections["tasks"], "Tuyên truyền, vận động nhân dân tham gia xây dựng nông thôn mới",
        leads=[o["government_one"]], supports=[o["village_one"]], timeframe="Quý II năm 2024",
    )  # fmt: skip
    services.add_target(sections["targets"], "Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa",
                        value=90, unit="%")  # fmt: skip
    services.add_duty(sections["implementation"], o["government_one"], "Chỉ đạo các thôn.")
    services.add_section(draft, "free")
    issued = province["committee_one"]
    # A task of the commune's plan for its villages: their reports give its progress.
    services.add_task(issued.sections.get(kind="tasks"), "Bình xét, công nhận gia đình văn hóa "
                      "ở từng thôn", timeframe="Tháng 6 năm 2024")  # fmt: skip
    # A task of the province's plan led by the commune committee: its list of tasks has a row.
    above = services.start_plan(issuer=o["province_committee"], by=users["province_editor"],
                                year=2024, summary="Kế hoạch tỉnh A giao nhiệm vụ")  # fmt: skip
    services.add_task(above.sections.get(kind="tasks"), "Hướng dẫn các thôn bình xét gia đình "
                      "văn hóa", leads=[committee], timeframe="Trước ngày 30/6")  # fmt: skip
    Plan.objects.filter(pk=above.pk).update(status=Plan.Status.ISSUED, number=30,
                                            issued_on=date(2024, 2, 5))  # fmt: skip
    seat = add_committee_seat(committee, position="member", full_name="Trần Thị B")
    newcomer = django_user_model.objects.create_user("newcomer")
    membership = grant_role(newcomer, committee, "viewer")
    village = report_of(issued, o["village_one"])
    send(village, users["village_one"], 80, 100)
    commune = report_of(province["province_committee"], committee)
    targets = {
        # campaign
        "bad_link": ["MQ", "bad-token"],
        # orgs
        "committee": [committee.pk],
        "province": [o["province"].pk],
        "commune": [o["commune_one"].pk],
        "template": ["tai-khoan"],
        "help": ["quan-tri-don-vi"],
        "seat": [committee.pk, seat.pk],
        "membership": [committee.pk, membership.pk],
        # plans
        "draft": [draft.pk],
        "issued": [issued.pk],
        "draft section": [draft.pk, sections["tasks"].pk],
        "issued section": [issued.pk, issued.sections.get(kind="tasks").pk],
        # reports
        "commune report": [commune.pk],
        "village report": [village.pk],
        "commune plan": [issued.pk],
    }
    return {"targets": targets, "draft": draft, "users": users}


class Phone:
    """One browser context per person at 390 × 844, signed in once and reused."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url, self.pages = browser, base_url, {}

    def as_(self, persona):
        if persona not in self.pages:
            context = self.browser.new_context(
                viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True,
                locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
            )  # fmt: skip
            context.set_default_timeout(15_000)
            page = context.new_page()
            if persona != "anonymous":
                sign_in(page, self.base_url, persona)
            self.pages[persona] = page
        return self.pages[persona]

    def close(self):
        for page in self.pages.values():
            page.context.close()


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()


def sideways(page):
    """What makes the page scroll sideways, or None when it fits the phone. A phone's browser
    zooms out on a page wider than its screen, and window.innerWidth grows with the page: the
    width is also compared with the screen's."""
    seen = page.evaluate(OVERFLOW, PHONE["width"])
    if seen["scrollWidth"] <= min(seen["innerWidth"], PHONE["width"]):
        return None
    return f"{seen['scrollWidth']} px wide: {'; '.join(seen['culprits'])}"


def current_code(device):
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=device.drift)  # fmt: skip
    return f"{value:06d}"


def test_every_page_fits_a_phone_without_scrolling_sideways(live_server, browser, phone_data):
    url, targets = live_server.url, phone_data["targets"]
    phone = Phone(browser, url)
    visits = [
        (reverse(name, args=targets[target] if target else ()), persona)
        for name, target, persona in matrix_pages()
    ]
    draft = phone_data["draft"]
    visits += [
        (reverse("plans:section", args=[draft.pk, section.pk]), "own_editor")
        for section in draft.sections.all()
    ]
    visits += [(reverse("orgs:help", args=[slug]), "child_editor") for slug in HELP_PAGES]
    visits += [(reverse(name), "anonymous") for name in ("password_reset", "password_reset_done")]
    visits += [(reverse("home"), persona) for persona in ("child_editor", "own_viewer")]
    failures = []
    try:
        for path, persona in visits:
            page = phone.as_(persona)
            response = page.goto(url + path)
            if response.status != 200:
                failures.append(f"{path} as {persona}: answered {response.status}")
            elif not response.header_value("content-type").startswith("text/html"):
                failures.append(f"{path}: not a page, belongs in NOT_PAGES")
            elif problem := sideways(page):
                failures.append(f"{path} as {persona}: {problem}")
            elif small := page.evaluate(SMALL_CONTROLS):
                failures.append(f"{path} as {persona}: small controls: {'; '.join(small)}")

        # The menu, opened: the links, the account's name and buttons wrap within the screen.
        page = phone.as_("own_editor")
        page.goto(url + reverse("home"))
        page.get_by_role("button", name="Mở menu").tap()
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
        if problem := sideways(page):
            failures.append(f"menu opened: {problem}")

        # Two-factor pages, in the order a person meets them: enrolment, the recovery codes,
        # the status page, and the code asked at the next sign-in.
        page = phone.as_("outsider")
        page.goto(f"{url}/account/two-factor/")
        if problem := sideways(page):
            failures.append(f"two-factor enrolment: {problem}")
        device = TOTPDevice.objects.get(user=phone_data["users"]["outsider"], confirmed=False)
        page.get_by_label("Mã xác thực").fill(current_code(device))
        page.get_by_role("button", name="Xác nhận và bật").click()
        expect(page).to_have_url(re.compile("/account/two-factor/recovery-codes/$"))
        if problem := sideways(page):
            failures.append(f"recovery codes: {problem}")
        page.goto(f"{url}/account/two-factor/")
        if problem := sideways(page):
            failures.append(f"two-factor status: {problem}")
        page.context.clear_cookies()
        page.goto(f"{url}/login/")
        page.get_by_label("Tên đăng nhập").fill("outsider")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page).to_have_url(re.compile("/login/code/"))
        if problem := sideways(page):
            failures.append(f"sign-in code: {problem}")
    finally:
        phone.close()
    assert not failures, "\n".join(failures)


def test_a_village_head_sends_the_report_from_a_phone(live_server, browser, phone_data):
    """Thôn Một-2's editor opens the report owed to the commune, types the figures and the
    results with controls a finger can hit, and sends it."""
    report = Report.objects.get(
        organisation__name="Thôn Một-2", plan__issuer__name="Ban Chỉ đạo xã Một"
    )
    phone = Phone(browser, live_server.url)
    try:
        page = phone.as_("village_one_b")
        page.get_by_role("button", name="Mở menu").tap()
        page.get_by_role("link", name=re.compile(r"^Báo cáo")).tap()
        page.locator("tr", has_text=report.plan.summary).get_by_role("link").tap()
        expect(page.get_by_role("heading", name=f"Báo cáo {report.label}")).to_be_visible()
        assert sideways(page) is None

        numerator, denominator = (
            page.get_by_label("Đạt được (tử số)"),
            page.get_by_label("Tổng số (mẫu số)"),
        )
        for field in (numerator, denominator):
            expect(field).to_have_attribute("inputmode", "decimal")
        fields = page.locator("main input:visible, main select:visible, main textarea:visible")
        for i in range(fields.count()):
            box = fields.nth(i).bounding_box()
            assert box["height"] >= 44, f"{fields.nth(i).get_attribute('name')}: {box['height']} px"
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # Labels sit above their fields, not beside them.
        for label in ("Đạt được (tử số)", "Tổng số (mẫu số)", "Tình hình", "Kết quả đạt được"):
            label_box = page.locator("label", has_text=label).first.bounding_box()
            field_box = page.get_by_label(label).bounding_box()
            assert label_box["y"] + label_box["height"] <= field_box["y"] + 1, label

        status = page.get_by_label("Tình hình")
        expect(status).to_have_count(1)
        status.select_option(label="Đang thực hiện")
        page.get_by_label("Kết quả", exact=True).fill("Đã bình xét 3 trên 5 thôn")
        denominator.fill("0")
        numerator.fill("96,5")
        page.get_by_label("Kết quả đạt được").fill("Vận động 96 hộ đăng ký gia đình văn hóa")
        send_button = page.get_by_role("button", name="Lưu và gửi báo cáo")
        send_button.tap()
        # Refused: the reason under the figure, on the phone's width, nothing typed lost.
        expect(page.get_by_text("Mẫu số phải lớn hơn 0.")).to_be_visible()
        expect(page.get_by_label("Kết quả đạt được")).to_have_value(
            "Vận động 96 hộ đăng ký gia đình văn hóa"
        )
        expect(numerator).to_have_value("96,5")
        expect(denominator).to_have_attribute("aria-invalid", "true")
        assert sideways(page) is None
        denominator.fill("120")
        send_button.scroll_into_view_if_needed()
        expect(send_button).to_be_in_viewport()
        assert send_button.bounding_box()["height"] >= 44
        send_button.tap()
        expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
        expect(page.locator("h1 + p")).to_contain_text("Đã gửi")
        assert sideways(page) is None
    finally:
        phone.close()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    progress = report.progress.get()
    assert (progress.status, progress.result) == ("in_progress", "Đã bình xét 3 trên 5 thôn")
    actual = report.actuals.get()
    assert (actual.numerator, actual.denominator) == (Decimal("96.5"), 120)
