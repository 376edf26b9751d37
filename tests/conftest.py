import pytest


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or 'local file'})"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # PBKDF2 costs ~0.3 s a user on this machine; tests create dozens of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The demo data of `manage.py loaddemo` but the seed plans (plans.demo.load_demo_plans):
    units, seed issuers with committees and logins, the movement and indicator catalogue."""
    from campaign.catalogue import load_catalogue
    from orgs.demo import load_demo

    load_catalogue()
    return load_demo()


@pytest.fixture
def tree(db):
    """The personas tree of tests/personas.py."""
    from .personas import build_tree

    return build_tree()
