"""Login throttling (django-axes, campaign/auth.py) and the security events of the audit log
(orgs/receivers.py), written as the attacks that used to work."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from orgs.models import AuditEntry

Action = AuditEntry.Action
PASSWORD = "Mật-khẩu-đúng-2025"
LOCKED = "Đăng nhập đã tạm thời bị khóa do nhập sai mật khẩu quá nhiều lần"


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user("binh", password=PASSWORD)


def log_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(
        "/login/", {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_fifty_wrong_passwords_then_the_right_one_is_refused_with_a_vietnamese_message(
    client, user
):
    for attempt in range(50):
        log_in(client, "binh", f"sai-{attempt}")

    response = log_in(client, "binh", PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "Vui lòng thử lại sau 15 phút" in response.content.decode()
    assert not signed_in(client)
    assert entries(Action.LOGIN) == []
    assert len(entries(Action.LOGIN_FAILED)) == 51
    assert len(entries(Action.LOCKED_OUT)) == 1


def test_the_lock_out_page_keeps_the_username_typed_and_where_to_go_next(client, user):
    for _attempt in range(5):
        log_in(client, "binh", "sai")

    response = log_in(client, "binh", PASSWORD, next="/plans/")

    page = response.content.decode()
    assert response.status_code == 429
    assert 'name="username" value="binh"' in page
    assert 'name="next" value="/plans/"' in page


def test_each_failure_is_in_the_audit_log_and_the_lock_out_once(client, user):
    for attempt in range(7):
        log_in(client, "binh", f"sai-{attempt}")

    failed = entries(Action.LOGIN_FAILED)
    assert len(failed) == 7
    assert [e.details.get("refused_while_locked", False) for e in failed] == [False] * 5 + [
        True
    ] * 2
    assert failed[0].summary == "Đăng nhập sai mật khẩu cho tài khoản “binh”"
    assert failed[-1].summary.startswith("Từ chối đăng nhập tài khoản “binh”: đang bị khóa")
    assert {(e.user_name, e.address) for e in failed} == {("binh", "203.0.113.7")}
    locked = entries(Action.LOCKED_OUT)
    assert len(locked) == 1
    assert locked[0].user_name == "binh"
    assert locked[0].details == {"failures": 5, "ip_address": "203.0.113.7"}
    assert "sai-" not in str([(e.summary, e.details) for e in AuditEntry.objects.all()])


def test_four_failures_do_not_lock_and_the_fifth_attempt_may_succeed(client, user):
    for _attempt in range(4):
        log_in(client, "binh", "sai")

    response = log_in(client, "binh", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)
    assert entries(Action.LOCKED_OUT) == []


def test_the_account_stays_locked_from_another_address(client, user):
    for attempt in range(5):
        log_in(client, "binh", "sai", address=f"198.51.100.{attempt}")

    response = log_in(client, "binh", PASSWORD, address="192.0.2.99")

    assert response.status_code == 429
    assert not signed_in(client)


def test_one_address_trying_many_usernames_is_locked_out_for_every_account(client, user):
    for name in ("an", "chi", "dung", "giang", "hoa"):
        log_in(client, name, "sai")

    response = log_in(client, "binh", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert len(entries(Action.LOCKED_OUT)) == 1


def test_a_locked_out_address_does_not_stop_the_same_account_elsewhere(client, user):
    for name in ("an", "chi", "dung", "giang", "hoa"):
        log_in(client, name, "sai")

    response = log_in(client, "binh", PASSWORD, address="192.0.2.99")

    assert response.status_code == 302
    assert signed_in(client)


def test_the_lock_out_ends_after_the_cool_off(client, user):
    for _attempt in range(5):
        log_in(client, "binh", "sai")
    assert log_in(client, "binh", PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert log_in(client, "binh", PASSWORD).status_code == 302
    assert signed_in(client)


def test_attempts_during_the_lock_out_do_not_prolong_it(client, user):
    for _attempt in range(5):
        log_in(client, "binh", "sai")
    first = AccessAttempt.objects.get()

    for _attempt in range(3):
        log_in(client, "binh", "sai")

    assert AccessAttempt.objects.get().failures_since_start == 5
    assert AccessAttempt.objects.get().attempt_time == first.attempt_time


def test_an_administrator_unlocks_an_account_with_axes_reset_username(client, user):
    for _attempt in range(5):
        log_in(client, "binh", "sai")

    call_command("axes_reset_username", "binh", verbosity=0)

    assert log_in(client, "binh", PASSWORD).status_code == 302


def test_the_limits_follow_the_settings(client, user, settings):
    settings.AXES_FAILURE_LIMIT = 2

    log_in(client, "binh", "sai")
    log_in(client, "binh", "sai")

    assert log_in(client, "binh", PASSWORD).status_code == 429


def test_the_administration_login_is_throttled_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "root", "password": "sai"})

    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_login_and_a_logout_are_in_the_audit_log_with_the_address(client, user):
    log_in(client, "binh", PASSWORD)
    client.post("/logout/", REMOTE_ADDR="203.0.113.7")

    login, logout = entries(Action.LOGIN), entries(Action.LOGOUT)
    assert [(e.summary, e.actor, e.user, e.address) for e in login] == [
        ("Đăng nhập thành công", user, user, "203.0.113.7")
    ]
    assert [(e.summary, e.actor, e.user) for e in logout] == [("Đăng xuất", user, user)]


@pytest.mark.parametrize(
    "username",
    [
        "x" * 10_000,
        "binh\x00",
        "\x00",
        "' OR '1'='1' --",
        "binh'; DROP TABLE auth_user; --",
        "<script>alert(1)</script>",
        "%00%27",
    ],
    ids=["very long", "NUL at the end", "only NUL", "SQL or", "SQL drop", "script", "encoded"],
)
def test_hostile_usernames_never_answer_500(client, user, username):
    response = log_in(client, username, "sai")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not signed_in(client)


def test_a_very_long_username_at_the_administration_login_never_answers_500(client, user):
    response = client.post("/admin/login/", {"username": "x" * 10_000, "password": "sai"})

    assert response.status_code == 200
    assert AuditEntry.objects.get(action=Action.LOGIN_FAILED).user_name == "x" * 150


def test_a_very_long_username_counts_towards_the_lock_out_of_its_first_150_characters(client, user):
    for attempt in range(5):
        log_in(client, "x" * 10_000, "sai", address=f"198.51.100.{attempt}")

    assert log_in(client, "x" * 150, "sai", address="192.0.2.1").status_code == 429


def test_hostile_usernames_on_a_locked_out_address_never_answer_500(client, user):
    for _attempt in range(5):
        log_in(client, "binh", "sai")

    for username in ("x" * 10_000, "binh\x00", "' OR 1=1 --", ""):
        assert log_in(client, username, "sai").status_code in (200, 429)
    assert client.get("/login/", REMOTE_ADDR="203.0.113.7").status_code == 200
