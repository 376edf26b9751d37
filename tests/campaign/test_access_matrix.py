"""Access matrix for the site's own pages (home, login, logout, administration):
persona × URL × expected answer. Columns: the personas of tests/personas.py, then anonymous."""

import pytest
from django.urls import reverse

from campaign.models import Notification
from campaign.notify import notify

from ..matrix import ADMIN_LOGIN, LOGIN, answers, get, post, uncovered

A = ADMIN_LOGIN
# fmt: off
ROWS = [
    #                               edit appr clrk view prov sibl chld outs anonymous
    get("home", None,               200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    # A signed-in user opening the login page is sent on to the home page.
    get("login", None,              302, 302, 302, 302, 302, 302, 302, 302, 200),
    get("logout", None,             405, 405, 405, 405, 405, 405, 405, 405, 405),
    post("logout", None,            LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    # Passwords: changed by the signed-in user herself; reset by e-mail by anyone.
    get("password_change", None,    200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    # An empty form is refused with the page again, never a change.
    post("password_change", None,   200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    get("password_change_done", None, 200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    get("password_reset", None,     200, 200, 200, 200, 200, 200, 200, 200, 200),
    post("password_reset", None,    302, 302, 302, 302, 302, 302, 302, 302, 302,
         data={"email": "ai-do@example.com"}),
    get("password_reset_done", None, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # A link that is not one: the page says so.
    get("password_reset_confirm", "bad_link", 200, 200, 200, 200, 200, 200, 200, 200, 200),
    get("password_reset_complete", None, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # An invitation link that is not one: the page says so, to anyone.
    get("invitation_accept", "bad_link", 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Two-factor authentication (orgs/twofactor.py). The code page is for a login waiting for
    # its code: a signed-in user without a device goes home, a visitor without one to the login.
    get("login_code", None,         302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
    post("login_code", None,        302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
    # Anyone signed in may enrol; an empty code is refused with the page again.
    get("two_factor", None,         200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    post("two_factor", None,        200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    # Without a device there is nothing to disable nor to renew: back to the page.
    get("two_factor_disable", None, 405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("two_factor_disable", None, 302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
    get("two_factor_new_codes", None, 405, 405, 405, 405, 405, 405, 405, 405, LOGIN),
    post("two_factor_new_codes", None, 302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
    # Recovery codes are shown once, right after they are made; otherwise back to the page.
    get("two_factor_recovery", None, 302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
    # "Xác nhận lại mật khẩu" (orgs/reauth.py): an empty form is refused with the page again.
    get("reauth", None,             200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    post("reauth", None,            200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    # The personas are not staff: the administration asks everyone to sign in as staff.
    get("admin:index", None,        A, A, A, A, A, A, A, A, A),
    # Thông báo: each user her own; opening one goes on to its link, anyone else's is a 404.
    get("notifications", None,      200, 200, 200, 200, 200, 200, 200, 200, LOGIN),
    get("notification_open", "editors_notice", 302, 404, 404, 404, 404, 404, 404, 404, LOGIN),
    get("notifications_read_all", None, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    post("notifications_read_all", None, 302, 302, 302, 302, 302, 302, 302, 302, LOGIN),
]
# fmt: on
TARGETS = {"bad_link": ("MQ", "bad-token")}


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_each_persona_gets_the_expected_answer(tree, row):
    notify([tree.users["own_editor"].pk], "Kế hoạch mới chờ bạn", reverse("plans:list"))
    notice = Notification.objects.get()
    targets = {**TARGETS, "editors_notice": (notice.pk,)}
    assert answers(row, tree.users, targets) == row.expected


def test_every_site_url_has_a_row_in_the_matrix():
    assert uncovered(ROWS, elsewhere=("orgs", "plans", "reports")) == []


def test_a_staff_member_opens_the_administration(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    assert client.get("/admin/").status_code == 200


def test_the_guard_names_each_pattern_left_without_a_row():
    elsewhere = ("orgs", "plans", "reports")
    assert uncovered(ROWS[:4], elsewhere=elsewhere) == [
        "admin:*",
        "invitation_accept",
        "login_code",
        "notification_open",
        "notifications",
        "notifications_read_all",
        "password_change",
        "password_change_done",
        "password_reset",
        "password_reset_complete",
        "password_reset_confirm",
        "password_reset_done",
        "reauth",
        "two_factor",
        "two_factor_disable",
        "two_factor_new_codes",
        "two_factor_recovery",
    ]
    assert "plans:inbox" in uncovered([], "plans")
