"""Re-authentication before sensitive actions (issuing or revoking a plan, granting or revoking
a role): the user must have typed her password, or a two-factor code, within the last
settings.REAUTH_MINUTES minutes. Otherwise the action is not performed: she is sent to
"Xác nhận lại mật khẩu" and then back to the page she was on, where she clicks again (a POST is
never replayed). A login counts as a fresh authentication (user_logged_in, force_login too)."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

SESSION_KEY = "_authenticated_at"

CONFIRM_MESSAGE = (
    "Thao tác này cần xác nhận lại mật khẩu vì lần xác thực gần nhất đã quá {minutes} phút. "
    "Thao tác chưa được thực hiện: sau khi xác nhận, hãy bấm lại."
)


def mark_authenticated(request):
    """The user has just proved who she is (password or code): the clock starts again."""
    request.session[SESSION_KEY] = time.time()


@receiver(user_logged_in, dispatch_uid="orgs.reauth_on_login")
def authenticated_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)


def is_recent(request):
    """Whether the user typed her password or a code within the last REAUTH_MINUTES."""
    at = request.session.get(SESSION_KEY)
    if not isinstance(at, (int, float)):
        return False
    return 0 <= time.time() - at <= settings.REAUTH_MINUTES * 60


def safe_next(request, url):
    """url when it is a path of this site, else None."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def page_before(request, fallback):
    """The page the user was on when she posted (the Referer, if on this site), else fallback."""
    referer = request.headers.get("Referer", "")
    if safe_next(request, referer):
        parts = urlsplit(referer)
        if parts.path.startswith("/"):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return fallback


def require_recent_authentication(request, *, back):
    """None when the user's authentication is recent enough; otherwise the response sending her
    to the confirmation page, which brings her back to the page she was on (back: where to go
    when that page is unknown). The caller returns it without performing the action."""
    if is_recent(request):
        return None
    messages.warning(request, CONFIRM_MESSAGE.format(minutes=settings.REAUTH_MINUTES))
    url = f"{reverse('reauth')}?{urlencode({'next': page_before(request, back)})}"
    if request.headers.get("HX-Request"):
        # htmx would follow a 302 and swap the whole page into a fragment.
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
