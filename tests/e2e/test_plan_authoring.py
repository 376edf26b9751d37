"""A commune editor writes seed plan 003 (34/KH-BCĐ, xã Quyết Thắng) from an empty form.

Everything goes through the pages a person uses: the new-plan form, the plan's header page with
its inline list of recipients, and one page per section with its inline list of items.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from campaign.catalogue import load_catalogue
from tests.plans.wordshare import in_order_share

SEED_FILE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "003_f5fc271b0c1345eb.txt"
)

COMMITTEE = "Ban Chỉ đạo phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” xã Quyết Thắng"

# The text below is the seed's, verbatim (the seed writes "văn hoá" and "văn hóa" both).
SUMMARY = "Thực hiện nhiệm vụ trọng tâm Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023 trên địa bàn xã Quyết Thắng"
BASES = (
    "Căn cứ nội dung thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023;"
)
OPENING = "Ban Chỉ đạo Phong trào “TĐĐKXDĐSVH” xã Quyết Thắng xây dựng Kế hoạch thực hiện các nhiệm vụ trọng tâm trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023 như sau:"
CLOSING = "Trên đây là kế hoạch triển khai thực hiện các nhiệm vụ trọng tâm phong trào toàn dân đoàn kết xây dựng đời sống văn hóa năm 2023 của Ban chỉ đạo phong trào toàn dân đoàn kết xây dựng đời sống văn hóa xã Quyết Thắng yêu các thành viên BCD, các thôn nghiêm túc triển khai thực hiện./."

PURPOSES = [
    "1. Mục đích",
    "- Tăng cường sự quan tâm, lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền trong quá trình triển khai, thực hiện Phong trào. Đẩy mạnh công tác phối hợp đồng bộ, thường xuyên, linh hoạt với MTTQ các ngành đoàn thể trong việc triển khai các kế hoạch, chương trình, đề án về công tác phong trào.",
    "- Tiếp tục đổi mới nội dung, nâng cao chất lượng hoạt động các phong trào, cuộc vận động, tạo sự kết nối mật thiết giữa tổ chức thực hiện Phong trào với thực hiện các nhiệm vụ xây dựng nông thôn mới và các phong trào vận động quần chúng khác.",
    "- Đẩy mạnh tuyên truyền vận động Nhân dân tích cực hưởng ứng, tham gia đưa Phong trào phát triển sâu rộng, bền vững, xây dựng môi trường văn hóa lành mạnh, phong phú, giữ gìn những giá trị văn hóa tốt đẹp của dân tộc, củng cố khối đại đoàn kết toàn dân, chung sức xây dựng nông thôn mới, đô thị văn minh góp phần ổn định chính trị, giữ gìn an ninh, trật tự an toàn xã hội, tạo động lực cho sự phát triển bền vững của địa phương.",
    "- Thường xuyên đổi mới nội dung, phương thức hoạt động của Ban Chỉ đạo. Thực hiện nghiêm túc, toàn diện, đồng bộ các nhiệm vụ, giải pháp để nâng cao hiệu quả trong triển khai thực hiện Phong trào phù hợp với yêu cầu thực tiễn. Gắn việc tổ chức thực hiện các nội dung, nhiệm vụ của phong trào với việc thực hiện các chương trình, kế hoạch phát triển Kinh tế - Xã hội, An ninh - Quốc phòng trên địa bàn xã.",
    "2. Yêu cầu",
    "- Các ngành thành viên Ban Chỉ đạo Phong trào tiếp tục tăng cường sự phối hợp chặt chẽ trong quá trình tổ chức triển khai thực hiện Phong trào.",
    "- Đẩy mạnh và duy trì thường xuyên công tác tuyên truyền vận động gắn với những biện pháp cụ thể triển khai phong trào phù hợp thực tế, đảm bảo thiết thực, hiệu quả, tránh hình thức, lãng phí.",
]

TARGETS_TITLE = "CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023"  # "PHẤN ĐÁU" is the seed's own spelling.
# (printed sentence, label, indicator, comparator, value, unit)
TARGETS = [
    ("Tỷ lệ gia đình văn hóa: 86% trở lên.", "Tỷ lệ gia đình văn hóa",
     "Tỷ lệ gia đình văn hóa", "trở lên (tối thiểu)", "86", "%"),
    ("Tỷ lệ thôn, khu phố văn hóa: 100%.", "Tỷ lệ thôn, khu phố văn hóa",
     "Tỷ lệ thôn, tổ dân phố văn hóa", "đạt", "100", "%"),
    ("Tỷ lệ cơ quan, đơn vị, doanh nghiệp văn hóa: 100%.",
     "Tỷ lệ cơ quan, đơn vị, doanh nghiệp văn hóa",
     "Tỷ lệ cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa", "đạt", "100", "%"),
    ("Phấn đấu đạt thêm 01 tiêu chí xây dựng nông thôn mới.",
     "Tiêu chí xây dựng nông thôn mới đạt thêm",
     "Số tiêu chí nông thôn mới đạt thêm", "tăng thêm", "1", "tiêu chí"),
    ("Thu hút 45% trở lên số người dân tham gia vào các hoạt động văn hóa, văn nghệ, thể dục, thể thao.",
     "Số người dân tham gia vào các hoạt động văn hóa, văn nghệ, thể dục, thể thao",
     "Tỷ lệ người dân tham gia hoạt động văn hóa, văn nghệ, thể dục, thể thao",
     "trở lên (tối thiểu)", "45", "%"),
]  # fmt: skip

CCVH = "Công chức Văn hóa - Xã hội xã"
USUAL_SUPPORTS = "MTTQ; các ngành đoàn thể; các thành viên BCD và các thôn trên địa bàn"
# (content, lead units, coordinating units, timeframe); units are typed separated by ";" and
# printed separated by ",". Task 4 is cut by a page break in the seed; it is one paragraph.
TASKS = [
    ("Quán triệt thực hiện đầy đủ chủ trương của Đảng, chính sách pháp luật của Nhà nước, triển khai văn bản chỉ đạo của Ban Chỉ đạo Trung ương, Ban Chỉ đạo tỉnh, huyện về thực hiện Phong trào đảm bảo tính đồng bộ, hiệu quả, phù hợp với tình hình thực tế của địa phương.",
     "Công chức Văn hóa - Xã hội", USUAL_SUPPORTS, "Cả năm 2023"),
    ("Xây dựng Kế hoạch thực hiện Phong trào giai đoạn 2021 - 2026 theo Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng Chính phủ Phê duyệt Chương trình thực hiện “Toàn dân đoàn kết xây dựng đời sống văn hóa” giai đoạn 2021 - 2026.",
     CCVH, USUAL_SUPPORTS, "Quý I năm 2023"),
    ("Xây dựng Chương trình phối hợp hoạt động xây dựng đời sống văn hóa, nâng cao hiệu quả hoạt động thể dục, thể thao của cán bộ, công chức, viên chức, trong các cơ quan, đơn vị trên địa bàn xã, giai đoạn 2022 - 2026.",
     CCVH, "MTTQ; các ngành đoàn thể; Công đoàn cơ sở xã và CĐCS các cơ quan đơn vị trên địa bàn",
     "Quý I năm 2023"),
    ("Tiếp tục triển khai thực hiện có hiệu quả Nghị quyết số 18/2020/NQ-HĐND ngày 14/12/2020 của HĐND tỉnh quy định chính sách hỗ trợ xây dựng nhà văn hóa thôn đạt chuẩn, sân tập thể dục thể thao xã trên địa bàn huyện Hữu Lũng giai đoạn 2021-2025; Quyết định số 800/QĐ-UBND ngày 14/4/2021 của UBND tỉnh về phê duyệt Đề án phát triển hệ thống thiết chế văn hóa, thể thao tỉnh Lạng Sơn giai đoạn 2021-2025, định hướng đến năm 2030 nhằm hoàn thiện hệ thống thiết chế văn hóa, thể thao cơ sở.",
     CCVH, USUAL_SUPPORTS, "Cả năm 2023"),
    ("Thực hiện nghiêm túc, chặt chẽ, khách quan, công bằng trong việc đăng ký, bình xét và công nhận các danh hiệu văn hóa trong Phong trào theo đúng văn bản quy định.",
     CCVH,
     # The doubled full stop is the seed's own.
     "Ủy ban Mặt trận Tổ quốc; Công đoàn cơ sở xã; các thành viên BCD và các thôn trên địa bàn..",
     "Cả năm 2023"),
    ("Tiếp tục triển khai có hiệu quả xây dựng xã đạt chuẩn văn hóa nông thôn mới; Kết hợp, lồng ghép các nội dung của Phong trào với triển khai thực hiện các nhiệm vụ phát triển kinh tế - xã hội của xã năm 2023.",
     "Công chức Văn hóa - Xã hội; Công chức phụ trách Nông thôn mới xã", USUAL_SUPPORTS,
     "Cả năm 2023"),
    ("Xây dựng chuyên mục, viết tin, bài tuyên truyền, dành nhiều thời lượng phản ánh sinh động các nội dung Phong trào và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới. Tuyên truyền trên hệ thống truyền thanh của xã; trang thông tin điện tử xã... Các nội dung tuyên truyền phải có tính định hướng, giáo dục, nhằm nâng cao nhận thức cho mọi người dân về Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
     CCVH, USUAL_SUPPORTS, "Cả năm 2023"),
    ("Tham mưu trình công nhận danh hiệu “Cơ quan, đơn vị đạt chuẩn văn hóa” 05 năm giai đoạn 2019 - 2023.",
     CCVH, "MTTQ; các ngành đoàn thể; CĐCS xã", "Quý III năm 2023"),
    ("Thực hiện một số nhiệm vụ công tác khác theo chỉ đạo của Ban Chỉ đạo tỉnh, huyện.",
     CCVH, USUAL_SUPPORTS, "Cả năm 2023"),
]  # fmt: skip

# (unit, "Đề nghị", duty lines)
DUTIES = [
    (CCVH, False, [
        "- Là thường trực Ban Chỉ đạo Phong trào xã tham mưu, giúp Trưởng Ban Chỉ đạo xã triển khai thực hiện các nội dung của Kế hoạch; đôn đốc, kiểm tra việc thực hiện nhiệm vụ của thành viên Ban Chỉ đạo Phong trào xã, các ngành đoàn thể, các thôn trong việc triển khai thực hiện Kế hoạch.",
    ]),
    ("Ủy ban Mặt trận Tổ quốc xã", True, [
        "- Phối hợp với các ngành đoàn thể, các tổ chức chính trị, xã hội tuyên truyền vận động đoàn viên, hội viên và Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
        "- Chỉ đạo triển khai thực hiện xây dựng gia đình văn hóa, khu dân cư văn hóa và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
        "- Chủ trì, phối hợp với UBND xã, các ngành chỉ đạo, hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11) gắn với biểu dương khen thưởng gia đình văn hóa, thôn văn hóa.",
    ]),
    ("Công đoàn cơ sở xã", False, [
        "- Tổ chức triển khai thực hiện công tác vận động, đăng ký thực hiện và đề nghị công nhận danh hiệu “Cơ quan, đơn vị đạt chuẩn văn hóa”.",
    ]),
    ("Công chức Địa chính - Xây dựng phụ trách Nông thôn mới xã", False, [
        "Triển khai, hướng dẫn, chỉ đạo thực hiện công tác đảm bảo vệ sinh môi trường theo chức năng, nhiệm vụ được giao; xử lý tốt môi trường chăn nuôi nhằm giảm thiểu tác động của các yếu tố tiêu cực đến môi trường sống. Tăng cường áp dụng các quy trình sản xuất tốt, giảm thiểu tác động môi trường...",
    ]),
    ("Các ngành đoàn thể xã thành viên Ban Chỉ đạo xã", False, [
        "Chủ động phối hợp với Công chức Văn hóa - Xã hội và UB MTTQ xã tổ chức tuyên truyền vận động các đoàn viên, hội viên và Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
    ]),
    ("Các thôn", False, [
        "- Căn cứ kế hoạch hoạt động của Ban Chỉ đạo xã, triển khai các hoạt động cụ thể để thực hiện Phong trào.",
        "- Phối hợp với các ngành đoàn thể, các tổ chức chính trị, xã hội tuyên truyền vận động Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
        "- Triển khai thực hiện xây dựng gia đình văn hóa, khu dân cư văn hóa và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới”.",
    ]),
]  # fmt: skip

# (unit, note)
RECIPIENTS = [
    ("Phòng VHHTT huyện", "(b/c)"),
    ("TT ĐU, HĐND xã", "(b/c)"),
    ("CT, PCT UBND xã", ""),
    ("Các TV BCD xã", ""),
    ("Các cơ quan, đơn vị, các thôn", ""),
]
ARCHIVE_LINE = "Lưu: VP."
SIGNER_POSITION = "TRƯỞNG BAN"
SIGNER_SECOND_POSITION = "CHỦ TỊCH UBND XÃ"
SIGNER_NAME = "Lại Văn Thơm"

# Lines of the seed a new draft cannot print: it has no number and no issue date yet.
NOT_IN_A_DRAFT = ("Số: 34/KH-BCĐ", "Quyết Thắng, ngày 28 tháng 02 năm 2023")


@pytest.fixture
def catalogue(demo):
    """The national movements and indicators, as `manage.py loaddemo` has them (the `demo`
    fixture loads the tree and the logins only)."""
    return load_catalogue()


def login(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Đơn vị của bạn")).to_be_visible()


def field(scope, label):
    """The field labelled exactly label (a required field's label ends with "*")."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def rows(page):
    return page.locator(".formset-row")


def picker(scope, label):
    """The text box of a unit picker (static/js/unit-picker.js) labelled label."""
    return scope.get_by_role("combobox", name=re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def type_units(scope, label, text):
    """Type units into a picker as written in the seed, never taking a suggestion of the tree:
    each name then ";" (a picker of several units), or the name then Tab (a picker of one)."""
    box = picker(scope, label)
    wrapper = box.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ts-wrapper ')]")
    many = "multi" in wrapper.get_attribute("class").split()
    for name in [name.strip() for name in text.split(";") if name.strip()]:
        box.fill(name)
        box.press(";" if many else "Tab")


def expect_units(row, name, text):
    """The units a picker posts: the names typed, separated by ";"."""
    names = [part.strip() for part in text.split(";") if part.strip()]
    expect(row.locator(f"input[name$='-{name}']")).to_have_value(";".join(names))


def add_row(page, button_name):
    """Click the add button and return the new (last) row."""
    count = rows(page).count()
    page.get_by_role("button", name=button_name, exact=True).click()
    expect(rows(page)).to_have_count(count + 1)
    return rows(page).nth(count)


def open_section(page, title):
    page.locator("#sections").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_label("Tiêu đề")).to_have_value(title)


def save_section(page, title):
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text=f"Đã lưu phần “{title}”.")).to_be_visible()


def back_to_plan(page):
    page.get_by_role("link", name="Về danh sách phần").click()
    expect(page.get_by_role("heading", name="Soạn thảo kế hoạch")).to_be_visible()


def seed_reference():
    """The seed's text without the lines a new draft cannot have (see NOT_IN_A_DRAFT)."""
    text = SEED_FILE.read_text(encoding="utf-8")
    for line in NOT_IN_A_DRAFT:
        assert line in text
        text = text.replace(line, "")
    return text


def create_plan(page, base_url):
    page.goto(f"{base_url}/plans/")
    page.get_by_role("link", name="Lập kế hoạch mới").click()
    expect(page.get_by_role("heading", name="Lập kế hoạch mới")).to_be_visible()
    page.get_by_label("Cơ quan ban hành").select_option(label=COMMITTEE)
    page.get_by_label("Trích yếu").fill(SUMMARY)
    field(page, "Năm").fill("2023")
    page.get_by_label("TĐĐKXDĐSVH").check()
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/edit/$"))
    expect(page.get_by_text("Đã tạo dự thảo kế hoạch.")).to_be_visible()
    return re.search(r"/plans/(\d+)/edit/", page.url).group(1)


def delete_funding_section(page):
    sections = page.locator("#sections > li")
    expect(sections).to_have_count(5)
    page.once("dialog", lambda dialog: dialog.accept())
    sections.filter(has_text="KINH PHÍ THỰC HIỆN").get_by_role("button", name="Xóa").click()
    expect(page.get_by_text("Đã xóa phần “KINH PHÍ THỰC HIỆN”.")).to_be_visible()
    expect(sections).to_have_count(4)
    expect(sections).to_contain_text(
        ["MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU", "NỘI DUNG, THỜI GIAN THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    )


def write_header(page):
    page.get_by_label("Căn cứ").fill(BASES)
    page.get_by_label("Đoạn mở đầu").fill(OPENING)
    page.get_by_label("Đoạn kết").fill(CLOSING)
    for unit, note in RECIPIENTS:
        row = add_row(page, "Thêm nơi nhận")
        expect(row.get_by_label("Loại")).to_have_value("recipient")
        type_units(row, "Nơi nhận", unit)
        row.get_by_label("Ghi chú").fill(note)
    field(page, "Lưu").fill(ARCHIVE_LINE)
    page.get_by_label("Chức vụ người ký").fill(SIGNER_POSITION)
    page.get_by_label("Chức vụ thứ hai").fill(SIGNER_SECOND_POSITION)
    page.get_by_label("Họ tên người ký").fill(SIGNER_NAME)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã lưu.")).to_be_visible()

    # Saved and shown again as typed.
    expect(page.get_by_label("Căn cứ")).to_have_value(BASES)
    expect(page.get_by_label("Đoạn kết")).to_have_value(CLOSING)
    expect(field(page, "Lưu")).to_have_value(ARCHIVE_LINE)
    expect(page.get_by_label("Họ tên người ký")).to_have_value(SIGNER_NAME)
    expect(rows(page)).to_have_count(len(RECIPIENTS))
    for index, (unit, note) in enumerate(RECIPIENTS):
        row = rows(page).nth(index)
        expect_units(row, "unit", unit)
        expect(row.get_by_label("Ghi chú")).to_have_value(note)


def write_purposes(page):
    open_section(page, "MỤC ĐÍCH, YÊU CẦU")
    page.get_by_label("Văn bản của phần").fill("\n".join(PURPOSES))
    save_section(page, "MỤC ĐÍCH, YÊU CẦU")
    expect(page.get_by_label("Văn bản của phần")).to_have_value("\n".join(PURPOSES))
    back_to_plan(page)


def write_targets(page):
    open_section(page, "CHỈ TIÊU")
    page.get_by_label("Tiêu đề").fill(TARGETS_TITLE)
    for text, label, indicator, comparator, value, unit in TARGETS:
        row = add_row(page, "Thêm chỉ tiêu")
        row.get_by_label("Chỉ tiêu").fill(label)
        row.get_by_label("Chỉ số").select_option(label=indicator)
        row.get_by_label("So sánh").select_option(label=comparator)
        row.get_by_label("Giá trị").fill(value)
        field(row, "Đơn vị").fill(unit)
        row.get_by_label("Câu in ra").fill(text)
    save_section(page, TARGETS_TITLE)

    expect(rows(page)).to_have_count(len(TARGETS))
    for index, (text, label, _indicator, _comparator, value, unit) in enumerate(TARGETS):
        row = rows(page).nth(index)
        expect(row.get_by_label("Chỉ tiêu")).to_have_value(label)
        expect(row.get_by_label("Giá trị")).to_have_value(re.compile(rf"^{value}(\.0+)?$"))
        expect(field(row, "Đơn vị")).to_have_value(unit)
        expect(row.get_by_label("Câu in ra")).to_have_value(text)
    back_to_plan(page)


def write_tasks(page):
    open_section(page, "NỘI DUNG, THỜI GIAN THỰC HIỆN")
    page.get_by_label("Tiêu đề").fill("NỘI DUNG")
    for index, (content, leads, supports, timeframe) in enumerate(TASKS):
        row = add_row(page, "Thêm nhiệm vụ")
        # The new row takes the focus, ready to type its content.
        expect(row.get_by_label("Nội dung")).to_be_focused()
        row.get_by_label("Nội dung").fill(content)
        type_units(row, "Đơn vị chủ trì", leads)
        type_units(row, "Đơn vị phối hợp", supports)
        row.get_by_label("Thời gian thực hiện").fill(timeframe)
        if index == 0:
            # The hint under the field says which dates "Cả năm 2023" was understood as.
            expect(row.locator(".timeframe-hint")).to_contain_text("01/01/2023")
            expect(row.locator(".timeframe-hint")).to_contain_text("31/12/2023")
        if index == 1:
            expect(row.locator(".timeframe-hint")).to_contain_text("31/03/2023")

    # Reordering: a row added last and moved up sits above the ninth task; removing it leaves
    # the nine tasks numbered 1 to 9.
    # (Rows are located by position, so the moved row is found again at its new place.)
    extra = add_row(page, "Thêm nhiệm vụ")
    extra.get_by_label("Nội dung").fill("Nhiệm vụ thêm nhầm")
    extra.get_by_role("button", name="Chuyển lên").click()
    moved, ninth = rows(page).nth(8), rows(page).nth(9)
    expect(moved.get_by_label("Nội dung")).to_have_value("Nhiệm vụ thêm nhầm")
    expect(ninth.get_by_label("Nội dung")).to_have_value(TASKS[8][0])
    expect(moved.locator(".row-number")).to_have_text("9")
    expect(ninth.locator(".row-number")).to_have_text("10")
    moved.get_by_role("button", name="Bỏ").click()
    expect(moved).to_be_hidden()
    expect(page.get_by_text("Đã bỏ một mục.")).to_be_visible()
    expect(ninth).to_be_visible()
    expect(ninth.locator(".row-number")).to_have_text("9")

    save_section(page, "NỘI DUNG")
    expect(rows(page)).to_have_count(len(TASKS))
    for index, (content, leads, supports, timeframe) in enumerate(TASKS):
        row = rows(page).nth(index)
        expect(row.get_by_label("Nội dung")).to_have_value(content)
        expect_units(row, "leads", leads)
        expect_units(row, "supports", supports)
        expect(row.get_by_label("Thời gian thực hiện")).to_have_value(timeframe)
    expect(rows(page).first.locator(".timeframe-hint")).to_contain_text("01/01/2023")
    back_to_plan(page)


def write_duties(page):
    open_section(page, "TỔ CHỨC THỰC HIỆN")
    for unit, is_request, lines in DUTIES:
        row = add_row(page, "Thêm đơn vị")
        if unit == "Công đoàn cơ sở xã":
            # The picker suggests organisations of the tree, with their place, as one types;
            # the seed keeps its own words (Tab leaves the name as typed).
            picker(row, "Đơn vị").fill(unit)
            found = row.locator(".ts-dropdown .unit-option").filter(has_text="Quyết Thắng")
            expect(found.first).to_contain_text("Công đoàn cơ sở xã Quyết Thắng")
            expect(found.first).to_contain_text("— Xã Quyết Thắng")
        type_units(row, "Đơn vị", unit)
        if is_request:
            row.get_by_label("“Đề nghị”").check()
        row.get_by_label("Nhiệm vụ").fill("\n".join(lines))
    page.get_by_role("button", name="Lưu và xem bản in").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))


def test_commune_editor_writes_seed_003_through_the_plan_editor(live_server, page, catalogue):
    login(page, live_server.url, "quyetthang-editor")
    pk = create_plan(page, live_server.url)
    delete_funding_section(page)
    write_header(page)
    write_purposes(page)
    write_targets(page)
    write_tasks(page)
    write_duties(page)

    # "Lưu và xem bản in" led to the plan's page.
    expect(page).to_have_url(f"{live_server.url}/plans/{pk}/")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Đề nghị Ủy ban Mặt trận Tổ quốc xã")
    expect(preview).to_contain_text("III. NỘI DUNG")
    expect(preview).to_contain_text("- Phòng VHHTT huyện (b/c);")
    expect(preview).to_contain_text("- Thời gian thực hiện: Quý III năm 2023.")
    share = in_order_share(seed_reference(), preview.inner_text())
    assert share >= 0.97, f"{share:.4f} of the seed's words are in the preview, in order"
