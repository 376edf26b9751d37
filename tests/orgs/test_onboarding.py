"""Onboarding a unit in the app (issue 12, item 6): adding, renaming, moving and closing one
unit with effective dates, the guided set-up of a commune, the import templates, help pages."""

import io
from datetime import date

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgs.imports import ORG_COLUMNS, USER_COLUMNS, header_key, import_organisations, import_users
from orgs.models import AuditEntry, CommitteeMember, Membership, Organisation
from orgs.services import OrgError, close_organisation, move_organisation, rename_organisation
from orgs.templates_xlsx import headers
from plans import services, workflow

Kind = Organisation.Kind
CHANGED = AuditEntry.Action.ORGANISATION_CHANGED
HOSTILE = {
    "a NUL byte": "Thôn\x00Đông",
    "5,000 characters": "Đ" * 5000,
}


def logged_in(client, user):
    client.force_login(user)
    return client


def fresh(org):
    return Organisation.objects.get(pk=org.pk)


# Adding one unit ----------------------------------------------------------------------------


def test_a_commune_editor_adds_a_village_with_its_start_date_and_the_log_says_so(client, tree):
    commune = tree.orgs["commune_one"]
    level = fresh(tree.orgs["village_one"]).level
    response = logged_in(client, tree.users["own_editor"]).post(
        reverse("orgs:unit_add", args=[commune.pk]),
        {
            "kind": "village",
            "level": level.pk,
            "name": "  Thôn   Đông ",
            "active_from": "2025-07-01",
        },
    )
    village = Organisation.objects.get(name="Thôn Đông")
    assert response.status_code == 302 and response.url == reverse("orgs:detail", args=[village.pk])
    assert Organisation.objects.get_parent(village) == commune
    assert village.active_from == date(2025, 7, 1)
    entry = AuditEntry.objects.get(action=CHANGED, organisation=village)
    assert entry.actor == tree.users["own_editor"] and "Thôn Đông" in entry.summary


def test_a_unit_with_the_name_of_a_sibling_is_refused_next_to_the_name(client, tree):
    commune = tree.orgs["commune_one"]
    response = logged_in(client, tree.users["own_editor"]).post(
        reverse("orgs:unit_add", args=[commune.pk]),
        {"kind": "village", "level": fresh(commune).level.pk, "name": "thôn một-1"},
    )
    assert response.status_code == 200
    assert "Đã có đơn vị “Thôn Một-1” trong Xã Một." in response.context["form"].errors["name"]
    assert Organisation.objects.filter(name__iexact="thôn một-1").count() == 1


@pytest.mark.parametrize("what", HOSTILE)
def test_a_hostile_name_for_a_new_unit_is_refused_in_vietnamese_and_kept(client, tree, what):
    commune = tree.orgs["commune_one"]
    before = Organisation.objects.count()
    response = logged_in(client, tree.users["own_editor"]).post(
        reverse("orgs:unit_add", args=[commune.pk]),
        {"kind": "village", "level": fresh(commune).level.pk, "name": HOSTILE[what]},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["name"]
    assert errors and all(any(ch in e for ch in "ảãạáàýđưôơêâă") for e in errors), errors
    assert response.context["form"]["name"].value() == HOSTILE[what]
    assert Organisation.objects.count() == before


def test_markup_in_a_unit_name_is_stored_as_text_and_shown_escaped(client, tree):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["own_editor"])
    c.post(
        reverse("orgs:unit_add", args=[commune.pk]),
        {
            "kind": "village",
            "level": fresh(commune).level.pk,
            "name": "<b>Thôn</b><script>x</script>",
        },
    )
    village = Organisation.objects.get(name="<b>Thôn</b><script>x</script>")
    page = c.get(reverse("orgs:detail", args=[village.pk])).content.decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page


def test_a_unit_cannot_be_added_with_a_level_above_its_parent(client, tree):
    province_level = fresh(tree.orgs["province"]).level
    response = logged_in(client, tree.users["own_editor"]).post(
        reverse("orgs:unit_add", args=[tree.orgs["commune_one"].pk]),
        {"kind": "area", "level": province_level.pk, "name": "Tỉnh Giả"},
    )
    assert response.status_code == 200 and "level" in response.context["form"].errors


def test_a_commune_outside_an_editors_scope_is_not_found_when_she_adds_a_unit(client, tree):
    response = logged_in(client, tree.users["own_editor"]).post(
        reverse("orgs:unit_add", args=[tree.orgs["commune_two"].pk]),
        {"kind": "village", "level": fresh(tree.orgs["commune_two"]).level.pk, "name": "Thôn X"},
    )
    assert response.status_code == 404
    assert not Organisation.objects.filter(name="Thôn X").exists()


# Renaming -----------------------------------------------------------------------------------


def test_renaming_a_commune_keeps_the_old_name_and_the_date_in_the_log(client, tree):
    commune = tree.orgs["commune_one"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_rename", args=[commune.pk]),
        {"name": "Xã Một Mới", "short_name": "Một Mới", "on": "2025-07-01"},
    )
    assert response.status_code == 302
    assert fresh(commune).name == "Xã Một Mới"
    assert Organisation.objects.search("mot moi").filter(pk=commune.pk).exists()
    entry = AuditEntry.objects.get(action=CHANGED, organisation=commune)
    assert entry.details["renamed"]["old_name"] == "Xã Một"
    assert entry.details["renamed"]["from"] == "2025-07-01"
    assert "01/07/2025" in entry.summary


@pytest.mark.parametrize("what", HOSTILE)
def test_a_hostile_new_name_is_refused_next_to_the_field_and_kept(client, tree, what):
    commune = tree.orgs["commune_one"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_rename", args=[commune.pk]), {"name": HOSTILE[what], "on": "2025-07-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["form"]["name"].value() == HOSTILE[what]
    assert fresh(commune).name == "Xã Một"


def test_a_rename_dated_in_year_20226_is_refused(client, tree):
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_rename", args=[tree.orgs["commune_one"].pk]),
        {"name": "Xã Khác", "on": "20226-01-01"},
    )
    assert response.status_code == 200 and response.context["form"].errors["on"]


# Moving -------------------------------------------------------------------------------------


def test_the_province_editor_moves_a_village_to_the_other_commune_with_its_history(client, tree):
    village, target = tree.orgs["village_one"], tree.orgs["commune_two"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_move", args=[village.pk]), {"target": target.pk, "on": "2025-07-01"}
    )
    assert response.status_code == 302
    assert Organisation.objects.get_parent(fresh(village)) == target
    assert fresh(tree.orgs["commune_one"]).numchild == 2
    assert fresh(target).numchild == 2
    entry = AuditEntry.objects.get(action=CHANGED, organisation=village)
    assert entry.details["moved"]["from"] == "Xã Một" and entry.details["moved"]["to"] == "Xã Hai"
    # The child editor still holds her role in the village, now under Xã Hai.
    assert Membership.objects.filter(user=tree.users["child_editor"], organisation=village).exists()


def test_a_commune_cannot_be_moved_into_its_own_village(client, tree):
    commune = tree.orgs["commune_one"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_move", args=[commune.pk]),
        {"target": tree.orgs["committee_one"].pk, "on": "2025-07-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"] == [
        "Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó."
    ]
    assert str(response.context["form"]["target"].value()) == str(tree.orgs["committee_one"].pk)
    assert Organisation.objects.get_parent(fresh(commune)) == tree.orgs["province"]


def test_a_unit_cannot_be_moved_under_a_unit_outside_ones_scope(client, tree):
    village = tree.orgs["village_one"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_move", args=[village.pk]),
        {"target": tree.orgs["other_province"].pk, "on": "2025-07-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    assert Organisation.objects.get_parent(fresh(village)) == tree.orgs["commune_one"]


def test_a_commune_editor_cannot_move_her_own_commune(tree):
    with pytest.raises(OrgError, match="không quản lý đơn vị cấp trên"):
        move_organisation(tree.orgs["commune_one"], tree.orgs["commune_two"], on=date(2025, 7, 1),
                          by=tree.users["own_editor"])  # fmt: skip


def test_a_target_that_is_not_a_number_is_refused_next_to_the_field(client, tree):
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_move", args=[tree.orgs["village_one"].pk]),
        {"target": "1\x00<b>", "on": "2025-07-01"},
    )
    assert response.status_code == 200 and response.context["form"].errors["target"]


# Closing ------------------------------------------------------------------------------------


def test_closing_a_commune_closes_its_units_and_keeps_them(client, tree):
    commune = tree.orgs["commune_one"]
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_close", args=[commune.pk]), {"on": "2025-07-01", "confirm": "on"}
    )
    assert response.status_code == 302
    assert fresh(commune).active_to == date(2025, 7, 1)
    assert fresh(tree.orgs["village_one"]).active_to == date(2025, 7, 1)
    assert fresh(tree.orgs["commune_two"]).active_to is None
    entry = AuditEntry.objects.get(action=CHANGED, organisation=commune)
    assert entry.details["closed"]["units_below"] == 3
    # Its page still opens and says it is closed.
    page = client.get(reverse("orgs:detail", args=[commune.pk])).content.decode()
    assert "hết hiệu lực từ 01/07/2025" in page


def test_a_unit_cannot_be_closed_twice_nor_before_it_started(tree):
    village = tree.orgs["village_one"]
    Organisation.objects.filter(pk=village.pk).update(active_from=date(2025, 1, 1))
    with pytest.raises(OrgError, match="phải sau ngày bắt đầu"):
        close_organisation(fresh(village), on=date(2024, 1, 1), by=tree.users["province_editor"])
    close_organisation(fresh(village), on=date(2025, 7, 1), by=tree.users["province_editor"])
    with pytest.raises(OrgError, match="đã ngừng hoạt động"):
        close_organisation(fresh(village), on=date(2025, 8, 1), by=tree.users["province_editor"])


def test_closing_without_the_confirmation_is_refused_next_to_the_box(client, tree):
    response = logged_in(client, tree.users["province_editor"]).post(
        reverse("orgs:unit_close", args=[tree.orgs["village_one"].pk]), {"on": "2025-07-01"}
    )
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    assert fresh(tree.orgs["village_one"]).active_to is None


def test_a_rename_refused_for_an_unchanged_name(tree):
    with pytest.raises(OrgError, match="trùng với tên hiện tại"):
        rename_organisation(tree.orgs["commune_one"], name="Xã Một", on=date(2025, 7, 1),
                            by=tree.users["province_editor"])  # fmt: skip


# The guided set-up -----------------------------------------------------------------------------


def step(client, unit, name, data):
    return client.post(reverse("orgs:setup", args=[unit.pk]), {"step": name, **data})


def accounts(rows, units=None):
    data = {"accounts-TOTAL_FORMS": 8, "accounts-INITIAL_FORMS": 0}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"accounts-{i}-{key}"] = value
    return data


def test_the_province_editor_sets_up_a_commune_step_by_step(client, tree, django_user_model):
    province = tree.orgs["province"]
    c = logged_in(client, tree.users["province_editor"])
    xa = fresh(tree.orgs["commune_one"]).level
    response = c.post(reverse("orgs:setup_start", args=[province.pk]),
                      {"kind": "area", "level": xa.pk, "name": "Xã Ba", "place": "Ba"})  # fmt: skip
    commune = Organisation.objects.get(name="Xã Ba")
    assert response.url == reverse("orgs:setup", args=[commune.pk])

    step(
        c, commune, "committee", {"committee-name": "Ban Chỉ đạo xã Ba", "committee-symbol": "BCĐ"}
    )
    committee = Organisation.objects.get(name="Ban Chỉ đạo xã Ba", kind=Kind.COMMITTEE)
    step(
        c,
        commune,
        "bodies",
        {"bodies-front": "Ủy ban MTTQ xã Ba", "bodies-women": "Hội Phụ nữ xã Ba"},
    )
    front = Organisation.objects.get(name="Ủy ban MTTQ xã Ba", kind=Kind.FRONT)
    assert Organisation.objects.get(name="Hội Phụ nữ xã Ba").kind == Kind.WOMEN
    step(c, commune, "seat", {"seat-position": "head", "seat-full_name": "Lê Văn Ba",
                              "seat-person_position": "Chủ tịch UBND xã"})  # fmt: skip
    step(c, commune, "seat", {"seat-position": "member", "seat-member_body": front.pk})
    assert [s.position for s in CommitteeMember.objects.filter(committee=committee)] == [
        "head", "member"]  # fmt: skip
    response = step(
        c,
        commune,
        "villages",
        {"villages-names": "Thôn Đông\r\n\r\n Thôn  Tây\nThôn Đông\nTổ dân phố 1"},
    )
    assert response.status_code == 302
    villages = Organisation.objects.get_children(fresh(commune)).filter(kind=Kind.VILLAGE)
    assert [v.name for v in villages] == ["Thôn Đông", "Thôn Tây", "Tổ dân phố 1"]
    dong = villages[0]
    response = step(c, commune, "accounts", accounts([
        {"username": "dong-head", "full_name": "Nguyễn Thị Đông", "organisation": dong.pk,
         "role": "viewer"},
        {"username": "ba-editor", "full_name": "Trần Văn Ba", "email": "ba@example.vn",
         "organisation": committee.pk, "role": "editor"},
    ]))  # fmt: skip
    assert response.status_code == 302
    head = django_user_model.objects.get(username="dong-head")
    assert not head.has_usable_password()
    assert Membership.objects.filter(user=head, organisation=dong, role="viewer").exists()
    page = c.get(reverse("orgs:setup", args=[commune.pk])).content.decode()
    assert "2 tài khoản chưa đặt mật khẩu" in page
    assert reverse("orgs:invitation_sheet", args=[commune.pk]) in page
    assert (
        AuditEntry.objects.filter(action=CHANGED, organisation__in=[commune, committee]).count()
        >= 3
    )


def test_the_set_up_refuses_a_role_the_manager_does_not_hold_on_its_row(client, tree):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["province_editor"])  # editor only: no approver, no clerk
    response = step(c, commune, "accounts", accounts([
        {"username": "ok-user", "full_name": "Người Một", "organisation": commune.pk,
         "role": "viewer"},
        {"username": "puppet", "full_name": "Người Hai", "organisation": commune.pk,
         "role": "approver"},
    ]))  # fmt: skip
    assert response.status_code == 200
    rows = response.context["forms"]["accounts"].forms
    assert not rows[0].non_field_errors()
    assert "không giữ vai trò “phê duyệt”" in rows[1].non_field_errors()[0]
    assert rows[1]["username"].value() == "puppet"
    assert not get_user_model().objects.filter(username__in=["ok-user", "puppet"]).exists()


def test_the_set_up_refuses_to_give_oneself_a_role(client, tree):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["province_editor"])
    response = step(c, commune, "accounts", accounts([
        {"username": "province_editor", "full_name": "Tôi", "organisation": commune.pk,
         "role": "editor"}]))  # fmt: skip
    assert "chính mình" in response.context["forms"]["accounts"].forms[0].non_field_errors()[0]


@pytest.mark.parametrize("what", HOSTILE)
def test_hostile_values_in_the_accounts_table_are_refused_next_to_the_field(client, tree, what):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["province_editor"])
    response = step(c, commune, "accounts", accounts([
        {"username": "x", "full_name": HOSTILE[what], "organisation": commune.pk,
         "role": "viewer"}]))  # fmt: skip
    assert response.status_code == 200
    row = response.context["forms"]["accounts"].forms[0]
    assert row.errors["full_name"] and row["full_name"].value() == HOSTILE[what]


def test_a_unit_outside_the_set_up_is_refused_in_the_accounts_table(client, tree):
    c = logged_in(client, tree.users["province_editor"])
    response = step(c, tree.orgs["commune_one"], "accounts", accounts([
        {"username": "x", "full_name": "X", "organisation": tree.orgs["other_province"].pk,
         "role": "viewer"}]))  # fmt: skip
    assert response.context["forms"]["accounts"].forms[0].errors["organisation"]


@pytest.mark.parametrize("what", HOSTILE)
def test_a_hostile_village_list_is_refused_and_kept(client, tree, what):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["own_editor"])
    response = step(c, commune, "villages", {"villages-names": f"Thôn A\n{HOSTILE[what]}"})
    assert response.status_code == 200
    form = response.context["forms"]["villages"]
    assert form.errors["names"] and form["names"].value() == f"Thôn A\n{HOSTILE[what]}"
    assert not Organisation.objects.filter(name="Thôn A").exists()


def test_markup_in_a_village_list_is_stored_as_text(client, tree):
    commune = tree.orgs["commune_one"]
    c = logged_in(client, tree.users["own_editor"])
    step(c, commune, "villages", {"villages-names": "<img src=x onerror=alert(1)>"})
    assert Organisation.objects.filter(name="<img src=x onerror=alert(1)>").exists()
    page = c.get(reverse("orgs:setup", args=[commune.pk])).content.decode()
    assert "<img src=x" not in page


def test_a_second_committee_is_refused(client, tree):
    c = logged_in(client, tree.users["own_editor"])
    response = step(c, tree.orgs["commune_one"], "committee", {"committee-name": "BCĐ 2",
                                                               "committee-symbol": "BCĐ"})  # fmt: skip
    # The commune has one: the page offers seats, not a second committee.
    assert response.status_code == 200
    assert (
        "đã có Ban Chỉ đạo xã Một" in response.context["forms"]["committee"].non_field_errors()[0]
    )


def test_a_commune_cannot_be_set_up_under_a_province_outside_ones_scope(client, tree):
    c = logged_in(client, tree.users["province_editor"])
    response = c.post(reverse("orgs:setup_start", args=[tree.orgs["other_province"].pk]),
                      {"kind": "area", "level": 1, "name": "Xã Lạ"})  # fmt: skip
    assert response.status_code == 404
    assert not Organisation.objects.filter(name="Xã Lạ").exists()


def test_an_unknown_step_only_shows_the_page(client, tree):
    c = logged_in(client, tree.users["own_editor"])
    response = step(c, tree.orgs["commune_one"], "\x00<b>", {})
    assert response.status_code == 200


# Import templates -------------------------------------------------------------------------


def workbook(response):
    return openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def test_each_template_header_is_read_by_the_import():
    for what, aliases in (("don-vi", ORG_COLUMNS), ("tai-khoan", USER_COLUMNS)):
        keys = [header_key(text) for text in headers(what)]
        assert len(keys) == len(aliases)
        for key, names in zip(keys, aliases.values(), strict=True):
            assert key in names, what


def test_the_templates_explain_each_column_with_the_role_names(client, tree):
    c = logged_in(client, tree.users["own_editor"])
    response = c.get(reverse("orgs:import_template", args=["tai-khoan"]))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-tai-khoan.xlsx"'
    book = workbook(response)
    assert book.sheetnames == ["Tài khoản", "Hướng dẫn"]
    guide = {row[0]: row for row in book["Hướng dẫn"].iter_rows(min_row=5, values_only=True)}
    assert guide["Vai trò"][1] == "Có"
    for label in ("Xem", "Soạn thảo", "Văn thư", "Phê duyệt"):
        assert label in guide["Vai trò"][2]
    assert guide["Mật khẩu"][1] == "Không"
    units = workbook(c.get(reverse("orgs:import_template", args=["don-vi"])))
    kinds = {row[0]: row for row in units["Hướng dẫn"].iter_rows(min_row=5, values_only=True)}
    assert "Hội Liên hiệp Phụ nữ" in kinds["Loại"][2]


def test_filled_templates_import_cleanly(client, tree):
    c = logged_in(client, tree.users["own_approver"])
    commune = tree.orgs["commune_one"]
    units = workbook(c.get(reverse("orgs:import_template", args=["don-vi"])))
    sheet = units.worksheets[0]
    columns = [header_key(text) for text in headers("don-vi")]
    row = dict.fromkeys(columns, "")
    row.update(ten_don_vi="Thôn Mẫu", loai="Thôn, tổ dân phố", ma="99001")
    sheet.append([row[key] for key in columns])
    buffer = io.BytesIO()
    units.save(buffer)
    result = import_organisations(SimpleUploadedFile("don-vi.xlsx", buffer.getvalue()),
                                  root=commune, by=tree.users["own_approver"])  # fmt: skip
    assert result.ok, result.errors
    village = Organisation.objects.get(code="99001")

    people = workbook(c.get(reverse("orgs:import_template", args=["tai-khoan"])))
    sheet = people.worksheets[0]
    sheet.append(["thon-mau", "Nguyễn Văn Mẫu", "", "99001", "Xem", ""])
    buffer = io.BytesIO()
    people.save(buffer)
    result = import_users(SimpleUploadedFile("tai-khoan.xlsx", buffer.getvalue()),
                          root=commune, by=tree.users["own_approver"])  # fmt: skip
    assert result.ok, result.errors
    assert Membership.objects.filter(user__username="thon-mau", organisation=village).exists()


def test_an_unknown_template_is_not_found(client, tree):
    c = logged_in(client, tree.users["own_editor"])
    assert c.get(reverse("orgs:import_template", args=["khac"])).status_code == 404


def test_the_import_page_links_both_templates_and_the_help(client, tree):
    c = logged_in(client, tree.users["own_editor"])
    page = c.get(reverse("orgs:import", args=[tree.orgs["committee_one"].pk])).content.decode()
    assert reverse("orgs:import_template", args=["don-vi"]) in page
    assert reverse("orgs:import_template", args=["tai-khoan"]) in page
    assert reverse("orgs:help", args=["quan-tri-don-vi"]) in page


# Help pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, heading",
    [("soan-thao", "Vai trò soạn thảo"), ("phe-duyet", "Vai trò phê duyệt"),
     ("van-thu", "Vai trò văn thư"), ("xem", "Vai trò xem"),
     ("quan-tri-don-vi", "Quản trị đơn vị")],
)  # fmt: skip
def test_each_role_has_a_help_page_in_vietnamese(client, tree, page, heading):
    response = logged_in(client, tree.users["own_viewer"]).get(reverse("orgs:help", args=[page]))
    assert response.status_code == 200
    assert f'<h1 class="h4">{heading}</h1>' in response.content.decode()


def test_the_unit_page_links_the_changes_and_their_help_for_a_manager_only(client, tree):
    committee = tree.orgs["committee_one"]
    page = logged_in(client, tree.users["own_editor"]).get(
        reverse("orgs:detail", args=[committee.pk])).content.decode()  # fmt: skip
    for name in ("unit_add", "unit_rename", "unit_move", "unit_close"):
        assert reverse(f"orgs:{name}", args=[committee.pk]) in page
    assert reverse("orgs:help", args=["quan-tri-don-vi"]) in page
    client.force_login(tree.users["own_viewer"])
    page = client.get(reverse("orgs:detail", args=[committee.pk])).content.decode()
    assert reverse("orgs:unit_move", args=[committee.pk]) not in page
    assert reverse("orgs:help", args=["xem"]) in page


# The administration picks units and plans by name -------------------------------------------


def test_the_admin_picks_a_parent_unit_by_typing_its_name_not_its_id(admin_client, tree):
    page = admin_client.get(reverse("admin:orgs_organisation_add")).content.decode()
    assert 'type="number"' not in page
    assert "Đơn vị cấp trên" in page and "ID đơn vị" not in page
    assert 'data-ajax--url="/admin/autocomplete/"' in page
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "orgs", "model_name": "membership", "field_name": "organisation",
         "term": "xa mot"},
    ).json()  # fmt: skip
    names = {r["text"] for r in found["results"]}
    assert "Xã Một" in names and "Xã Hai" not in names


@pytest.mark.parametrize(
    "model", ["task", "section", "target", "responsibility", "reportingrule", "recipient"]
)
def test_no_plan_part_admin_asks_for_a_numeric_id(admin_client, tree, model):
    page = admin_client.get(reverse(f"admin:plans_{model}_add")).content.decode()
    assert "vForeignKeyRawIdAdminField" not in page
    assert "admin-autocomplete" in page


def test_a_parent_that_is_no_unit_is_refused_next_to_the_field_in_the_admin(admin_client, tree):
    for value in ("abc\x00", "99999999999999999999", "<b>1</b>"):
        response = admin_client.post(
            reverse("admin:orgs_organisation_add"),
            {"kind": "village", "name": "Thôn Mới", "duty_separation": "issue", "parent": value,
             "level": fresh(tree.orgs["village_one"]).level_id},
        )  # fmt: skip
        assert response.status_code == 200, value
        assert response.context["adminform"].form.errors["parent"], value


def test_the_login_throttles_pages_in_the_admin_are_in_vietnamese(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Chống dò mật khẩu" in page and "Axes" not in page
    assert "Lần đăng nhập bị theo dõi" in page and "Access attempts" not in page


def test_the_plan_editor_and_the_workflow_buttons_link_their_help(client, tree):
    editor, approver = tree.users["own_editor"], tree.users["own_approver"]
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=editor, year=2026,
                               summary="Kế hoạch thử")  # fmt: skip
    c = logged_in(client, editor)
    assert reverse("orgs:help", args=["soan-thao"]) in c.get(
        reverse("plans:edit", args=[plan.pk])).content.decode()  # fmt: skip
    assert reverse("orgs:help", args=["soan-thao"]) in c.get(
        reverse("plans:detail", args=[plan.pk])).content.decode()  # fmt: skip
    workflow.submit_plan(plan, by=editor)
    c.force_login(approver)
    page = c.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("orgs:help", args=["phe-duyet"]) in page
