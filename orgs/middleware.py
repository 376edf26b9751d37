"""A password set by someone else (an import, an administrator) is changed at the first login:
until then every page but the password change and logout leads to the password change."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "must_change_password"


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SESSION_KEY) and request.user.is_authenticated:
            allowed = {reverse("password_change"), reverse("password_change_done"),
                       reverse("logout")}  # fmt: skip
            if request.path not in allowed:
                messages.warning(
                    request,
                    "Mật khẩu của bạn do người khác đặt. Hãy đổi sang mật khẩu của riêng bạn "
                    "trước khi làm việc tiếp.",
                )
                return redirect("password_change")
        return self.get_response(request)
