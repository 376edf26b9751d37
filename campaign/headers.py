"""Response headers Django has no setting for: Permissions-Policy, and no-store caching.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); Referrer-
Policy, nosniff, X-Frame-Options and HSTS from Django's SecurityMiddleware and its settings.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers


def permissions_policy(features):
    """The header value of {feature: allowed origins}: "camera=(), geolocation=(self)"."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(features.items())
    )


def is_private(request, response):
    """A response no cache may keep: anything a signed-in user sees (it carries her data and a
    CSRF token) and any file download or export, whoever asks for it."""
    if response.get("Content-Disposition", "").lower().startswith("attachment"):
        return True
    # Absent when a middleware answered before authentication ran (WhiteNoise's static files).
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response and Cache-Control: no-store to private ones.
    Sits right after SecurityMiddleware, so it also sees what WhiteNoise answers (public static
    files keep their long caching: no user, no attachment)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if is_private(request, response):
            add_never_cache_headers(response)
        return response
