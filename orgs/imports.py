"""All-or-nothing import of organisations (villages, bodies) and users from CSV or XLSX files.

Every row is validated before anything is written; one bad row means nothing is imported and
the caller gets every error with its spreadsheet row number. Cell text is stored as plain text.
"""

import csv
import io
import itertools
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from campaign.text import fold

from .access import grant_refusal
from .invitations import invite
from .models import AccountState, AuditEntry, Level, Membership, Organisation
from .services import bulk_add_children

ROW = "_row"  # key of the spreadsheet row number in every dict read_table returns

# Words people write for a village that are not the label of Organisation.Kind.VILLAGE.
# "bản" is matched with its diacritic only: folded it reads "ban", as in "Ban Chỉ đạo".
VILLAGE_WORDS = ("thôn", "tổ dân phố", "ấp", "khu phố")
VILLAGE_WORDS_EXACT = ("bản",)

ORG_COLUMNS = {
    "name": ("ten", "ten_don_vi", "ten_day_du", "name"),
    "kind": ("loai", "loai_don_vi", "kind"),
    "level": ("cap", "level"),
    "short_name": ("ten_viet_tat", "short_name"),
    "symbol": ("ky_hieu", "symbol"),
    "parent_body_line": ("co_quan_chu_quan", "parent_body_line"),
    "place": ("dia_danh", "place"),
    "code": ("ma", "ma_don_vi", "ma_chinh_thuc", "code"),
    "parent": ("don_vi_cha", "parent"),
}
ORG_LABELS = {
    "name": "Tên đơn vị",
    "kind": "Loại",
    "level": "Cấp",
    "short_name": "Tên viết tắt",
    "symbol": "Ký hiệu",
    "parent_body_line": "Cơ quan chủ quản",
    "place": "Địa danh",
    "code": "Mã",
    "parent": "Đơn vị cha",
}
ORG_REQUIRED = ("name", "kind")
ORG_TEXT_FIELDS = ("name", "short_name", "symbol", "parent_body_line", "place", "code")

USER_COLUMNS = {
    "username": ("ten_dang_nhap", "username"),
    "full_name": ("ho_ten", "ho_va_ten", "full_name"),
    "email": ("email", "e_mail", "thu_dien_tu"),
    "organisation": ("don_vi", "to_chuc", "organisation", "organization"),
    "role": ("vai_tro", "role", "roles"),
    "password": ("mat_khau", "password"),
}
USER_LABELS = {
    "username": "Tên đăng nhập",
    "full_name": "Họ tên",
    "email": "Email",
    "organisation": "Đơn vị",
    "role": "Vai trò",
    "password": "Mật khẩu",
}
USER_REQUIRED = ("username", "full_name", "organisation", "role")


@dataclass
class RowError:
    """One problem in one row; row is the spreadsheet row number (the header is row 1)."""

    row: int
    message: str

    def __str__(self):
        return f"Dòng {self.row}: {self.message}"


@dataclass
class ImportResult:
    created: int
    errors: list[RowError] = field(default_factory=list)
    memberships: int = 0  # user import only: roles granted, including to existing accounts
    invitations: int = 0  # user import only: invitation mails queued

    @property
    def ok(self):
        return not self.errors


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Vietnamese and meant for the user."""


# Reading ---------------------------------------------------------------------------------


def read_table(uploaded_file):
    """Read the first sheet of a .csv or .xlsx file into one dict per non-blank data row.

    Keys are the folded header names ("Tên đơn vị" → "ten_don_vi"), values NFC-normalised
    stripped text; ROW holds the spreadsheet row number. Raises ImportFileError.

    Limits are checked before parsing (the file's size; for a workbook, what its zip directory
    says it unpacks to) and while streaming (the number of rows), so that no upload can hold a
    worker or its memory (settings IMPORT_MAX_*).
    """
    name = PurePath(getattr(uploaded_file, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(
            f"Tệp “{name}” không đúng định dạng: chỉ nhận tệp .csv (UTF-8) hoặc .xlsx."
        )
    _check_size(uploaded_file)
    rows = _csv_rows(uploaded_file) if suffix == ".csv" else _xlsx_rows(uploaded_file)
    return _table(rows)


def header_key(text):
    """'Tên đơn vị (*)', 'ten-don-vi' and 'TEN_DON_VI' all become 'ten_don_vi'."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def _megabytes(size):
    return f"{size / 1024 / 1024:.0f} MB".replace(".", ",")


def _file_size(uploaded_file):
    """The size of an upload (Django's files know it) or of an open file, without reading it."""
    size = getattr(uploaded_file, "size", None)
    if size is None:
        size = uploaded_file.seek(0, io.SEEK_END)
    uploaded_file.seek(0)
    return size


def _check_size(uploaded_file):
    size, limit = _file_size(uploaded_file), settings.IMPORT_MAX_BYTES
    if not size:
        raise ImportFileError("Tệp trống.")
    if size > limit:
        raise ImportFileError(
            f"Tệp quá lớn ({_megabytes(size)}): chỉ nhận tệp đến {_megabytes(limit)}. "
            "Hãy chia thành nhiều tệp."
        )


def _csv_rows(uploaded_file):
    """The rows of a CSV file, read line by line from the upload (never all of it at once)."""
    text = io.TextIOWrapper(uploaded_file, encoding="utf-8-sig", newline="")
    try:
        head = []  # the lines up to the header, read to choose the delimiter
        for line in text:
            head.append(line)
            if line.strip():
                break
        if not head or not head[-1].strip():
            raise ImportFileError("Tệp trống.")
        first_line = head[-1]
        # The header decides: Excel in Vietnamese locales writes ';' because ',' is the
        # decimal mark.
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        yield from csv.reader(itertools.chain(head, text), delimiter=delimiter)
    except UnicodeDecodeError:
        raise ImportFileError(
            "Tệp CSV không dùng bảng mã UTF-8. Trong Excel hãy chọn "
            "“Lưu thành” → “CSV UTF-8”, hoặc tải lên tệp .xlsx."
        ) from None
    except csv.Error as exc:
        raise ImportFileError(f"Không đọc được tệp CSV: {exc}.") from None
    finally:
        text.detach()  # leave the upload open: its owner closes it


XLSX_UNREADABLE = "Không đọc được tệp Excel. Hãy mở tệp và lưu lại dưới dạng .xlsx."
XLSX_MAX_COLUMNS = 100  # far above any import's columns; a sheet may claim 16,384


def _check_zip(uploaded_file):
    """Refuse a workbook whose zip directory announces more than it may unpack to, before
    openpyxl opens it (a 600 KB file can unpack to hundreds of megabytes)."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(XLSX_UNREADABLE) from None
    finally:
        uploaded_file.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit or unpacked > settings.IMPORT_MAX_RATIO * max(packed, 1):
        raise ImportFileError(
            f"Tệp Excel giải nén ra {_megabytes(unpacked)}, vượt giới hạn "
            f"{_megabytes(limit)} hoặc tỷ lệ nén {settings.IMPORT_MAX_RATIO} lần: tệp không "
            "bình thường. Hãy mở tệp trong Excel, xóa các ô thừa rồi lưu lại, hoặc chia thành "
            "nhiều tệp."
        )


def _xlsx_rows(uploaded_file):
    """The rows of the first sheet, streamed by openpyxl's read-only mode."""
    import openpyxl

    _check_zip(uploaded_file)
    try:
        workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises zip, XML, key and value errors alike for a bad file
        raise ImportFileError(XLSX_UNREADABLE) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError("Tệp Excel không có trang tính nào.")
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(max_col=XLSX_MAX_COLUMNS, values_only=True):
            yield [_cell_text(value) for value in row]
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(XLSX_UNREADABLE) from None
    finally:
        workbook.close()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        # A date typed into Excel comes back as a datetime at midnight.
        if hasattr(value, "hour") and not (value.hour or value.minute or value.second):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)


def _clean(value):
    return unicodedata.normalize("NFC", str(value if value is not None else "")).strip()


def _table(rows):
    header = None
    records = []
    limit = settings.IMPORT_MAX_ROWS
    for number, cells in enumerate(rows, start=1):
        if number > limit + 1:  # the header, then at most limit rows
            raise ImportFileError(
                f"Tệp có hơn {_number(limit)} dòng dữ liệu; hãy chia thành nhiều tệp."
            )
        cells = [_clean(cell) for cell in cells]
        if not any(cells):
            continue
        if header is None:
            header = [header_key(cell) for cell in cells]
            seen = set()
            for original, key in zip(cells, header, strict=True):
                if key and key in seen:
                    raise ImportFileError(f"Cột “{original}” bị lặp lại ở dòng tiêu đề.")
                seen.add(key)
            continue
        record = {key: "" for key in header if key}
        for key, value in zip(header, cells, strict=False):
            if key:
                record[key] = value
        record[ROW] = number
        records.append(record)
    if header is None:
        raise ImportFileError("Tệp trống: không có dòng tiêu đề.")
    return records


def _columns(records, aliases, labels, required):
    """Map each field to the header key used for it in this file."""
    if not records:
        raise ImportFileError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    present = set(records[0]) - {ROW}
    columns = {}
    for name, keys in aliases.items():
        found = [key for key in keys if key in present]
        if len(found) > 1:
            raise ImportFileError(
                f"Cột “{labels[name]}” có nhiều tiêu đề cùng nghĩa: {', '.join(found)}."
            )
        if found:
            columns[name] = found[0]
    missing = [labels[name] for name in required if name not in columns]
    if missing:
        raise ImportFileError(f"Thiếu cột bắt buộc: {', '.join(missing)}.")
    return columns


def _values(record, columns):
    return {name: record.get(key, "") for name, key in columns.items()}


def _text_errors(values, labels, max_lengths):
    """Length and control-character problems of the plain-text cells of one row."""
    errors = []
    for name, limit in max_lengths.items():
        value = values.get(name, "")
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            errors.append(f"{labels[name]} chứa ký tự điều khiển (xuống dòng, tab…) không hợp lệ")
        elif limit and len(value) > limit:
            errors.append(
                f"{labels[name]} dài {_number(len(value))} ký tự, tối đa {_number(limit)} ký tự"
            )
    return errors


def _number(n):
    return f"{n:,}".replace(",", ".")  # Vietnamese groups thousands with dots


def _same_name_key(name):
    # Diacritics distinguish names ("Thôn Đông", "Thôn Đồng"); only case and spacing do not.
    return " ".join(name.split()).casefold()


# Finding organisations ---------------------------------------------------------------------


def _key(node):
    # Saved nodes by pk (the root may come as several instances), rows of the file by identity.
    return node.pk if node.pk is not None else ("row", id(node))


class _Subtree:
    """root's subtree, plus the rows of the file, findable by official code or folded name."""

    def __init__(self, root):
        self.root = root
        self.by_code = {}
        self.by_name = {}
        self.row_of = {}  # id(unsaved node) → row that creates it
        self.children = {}  # _key(parent) → {same-name key: node}
        self.elsewhere = {}  # reference → whether it names an organisation outside the subtree
        nodes = list(
            Organisation.objects.filter(path__startswith=root.path).only(
                "id", "path", "depth", "numchild", "name", "code", "level_id", "active_to", "kind"
            )
        )
        by_path = {node.path: node for node in nodes}
        for node in nodes:
            self._index(node)
            parent = by_path.get(node.path[: -Organisation.steplen])
            if node.depth > root.depth and parent is not None and node.active_to is None:
                self.children.setdefault(_key(parent), {})[_same_name_key(node.name)] = node

    def _index(self, node):
        if node.code:
            self.by_code.setdefault(node.code, []).append(node)
        self.by_name.setdefault(fold(node.name), []).append(node)

    def add_row(self, node, row):
        self.row_of[id(node)] = row
        self._index(node)

    def find(self, reference):
        """(organisation, None) or (None, Vietnamese reason)."""
        candidates = self.by_code.get(reference) or self.by_name.get(fold(reference)) or []
        if len(candidates) > 1:
            active = [node for node in candidates if node.active_to is None]
            candidates = active if active else candidates
        if len(candidates) == 1:
            return candidates[0], None
        if candidates:
            return None, (
                f"có {len(candidates)} đơn vị tên “{reference}” trong {self.root.name}; "
                "hãy ghi mã đơn vị thay cho tên"
            )
        if self._exists_elsewhere(reference):
            return None, f"đơn vị “{reference}” không thuộc {self.root.name}"
        return None, f"không tìm thấy đơn vị “{reference}” trong {self.root.name}"

    def _exists_elsewhere(self, reference):
        if reference not in self.elsewhere:
            self.elsewhere[reference] = (
                Organisation.objects.filter(code=reference).exists()
                or Organisation.objects.filter(name__iexact=reference).exists()
            )
        return self.elsewhere[reference]

    def sibling(self, parent, name):
        return self.children.get(_key(parent), {}).get(_same_name_key(name))

    def add_child(self, parent, node):
        self.children.setdefault(_key(parent), {})[_same_name_key(node.name)] = node


def organisation_by_reference(reference):
    """The active organisation with this official code, else the one with this id, else None."""
    reference = (reference or "").strip()
    by_code = list(Organisation.objects.active().filter(code=reference)[:2])
    if len(by_code) == 1:
        return by_code[0]
    if reference.isdigit():
        return Organisation.objects.filter(pk=int(reference)).first()
    return None


# Organisations -----------------------------------------------------------------------------


def _kind_lookup():
    exact, folded = {}, {}
    for kind in Organisation.Kind:
        folded[fold(kind.value)] = kind
        folded[fold(kind.label)] = kind
    for word in VILLAGE_WORDS:
        folded[fold(word)] = Organisation.Kind.VILLAGE
    for word in VILLAGE_WORDS_EXACT:
        exact[word] = Organisation.Kind.VILLAGE
    return exact, folded


def _level_lookup(levels):
    lookup = {}
    for level in levels:
        lookup[fold(level.name)] = level
        lookup[fold(level.code)] = level
    return lookup


def import_organisations(uploaded_file, *, root, by):
    """Create one organisation per row under root, or under the row's parent in root's subtree.

    All rows are validated first; on any error nothing is created and every error is returned.
    """
    records = read_table(uploaded_file)
    columns = _columns(records, ORG_COLUMNS, ORG_LABELS, ORG_REQUIRED)
    max_lengths = {name: Organisation._meta.get_field(name).max_length for name in ORG_TEXT_FIELDS}
    max_lengths["parent"] = Organisation._meta.get_field("name").max_length
    max_lengths["kind"] = max_lengths["level"] = 255
    exact_kinds, folded_kinds = _kind_lookup()

    with transaction.atomic():
        # Imports into the same subtree queue up here, so their name checks cannot interleave.
        root = Organisation.objects.select_for_update().get(pk=root.pk)
        levels = list(Level.objects.all())
        level_by_key = _level_lookup(levels)
        village_level = next((level for level in levels if level.code == "thon"), None)
        subtree = _Subtree(root)
        file_codes = {_values(r, columns).get("code", "") for r in records} - {""}
        used_codes = dict(
            Organisation.objects.active().filter(code__in=file_codes).values_list("code", "name")
        )
        rows_by_name = {}
        for record in records:
            rows_by_name.setdefault(fold(_values(record, columns)["name"]), record[ROW])

        errors = []
        planned = []  # (node, parent) in file order
        code_rows = {}
        for record in records:
            row = record[ROW]
            values = _values(record, columns)
            problems = _text_errors(values, ORG_LABELS, max_lengths)
            name = values["name"]
            if not name:
                problems.append("thiếu tên đơn vị")

            kind = None
            kind_text = values["kind"]
            if not kind_text:
                problems.append("thiếu loại đơn vị")
            else:
                kind = exact_kinds.get(kind_text.lower()) or folded_kinds.get(fold(kind_text))
                if kind is None:
                    problems.append(f"loại đơn vị '{kind_text}' không hợp lệ")

            parent, parent_text = root, values.get("parent", "")
            if parent_text:
                parent, reason = subtree.find(parent_text)
                if parent is None:
                    later = rows_by_name.get(fold(parent_text))
                    if later is not None and later > row:
                        reason = (
                            f"đơn vị cha “{parent_text}” ở dòng {later} phải đứng trước dòng này"
                        )
                    problems.append(reason)

            level = None
            level_text = values.get("level", "")
            if level_text:
                level = level_by_key.get(fold(level_text))
                if level is None:
                    problems.append(f"cấp '{level_text}' không hợp lệ")
            elif kind == Organisation.Kind.VILLAGE:
                level = village_level
                if level is None:
                    problems.append("chưa có cấp thôn trong danh mục cấp hành chính")
            elif parent is not None and parent.level_id is not None:
                level = next((lv for lv in levels if lv.pk == parent.level_id), None)

            code = values.get("code", "")
            if code and len(code) <= max_lengths["code"]:
                if code in code_rows:
                    problems.append(f"mã '{code}' trùng với dòng {code_rows[code]}")
                elif code in used_codes:
                    problems.append(f"mã '{code}' đã được dùng cho {used_codes[code]}")
                code_rows.setdefault(code, row)

            name_ok = name and len(name) <= max_lengths["name"]
            if name_ok and parent is not None:
                twin = subtree.sibling(parent, name)
                if twin is not None and id(twin) in subtree.row_of:
                    problems.append(
                        f"trùng tên “{name}” với dòng {subtree.row_of[id(twin)]} "
                        "trong cùng đơn vị cha"
                    )
                elif twin is not None:
                    problems.append(f"đã có đơn vị “{twin.name}” trong {parent.name}")

            node = Organisation(
                kind=kind or "",
                level=level,
                name=name,
                short_name=values.get("short_name", ""),
                symbol=values.get("symbol", ""),
                parent_body_line=values.get("parent_body_line", ""),
                place=values.get("place", ""),
                code=code,
            )
            if name_ok:
                # Even a faulty row is indexed, so that its children do not report it missing.
                subtree.add_row(node, row)
                if parent is not None:
                    subtree.add_child(parent, node)
            errors.extend(RowError(row, problem) for problem in problems)
            planned.append((node, parent))

        if errors:
            return ImportResult(created=0, errors=errors)
        _create_in_generations(planned)
        _import_entry(by, root, "đơn vị", len(planned)).save()
    return ImportResult(created=len(planned), errors=[])


def _create_in_generations(planned):
    """bulk_add_children per parent; rows whose parent is another row wait for it."""
    remaining = planned
    while remaining:
        groups, waiting = {}, []
        for node, parent in remaining:
            if parent.pk is None:
                waiting.append((node, parent))
            else:
                groups.setdefault(_key(parent), (parent, []))[1].append(node)
        if not groups:  # cannot happen: a parent row always comes before its children
            raise RuntimeError("import rows wait for parents that are never created")
        for parent, nodes in groups.values():
            bulk_add_children(parent, nodes)
        remaining = waiting


# Users -------------------------------------------------------------------------------------


def _role_lookup():
    lookup = {}
    for role in Membership.Role:
        lookup[fold(role.value)] = role
        lookup[fold(role.label)] = role
    return lookup


# Django's Vietnamese catalogue lacks some of these (the minimum length stays English).
PASSWORD_MESSAGES = {
    "password_too_short": "quá ngắn, cần ít nhất {min_length} ký tự",
    "password_too_common": "quá phổ biến",
    "password_entirely_numeric": "chỉ gồm chữ số",
    "password_too_similar": "quá giống {verbose_name}",
}


def _password_problem(error):
    """Vietnamese reasons for a rejected password; the password itself is never echoed."""
    reasons = []
    for item in error.error_list:
        params = {key: str(value).lower() for key, value in (item.params or {}).items()}
        template = PASSWORD_MESSAGES.get(item.code)
        reasons.append(template.format(**params) if template else " ".join(item.messages))
    return "mật khẩu chưa đạt yêu cầu: " + "; ".join(reasons)


def import_users(uploaded_file, *, root, by):
    """Create accounts with roles in organisations of root's subtree; all rows or none.

    An existing username only gains the memberships of its rows: its name, email and password
    stay as they are. Rows without a password give an account that cannot log in yet.
    """
    User = get_user_model()
    records = read_table(uploaded_file)
    columns = _columns(records, USER_COLUMNS, USER_LABELS, USER_REQUIRED)
    username_field = User._meta.get_field(User.USERNAME_FIELD)
    max_lengths = {
        "username": username_field.max_length,
        "full_name": User._meta.get_field("first_name").max_length,
        "email": User._meta.get_field("email").max_length,
        "organisation": Organisation._meta.get_field("name").max_length,
        "role": 255,
        "password": 4096,
    }
    roles_by_key = _role_lookup()

    # No lock on root: the tree is only read, and passwords are hashed inside the transaction.
    with transaction.atomic():
        subtree = _Subtree(Organisation.objects.get(pk=root.pk))
        usernames = {
            User.normalize_username(_values(r, columns)["username"])
            for r in records
            if _values(r, columns)["username"]
        }
        # Exact names as well: SQLite's lower() leaves non-ASCII letters such as Đ as they are.
        existing = {
            user.username: user
            for user in User.objects.annotate(lower=Lower("username")).filter(
                Q(username__in=usernames) | Q(lower__in={u.lower() for u in usernames})
            )
        }
        existing_lower = {}
        for user in existing.values():
            existing_lower.setdefault(user.username.lower(), user)
        account_paths = {}  # existing account id → paths of its units, for the grant rules
        for user_id, path in Membership.objects.filter(
            user__in=[user.pk for user in existing.values()]
        ).values_list("user_id", "organisation__path"):
            account_paths.setdefault(user_id, []).append(path)

        errors = []
        first_rows = {}  # lower username → (row, values)
        new_users = {}  # username → unsaved User
        grants = []  # (user key, organisation, role)
        for record in records:
            row = record[ROW]
            values = _values(record, columns)
            problems = _text_errors(values, USER_LABELS, max_lengths)
            username = User.normalize_username(values["username"])
            full_name = values["full_name"]
            email = values.get("email", "")
            password = values.get("password", "")

            if not username:
                problems.append("thiếu tên đăng nhập")
            elif len(username) <= max_lengths["username"]:
                try:
                    username_field.run_validators(username)
                except ValidationError:
                    problems.append(
                        f"tên đăng nhập “{username}” chỉ được gồm chữ, số và các ký tự @ . + - _"
                    )
            if not full_name:
                problems.append("thiếu họ tên")
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    problems.append(f"email “{email}” không hợp lệ")

            organisation = None
            if not values["organisation"]:
                problems.append("thiếu đơn vị")
            else:
                organisation, reason = subtree.find(values["organisation"])
                if organisation is None:
                    problems.append(reason)

            roles = []
            for part in re.split(r"[,;]", values["role"]):
                if not part.strip():
                    continue
                role = roles_by_key.get(fold(part))
                if role is None:
                    problems.append(f"vai trò “{part.strip()}” không hợp lệ")
                elif role not in roles:
                    roles.append(role)
            if not values["role"].strip():
                problems.append("thiếu vai trò")

            account = existing.get(username)
            clash = existing_lower.get(username.lower())
            if username and account is None and clash is not None:
                problems.append(f"đã có tài khoản “{clash.username}” chỉ khác chữ hoa, chữ thường")
            earlier = first_rows.get(username.lower()) if username else None
            if earlier is not None:
                earlier_row, earlier_values = earlier
                if User.normalize_username(earlier_values["username"]) != username:
                    problems.append(
                        f"tên đăng nhập “{username}” chỉ khác chữ hoa, chữ thường "
                        f"với dòng {earlier_row}"
                    )
                for name in ("full_name", "email", "password"):
                    if values.get(name) and values.get(name) != earlier_values.get(name):
                        problems.append(
                            f"{USER_LABELS[name].lower()} khác với dòng {earlier_row} "
                            f"của cùng tên đăng nhập “{username}”"
                        )
            elif username:
                first_rows[username.lower()] = (row, values)
                if account is None and clash is None:
                    user = User(username=username, first_name=full_name, email=email)
                    if password:
                        try:
                            validate_password(password, user=user)
                        except ValidationError as exc:
                            problems.append(_password_problem(exc))
                    new_users[username] = user

            if by is not None and organisation is not None and username:
                # The same rules as a grant in the app: no role for oneself, none the importer
                # does not hold there, no account of an administrator or of another unit.
                target = account or new_users.get(username) or User(username=username)
                paths = account_paths.get(account.pk, []) if account is not None else []
                for role in roles:
                    refusal = grant_refusal(by, target, organisation, role, account_paths=paths)
                    if refusal and refusal not in problems:
                        problems.append(refusal)
            errors.extend(RowError(row, problem) for problem in problems)
            for role in roles:
                grants.append((username, organisation, role))

        if errors:
            return ImportResult(created=0, errors=errors)

        for username, user in new_users.items():
            password = first_rows[username.lower()][1].get("password", "")
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
        User.objects.bulk_create(new_users.values())
        accounts = {**existing, **new_users}
        held = set(
            Membership.objects.filter(user__in=[u.pk for u in existing.values()]).values_list(
                "user_id", "organisation_id", "role"
            )
        )
        memberships = []
        for username, organisation, role in grants:
            user = accounts[username]
            key = (user.pk, organisation.pk, role.value)
            if key not in held:
                held.add(key)
                memberships.append(Membership(user=user, organisation=organisation, role=role))
        Membership.objects.bulk_create(memberships)
        AuditEntry.objects.bulk_create(
            [_grant_entry(membership, by) for membership in memberships]
            + [_import_entry(by, root, "tài khoản", len(new_users), len(memberships))]
        )
        # A password typed into the file is known to whoever typed it: changed at first login.
        # An account without one is invited to set its own.
        AccountState.objects.bulk_create(
            AccountState(user=user, must_change_password=True)
            for user in new_users.values()
            if user.has_usable_password()
        )
        mailed = invite(new_users.values(), by=by, organisation=root)
    return ImportResult(
        created=len(new_users), errors=[], memberships=len(memberships), invitations=mailed
    )


def _grant_entry(membership, by):
    organisation, user = membership.organisation, membership.user
    return AuditEntry(
        action=AuditEntry.Action.ROLE_GRANTED,
        summary=f"Cấp vai trò “{membership.get_role_display().lower()}” tại {organisation.name} "
        f"cho {user.get_username()} (nhập từ tệp)",
        actor=by, actor_name=by.get_username() if by else "", user=user,
        user_name=user.get_username(),
        organisation=organisation, organisation_path=organisation.path,
        details={"role": membership.role, "import": True},
    )  # fmt: skip


def _import_entry(by, root, what, created, memberships=0):
    summary = f"Nhập {what} vào {root.name}: {created} mới"
    if memberships:
        summary += f", {memberships} vai trò được cấp"
    return AuditEntry(
        action=AuditEntry.Action.IMPORT, summary=summary, actor=by,
        actor_name=by.get_username() if by else "", organisation=root, organisation_path=root.path,
        details={"what": what, "created": created, "memberships": memberships},
    )  # fmt: skip
