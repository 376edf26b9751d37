"""Password change in the app and reset by e-mail (orgs/passwords.py), end to end with the test
client; the reset mail goes through the task queue."""

import re

import pytest
from django.core import mail

from orgs.models import AuditEntry
from tests.worker import run_queued_tasks

OLD = "Mật-khẩu-cũ-2024"
NEW = "Mật-khẩu-mới-2025"
CHANGED = AuditEntry.Action.PASSWORD_CHANGED


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user(
        "binh", email="binh@xa-mot.gov.vn", password=OLD, first_name="Bình"
    )


def reset_link():
    (message,) = mail.outbox
    return re.search(r"http://testserver(/password/reset/\S+/)", message.body).group(1)


def test_the_user_menu_offers_to_change_the_password(client, user):
    client.force_login(user)

    page = client.get("/").content.decode()

    assert 'href="/password/change/">Đổi mật khẩu</a>' in page


def test_a_user_changes_her_password_and_stays_signed_in(client, user):
    client.force_login(user)
    assert "Đổi mật khẩu" in client.get("/password/change/").content.decode()

    response = client.post(
        "/password/change/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )

    assert response.url == "/password/change/done/"
    assert "Đã đổi mật khẩu" in client.get(response.url).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get("/").status_code == 200
    entry = AuditEntry.objects.get(action=CHANGED)
    assert (entry.summary, entry.actor, entry.user) == ("Đổi mật khẩu", user, user)


def test_a_wrong_current_password_changes_nothing(client, user):
    client.force_login(user)

    response = client.post(
        "/password/change/",
        {"old_password": "sai", "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(OLD)
    assert not AuditEntry.objects.filter(action=CHANGED).exists()


def test_changing_the_password_ends_the_other_sessions(client, user, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(user)
    client.force_login(user)

    client.post(
        "/password/change/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )

    assert other.get("/").url == "/login/?next=/"


def test_a_forgotten_password_is_reset_by_a_vietnamese_mail_sent_by_the_worker(
    client, user, settings
):
    settings.SITE_URL = "http://testserver"
    assert "Quên mật khẩu?" in client.get("/login/").content.decode()

    response = client.post("/password/reset/", {"email": "binh@xa-mot.gov.vn"})

    assert response.url == "/password/reset/sent/"
    assert "Hãy kiểm tra hộp thư" in client.get(response.url).content.decode()
    assert mail.outbox == []  # not sent in the request
    assert run_queued_tasks() == 1
    (message,) = mail.outbox
    assert message.to == ["binh@xa-mot.gov.vn"]
    assert message.subject == "Đặt lại mật khẩu tài khoản binh · Kế hoạch"
    assert "Kính gửi Bình," in message.body
    assert "chỉ dùng được một lần" in message.body

    form_page = client.get(reset_link(), follow=True)
    assert "Nhập mật khẩu mới hai lần." in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )

    assert done.url == "/password/reset/done/"
    assert "Đã đặt mật khẩu mới" in client.get(done.url).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    entry = AuditEntry.objects.get(action=CHANGED)
    assert (entry.summary, entry.actor, entry.user) == (
        "Đặt lại mật khẩu qua liên kết gửi e-mail",
        None,
        user,
    )
    # The link works once.
    again = client.get(reset_link(), follow=True).content.decode()
    assert "Liên kết không hợp lệ hoặc đã được dùng" in again


def test_the_reset_link_starts_with_site_url_whatever_the_host_asked(client, user, settings):
    settings.SITE_URL = "https://kehoach.tinh-a.gov.vn"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]

    client.post("/password/reset/", {"email": "binh@xa-mot.gov.vn"}, HTTP_HOST="evil.example")
    run_queued_tasks()

    (message,) = mail.outbox
    assert "https://kehoach.tinh-a.gov.vn/password/reset/" in message.body
    assert "evil.example" not in message.body


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, user):
    response = client.post("/password/reset/", {"email": "ai-do@example.com"})

    assert response.url == "/password/reset/sent/"
    assert run_queued_tasks() == 0


def test_resetting_the_password_lifts_the_lock_out_of_the_account(client, user, settings):
    settings.SITE_URL = "http://testserver"
    for _attempt in range(5):
        client.post("/login/", {"username": "binh", "password": "sai"})
    assert client.post("/login/", {"username": "binh", "password": OLD}).status_code == 429

    client.post("/password/reset/", {"email": "binh@xa-mot.gov.vn"})
    run_queued_tasks()
    form_page = client.get(reset_link(), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    assert client.post("/login/", {"username": "binh", "password": NEW}).status_code == 302


def test_a_tampered_reset_link_is_refused_in_vietnamese(client, user):
    response = client.get("/password/reset/MQ/bad-token/")

    assert response.status_code == 200
    assert "Liên kết không hợp lệ hoặc đã được dùng" in response.content.decode()


@pytest.mark.parametrize(
    "email",
    ["x" * 10_000 + "@example.com", "binh@xa-mot.gov.vn\x00", "' OR 1=1 --", "\x00", ""],
    ids=["very long", "NUL", "SQL", "only NUL", "empty"],
)
def test_hostile_values_in_the_reset_form_never_answer_500(client, user, email):
    response = client.post("/password/reset/", {"email": email})

    assert response.status_code in (200, 302)
    assert run_queued_tasks() == 0


def test_hostile_values_in_the_change_form_never_answer_500(client, user):
    client.force_login(user)

    for value in ("x" * 10_000, "a\x00b", "' OR 1=1 --"):
        response = client.post(
            "/password/change/",
            {"old_password": value, "new_password1": value, "new_password2": value},
        )
        assert response.status_code == 200
