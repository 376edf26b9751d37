"""How long a signed-in session lasts: an idle timeout and an absolute lifetime.

Django's own expiry slides with every save of the session, so neither limit can rest on it:
the session keeps two clocks, when the user signed in and when she was last active, and
SessionTimeoutMiddleware signs her out once either is too old (settings.SESSION_IDLE_TIMEOUT,
settings.SESSION_COOKIE_AGE, both in seconds). A form posted after that is not lost: the
browser keeps what was typed (static/js/keep-form.js) and puts it back after the next login.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url

SIGNED_IN_KEY = "_signed_in_at"
ACTIVE_KEY = "_active_at"
# The last activity is written at most this often (seconds): a session is saved about once a
# minute, not on every request; the idle timeout is that much less precise.
ACTIVITY_RESOLUTION = 60

IDLE_MESSAGE = "Phiên làm việc đã hết hạn do không hoạt động, vui lòng đăng nhập lại."
LIFETIME_MESSAGE = "Phiên làm việc đã hết thời hạn, vui lòng đăng nhập lại."


def start_session_clocks(sender, request, user, **kwargs):
    """On every login (django.contrib.auth's user_logged_in): both clocks start now."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[SIGNED_IN_KEY] = now
        session[ACTIVE_KEY] = now


def expiry_reason(session, now):
    """'idle', 'lifetime' or None: why the signed-in session must end at time now."""
    active = session.get(ACTIVE_KEY)
    signed_in = session.get(SIGNED_IN_KEY)
    if active is not None and now - active > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    if signed_in is not None and now - signed_in > settings.SESSION_COOKIE_AGE:
        return "lifetime"
    return None


class SessionTimeoutMiddleware:
    """Signs out a user idle for too long or signed in for too long, and sends her to the
    login page with a message and ?next= the page she asked for (for a POST too: her typed text
    is kept by the browser). An htmx request is answered with HX-Redirect to that page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        session, now = request.session, time.time()
        reason = expiry_reason(session, now)
        if reason is not None:
            return self.expired(request, reason)
        # A session signed in before these clocks existed starts them now.
        session.setdefault(SIGNED_IN_KEY, now)
        if now - session.get(ACTIVE_KEY, 0) >= ACTIVITY_RESOLUTION:
            session[ACTIVE_KEY] = now
        return self.get_response(request)

    def expired(self, request, reason):
        # Read by the audit log's logout receiver (orgs.receivers) to say why.
        request.session_expired = reason
        # The page to come back to: for an htmx request, the page it was made from.
        next_url = request.get_full_path()
        current = request.headers.get("HX-Current-URL")
        if request.headers.get("HX-Request") and current:
            parts = urlsplit(current)
            next_url = parts.path + (f"?{parts.query}" if parts.query else "")
        logout(request)
        messages.warning(request, IDLE_MESSAGE if reason == "idle" else LIFETIME_MESSAGE)
        response = redirect_to_login(next_url, resolve_url(settings.LOGIN_URL))
        if request.headers.get("HX-Request"):
            # htmx would follow a 302 and swap the login page into a fragment.
            hx = HttpResponse(status=200)
            hx["HX-Redirect"] = response.url
            return hx
        return response
