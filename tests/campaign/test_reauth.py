"""Re-authentication before issuing, revoking, granting and revoking roles (orgs/reauth.py):
with an old authentication the action is not done and the user confirms her password first."""

import time
from datetime import date

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from orgs.models import AuditEntry, Membership
from orgs.reauth import SESSION_KEY
from orgs.twofactor import enable_two_factor
from plans import services, workflow
from plans.models import Plan

PASSWORD = "mat-khau-dung-9"


def signed_in_long_ago(client, user, minutes=11):
    """user signed in, her last password typed minutes ago (REAUTH_MINUTES is 10)."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = time.time() - minutes * 60
    session.save()


@pytest.fixture
def users(tree):
    for user in tree.users.values():
        user.set_password(PASSWORD)
        user.save()
    return tree.users


@pytest.fixture
def approved(tree, users):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=users["own_editor"],
                               year=2024, summary="Kế hoạch xã Một")  # fmt: skip
    plan = workflow.submit_plan(plan, by=users["own_editor"])
    return workflow.approve_plan(plan, by=users["own_approver"])


def issue(client, plan, **headers):
    url = reverse("plans:transition", args=[plan.pk, "issue"])
    return client.post(url, {"number": 12, "issued_on": date.today().isoformat()}, **headers)


def confirm_url(next_url):
    return f"{reverse('reauth')}?next={next_url.replace('/', '%2F')}"


def test_issuing_with_an_old_authentication_asks_for_the_password_and_does_nothing(
    client, users, approved
):
    signed_in_long_ago(client, users["own_clerk"])

    response = issue(client, approved)

    detail = reverse("plans:detail", args=[approved.pk])
    assert response.url == confirm_url(detail)
    assert Plan.objects.get(pk=approved.pk).status == "approved"
    page = client.get(response.url).content.decode()
    assert "Xác nhận lại mật khẩu" in page and "chưa được thực hiện" in page

    back = client.post(reverse("reauth"), {"password": PASSWORD, "next": detail})
    assert back.url == detail  # she clicks again there: nothing was replayed
    assert Plan.objects.get(pk=approved.pk).status == "approved"
    issue(client, approved)
    assert Plan.objects.get(pk=approved.pk).status == "issued"


def test_a_fresh_login_issues_without_asking(client, users, approved):
    client.post("/login/", {"username": "own_clerk", "password": PASSWORD})
    issue(client, approved)
    assert Plan.objects.get(pk=approved.pk).status == "issued"


def test_approving_and_issuing_at_once_asks_too(client, tree, users):
    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=users["own_editor"],
                               year=2024, summary="Kế hoạch")  # fmt: skip
    plan = workflow.submit_plan(plan, by=users["own_editor"])
    signed_in_long_ago(client, users["own_approver"])
    url = reverse("plans:transition", args=[plan.pk, "approve"])

    response = client.post(url, {"and_issue": "1", "number": 3, "issued_on": "2024-03-01"})

    assert response.url.startswith(reverse("reauth"))
    assert Plan.objects.get(pk=plan.pk).status == "submitted"
    # Approving alone is not sensitive.
    client.post(url)
    assert Plan.objects.get(pk=plan.pk).status == "approved"


def test_revoking_a_plan_with_an_old_authentication_is_not_done(client, users, approved):
    plan = workflow.issue_plan(approved, by=users["own_clerk"], number=5,
                               issued_on=date.today())  # fmt: skip
    signed_in_long_ago(client, users["own_approver"])
    url = reverse("plans:transition", args=[plan.pk, "revoke"])

    response = client.post(url, {"comment": "Ban hành nhầm"})

    assert response.url.startswith(reverse("reauth"))
    assert Plan.objects.get(pk=plan.pk).status == "issued"
    client.post(reverse("reauth"), {"password": PASSWORD})
    client.post(url, {"comment": "Ban hành nhầm"})
    assert Plan.objects.get(pk=plan.pk).status == "revoked"


def test_granting_a_role_with_an_old_authentication_comes_back_to_the_page(
    client, tree, users, django_user_model
):
    newcomer = django_user_model.objects.create_user("newcomer", password=PASSWORD)
    committee = tree.orgs["committee_one"]
    signed_in_long_ago(client, users["own_approver"])
    url = reverse("orgs:role_grant", args=[committee.pk])
    detail = reverse("orgs:detail", args=[committee.pk])
    data = {"username": "newcomer", "role": "viewer"}

    response = client.post(url, data, HTTP_REFERER=f"http://testserver{detail}?tab=roles")

    assert response.url == confirm_url(f"{detail}?tab=roles").replace("?tab", "%3Ftab").replace(
        "=roles", "%3Droles"
    )
    assert not Membership.objects.filter(user=newcomer, role="viewer").exists()
    client.post(reverse("reauth"), {"password": PASSWORD})
    client.post(url, data)
    assert Membership.objects.filter(user=newcomer, role="viewer").exists()


def test_revoking_a_role_with_an_old_authentication_is_not_done(client, tree, users):
    committee = tree.orgs["committee_one"]
    viewer = Membership.objects.get(user=users["own_viewer"])
    signed_in_long_ago(client, users["own_approver"])
    url = reverse("orgs:role_revoke", args=[committee.pk, viewer.pk])

    assert client.post(url).url.startswith(reverse("reauth"))
    assert Membership.objects.filter(pk=viewer.pk).exists()
    client.post(reverse("reauth"), {"password": PASSWORD})
    client.post(url)
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_an_outsider_gets_the_same_answer_as_before_not_the_confirm_page(client, tree, users):
    signed_in_long_ago(client, users["outsider"])
    url = reverse("orgs:role_grant", args=[tree.orgs["committee_one"].pk])
    assert client.post(url, {"username": "own_viewer", "role": "viewer"}).status_code == 404


def test_a_wrong_password_is_refused_logged_and_counted_by_the_login_throttle(
    client, users, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    signed_in_long_ago(client, users["own_clerk"])

    response = client.post(reverse("reauth"), {"password": "sai"})

    assert "Mật khẩu không đúng" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.LOGIN_FAILED).count() == 1
    locked = client.post(reverse("reauth"), {"password": "sai"})
    assert (
        "tạm thời bị khóa"
        in client.post(reverse("reauth"), {"password": PASSWORD}).content.decode()
    )
    assert locked.status_code == 200  # the confirm page, not the login page
    assert "_auth_user_id" in client.session


def test_an_enrolled_user_may_confirm_with_a_code(client, users, approved):
    clerk = users["own_clerk"]
    device = TOTPDevice.objects.create(user=clerk, name="Điện thoại", confirmed=False)
    enable_two_factor(clerk, device)
    device.refresh_from_db()
    signed_in_long_ago(client, clerk)
    code = totp(device.bin_key, t0=device.t0 - device.step)

    client.post(reverse("reauth"), {"otp-code": f"{code:06d}"})

    issue(client, approved)
    assert Plan.objects.get(pk=approved.pk).status == "issued"


def test_a_next_address_elsewhere_is_not_followed(client, users):
    signed_in_long_ago(client, users["own_clerk"])
    response = client.post(
        reverse("reauth"), {"password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("home")


@pytest.mark.parametrize(
    "data",
    [{"password": "x\x00y"}, {"password": "x" * 5000}, {"password": ""},
     {"otp-code": "12a\x00"}, {"otp-code": "9" * 5000}],
    ids=["nul", "long", "empty", "code-nul", "code-long"],
)  # fmt: skip
def test_hostile_values_on_the_confirm_page_get_a_vietnamese_message(client, users, data):
    clerk = users["own_clerk"]
    enable_two_factor(clerk, TOTPDevice.objects.create(user=clerk, name="Đ", confirmed=False))
    signed_in_long_ago(client, clerk)

    response = client.post(reverse("reauth"), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert any(m in text for m in ("Mật khẩu không đúng", "Nhập mật khẩu", "Mã xác thực gồm"))
    session = client.session
    assert time.time() - session[SESSION_KEY] > 600
