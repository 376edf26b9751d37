"""Security headers and caching: CSP without unsafe-inline, Permissions-Policy, no-store for
signed-in users and every download or export, no server banner (issue 12, item 4)."""

import re
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from campaign.headers import SecurityHeadersMiddleware

from ..reportdata import report_of, send

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# Print-only templates: WeasyPrint (or a file opened on its own) reads them, never a browser
# under our headers, and a PDF rendered without any request needs its stylesheet inline.
PRINT_ONLY = {"documents/plan_print.html", "documents/plan_preview.html"}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_security_headers(response):
    policy = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert all(value.startswith("'nonce-") for value in policy["style-src"][1:])
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def assert_never_stored(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert "public" not in cache_control


# Pages, downloads and exports ---------------------------------------------------------------


def test_the_login_page_sends_the_security_headers_to_an_anonymous_visitor(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_a_page_seen_signed_in_is_never_cached(client, tree):
    client.force_login(tree.users["own_editor"])
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    assert_security_headers(response)
    assert_never_stored(response)


def test_a_download_is_never_cached(client, boss, province):
    client.force_login(boss)
    response = client.get(reverse("plans:download_docx", args=[province["committee_one"].pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_security_headers(response)
    assert_never_stored(response)


def test_an_export_is_never_cached(client, tree, boss, province):
    send(report_of(province["committee_one"], tree.orgs["village_one"]), tree.users["village_one"], 80, 100)  # fmt: skip
    client.force_login(boss)
    response = client.get(
        reverse("reports:dashboard_xlsx", args=[province["province_committee"].pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_security_headers(response)
    assert_never_stored(response)


def test_the_plan_preview_gets_its_rule_widths_through_the_nonce_and_no_style_attribute(
    client, boss, province
):
    client.force_login(boss)
    response = client.get(reverse("plans:detail", args=[province["committee_one"].pk]))
    html = response.content.decode()
    nonces = [value for value in directives(response)["style-src"] if value.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    style = re.search(r'<style nonce="([^"]+)">(.*?)</style>', html, re.S)
    assert style and style.group(1) == nonce
    assert re.search(r"\.kh-rule-issuer \{ width: \d+\.\dmm; \}", style.group(2))
    assert re.search(r"\.kh-rule-summary \{ width: \d+\.\dmm; \}", style.group(2))
    assert "style=" not in html


def test_a_page_without_a_nonced_element_sends_no_nonce(client, tree):
    client.force_login(tree.users["own_editor"])
    assert directives(client.get(reverse("home")))["style-src"] == ["'self'"]


# The middleware on its own: what WhiteNoise answers and what an anonymous visitor gets --------


def middleware_response(response, user=None):
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    return SecurityHeadersMiddleware(lambda request: response)(request)


def test_an_attachment_is_never_cached_whoever_asks():
    from django.contrib.auth.models import AnonymousUser

    attachment = HttpResponse(b"x")
    attachment["Content-Disposition"] = 'attachment; filename="mau.xlsx"'
    assert_never_stored(middleware_response(attachment, AnonymousUser()))
    without_user = HttpResponse(b"x")
    without_user["Content-Disposition"] = 'attachment; filename="mau.xlsx"'
    assert_never_stored(middleware_response(without_user))


def test_a_public_static_file_keeps_its_long_caching():
    # WhiteNoise answers before authentication runs: the request has no user.
    static = HttpResponse(b"body{}", content_type="text/css")
    static["Cache-Control"] = "max-age=315360000, public, immutable"
    response = middleware_response(static)
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "camera=()" in response["Permissions-Policy"]


# No inline script, handler or style in the templates -----------------------------------------

INLINE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style\b(?![^>]*\bnonce=)[^>]*>", re.I), "a <style> element without nonce"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"\shx-on", re.I), "an htmx inline handler"),
]


COMMENTS = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


def inline_code(text):
    text = COMMENTS.sub("", text)
    return [what for pattern, what in INLINE if pattern.search(text)]


def test_the_inline_check_catches_what_the_policy_would_refuse():
    assert inline_code('<button onclick="go()">') == ["an inline event handler"]
    assert inline_code("<script>alert(1)</script>") == ["an inline <script>"]
    assert inline_code('<div style="width:6rem">') == ["a style attribute"]
    assert inline_code("<style>p{}</style>") == ["a <style> element without nonce"]
    assert inline_code('<script src="/static/js/app.js" defer></script>') == []
    assert inline_code('<style nonce="{{ request.csp_nonce }}">') == []
    assert inline_code('<form data-confirm="Xóa?">') == []
    assert inline_code("{# htmx would add a <style> element #}") == []


@pytest.mark.engine_independent
def test_no_template_holds_an_inline_script_handler_or_style():
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in PRINT_ONLY:
            continue
        if problems := inline_code(path.read_text(encoding="utf-8")):
            found[name] = problems
    assert found == {}, "move these to static/js or static/css (docs/security.md)"


# No server banner ----------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.engine_independent
def test_gunicorn_started_from_the_project_names_no_server_software(tmp_path):
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(gunicorn), "campaign.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/login/")
                response = connection.getresponse()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail((tmp_path / "gunicorn.log").read_text())
                time.sleep(0.2)
        assert response.status == 200
        assert response.getheader("Server") is None
        assert response.getheader("Content-Security-Policy")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
