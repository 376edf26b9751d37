"""Two-factor authentication (orgs/twofactor.py): required for administrators, offered to
approvers and clerks; codes computed here from the device's key as an app would."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgs.models import AuditEntry
from orgs.twofactor import CODE_FORMAT, PENDING_KEY, enable_two_factor

Action = AuditEntry.Action
PASSWORD = "mat-khau-dung-9"


def code(device, steps_ahead=0):
    """The code the app shows, steps_ahead time steps from now (a code is accepted once)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step,
                 digits=device.digits, drift=device.drift)  # fmt: skip
    return f"{value:06d}"


def log_in(client, username, password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


def enrolled(user):
    """user with a confirmed device and ten recovery codes, as the enrolment page leaves her."""
    device = TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=False)
    codes = enable_two_factor(user, device)
    return TOTPDevice.objects.get(pk=device.pk), codes


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.vn", PASSWORD)


@pytest.fixture
def approver(tree):
    user = tree.users["own_approver"]
    user.set_password(PASSWORD)
    user.save()
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


# --- administrators -----------------------------------------------------------------------------


def test_an_administrator_without_a_device_is_sent_to_enrol_and_cannot_open_the_admin(
    client, admin
):
    assert log_in(client, "root").status_code == 302

    for url in ["/admin/", "/admin/orgs/organisation/", "/", "/orgs/"]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("two_factor")), url
    page = client.get(reverse("two_factor"))
    assert "bắt buộc dùng xác thực hai lớp" in page.content.decode()


def test_an_administrator_enrols_with_a_code_and_then_opens_the_admin(client, admin):
    log_in(client, "root")
    page = client.get(reverse("two_factor")).content.decode()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    # The QR code is drawn in the page (no script, no style attribute) with the secret in text.
    assert "<svg" in page and 'style="' not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1).replace(" ", "")
    assert len(secret) == 32

    response = client.post(reverse("two_factor"), {"code": code(device)})

    assert response.url == reverse("two_factor_recovery")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action=Action.OTP_ENABLED, user=admin).count() == 1


def test_the_recovery_codes_are_shown_once_and_are_the_stored_ones(client, approver):
    client.force_login(approver)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=approver)
    client.post(reverse("two_factor"), {"code": code(device)})

    page = client.get(reverse("two_factor_recovery")).content.decode()
    shown = re.findall(r"<li>([a-z2-7]{10})</li>", page)
    stored = StaticToken.objects.filter(device__user=approver).values_list("token", flat=True)
    assert len(shown) == 10 and sorted(shown) == sorted(stored)
    assert "data-print" in page
    again = client.get(reverse("two_factor_recovery"))
    assert again.status_code == 302
    assert not re.findall(r"<li>([a-z2-7]{10})</li>", client.get(again.url).content.decode())


def test_a_wrong_code_at_enrolment_enables_nothing(client, approver):
    client.force_login(approver)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=approver)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("two_factor"), {"code": wrong})

    assert "Mã không khớp" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=approver, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=approver).exists()


def test_the_administration_login_page_still_asks_for_the_code(client, admin):
    device, _codes = enrolled(admin)
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})

    response = client.get("/admin/")
    assert (response.status_code, response.url) == (302, reverse("login_code"))
    client.post(reverse("login_code"), {"code": code(device, 1)})
    assert client.get("/admin/").status_code == 200


def test_an_administrator_may_not_disable_the_second_factor(client, admin):
    device, _codes = enrolled(admin)
    client.force_login(admin)
    client.post(reverse("two_factor_disable"), {"password": PASSWORD, "code": code(device, 1)})
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


# --- approvers, clerks, viewers -----------------------------------------------------------------


def test_an_approver_is_invited_to_enrol_and_a_viewer_is_not_pushed(client, tree):
    client.force_login(tree.users["own_approver"])
    home = client.get("/").content.decode()
    assert "Bật xác thực hai lớp" in home
    assert reverse("two_factor") in home

    client.force_login(tree.users["own_viewer"])
    response = client.get("/")
    assert response.status_code == 200
    assert "Bật xác thực hai lớp" not in response.content.decode()
    assert client.get("/plans/").status_code == 200
    # The page is in everyone's menu all the same.
    assert client.get(reverse("two_factor")).status_code == 200


def test_login_asks_for_the_code_after_the_password(client, approver):
    device, _codes = enrolled(approver)

    response = log_in(client, "own_approver", next_url="/plans/")

    assert response.url == reverse("login_code")
    assert not signed_in(client)
    assert client.get("/plans/").status_code == 302  # not signed in yet
    response = client.post(reverse("login_code"), {"code": code(device, 1)})
    assert response.url == "/plans/"
    assert signed_in(client)
    assert client.get("/plans/").status_code == 200
    assert AuditEntry.objects.filter(action=Action.LOGIN, user=approver).count() == 1


def test_a_wrong_code_is_refused_logged_and_throttled(client, approver):
    device, _codes = enrolled(approver)
    log_in(client, "own_approver")
    right = code(device, 1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(reverse("login_code"), {"code": wrong})

    assert "Mã xác thực không đúng" in response.content.decode()
    assert not signed_in(client)
    failure = AuditEntry.objects.get(action=Action.OTP_FAILED)
    assert (failure.user, failure.details["failures"]) == (approver, 1)
    # Right after a failure even the right code waits.
    refused = client.post(reverse("login_code"), {"code": right})
    assert "Vui lòng thử lại sau" in refused.content.decode()
    assert not signed_in(client)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    client.post(reverse("login_code"), {"code": right})
    assert signed_in(client)


def test_a_recovery_code_works_once(client, approver):
    _device, codes = enrolled(approver)

    log_in(client, "own_approver")
    client.post(reverse("login_code"), {"code": codes[0].upper()})
    assert signed_in(client)
    used = AuditEntry.objects.get(action=Action.OTP_RECOVERY_USED)
    assert used.details == {"left": 9}

    client.post("/logout/")
    log_in(client, "own_approver")
    response = client.post(reverse("login_code"), {"code": codes[0]})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not signed_in(client)


def test_the_code_page_forgets_a_password_typed_too_long_ago(client, approver):
    device, _codes = enrolled(approver)
    log_in(client, "own_approver")
    session = client.session
    session[PENDING_KEY] = {**session[PENDING_KEY], "at": session[PENDING_KEY]["at"] - 301}
    session.save()

    response = client.post(reverse("login_code"), {"code": code(device, 1)})

    assert response.url == reverse("login")
    assert not signed_in(client)


def test_an_approver_disables_the_second_factor_with_password_and_code(client, approver):
    device, _codes = enrolled(approver)
    client.force_login(approver)
    url = reverse("two_factor_disable")

    wrong = client.post(url, {"password": "sai", "code": code(device, 1)})
    assert "Mật khẩu không đúng" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=approver).exists()

    client.post(url, {"password": PASSWORD, "code": code(device, 1)})
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert not StaticDevice.objects.filter(user=approver).exists()
    assert AuditEntry.objects.filter(action=Action.OTP_DISABLED, user=approver).exists()
    client.post("/logout/")
    assert log_in(client, "own_approver").url == reverse("home")


def test_new_recovery_codes_replace_the_old_ones(client, approver):
    device, old = enrolled(approver)
    client.force_login(approver)

    client.post(reverse("two_factor_new_codes"), {"codes-code": code(device, 1)})

    new = re.findall(
        r"<li>([a-z2-7]{10})</li>", client.get(reverse("two_factor_recovery")).content.decode()
    )
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=approver).values_list("token", flat=True))
    assert stored == set(new) and not stored & set(old)


def test_an_administrator_resets_a_lost_device_from_the_command_line(approver):
    enrolled(approver)
    call_command("reset_two_factor", "own_approver", verbosity=0)
    assert not TOTPDevice.objects.filter(user=approver).exists()
    assert AuditEntry.objects.filter(action=Action.OTP_DISABLED, user=approver).exists()


# --- hostile input ------------------------------------------------------------------------------

HOSTILE_CODES = ["123\x00456", "9" * 5000, "abcdef", "12345", "1234567", "' OR 1=1 --", "١٢٣٤٥٦"]


@pytest.mark.parametrize("value", HOSTILE_CODES, ids=["nul", "long", "letters", "short",
                                                      "seven", "sql", "arabic"])  # fmt: skip
def test_a_hostile_code_at_login_gets_a_vietnamese_message(client, approver, value):
    enrolled(approver)
    log_in(client, "own_approver")

    response = client.post(reverse("login_code"), {"code": value})

    assert response.status_code == 200
    assert CODE_FORMAT in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("value", HOSTILE_CODES)
def test_a_hostile_code_at_enrolment_gets_a_vietnamese_message(client, approver, value):
    client.force_login(approver)
    response = client.post(reverse("two_factor"), {"code": value})
    assert response.status_code == 200
    assert CODE_FORMAT in response.content.decode()


@pytest.mark.parametrize("password", ["x\x00y", "x" * 5000, ""], ids=["nul", "long", "empty"])
def test_a_hostile_password_when_disabling_gets_a_vietnamese_message(client, approver, password):
    device, _codes = enrolled(approver)
    client.force_login(approver)
    response = client.post(
        reverse("two_factor_disable"), {"password": password, "code": code(device, 1)}
    )
    assert response.status_code == 200
    assert re.search("Mật khẩu không đúng|Nhập mật khẩu", response.content.decode())
    assert TOTPDevice.objects.filter(user=approver).exists()
