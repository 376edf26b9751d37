"""Role grants that cannot escalate, and the audit log that records them: each test is an attack
that worked before (an editor making herself approver and clerk through the user import, a
puppet approver, roles attached to another province's accounts) or a guarantee of the log."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from orgs.imports import import_users
from orgs.models import AppendOnlyError, AuditEntry, Membership
from orgs.services import OrgError, grant_role, revoke_role
from plans import workflow
from plans.errors import PlanError

from ..plans.test_workflow import new_plan

Role = Membership.Role
Action = AuditEntry.Action
USER_HEADER = ["Tên đăng nhập", "Họ tên", "Email", "Đơn vị", "Vai trò", "Mật khẩu"]


def people_file(*rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([USER_HEADER, *rows])
    return SimpleUploadedFile("nguoi-dung.csv", buffer.getvalue().encode(), "text/csv")


def roles_of(user):
    return sorted(Membership.objects.filter(user=user).values_list("organisation__name", "role"))


def test_an_editor_cannot_make_herself_approver_and_clerk_through_the_user_import(tree):
    editor, committee = tree.users["own_editor"], tree.orgs["committee_one"]
    upload = people_file(["own_editor", "Biên tập", "", committee.name, "approver,clerk", ""])

    result = import_users(upload, root=tree.orgs["commune_one"], by=editor)

    assert not result.ok
    assert [str(error) for error in result.errors] == [
        "Dòng 2: Không thể tự cấp vai trò cho chính mình; hãy nhờ người quản lý khác."
    ]
    assert roles_of(editor) == [(committee.name, "editor")]
    # … so she still cannot approve, then issue, a plan of her own.
    plan = workflow.submit_plan(new_plan(tree, editor), by=editor)
    with pytest.raises(PlanError, match="Cần vai trò phê duyệt"):
        workflow.approve_plan(plan, by=editor)


def test_an_editor_cannot_create_a_puppet_approver_through_the_import(tree):
    editor, committee = tree.users["own_editor"], tree.orgs["committee_one"]
    upload = people_file(
        ["puppet", "Bù Nhìn", "", committee.name, "Phê duyệt", "Mat-khau-cua-toi-9"]
    )

    result = import_users(upload, root=tree.orgs["commune_one"], by=editor)

    assert [str(error) for error in result.errors] == [
        f"Dòng 2: Bạn không giữ vai trò “phê duyệt” tại {committee.name} nên không thể cấp "
        "vai trò này."
    ]
    assert not get_user_model().objects.filter(username="puppet").exists()


def test_an_importer_cannot_attach_roles_to_an_account_of_another_province(tree):
    editor, committee = tree.users["own_editor"], tree.orgs["committee_one"]
    upload = people_file(["outsider", "Người ngoài", "", committee.name, "Soạn thảo", ""])

    result = import_users(upload, root=tree.orgs["commune_one"], by=editor)

    assert [str(error) for error in result.errors] == [
        "Dòng 2: Tài khoản “outsider” thuộc đơn vị ngoài phạm vi quản lý của bạn; hãy dùng "
        "tên đăng nhập khác."
    ]
    assert roles_of(tree.users["outsider"]) == [("Ban Chỉ đạo tỉnh B", "editor")]


def test_an_import_that_obeys_the_rules_is_logged_grant_by_grant(tree):
    approver, committee = tree.users["own_approver"], tree.orgs["committee_one"]
    upload = people_file(
        ["moi.a", "Người Mới A", "", committee.name, "Xem", ""],
        ["moi.b", "Người Mới B", "", "Thôn Một-1", "Phê duyệt", ""],
    )

    result = import_users(upload, root=tree.orgs["commune_one"], by=approver)

    assert result.ok, [str(e) for e in result.errors]
    entries = AuditEntry.objects.filter(actor=approver, action__in=["role_granted", "import"])
    entries = entries.order_by("pk")
    assert [(e.action, e.user_name, e.organisation_id) for e in entries] == [
        (Action.ROLE_GRANTED, "moi.a", committee.pk),
        (Action.ROLE_GRANTED, "moi.b", tree.orgs["village_one"].pk),
        (Action.IMPORT, "", tree.orgs["commune_one"].pk),
    ]
    assert entries.last().summary == "Nhập tài khoản vào Xã Một: 2 mới, 2 vai trò được cấp"


# --- grants in the app ------------------------------------------------------------------------


def grant(client, user, organisation, username, role):
    client.force_login(user)
    url = reverse("orgs:role_grant", args=[organisation.pk])
    return client.post(url, {"username": username, "role": role})


def test_nobody_grants_herself_a_role_in_the_app(client, tree):
    editor, committee = tree.users["own_editor"], tree.orgs["committee_one"]

    response = grant(client, editor, committee, "own_editor", "viewer")

    assert response.status_code == 200
    assert "Không thể tự cấp vai trò cho chính mình" in response.content.decode()
    assert roles_of(editor) == [(committee.name, "editor")]
    refused = AuditEntry.objects.get(action__startswith="role_")
    assert (refused.action, refused.actor, refused.user) == (Action.ROLE_REFUSED, editor, editor)


def test_an_editor_is_offered_and_grants_only_the_roles_she_holds(client, tree, django_user_model):
    editor, committee = tree.users["own_editor"], tree.orgs["committee_one"]
    newcomer = django_user_model.objects.create_user("newcomer")
    client.force_login(editor)
    page = client.get(reverse("orgs:detail", args=[committee.pk])).content.decode()
    assert 'value="editor"' in page and 'value="viewer"' in page
    assert 'value="approver"' not in page and 'value="clerk"' not in page

    refused = grant(client, editor, committee, "newcomer", "approver")
    granted = grant(client, editor, committee, "NewComer", "editor")

    assert refused.status_code == 200  # the form again, with the reason
    assert "Hãy chọn một lựa chọn hợp lệ. approver không phải" in refused.content.decode()
    assert granted.status_code == 302
    assert roles_of(newcomer) == [(committee.name, "editor")]
    entry = AuditEntry.objects.get(action=Action.ROLE_GRANTED)
    assert (entry.actor_name, entry.user_name, entry.details) == (
        "own_editor", "newcomer", {"role": "editor"},
    )  # fmt: skip
    assert entry.address == "127.0.0.1"


def test_the_service_refuses_a_role_the_granter_does_not_hold_above_the_unit(tree):
    child_editor = tree.users["child_editor"]  # editor of Thôn Một-1, below the commune
    with pytest.raises(OrgError, match="ngoài phạm vi quản lý"):
        grant_role(tree.users["own_viewer"], tree.orgs["committee_one"], Role.EDITOR,
                   by=child_editor)  # fmt: skip
    with pytest.raises(OrgError, match="tài khoản quản trị"):
        admin = get_user_model().objects.create_superuser("root", password="x")
        grant_role(admin, tree.orgs["committee_one"], Role.VIEWER, by=tree.users["own_approver"])


@pytest.mark.parametrize(
    "username",
    ["abc\x00def", "x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", ""],
    ids=["nul", "long", "sql", "markup", "empty"],
)
def test_hostile_usernames_in_the_grant_form_get_a_message_not_a_500(client, tree, username):
    response = grant(client, tree.users["own_approver"], tree.orgs["committee_one"], username,
                     "viewer")  # fmt: skip
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=Action.ROLE_GRANTED).exists()


def test_a_hostile_role_value_is_refused(client, tree):
    response = grant(client, tree.users["own_approver"], tree.orgs["committee_one"], "own_viewer",
                     "superuser")  # fmt: skip
    assert response.status_code == 200
    assert roles_of(tree.users["own_viewer"]) == [("Ban Chỉ đạo xã Một", "viewer")]


def test_a_revocation_is_logged_and_only_a_manager_of_the_unit_may_revoke(client, tree):
    membership = Membership.objects.get(user=tree.users["own_clerk"])
    with pytest.raises(OrgError, match="ngoài phạm vi quản lý"):
        revoke_role(membership, by=tree.users["child_editor"])

    client.force_login(tree.users["own_approver"])
    url = reverse("orgs:role_revoke", args=[tree.orgs["committee_one"].pk, membership.pk])
    # the clerk role is not the approver's to give, so not hers to take either
    client.post(url)
    assert Membership.objects.filter(pk=membership.pk).exists()

    viewer = Membership.objects.get(user=tree.users["own_viewer"])
    client.post(reverse("orgs:role_revoke", args=[tree.orgs["committee_one"].pk, viewer.pk]))
    assert not Membership.objects.filter(pk=viewer.pk).exists()
    entry = AuditEntry.objects.get(action=Action.ROLE_REVOKED)
    assert (entry.actor_name, entry.user_name) == ("own_approver", "own_viewer")


# --- the log itself ---------------------------------------------------------------------------


def edit_committee(client, tree, persona, **changes):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users[persona])
    data = {"name": committee.name, "symbol": "BCĐ", **changes}
    return client.post(reverse("orgs:edit", args=[committee.pk]), data)


def test_an_organisation_edit_is_logged_with_what_changed(client, tree):
    response = edit_committee(client, tree, "own_approver", short_name="BCĐ xã Một",
                              duty_separation="none")  # fmt: skip

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.ORGANISATION_CHANGED)
    assert entry.details["changes"]["short_name"] == ["", "BCĐ xã Một"]
    assert entry.details["changes"]["duty_separation"] == ["issue", "none"]
    assert entry.actor_name == "own_approver"
    assert entry.organisation == tree.orgs["committee_one"]


def test_an_editor_cannot_lift_the_separation_of_duties_on_her_own_work(client, tree):
    response = edit_committee(client, tree, "own_editor", duty_separation="none")

    assert response.status_code == 302  # saved, without the field she may not set
    tree.orgs["committee_one"].refresh_from_db()
    assert tree.orgs["committee_one"].duty_separation == "issue"


def test_audit_entries_cannot_be_changed_nor_deleted(tree):
    entry = (
        grant_role(
            tree.users["own_viewer"],
            tree.orgs["village_one"],
            Role.VIEWER,
            by=tree.users["own_editor"],
        )
        and AuditEntry.objects.get()
    )
    entry.summary = "Không có gì"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(summary="x")
    assert AuditEntry.objects.get().summary.startswith("Cấp vai trò “xem” tại Thôn Một-1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_on_postgresql_even_raw_sql_cannot_rewrite_the_log(tree):
    grant_role(tree.users["own_viewer"], tree.orgs["village_one"], Role.VIEWER,
               by=tree.users["own_editor"])  # fmt: skip
    for sql in ("UPDATE orgs_auditentry SET summary = 'x'", "DELETE FROM orgs_auditentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)
    assert AuditEntry.objects.count() == 1


def test_the_audit_page_shows_the_units_subtree_and_its_csv_runs_no_formula(client, tree):
    from orgs import audit

    audit.record(Action.ORGANISATION_CHANGED, '=HYPERLINK("http://evil","x")',
                 by=tree.users["own_editor"], organisation=tree.orgs["village_one"])  # fmt: skip
    audit.record(Action.ORGANISATION_CHANGED, "Ở tỉnh B", by=tree.users["outsider"],
                 organisation=tree.orgs["other_committee"])  # fmt: skip
    client.force_login(tree.users["own_approver"])
    commune = tree.orgs["committee_one"]

    page = client.get(reverse("orgs:audit", args=[commune.pk])).content.decode()
    export = client.get(reverse("orgs:audit_csv", args=[commune.pk]))

    assert "HYPERLINK" in page and "Ở tỉnh B" not in page
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm"
    assert [row[5] for row in rows[1:]] == [
        "Đăng nhập thành công",  # the approver's own, just now
        """'=HYPERLINK("http://evil","x")""",
    ]


def test_a_change_made_in_the_admin_is_in_the_audit_log(admin_client, admin_user, tree):
    village = tree.orgs["village_one"]
    url = reverse("admin:orgs_organisation_change", args=[village.pk])
    data = {"parent": tree.orgs["commune_one"].pk, "kind": "village", "level": village.level_id,
            "name": "Thôn Một-1 (mới)", "duty_separation": "issue"}  # fmt: skip

    assert admin_client.post(url, data).status_code == 302

    entry = AuditEntry.objects.get(action=Action.ADMIN_ACTION)
    assert entry.summary.startswith("Trang quản trị: Sửa tổ chức “Thôn Một-1 (mới)”")
    assert (entry.actor, entry.organisation) == (admin_user, village)
    client_of_approver = Client()
    client_of_approver.force_login(tree.users["own_approver"])
    page = client_of_approver.get(reverse("orgs:audit", args=[tree.orgs["committee_one"].pk]))
    assert "Trang quản trị: Sửa tổ chức" in page.content.decode()


def test_the_logins_of_a_units_people_are_in_its_audit_log(client, tree):
    client.force_login(tree.users["own_clerk"])
    client.force_login(tree.users["outsider"])
    client.force_login(tree.users["own_approver"])

    page = client.get(reverse("orgs:audit", args=[tree.orgs["committee_one"].pk]))

    entries = list(page.context["page"].object_list)
    logins = {entry.user_name for entry in entries if entry.action == Action.LOGIN}
    assert logins == {"own_clerk", "own_approver"}


def test_seats_added_and_removed_on_a_committee_are_in_the_audit_log(client, tree):
    committee = tree.orgs["committee_one"]
    client.force_login(tree.users["own_editor"])
    client.post(reverse("orgs:seat_add", args=[committee.pk]),
                {"position": "member", "full_name": "Nguyễn Văn A"})  # fmt: skip
    seat = committee.seats.get()
    client.post(reverse("orgs:seat_delete", args=[committee.pk, seat.pk]))

    summaries = list(
        AuditEntry.objects.filter(action=Action.ORGANISATION_CHANGED)
        .order_by("pk")
        .values_list("summary", "actor_name")
    )
    assert summaries == [
        ("Thêm thành viên Ban Chỉ đạo: Thành viên – Nguyễn Văn A", "own_editor"),
        ("Bỏ thành viên Ban Chỉ đạo: Thành viên – Nguyễn Văn A", "own_editor"),
    ]
