"""Empty XLSX templates for the imports (orgs/imports.py): the first sheet has the headers the
import reads, the second ("Hướng dẫn") explains each column: required or not, what it accepts."""

from campaign.spreadsheets import style_table, workbook_bytes

from .imports import (
    ORG_COLUMNS,
    ORG_LABELS,
    ORG_REQUIRED,
    USER_COLUMNS,
    USER_LABELS,
    USER_REQUIRED,
    VILLAGE_WORDS,
    VILLAGE_WORDS_EXACT,
)
from .models import Level, Membership, Organisation

ORG_HELP = {
    "name": ("Tên đầy đủ của đơn vị, tối đa 255 ký tự.", "Thôn Đông"),
    "kind": None,  # filled from Organisation.Kind
    "level": None,  # filled from the levels
    "short_name": ("Tên ngắn dùng trong danh sách.", "Đông"),
    "symbol": ("Chữ viết tắt trong ký hiệu văn bản.", "BCĐ"),
    "parent_body_line": ("Dòng cơ quan chủ quản in phía trên tên đơn vị.", "UBND XÃ MỘT"),
    "place": ("Địa danh ghi ở dòng ngày tháng của văn bản.", "Một"),
    "code": ("Mã chính thức, không trùng với đơn vị đang hoạt động.", "00001"),
    "parent": (
        "Tên hoặc mã đơn vị cha trong phạm vi đang nhập; để trống: trực thuộc đơn vị đang mở. "
        "Đơn vị cha có thể là một dòng phía trên trong cùng tệp.",
        "",
    ),
}
USER_HELP = {
    "username": (
        "Chỉ gồm chữ, số và các ký tự @ . + - _; không trùng tài khoản khác.",
        "thon-dong",
    ),
    "full_name": ("Họ và tên người dùng.", "Nguyễn Thị Lan"),
    "email": (
        "Để trống nếu người dùng không có e-mail: họ nhận liên kết trên phiếu mời in ra.",
        "lan@example.vn",
    ),
    "organisation": ("Tên hoặc mã một đơn vị trong phạm vi đang nhập.", "Thôn Đông"),
    "role": None,  # filled from Membership.Role
    "password": (
        "Nên để trống: người dùng nhận thư mời tự đặt mật khẩu. Mật khẩu ghi ở đây phải đổi "
        "khi đăng nhập lần đầu.",
        "",
    ),
}


def _org_help():
    kinds = [kind.label for kind in Organisation.Kind]
    words = [*VILLAGE_WORDS, *VILLAGE_WORDS_EXACT]
    levels = [level.name for level in Level.objects.all()] or ["Cấp tỉnh", "Cấp xã", "Cấp thôn"]
    return {
        **ORG_HELP,
        "kind": (
            "Một trong: " + "; ".join(kinds) + ". Với thôn còn nhận: " + ", ".join(words) + ".",
            "Thôn, tổ dân phố",
        ),
        "level": (
            "Một trong: " + "; ".join(levels) + ". Để trống: thôn là cấp thôn, đơn vị khác "
            "cùng cấp với đơn vị cha.",
            "",
        ),
    }


def _user_help():
    roles = [f"{role.label} ({role.value})" for role in Membership.Role]
    return {
        **USER_HELP,
        "role": (
            "Một hoặc nhiều vai trò, cách nhau bằng dấu phẩy: " + "; ".join(roles) + ". "
            "Chỉ cấp được vai trò mình đang giữ tại đơn vị đó.",
            "Soạn thảo",
        ),
    }


TEMPLATES = {
    "don-vi": {
        "file": "mau-nhap-don-vi.xlsx", "title": "Đơn vị", "columns": ORG_COLUMNS,
        "labels": ORG_LABELS, "required": ORG_REQUIRED, "help": _org_help,
    },
    "tai-khoan": {
        "file": "mau-nhap-tai-khoan.xlsx", "title": "Tài khoản", "columns": USER_COLUMNS,
        "labels": USER_LABELS, "required": USER_REQUIRED, "help": _user_help,
    },
}  # fmt: skip


def headers(what):
    """The first row of a template: the label of each column, "(*)" after a required one."""
    spec = TEMPLATES[what]
    return [
        f"{spec['labels'][name]} (*)" if name in spec["required"] else spec["labels"][name]
        for name in spec["columns"]
    ]


def template_workbook(what):
    """The bytes of the XLSX template for what ("don-vi" or "tai-khoan")."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    spec = TEMPLATES[what]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec["title"]
    sheet.append(headers(what))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = 24
        cell.number_format = "@"
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("Hướng dẫn")
    guide.append([f"Cách điền mẫu nhập {spec['title'].lower()}"])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([
        "Điền từ dòng 2 của trang đầu, mỗi dòng một "
        + ("đơn vị" if what == "don-vi" else "tài khoản")
        + "; giữ nguyên dòng tiêu đề. Cột có dấu (*) là bắt buộc. Nếu một dòng sai, không "
        "dòng nào được nhập và trang nhập cho biết dòng nào cần sửa."
    ])  # fmt: skip
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Giá trị chấp nhận", "Ví dụ", "Tiêu đề khác được nhận"])
    explanations = spec["help"]()
    for name, aliases in spec["columns"].items():
        text, example = explanations[name]
        guide.append([
            spec["labels"][name], "Có" if name in spec["required"] else "Không", text, example,
            ", ".join(aliases),
        ])  # fmt: skip
    style_table(guide, 4, (22, 10, 70, 20, 30), freeze=False, wrap_from=2)
    return workbook_bytes(workbook)
