import pytest


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or 'local file'})"


@pytest.fixture(autouse=True)
def file_storage_in_tmp(settings, tmp_path_factory):
    """Files the tests keep (issued PDFs) go to a fresh folder, never the project's media/
    nor a bucket configured in the developer's environment (tests/plans/test_storage.py
    uses a real S3 endpoint explicitly)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("media"))},
        },
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file (one per xdist worker: each has its own temporary
    folder), not the default in-memory one, so that a worker process started by a test
    (tests/plans/test_worker_process.py) opens the same database. On PostgreSQL, commits of the
    throw-away database do not wait for the disk."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    else:
        db.setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"


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


@pytest.fixture
def catalogue(db):
    from campaign.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture
def boss(tree, django_user_model):
    """Holds every role at every committee of Tỉnh A, to move plans along quickly; those
    committees let one person write, approve and issue (tests/plans/test_workflow.py tests the
    separation of duties that is on by default)."""
    from orgs.models import Membership, Organisation
    from orgs.services import grant_role

    user = django_user_model.objects.create_user("boss", password="x")
    for key in ("province_committee", "committee_one", "committee_two"):
        committee = tree.orgs[key]
        committee.duty_separation = Organisation.DutySeparation.NONE
        committee.save(update_fields=["duty_separation"])
        for role in Membership.Role:
            grant_role(user, committee, role)
    return user


@pytest.fixture
def province(tree, boss, catalogue):
    """Tỉnh A → communes Một (villages Một-1, Một-2) and Hai (village Hai-1); a province plan
    and a plan of each commune committee, all asking for a report at mid-year."""
    from orgs.models import Membership
    from orgs.services import add_organisation, grant_role

    from .reportdata import issued_plan, make_user

    o = tree.orgs
    level = o["village_one"].level
    o["village_one_b"] = add_organisation(
        parent=o["commune_one"], kind="village", level=level, name="Thôn Một-2"
    )
    o["village_two"] = add_organisation(
        parent=o["commune_two"], kind="village", level=level, name="Thôn Hai-1"
    )
    indicator = catalogue[1]["gia-dinh-van-hoa"]
    plans = {
        key: issued_plan(o[key], boss, indicator)
        for key in ("province_committee", "committee_one", "committee_two")
    }
    for village in ("village_one", "village_one_b", "village_two"):
        user = tree.users.setdefault(village, make_user(village))
        grant_role(user, o[village], Membership.Role.EDITOR)
    return plans


@pytest.fixture(autouse=True)
def force_login_includes_the_second_factor(monkeypatch):
    """Client.force_login stands for a complete sign-in: for a user with a device, and for an
    administrator (who must have one, orgs/twofactor.py), that includes a code entered in the
    session. Tests of the second factor itself sign in through the login pages."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None and (user.is_staff or user.is_superuser):
            device = TOTPDevice.objects.create(user=user, name="Thiết bị thử", confirmed=True)
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
