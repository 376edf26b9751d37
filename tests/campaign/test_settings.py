"""Start-up configuration: bad values stop with one clear line; production values pass --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.settings import S3_VARIABLES

pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3-h0ach-production-test-key-4f9a8c2e71b05d36e9a1c7f2b8d4e0a6",
    "ALLOWED_HOSTS": "kehoach.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://kehoach.example.gov.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    ignored = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT", "MEDIA_ROOT", *S3_VARIABLES}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_values_pass_the_deploy_check_without_any_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_defaults_fail_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DATABASE_URL": "khong-phai-url"}, "DATABASE_URL"),
        ({"DATABASE_URL": "mysql://root@localhost/kehoach"}, "DATABASE_URL"),
        ({"DEBUG": "0", "SECRET_KEY": ""}, "SECRET_KEY"),
        ({"DEBUG": "có lẽ"}, "DEBUG"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"CSRF_TRUSTED_ORIGINS": "kehoach.gov.vn"}, "CSRF_TRUSTED_ORIGINS"),
        ({"MEDIA_ROOT": "media"}, "MEDIA_ROOT"),
        ({"S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "S3_BUCKET"),
        ({"S3_BUCKET": "Kế Hoạch"}, "S3_BUCKET"),
        ({"S3_BUCKET": "kehoach", "S3_ACCESS_KEY_ID": "AKIA1"}, "S3_SECRET_ACCESS_KEY"),
        ({"S3_BUCKET": "kehoach", "S3_SECRET_ACCESS_KEY": "bi-mat"}, "S3_ACCESS_KEY_ID"),
        ({"S3_BUCKET": "kehoach", "S3_ENDPOINT_URL": "minio:9000"}, "S3_ENDPOINT_URL"),
        ({"S3_BUCKET": "kehoach", "S3_ADDRESSING_STYLE": "sideways"}, "S3_ADDRESSING_STYLE"),
        ({"S3_BUCKET": "kehoach", "S3_REGION": "Hà Nội"}, "S3_REGION"),
        ({"S3_BUCKET": "kehoach", "S3_PREFIX": "kehoach/../khac"}, "S3_PREFIX"),
    ],
)
def test_a_bad_value_stops_start_up_with_one_clear_line(env, variable):
    result = manage("check", **env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Lỗi cấu hình: {variable}")
    assert "Traceback" not in result.stderr


STORAGE_PROBE = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__name__, getattr(s, 'location', ''), getattr(s, 'bucket_name', ''), "
    "getattr(s, 'default_acl', ''), getattr(s, 'querystring_auth', ''), "
    "getattr(s, 'file_overwrite', ''), sep='|')"
)


def test_files_are_kept_in_the_media_folder_by_default():
    result = manage("shell", "-c", STORAGE_PROBE)
    backend, location, *_ = result.stdout.strip().splitlines()[-1].split("|")
    assert backend == "FileSystemStorage"
    assert location == str(ROOT / "media")
    ignored = subprocess.run(["git", "check-ignore", "-q", "media/issued/x.pdf"], cwd=ROOT)
    assert ignored.returncode == 0  # never committed by accident


def test_s3_variables_switch_files_to_a_private_bucket():
    env = {
        "S3_BUCKET": "kehoach-tinh-a",
        "S3_ENDPOINT_URL": "https://minio.tinh-a.gov.vn:9000",
        "S3_ACCESS_KEY_ID": "AKIA1",
        "S3_SECRET_ACCESS_KEY": "bi-mat",
    }
    result = manage("shell", "-c", STORAGE_PROBE, **env)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line == "S3Storage||kehoach-tinh-a|private|True|False"
    assert "bi-mat" not in result.stdout + result.stderr


def test_production_serves_collected_static_files_from_the_app(tmp_path):
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path)}
    assert manage("collectstatic", "--noinput", "-v0", **env).returncode == 0
    probe = (
        "from django.test import Client; from django.templatetags.static import static; "
        "url = static('vendor/bootstrap/css/bootstrap.min.css'); "
        "r = Client().get(url, secure=True, HTTP_HOST='kehoach.example.gov.vn'); "
        "print(url, r.status_code, r.headers['Content-Type'], sep='|')"
    )
    result = manage("shell", "-c", probe, **env)

    url, status, content_type = result.stdout.strip().splitlines()[-1].split("|")
    assert url.startswith("/static/vendor/bootstrap/css/bootstrap.min.")  # hashed name
    assert status == "200"
    assert content_type.startswith("text/css")
