import pytest


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or 'local file'})"


@pytest.fixture
def demo(db):
    """The demo data of `manage.py loaddemo`: units, seed issuers and demo logins."""
    from orgs.demo import load_demo

    return load_demo()
