"""Login throttling: django-axes counts failed logins per account and per address and refuses
further attempts for a cool-off period (settings AXES_*); these are the project's pieces."""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render

LOCKED_OUT_STATUS = 429


class LoginThrottleBackend(AxesStandaloneBackend):
    """axes' check, run before any password is tried. A call without a request is not
    throttled: only code calls authenticate() so (tests, shells); every login form of Django,
    the site's and the administration's, passes the request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def attempted_username(request, credentials=None):
    """The username axes counts (settings.AXES_USERNAME_CALLABLE): the one typed, cut to the
    length of an account's name. Django's login forms do not check that length, and axes'
    column (255) would refuse a longer one with a 500 on PostgreSQL."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return username[:150] if isinstance(username, str) else username


def lockout_message():
    """The Vietnamese sentence shown to a locked-out login."""
    cool_off = get_cool_off()
    if not cool_off:
        return (
            "Đăng nhập đã bị khóa do nhập sai mật khẩu quá nhiều lần. "
            "Vui lòng liên hệ quản trị viên để mở khóa."
        )
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return (
        "Đăng nhập đã tạm thời bị khóa do nhập sai mật khẩu quá nhiều lần. "
        f"Vui lòng thử lại sau {minutes} phút hoặc liên hệ quản trị viên."
    )


def lockout_response(request, original_response=None, credentials=None):
    """The login page again (settings.AXES_LOCKOUT_CALLABLE), with the username typed and the
    lock-out message; status 429. The form is not bound: validating it would try again."""
    username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    username = username.replace("\0", "")[:150]
    next_url = request.POST.get("next") or request.GET.get("next", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "next": next_url, "locked_out": lockout_message()}
    return render(request, "registration/login.html", context, status=LOCKED_OUT_STATUS)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule with its message in Vietnamese (Django's own translation lacks it)."""

    def get_error_message(self):
        return f"Mật khẩu này quá ngắn: cần ít nhất {self.min_length} ký tự."
