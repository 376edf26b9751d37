"""The session's idle timeout and absolute lifetime (campaign/sessions.py): time is moved by
setting the session's clocks back."""

import time

import pytest

from campaign.sessions import ACTIVE_KEY, SIGNED_IN_KEY
from orgs.models import AuditEntry

IDLE = "Phiên làm việc đã hết hạn do không hoạt động, vui lòng đăng nhập lại."
LIFETIME = "Phiên làm việc đã hết thời hạn, vui lòng đăng nhập lại."


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user("binh", password="x")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def move_clocks(client, *, idle=0, signed_in=0):
    """Put the session's last activity `idle` seconds and its login `signed_in` seconds back."""
    session = client.session
    now = time.time()
    session[ACTIVE_KEY] = now - idle
    session[SIGNED_IN_KEY] = now - (signed_in or idle)
    session.save()


def test_a_login_starts_both_clocks(signed_in):
    before = time.time()
    assert before - 5 < signed_in.session[ACTIVE_KEY] <= before
    assert signed_in.session[SIGNED_IN_KEY] == signed_in.session[ACTIVE_KEY]


def test_a_user_idle_for_29_minutes_stays_signed_in(signed_in):
    move_clocks(signed_in, idle=29 * 60)

    assert signed_in.get("/").status_code == 200
    assert time.time() - signed_in.session[ACTIVE_KEY] < 5


def test_a_user_idle_for_31_minutes_is_signed_out_and_told_why(signed_in):
    move_clocks(signed_in, idle=31 * 60)

    response = signed_in.get("/plans/?page=2")

    assert response.status_code == 302
    assert response.url == "/login/?next=/plans/%3Fpage%3D2"
    assert "_auth_user_id" not in signed_in.session
    login_page = signed_in.get(response.url)
    assert IDLE in login_page.content.decode()
    assert signed_in.get("/").url == "/login/?next=/"


def test_a_form_posted_after_the_idle_timeout_goes_to_the_login_page_and_back(signed_in, user):
    move_clocks(signed_in, idle=31 * 60)

    response = signed_in.post("/password/change/", {"old_password": "x"})

    assert response.status_code == 302
    assert response.url == "/login/?next=/password/change/"
    user.refresh_from_db()
    assert user.check_password("x")


def test_an_htmx_request_after_the_timeout_redirects_the_whole_page(signed_in):
    move_clocks(signed_in, idle=31 * 60)

    response = signed_in.get(
        "/plans/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/plans/7/edit/"
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/login/?next=/plans/7/edit/"


def test_activity_keeps_the_session_but_not_beyond_its_lifetime(signed_in):
    move_clocks(signed_in, idle=60, signed_in=12 * 3600 - 60)
    assert signed_in.get("/").status_code == 200

    move_clocks(signed_in, idle=60, signed_in=12 * 3600 + 1)
    response = signed_in.get("/")

    assert response.url == "/login/?next=/"
    assert LIFETIME in signed_in.get(response.url).content.decode()


def test_the_timeouts_follow_the_settings(signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 120
    move_clocks(signed_in, idle=121)

    assert signed_in.get("/").status_code == 302


def test_an_expired_session_is_a_logout_in_the_audit_log(signed_in, user):
    move_clocks(signed_in, idle=31 * 60)
    signed_in.get("/")
    signed_in.force_login(user)
    move_clocks(signed_in, signed_in=13 * 3600)
    signed_in.get("/")

    logouts = AuditEntry.objects.filter(action=AuditEntry.Action.LOGOUT).order_by("pk")
    assert [(e.summary, e.user) for e in logouts] == [
        ("Hết phiên làm việc do không hoạt động", user),
        ("Hết thời hạn phiên làm việc", user),
    ]


def test_the_activity_is_written_about_once_a_minute_not_on_every_request(signed_in):
    move_clocks(signed_in, idle=30)
    written = signed_in.session[ACTIVE_KEY]

    signed_in.get("/")

    assert signed_in.session[ACTIVE_KEY] == written


def test_anonymous_visitors_are_left_alone(client, db):
    assert client.get("/login/").status_code == 200
    assert ACTIVE_KEY not in client.session
