"""Accounts people can use: an account created without a password is invited to set its own
through a one-time, expiring link (by e-mail, or on a printed sheet); a password someone else
set is changed at the first login."""

import csv
import io
import re
from datetime import datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from orgs.imports import import_users
from orgs.invitations import InvitationTokenGenerator, invitation_url, pending_accounts
from orgs.models import AccountState, AuditEntry

from ..worker import run_queued_tasks

USER_HEADER = ["Tên đăng nhập", "Họ tên", "Email", "Đơn vị", "Vai trò", "Mật khẩu"]


def people_file(*rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([USER_HEADER, *rows])
    return SimpleUploadedFile("nguoi-dung.csv", buffer.getvalue().encode(), "text/csv")


def import_as(tree, persona, *rows):
    result = import_users(people_file(*rows), root=tree.orgs["commune_one"],
                          by=tree.users[persona])  # fmt: skip
    assert result.ok, [str(e) for e in result.errors]
    return result


def accept(client, url, password="Mật-khẩu-riêng-2026"):
    """Open an invitation link and set password; returns the final response."""
    opened = client.get(url)
    if opened.status_code != 302:  # an invalid link answers its page at once
        return opened
    return client.post(opened.url, {"new_password1": password, "new_password2": password})


def test_an_account_imported_without_a_password_gets_a_mailed_one_time_link(client, tree):
    result = import_as(tree, "own_editor", ["lan", "Lê Thị Lan", "lan@thon.vn", "Thôn Một-1",
                                            "Xem", ""])  # fmt: skip
    assert result.invitations == 1
    run_queued_tasks()
    (message,) = mail.outbox
    assert message.to == ["lan@thon.vn"]
    assert message.subject == "Mời đặt mật khẩu tài khoản Kế hoạch"
    url = re.search(r"http://\S+/invitation/\S+/", message.body)[0]
    assert "Tên đăng nhập: lan" in message.body

    done = accept(client, url.removeprefix("http://127.0.0.1:8000"))

    assert done.status_code == 302 and done.url == reverse("home")
    assert client.get(reverse("home")).context["user"].username == "lan"
    client.logout()
    again = accept(client, url.removeprefix("http://127.0.0.1:8000"), password="Khác-hẳn-2026")
    assert "Liên kết mời không hợp lệ, đã được dùng hoặc đã hết hạn" in again.content.decode()
    assert client.login(username="lan", password="Mật-khẩu-riêng-2026")


def test_an_invitation_link_expires_after_the_configured_days(client, tree, settings):
    settings.INVITATION_DAYS = 14
    import_as(tree, "own_editor", ["lan", "Lê Thị Lan", "", "Thôn Một-1", "Xem", ""])
    user = get_user_model().objects.get(username="lan")

    class MadeEarlier(InvitationTokenGenerator):
        def _now(self):
            return datetime.now() - timedelta(days=15)

    old_token = MadeEarlier().make_token(user)
    fresh_url = invitation_url(user).removeprefix(settings.SITE_URL)
    stale_url = re.sub(r"/[^/]+/$", f"/{old_token}/", fresh_url)

    assert "đã hết hạn" in accept(client, stale_url).content.decode()
    assert accept(client, fresh_url).status_code == 302


@pytest.mark.parametrize(
    "tail",
    ["MQ/1-abc/", "%00/abc/", "x" * 300 + "/" + "y" * 300 + "/", "MQ/zzzzzzzzzzzzzzzzzzzz-1/"],
    ids=["forged", "nul", "huge", "bad-timestamp"],
)
def test_a_forged_or_malformed_invitation_link_gets_its_page_not_a_500(client, tree, tail):
    response = client.get("/invitation/" + tail, follow=True)
    assert response.status_code in (200, 400)


def test_the_puppet_approver_must_change_the_password_the_importer_chose(client, tree):
    import_as(tree, "own_approver", ["puppet", "Bù Nhìn", "", "Ban Chỉ đạo xã Một", "Phê duyệt",
                                     "Mat-khau-cua-toi-9"])  # fmt: skip
    assert AccountState.objects.get(user__username="puppet").must_change_password

    login = client.post(reverse("login"), {"username": "puppet", "password": "Mat-khau-cua-toi-9"})
    assert login.status_code == 302
    for url in (reverse("home"), reverse("plans:list"), "/admin/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("password_change")), url

    changed = client.post(reverse("password_change"), {
        "old_password": "Mat-khau-cua-toi-9",
        "new_password1": "Chỉ-mình-tôi-biết-2026", "new_password2": "Chỉ-mình-tôi-biết-2026",
    })  # fmt: skip

    assert changed.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not AccountState.objects.get(user__username="puppet").must_change_password


def test_a_password_an_administrator_sets_for_someone_must_be_changed(admin_client, tree):
    viewer = tree.users["own_viewer"]
    url = reverse("admin:auth_user_password_change", args=[viewer.pk])
    response = admin_client.post(url, {"password1": "Quản-trị-đặt-2026", "password2":
                                       "Quản-trị-đặt-2026"})  # fmt: skip
    assert response.status_code == 302
    assert AccountState.objects.get(user=viewer).must_change_password


def test_the_invitation_sheet_lists_the_accounts_without_a_password_with_working_links(
    client, tree
):
    import_as(
        tree, "own_editor",
        ["lan", "Lê Thị Lan", "", "Thôn Một-1", "Xem", ""],
        ["binh", "=HYPERLINK(\"http://evil\")", "", "Thôn Một-1", "Xem", ""],
        ["hoa", "Trần Hoa", "", "Thôn Một-1", "Xem", "Đã-có-mật-khẩu-2026"],
    )  # fmt: skip
    assert [u.username for u in pending_accounts(tree.orgs["committee_one"])] == ["binh", "lan"]
    client.force_login(tree.users["own_editor"])

    response = client.get(reverse("orgs:invitation_sheet", args=[tree.orgs["committee_one"].pk]))

    assert response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0] == ["Họ và tên", "Tên đăng nhập", "Vai trò", "Liên kết đặt mật khẩu", "Hạn dùng"]
    assert [row[1] for row in rows[1:]] == ["binh", "lan"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'  # text, never a live formula
    assert sheet.cell(4, 1).data_type == "s"
    client.logout()
    url = rows[2][3].removeprefix("http://127.0.0.1:8000")
    assert accept(client, url).status_code == 302
    assert AuditEntry.objects.filter(action="invited", details__sheet=True).count() == 1
