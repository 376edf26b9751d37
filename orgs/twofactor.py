"""Two-factor authentication (TOTP with django-otp): required for administrators, offered to
everyone (the menu's "Xác thực hai lớp"; approvers and clerks are invited on the home page).

- Enrolment: the page shows a QR code (inline SVG drawn by segno) and the secret in text; one
  code from the app confirms the device; ten recovery codes are then shown once.
- Login: after the right password, a user with a device is not signed in yet; the session only
  remembers who she is (PENDING_KEY, for PENDING_SECONDS) and the next page asks for the code or
  a recovery code. Wrong codes make the next try wait 1, 2, 4… seconds (django-otp's throttling
  on the device) and are written to the audit log.
- An administrator signed in without a verified device (the administration's own login page,
  a session older than the device) can open nothing but the code page, or the enrolment page
  when she has no device yet (TwoFactorRequiredMiddleware).
"""

import math
import re
import secrets
import time
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.auth import lockout_message

from .audit import Action, record
from .models import Membership
from .reauth import mark_authenticated, safe_next

PENDING_KEY = "_two_factor_pending"  # {"user": pk, "backend": …, "at": time, "next": url}
PENDING_SECONDS = 5 * 60
REQUIRED_KEY = "_two_factor_required"  # the signed-in user has a device: unverified is not enough
NEW_CODES_KEY = "_two_factor_new_codes"  # the recovery codes, until the page shows them once
RECOVERY_CODE_COUNT = 10
# Ten base-32 characters (50 random bits) each: what django-otp's own tokens lack in length.
RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
RECOVERY_CODE_LENGTH = 10
DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"

CODE_FORMAT = "Mã xác thực gồm 6 chữ số (hoặc một mã dự phòng gồm 10 chữ và số)."
WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn."
EXPIRED_LOGIN = "Đã quá thời gian nhập mã xác thực, vui lòng đăng nhập lại."


def is_required(user):
    """Administrators must use two factors; everyone else may."""
    return user.is_staff or user.is_superuser


def is_offered(user):
    """Whether the user is invited to enrol: approvers and clerks (and administrators)."""
    return (
        is_required(user)
        or Membership.objects.filter(
            user=user, role__in=(Membership.Role.APPROVER, Membership.Role.CLERK)
        ).exists()
    )


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def normalise_code(raw):
    """(kind, code) for what was typed: ("totp", "123456") or ("recovery", "abcd2efgh3");
    raises forms.ValidationError with a Vietnamese message for anything else."""
    if not isinstance(raw, str) or len(raw) > 64:
        raise forms.ValidationError(CODE_FORMAT)
    code = re.sub(r"[\s-]", "", raw).lower()
    if re.fullmatch(r"[0-9]{6}", code):
        return "totp", code
    if re.fullmatch(r"[a-z2-7]{10}", code):
        return "recovery", code
    raise forms.ValidationError(CODE_FORMAT)


def _wait_message(info):
    locked_until = (info or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return f"Bạn đã nhập sai mã nhiều lần. Vui lòng thử lại sau {seconds} giây."


def check_code(user, kind, code, *, request):
    """The device that accepts code for user, or (None, message). Failures are throttled by
    the device (django-otp) and written to the audit log; a recovery code works once."""
    device = totp_device(user) if kind == "totp" else recovery_device(user)
    if device is None:
        return None, WRONG_CODE
    allowed, info = device.verify_is_allowed()
    if not allowed:
        record(Action.OTP_FAILED, "Nhập mã xác thực khi đang phải chờ do sai nhiều lần",
               by=user, user=user, details={"refused_while_throttled": True},
               request=request)  # fmt: skip
        return None, _wait_message(info)
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        verified = device.verify_token(code)
    if not verified:
        record(Action.OTP_FAILED, "Nhập sai mã xác thực hai lớp", by=user, user=user,
               details={"failures": device.throttling_failure_count, "kind": kind},
               request=request)  # fmt: skip
        return None, WRONG_CODE
    if kind == "recovery":
        left = device.token_set.count()
        record(Action.OTP_RECOVERY_USED, f"Dùng một mã dự phòng (còn {left} mã)", by=user,
               user=user, details={"left": left}, request=request)  # fmt: skip
    return device, None


@transaction.atomic
def enable_two_factor(user, device, *, request=None):
    """Confirms user's TOTP device, replaces her other devices and returns ten new recovery
    codes (stored by django-otp, shown once by the caller)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(user)
    record(Action.OTP_ENABLED, "Bật xác thực hai lớp", by=user, user=user, request=request)
    return codes


def new_recovery_codes(user):
    """Replaces user's recovery codes by RECOVERY_CODE_COUNT new ones and returns them."""
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    recovery.token_set.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    return codes


@transaction.atomic
def disable_two_factor(user, *, by, request=None):
    """Removes all of user's devices and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(Action.OTP_DISABLED, "Tắt xác thực hai lớp", by=by, user=user, request=request)


@receiver(user_logged_in, dispatch_uid="orgs.two_factor_required")
def remember_two_factor_need(sender, request, user, **kwargs):
    """At every login: whether this session must be verified by a code (orgs middleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[REQUIRED_KEY] = user_has_device(user)


# --- forms -------------------------------------------------------------------------------------


class CodeForm(forms.Form):
    """One code: six digits from the app, or a recovery code. A plain Field, so that a NUL
    byte or 5,000 characters get the Vietnamese message rather than Django's English one."""

    code = forms.Field(
        label="Mã xác thực",
        error_messages={"required": "Nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        self.kind, code = normalise_code(self.cleaned_data["code"])
        return code


class PasswordField(forms.Field):
    widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})

    def __init__(self, **kwargs):
        super().__init__(label="Mật khẩu", error_messages={"required": "Nhập mật khẩu."}, **kwargs)


class DisableForm(CodeForm):
    password = PasswordField()
    field_order = ["password", "code"]


def password_is_right(request, password):
    """Checks the signed-in user's password through authenticate(), so that wrong passwords
    count towards the login throttle (django-axes) and are logged; returns (ok, message)."""
    if not isinstance(password, str) or "\0" in password or len(password) > 4096:
        return False, "Mật khẩu không đúng."
    user = authenticate(request, username=request.user.get_username(), password=password)
    if getattr(request, "axes_locked_out", False):
        # Answered here, not by axes' login page: the user is signed in.
        request.axes_locked_out = False
        return False, lockout_message()
    if user is None or user.pk != request.user.pk:
        return False, "Mật khẩu không đúng."
    return True, None


# --- login, second step --------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Django's login page; a user with a device is not signed in after her password but sent
    to the code page, the session remembering who she is for PENDING_SECONDS."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not user_has_device(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_redirect_url(),
        }
        return redirect("login_code")


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()


def login_code(request):
    """The second step of the login: a code from the app or a recovery code. Also the page of
    an administrator signed in (the administration's login page) but not yet verified."""
    signed_in = request.user.is_authenticated
    user = request.user if signed_in else _pending_user(request)
    if signed_in and (request.user.is_verified() or not user_has_device(request.user)):
        return redirect(settings.LOGIN_REDIRECT_URL)
    if user is None or not user_has_device(user):
        request.session.pop(PENDING_KEY, None)
        if not signed_in:
            messages.warning(request, EXPIRED_LOGIN)
        return redirect("login")
    pending = request.session.get(PENDING_KEY) or {}
    next_url = safe_next(request, pending.get("next") or request.GET.get("next"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, error = check_code(user, form.kind, form.cleaned_data["code"], request=request)
        if device is not None:
            if signed_in:
                otp_login(request, device)
                mark_authenticated(request)
            else:
                request.session.pop(PENDING_KEY, None)
                user.otp_device = device  # django-otp keeps it in the session at login
                auth_login(request, user, backend=pending.get("backend"))
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        form.add_error("code", error)
    context = {"form": form, "next": next_url or "", "account": user.get_username()}
    return render(request, "registration/login_code.html", context)


# --- the account's page ------------------------------------------------------------------------


def qr_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no style attribute: allowed
    by the Content-Security-Policy)."""
    qr = segno.make(device.config_url, error="m")
    return mark_safe(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff"))  # noqa: S308


def secret_text(device):
    """The base-32 secret for typing into an app, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def two_factor(request):
    """Status, enrolment (QR code, secret, one code to confirm) or disabling."""
    user = request.user
    device = totp_device(user)
    if device is not None:
        return _status_page(request, device)
    pending = totp_device(user, confirmed=False)
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.kind == "totp" and _verify_new_device(pending, form.cleaned_data["code"]):
            codes = enable_two_factor(user, pending, request=request)
            otp_login(request, pending)
            mark_authenticated(request)
            request.session[REQUIRED_KEY] = True
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, "Đã bật xác thực hai lớp.")
            return redirect("two_factor_recovery")
        form.add_error(
            "code",
            "Mã không khớp. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị trong ứng dụng.",
        )
    context = {
        "form": form,
        "qr": qr_svg(pending),
        "secret": secret_text(pending),
        "required": is_required(user),
    }
    return render(request, "registration/two_factor_enrol.html", context)


def _verify_new_device(device, code):
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return device.verify_token(code)


def _status_page(request, device, disable_form=None):
    recovery = recovery_device(request.user)
    context = {
        "device": device,
        "codes_left": recovery.token_set.count() if recovery else 0,
        "required": is_required(request.user),
        "disable_form": disable_form or DisableForm(),
        "codes_form": CodeForm(prefix="codes"),
    }
    return render(request, "registration/two_factor_status.html", context)


@login_required
@require_POST
def two_factor_disable(request):
    """Turns two factors off, with the password and a code; never for an administrator."""
    user = request.user
    device = totp_device(user)
    if device is None:
        return redirect("two_factor")
    if is_required(user):
        messages.error(request, "Tài khoản quản trị bắt buộc dùng xác thực hai lớp.")
        return redirect("two_factor")
    form = DisableForm(request.POST)
    if form.is_valid():
        ok, error = password_is_right(request, form.cleaned_data["password"])
        if not ok:
            form.add_error("password", error)
        else:
            found, error = check_code(user, form.kind, form.cleaned_data["code"], request=request)
            if found is None:
                form.add_error("code", error)
    if not form.is_valid():
        return _status_page(request, device, disable_form=form)
    disable_two_factor(user, by=user, request=request)
    request.session[REQUIRED_KEY] = False
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, "Đã tắt xác thực hai lớp.")
    return redirect("two_factor")


@login_required
@require_POST
def two_factor_new_codes(request):
    """Ten new recovery codes in place of the old ones, with a code from the app."""
    user = request.user
    if totp_device(user) is None:
        return redirect("two_factor")
    form = CodeForm(request.POST, prefix="codes")
    if form.is_valid():
        if form.kind != "totp":
            form.add_error("code", "Nhập mã 6 chữ số đang hiển thị trong ứng dụng.")
        else:
            found, error = check_code(user, "totp", form.cleaned_data["code"], request=request)
            if found is None:
                form.add_error("code", error)
    if not form.is_valid():
        messages.error(request, "Chưa tạo mã dự phòng mới: " + "; ".join(form.errors["code"]))
        return redirect("two_factor")
    request.session[NEW_CODES_KEY] = new_recovery_codes(user)
    record(Action.OTP_CODES_RENEWED, "Tạo mã dự phòng mới", by=user, user=user, request=request)
    return redirect("two_factor_recovery")


@login_required
def two_factor_recovery(request):
    """The new recovery codes, shown once (the session forgets them as the page is made)."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        messages.info(
            request,
            "Mã dự phòng chỉ hiển thị một lần. Nếu đã mất, hãy tạo bộ mã mới.",
        )
        return redirect("two_factor")
    return render(request, "registration/two_factor_recovery.html", {"codes": codes})


# --- re-authentication page ---------------------------------------------------------------


class ReauthForm(forms.Form):
    password = PasswordField(required=False)


@login_required
def reauth(request):
    """ "Xác nhận lại mật khẩu": the password (or, when enrolled, a code from the app) again,
    then back to the page the user was on."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    enrolled = totp_device(request.user) is not None
    form = ReauthForm(request.POST or None)
    code_form = CodeForm(request.POST or None, prefix="otp") if enrolled else None
    if request.method == "POST":
        ok, error = _reauthenticate(request, form, code_form)
        if ok:
            mark_authenticated(request)
            messages.success(request, "Đã xác nhận. Hãy thực hiện lại thao tác.")
            return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
        if error:
            form.add_error(None, error)
    context = {"form": form, "code_form": code_form, "next": next_url or ""}
    return render(request, "registration/reauth.html", context)


def _reauthenticate(request, form, code_form):
    """(ok, message): the password typed, or else the code, is the user's."""
    if not form.is_valid():
        return False, None
    password = form.cleaned_data["password"]
    if password:
        return password_is_right(request, password)
    if code_form is not None and (code_form.data.get("otp-code") or "") != "":
        if not code_form.is_valid():
            return False, None
        device, error = check_code(request.user, code_form.kind,
                                   code_form.cleaned_data["code"], request=request)  # fmt: skip
        return device is not None, error
    return False, "Nhập mật khẩu" + (" hoặc mã xác thực." if code_form is not None else ".")


# --- the gate for administrators and enrolled users -------------------------------------------


class TwoFactorRequiredMiddleware:
    """A signed-in administrator, or a user whose session must be verified, opens nothing until
    a code has been entered in this session: with a device she is sent to the code page,
    without one (an administrator) to the enrolment page. Logout stays open, and so does the
    password change a first login may require (orgs/middleware.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (is_required(user) or request.session.get(REQUIRED_KEY))
            and not user.is_verified()
        ):
            return self.gate(request, user) or self.get_response(request)
        return self.get_response(request)

    def gate(self, request, user):
        if user_has_device(user):
            target, open_paths = "login_code", {reverse("login_code")}
            message = None
        else:
            target = "two_factor"
            open_paths = {reverse("two_factor"), reverse("two_factor_recovery")}
            message = "Tài khoản quản trị phải bật xác thực hai lớp trước khi làm việc tiếp."
        open_paths |= {reverse("logout"), reverse("password_change"),
                       reverse("password_change_done")}  # fmt: skip
        if request.path in open_paths:
            return None
        if message:
            messages.warning(request, message)
        return redirect(target)
