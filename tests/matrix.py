"""Access matrices: persona × URL × expected answer, one table per app (docs/permissions.md).

A row names a URL pattern, the object it is opened on and the answer of each persona of
tests/personas.py, then the anonymous visitor. Each persona's request runs in a savepoint that
is rolled back, so a POST that succeeds for one persona does not change what the next one sees.
`uncovered` lists the app's URL patterns that have no row, so a new page cannot slip in untested.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .personas import PERSONAS

COLUMNS = (*PERSONAS, "anonymous")
LOGIN = "→login"  # 302 to the login page
ADMIN_LOGIN = "→admin login"  # 302 to the administration's login page


@dataclass(frozen=True)
class Row:
    url: str  # namespaced URL name
    target: str | None  # key of the fixture's arguments for reverse(); None: no arguments
    method: str
    expected: dict
    data: dict = field(default_factory=dict)  # or a function of the persona's user (None)

    def __str__(self):
        return f"{self.method.upper()} {self.url}" + (f" {self.target}" if self.target else "")


def _row(method, url, target, answers, data):
    assert len(answers) == len(COLUMNS), f"{url}: {len(answers)} answers for {len(COLUMNS)} columns"
    return Row(url, target, method, dict(zip(COLUMNS, answers, strict=True)), data or {})


def get(url, target, *answers, data=None):
    return _row("get", url, target, answers, data)


def post(url, target, *answers, data=None):
    return _row("post", url, target, answers, data)


def outcome(response):
    """The status, or where a redirect to a login page goes."""
    if response.status_code == 302:
        path = response.url.split("?", 1)[0]
        if path == resolve_url(settings.LOGIN_URL):
            return LOGIN
        if path == reverse("admin:login"):
            return ADMIN_LOGIN
    return response.status_code


def answers(row, users, targets):
    """What each persona (and the anonymous visitor) gets for row, each in its own savepoint."""
    url = reverse(row.url, args=targets[row.target] if row.target else ())
    seen = {}
    for persona in COLUMNS:
        client, user = Client(), users.get(persona)
        if user is not None:
            client.force_login(user)
        data = row.data(user) if callable(row.data) else row.data
        with transaction.atomic():
            seen[persona] = outcome(getattr(client, row.method)(url, data))
            transaction.set_rollback(True)
    return seen


def url_names(namespace=None):
    """The names of the URL patterns directly in namespace (None: the root URLconf), and
    'ns:*' for each namespace included there."""
    resolver = get_resolver()
    patterns = resolver.url_patterns if namespace is None else resolver.namespace_dict[namespace][1]
    if isinstance(patterns, URLResolver):
        patterns = patterns.url_patterns
    prefix = f"{namespace}:" if namespace else ""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            assert pattern.name, f"{pattern.pattern} has no name"
            names.add(prefix + pattern.name)
        else:
            names.add(f"{pattern.namespace}:*" if pattern.namespace else str(pattern.pattern))
    return names


def uncovered(rows, namespace=None, *, elsewhere=()):
    """URL patterns of namespace without a row; elsewhere: included namespaces tested by their
    own app's matrix. An included namespace counts as covered by any row inside it."""
    covered = {row.url for row in rows}
    covered |= {f"{row.url.split(':', 1)[0]}:*" for row in rows if ":" in row.url}
    return sorted(url_names(namespace) - covered - {f"{ns}:*" for ns in elsewhere})
