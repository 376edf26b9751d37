import csv
import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from orgs.imports import (
    ImportFileError,
    RowError,
    import_organisations,
    import_users,
    read_table,
)
from orgs.models import Membership, Organisation
from orgs.services import add_organisation, ensure_levels

Kind = Organisation.Kind
HEADER = ["Tên đơn vị", "Loại", "Mã", "Đơn vị cha"]


def csv_file(rows, *, name="thon.csv", delimiter=",", bom=False):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows, *, name="thon.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def children(parent):
    parent = Organisation.objects.get(pk=parent.pk)  # numchild has changed since it was loaded
    return [org.name for org in Organisation.objects.get_children(parent)]


def tree_is_sound():
    return Organisation.objects.find_problems() == ([], [], [], [], [])


@pytest.fixture
def tree(db):
    """A province with two communes, each with one village, built through the services."""
    levels = ensure_levels()
    province = add_organisation(
        kind=Kind.AREA, level=levels["tinh"], name="Tỉnh Thử Nghiệm", code="91"
    )
    commune = add_organisation(
        parent=province, kind=Kind.AREA, level=levels["xa"], name="Xã An Bình", code="91001"
    )
    neighbour = add_organisation(
        parent=province, kind=Kind.AREA, level=levels["xa"], name="Xã Phú Lộc", code="91002"
    )
    add_organisation(parent=commune, kind=Kind.VILLAGE, level=levels["thon"], name="Thôn Đông")
    add_organisation(parent=neighbour, kind=Kind.VILLAGE, level=levels["thon"], name="Thôn Tây")
    return SimpleNamespace(levels=levels, province=province, commune=commune, neighbour=neighbour)


@pytest.fixture
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def import_into(tree, rows, **kwargs):
    return import_organisations(csv_file(rows, **kwargs), root=tree.commune, by=None)


# Organisations ------------------------------------------------------------------------------


def test_one_bad_row_among_a_thousand_imports_nothing_and_names_the_row(tree):
    rows = [HEADER] + [[f"Thôn {n}", "Thôn, tổ dân phố", "", ""] for n in range(1, 1001)]
    rows[600][1] = "thon xom"  # the 600th data row is spreadsheet row 601
    before = Organisation.objects.count()

    result = import_into(tree, rows)

    assert not result.ok
    assert result.created == 0
    assert result.errors == [RowError(601, "loại đơn vị 'thon xom' không hợp lệ")]
    assert str(result.errors[0]) == "Dòng 601: loại đơn vị 'thon xom' không hợp lệ"
    assert Organisation.objects.count() == before


def test_a_thousand_good_villages_are_inserted_in_a_few_queries_and_the_tree_stays_sound(
    tree, django_assert_max_num_queries
):
    rows = [HEADER] + [[f"Thôn {n}", "village", "", ""] for n in range(1, 1001)]

    # Not one insert a row: SQLite splits the bulk insert at 999 parameters, about 70 rows.
    with django_assert_max_num_queries(40):
        result = import_into(tree, rows)

    assert result.ok
    assert result.created == 1000
    names = children(tree.commune)
    assert names[:3] == ["Thôn Đông", "Thôn 1", "Thôn 2"]
    assert len(names) == 1001
    assert Organisation.objects.filter(name="Thôn 1000").get().level.code == "thon"
    assert tree_is_sound()


def test_a_good_xlsx_of_villages_imports_under_phuong_hoan_kiem(demo):
    hoan_kiem = Organisation.objects.get(code="00070")
    upload = xlsx_file(
        [
            ["Tên đơn vị", "Loại", "Tên viết tắt", "Địa danh"],
            ["Tổ dân phố Hàng Bạc", "Tổ dân phố", "TDP Hàng Bạc", "Hoàn Kiếm"],
            ["Tổ dân phố Hàng Đào", "tổ dân phố", None, "Hoàn Kiếm"],
        ]
    )

    result = import_organisations(upload, root=hoan_kiem, by=None)

    assert result.ok
    assert result.created == 2
    assert children(hoan_kiem) == ["Tổ dân phố Hàng Bạc", "Tổ dân phố Hàng Đào"]
    first = Organisation.objects.get(name="Tổ dân phố Hàng Bạc")
    assert (first.kind, first.level.code, first.short_name, first.place) == (
        "village",
        "thon",
        "TDP Hàng Bạc",
        "Hoàn Kiếm",
    )
    assert Organisation.objects.get(name="Tổ dân phố Hàng Đào").search_text == "to dan pho hang dao"
    assert Organisation.objects.find_problems(parent=hoan_kiem) == ([], [], [], [], [])


def test_parent_column_may_name_a_row_earlier_in_the_file_by_name_or_code(tree):
    rows = [
        ["Tên đơn vị", "Loại", "Mã", "Đơn vị cha"],
        ["Ban Chỉ đạo xã An Bình", "Ban Chỉ đạo", "BCD-AB", ""],
        ["Tổ công tác số 1", "Khác", "", "ban chi dao xa an binh"],
        ["Tổ công tác số 2", "other", "", "BCD-AB"],
        ["Nhóm tuyên truyền", "other", "", "Tổ công tác số 2"],
        ["Thôn Nam", "thôn", "", "Xã An Bình"],
    ]

    result = import_into(tree, rows)

    assert result.ok, [str(e) for e in result.errors]
    committee = Organisation.objects.get(code="BCD-AB")
    assert committee.level.code == "xa"  # the parent's level
    assert children(committee) == ["Tổ công tác số 1", "Tổ công tác số 2"]
    team = Organisation.objects.get(name="Tổ công tác số 2")
    assert children(team) == ["Nhóm tuyên truyền"]
    assert children(tree.commune) == ["Thôn Đông", "Ban Chỉ đạo xã An Bình", "Thôn Nam"]
    assert tree_is_sound()


def test_a_parent_written_below_its_child_is_reported_with_both_rows(tree):
    rows = [HEADER, ["Tổ 1", "other", "", "Tổ công tác"], ["Tổ công tác", "other", "", ""]]

    result = import_into(tree, rows)

    assert [str(e) for e in result.errors] == [
        "Dòng 2: đơn vị cha “Tổ công tác” ở dòng 3 phải đứng trước dòng này"
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["Tên đơn vị", "Loại", "Cấp"],
        ["ten don vi", "loai", "cap"],
        ["TEN_DON_VI", "LOAI", "CAP"],
        ["Tên", "Loại đơn vị", "cấp"],
        ["name", "kind", "level"],
        ["Tên đơn vị (*)", "Loại (*)", "Cấp"],
    ],
)
def test_headers_are_recognised_with_or_without_diacritics_case_or_underscores(tree, header):
    result = import_into(tree, [header, ["Thôn Bắc", "Thôn", "Cấp thôn"]])

    assert result.ok
    assert children(tree.commune) == ["Thôn Đông", "Thôn Bắc"]


def test_semicolon_csv_with_bom_is_read(tree):
    upload = csv_file(
        [["Tên đơn vị", "Loại"], ["Thôn Bắc, xóm 1", "Thôn"], ["Ấp Mới", "ấp"]],
        delimiter=";",
        bom=True,
    )

    assert read_table(upload)[0] == {"ten_don_vi": "Thôn Bắc, xóm 1", "loai": "Thôn", "_row": 2}
    result = import_organisations(upload, root=tree.commune, by=None)

    assert result.created == 2
    assert children(tree.commune) == ["Thôn Đông", "Thôn Bắc, xóm 1", "Ấp Mới"]


def test_cells_are_nfc_normalised_and_stripped_and_blank_rows_still_count(tree):
    decomposed = "Tho\u0302n Nam"
    rows = [HEADER, [f"  {decomposed}  ", " Thôn ", "", ""], ["", "", "", ""], ["Thôn Bắc", "x"]]

    result = import_into(tree, rows)

    assert [str(e) for e in result.errors] == ["Dòng 4: loại đơn vị 'x' không hợp lệ"]
    assert read_table(csv_file(rows))[0]["ten_don_vi"] == "Thôn Nam"


def test_html_in_a_name_is_stored_verbatim(tree):
    name = "<script>alert(1)</script> Thôn & Xóm"

    result = import_into(tree, [HEADER, [name, "Thôn", "", ""]])

    assert result.ok
    assert Organisation.objects.get(name=name).name == name


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("village", "village"),
        ("Thôn, tổ dân phố", "village"),
        ("THON, TO DAN PHO", "village"),
        ("Bản", "village"),
        ("khu pho", "village"),
        ("Ban Chỉ đạo", "committee"),
        ("ủy ban nhân dân", "government"),
        ("Sở, phòng, ban", "department"),
    ],
)
def test_kind_is_accepted_as_code_label_or_village_word(tree, kind, expected):
    result = import_into(tree, [HEADER, ["Đơn vị mới", kind, "", ""]])

    assert result.ok
    assert Organisation.objects.get(name="Đơn vị mới").kind == expected


def test_ban_without_diacritics_is_not_taken_for_a_village(tree):
    result = import_into(tree, [HEADER, ["Ban mới", "ban", "", ""]])

    assert [e.message for e in result.errors] == ["loại đơn vị 'ban' không hợp lệ"]


def test_level_defaults_to_thon_for_villages_and_to_the_parents_level_otherwise(tree):
    rows = [
        ["Tên", "Loại", "Cấp"],
        ["Thôn Bắc", "Thôn", ""],
        ["Phòng Văn hóa", "department", ""],
        ["Hội Phụ nữ", "Hội Liên hiệp Phụ nữ", "Cấp tỉnh"],
    ]

    assert import_into(tree, rows).ok
    levels = dict(
        Organisation.objects.filter(
            name__in=["Thôn Bắc", "Phòng Văn hóa", "Hội Phụ nữ"]
        ).values_list("name", "level__code")
    )
    assert levels == {"Thôn Bắc": "thon", "Phòng Văn hóa": "xa", "Hội Phụ nữ": "tinh"}


def test_every_bad_row_is_reported_at_once_with_its_row_number(tree):
    rows = [
        HEADER,
        ["Thôn 1", "thon xom", "", ""],  # 2
        ["Thôn 2", "Thôn", "", "Xã Không Có"],  # 3
        ["Thôn 3", "Thôn", "", "91002"],  # 4: Xã Phú Lộc, outside Xã An Bình
        ["Thôn Đông", "Thôn", "", ""],  # 5: already in the database
        ["Thôn 5", "Thôn", "", ""],  # 6
        ["thôn  5", "Thôn", "", ""],  # 7: same name as row 6
        ["", "", "", ""],  # 8: blank, skipped
        ["", "Thôn", "", ""],  # 9
        ["Thôn 9", "", "", ""],  # 10
    ]
    before = Organisation.objects.count()

    result = import_into(tree, rows)

    assert [str(e) for e in result.errors] == [
        "Dòng 2: loại đơn vị 'thon xom' không hợp lệ",
        "Dòng 3: không tìm thấy đơn vị “Xã Không Có” trong Xã An Bình",
        "Dòng 4: đơn vị “91002” không thuộc Xã An Bình",
        "Dòng 5: đã có đơn vị “Thôn Đông” trong Xã An Bình",
        "Dòng 7: trùng tên “thôn  5” với dòng 6 trong cùng đơn vị cha",
        "Dòng 9: thiếu tên đơn vị",
        "Dòng 10: thiếu loại đơn vị",
    ]
    assert Organisation.objects.count() == before


def test_names_differing_only_in_diacritics_are_different_villages(tree):
    result = import_into(tree, [HEADER, ["Thôn Đồng", "Thôn", "", ""]])

    assert result.ok
    assert children(tree.commune) == ["Thôn Đông", "Thôn Đồng"]


def test_a_20000_character_name_is_an_error_not_a_crash(tree):
    result = import_into(tree, [HEADER, ["x" * 20_000, "Thôn", "", ""]])

    assert [str(e) for e in result.errors] == [
        "Dòng 2: Tên đơn vị dài 20.000 ký tự, tối đa 255 ký tự"
    ]


def test_control_characters_in_a_name_are_rejected(tree):
    result = import_into(tree, [HEADER, ["Thôn\x00Bắc", "Thôn", "", ""]])

    assert [e.row for e in result.errors] == [2]
    assert "ký tự điều khiển" in result.errors[0].message


def test_code_must_be_unique_among_active_organisations_and_within_the_file(tree):
    rows = [
        HEADER,
        ["Thôn A", "Thôn", "91002", ""],
        ["Thôn B", "Thôn", "T-01", ""],
        ["Thôn C", "Thôn", "T-01", ""],
    ]

    result = import_into(tree, rows)

    assert [str(e) for e in result.errors] == [
        "Dòng 2: mã '91002' đã được dùng cho Xã Phú Lộc",
        "Dòng 4: mã 'T-01' trùng với dòng 3",
    ]


def test_code_of_an_inactive_organisation_may_be_reused(tree):
    Organisation.objects.filter(pk=tree.neighbour.pk).update(active_to="2025-07-01")

    result = import_into(tree, [HEADER, ["Thôn A", "Thôn", "91002", ""]])

    assert result.ok


def test_an_ambiguous_parent_name_asks_for_the_code(tree):
    root = tree.province
    rows = [HEADER, ["Thôn Mới", "Thôn", "", ""], ["Thôn Mới", "Thôn", "", "Xã An Bình"]]
    assert import_organisations(csv_file(rows), root=root, by=None).ok

    result = import_organisations(
        csv_file([HEADER, ["Tổ 1", "other", "", "thon moi"]]), root=root, by=None
    )

    assert [e.message for e in result.errors] == [
        "có 2 đơn vị tên “thon moi” trong Tỉnh Thử Nghiệm; hãy ghi mã đơn vị thay cho tên"
    ]


def test_an_unknown_level_is_an_error(tree):
    result = import_into(tree, [["Tên", "Loại", "Cấp"], ["Thôn A", "Thôn", "cấp bộ"]])

    assert [e.message for e in result.errors] == ["cấp 'cấp bộ' không hợp lệ"]


def test_xlsx_numbers_are_read_as_text(tree):
    upload = xlsx_file([["Tên", "Loại", "Mã"], ["Thôn 7", "Thôn", 1234], ["Thôn 8", "Thôn", 5.0]])

    assert [row["ma"] for row in read_table(upload)] == ["1234", "5"]


def test_a_missing_required_header_is_a_file_error(tree):
    upload = csv_file([["Tên đơn vị", "Mã"], ["Thôn A", "1"]])

    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: Loại"):
        import_organisations(upload, root=tree.commune, by=None)
    assert children(tree.commune) == ["Thôn Đông"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("thon.xls", b"\xd0\xcf\x11\xe0"), "chỉ nhận tệp .csv"),
        (SimpleUploadedFile("thon.txt", "Tên,Loại\nA,Thôn\n".encode()), "chỉ nhận tệp .csv"),
        (SimpleUploadedFile("thon.csv", "Tên,Loại\nThôn Ấp,Thôn\n".encode("utf-16")), "UTF-8"),
        (SimpleUploadedFile("thon.csv", b""), "Tệp trống"),
        (SimpleUploadedFile("thon.csv", "Tên,Loại\n".encode()), "không có dòng dữ liệu"),
        (SimpleUploadedFile("thon.xlsx", b"not a zip"), "Không đọc được tệp Excel"),
        (SimpleUploadedFile("thon.csv", "Tên,Tên\nA,B\n".encode()), "bị lặp lại"),
    ],
)
def test_unreadable_files_raise_a_vietnamese_file_error(tree, upload, message):
    with pytest.raises(ImportFileError, match=message):
        import_organisations(upload, root=tree.commune, by=None)


def test_import_orgs_command_prints_a_summary(tree, tmp_path, capsys):
    path = tmp_path / "thon.csv"
    path.write_bytes(csv_file([HEADER, ["Thôn Bắc", "Thôn", "", ""]]).read())

    call_command("import_orgs", str(path), "--root", "91001")

    assert capsys.readouterr().out == "Đã nhập 1 đơn vị vào Xã An Bình.\n"
    assert children(tree.commune) == ["Thôn Đông", "Thôn Bắc"]


def test_import_orgs_command_prints_each_error_and_fails(tree, tmp_path, capsys):
    path = tmp_path / "thon.csv"
    path.write_bytes(csv_file([HEADER, ["Thôn Bắc", "xx", "", ""], ["Thôn Đông", "Thôn"]]).read())

    with pytest.raises(CommandError, match="Không nhập dòng nào: tệp có 2 lỗi"):
        call_command("import_orgs", str(path), "--root", str(tree.commune.pk))

    assert capsys.readouterr().err.splitlines() == [
        "Dòng 2: loại đơn vị 'xx' không hợp lệ",
        "Dòng 3: đã có đơn vị “Thôn Đông” trong Xã An Bình",
    ]
    assert children(tree.commune) == ["Thôn Đông"]


def test_import_orgs_command_rejects_an_unknown_root(tree, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị gốc"):
        call_command("import_orgs", str(tmp_path / "x.csv"), "--root", "ABC")


# Users --------------------------------------------------------------------------------------

USER_HEADER = ["Tên đăng nhập", "Họ tên", "Email", "Đơn vị", "Vai trò", "Mật khẩu"]


def import_people(tree, rows, **kwargs):
    return import_users(csv_file(rows, name="nguoi-dung.csv"), root=tree.province, by=None)


def roles_of(username):
    return sorted(
        Membership.objects.filter(user__username=username).values_list("organisation__name", "role")
    )


def test_users_are_imported_with_roles_written_in_vietnamese(tree, fast_hasher):
    rows = [
        USER_HEADER,
        ["an.nguyen", "Nguyễn Văn An", "an@example.vn", "Xã An Bình", "Soạn thảo, Phê duyệt", ""],
        ["binh", "Trần Thị Bình", "", "91002", "van thu", "Mật-khẩu-đủ-dài-2025"],
    ]

    result = import_people(tree, rows)

    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.memberships) == (2, 3)
    an = get_user_model().objects.get(username="an.nguyen")
    assert (an.first_name, an.last_name, an.email) == ("Nguyễn Văn An", "", "an@example.vn")
    assert not an.has_usable_password()
    assert roles_of("an.nguyen") == [("Xã An Bình", "approver"), ("Xã An Bình", "editor")]
    assert roles_of("binh") == [("Xã Phú Lộc", "clerk")]
    assert authenticate(username="binh", password="Mật-khẩu-đủ-dài-2025") is not None


def test_bad_email_unknown_organisation_and_role_import_no_user_at_all(tree, fast_hasher):
    rows = [
        USER_HEADER,
        ["an", "Nguyễn Văn An", "an@example.vn", "Xã An Bình", "Xem", ""],
        ["binh", "Trần Thị Bình", "binh@@example", "Xã An Bình", "Xem", ""],
        ["chi", "Lê Thị Chi", "", "Xã Không Có", "Xem", ""],
        ["dung", "Phạm Dũng", "", "Xã An Bình", "Chủ tịch", ""],
        ["em", "Võ Em", "", "Xã An Bình", "Xem", "123"],
    ]
    before = get_user_model().objects.count()

    result = import_people(tree, rows)

    messages = [str(e) for e in result.errors]
    assert messages[:3] == [
        "Dòng 3: email “binh@@example” không hợp lệ",
        "Dòng 4: không tìm thấy đơn vị “Xã Không Có” trong Tỉnh Thử Nghiệm",
        "Dòng 5: vai trò “Chủ tịch” không hợp lệ",
    ]
    assert messages[3] == (
        "Dòng 6: mật khẩu chưa đạt yêu cầu: quá ngắn, cần ít nhất 8 ký tự; quá phổ biến; "
        "chỉ gồm chữ số"
    )
    assert get_user_model().objects.count() == before
    assert Membership.objects.count() == 0


def test_an_existing_username_gains_the_membership_but_keeps_name_and_password(demo):
    quyet_thang = Organisation.objects.get(kind=Kind.COMMITTEE, place="Quyết Thắng")
    rows = [
        USER_HEADER,
        ["quyetthang-editor", "Tên Khác", "", quyet_thang.name, "Phê duyệt", "mat-khau-moi-123"],
    ]

    result = import_users(csv_file(rows), root=quyet_thang, by=None)

    assert (result.ok, result.created, result.memberships) == (True, 0, 1)
    user = authenticate(username="quyetthang-editor", password="demo12345")
    assert user is not None
    assert user.first_name != "Tên Khác"
    assert sorted(user.memberships.values_list("role", flat=True)) == ["approver", "editor"]


def test_a_password_like_the_username_is_refused_in_vietnamese(tree):
    rows = [USER_HEADER, ["nguyenvanan", "Nguyễn Văn An", "", "Xã An Bình", "Xem", "nguyenvanan1"]]

    result = import_people(tree, rows)

    assert [e.message for e in result.errors] == [
        "mật khẩu chưa đạt yêu cầu: quá giống tên đăng nhập"
    ]


def test_a_username_repeated_in_the_file_gets_roles_in_both_organisations(tree):
    rows = [
        USER_HEADER,
        ["an", "Nguyễn Văn An", "", "Xã An Bình", "editor", ""],
        ["an", "Nguyễn Văn An", "", "Xã Phú Lộc", "viewer", ""],
        ["An", "Nguyễn Văn An", "", "Xã Phú Lộc", "viewer", ""],
        ["an", "Người Khác", "", "Xã Phú Lộc", "viewer", ""],
    ]

    result = import_people(tree, rows)

    assert [str(e) for e in result.errors] == [
        "Dòng 4: tên đăng nhập “An” chỉ khác chữ hoa, chữ thường với dòng 2",
        "Dòng 5: họ tên khác với dòng 2 của cùng tên đăng nhập “an”",
    ]

    result = import_people(tree, rows[:3])

    assert (result.created, result.memberships) == (1, 2)
    assert roles_of("an") == [("Xã An Bình", "editor"), ("Xã Phú Lộc", "viewer")]


def test_a_username_differing_only_in_case_from_an_account_is_an_error(tree):
    get_user_model().objects.create_user("an.nguyen")

    result = import_people(tree, [USER_HEADER, ["An.Nguyen", "An", "", "Xã An Bình", "Xem", ""]])

    assert [e.message for e in result.errors] == [
        "đã có tài khoản “an.nguyen” chỉ khác chữ hoa, chữ thường"
    ]


def test_users_outside_the_root_subtree_are_refused(tree):
    rows = [USER_HEADER, ["an", "An", "", "Xã Phú Lộc", "Xem", ""]]

    result = import_users(csv_file(rows), root=tree.commune, by=None)

    assert [e.message for e in result.errors] == ["đơn vị “Xã Phú Lộc” không thuộc Xã An Bình"]


def test_users_from_xlsx_with_english_headers(tree):
    upload = xlsx_file(
        [
            ["username", "full_name", "organisation", "role"],
            ["an", "Nguyễn Văn An", "91001", "viewer; editor"],
        ]
    )

    result = import_users(upload, root=tree.province, by=None)

    assert result.ok
    assert roles_of("an") == [("Xã An Bình", "editor"), ("Xã An Bình", "viewer")]


def test_users_file_without_the_role_column_is_a_file_error(tree):
    upload = csv_file([["Tên đăng nhập", "Họ tên", "Đơn vị"], ["an", "An", "Xã An Bình"]])

    with pytest.raises(ImportFileError, match="Thiếu cột bắt buộc: Vai trò"):
        import_users(upload, root=tree.province, by=None)


def test_import_users_command_prints_a_summary(tree, tmp_path, capsys):
    path = tmp_path / "nguoi-dung.xlsx"
    path.write_bytes(
        xlsx_file(
            [USER_HEADER, ["an", "Nguyễn Văn An", "", "Xã An Bình", "Xem, Văn thư", ""]]
        ).read()
    )

    call_command("import_users", str(path), "--root", "91")

    assert capsys.readouterr().out == "Đã tạo 1 tài khoản và gán 2 vai trò trong Tỉnh Thử Nghiệm.\n"
