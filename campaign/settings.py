"""Settings for Kế hoạch, read from the environment.

Development needs no configuration: DEBUG is on and the database is an SQLite file in the
project folder. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; a missing
or malformed value stops start-up with one line saying which variable is wrong.
"""

import os
import re
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def _stop(message):
    # SystemExit with a string prints exactly that line on stderr: no traceback for operators.
    raise SystemExit(f"Lỗi cấu hình: {message}")


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    folded = value.strip().lower()
    if folded in ("1", "true", "yes", "on"):
        return True
    if folded in ("0", "false", "no", "off"):
        return False
    _stop(f"{name}={value!r} không hợp lệ; dùng 1/0, true/false, yes/no hoặc on/off.")


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        _stop(f"{name}={value!r} không phải là số nguyên.")


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url):
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for malformed URLs
        _stop(f"DATABASE_URL={url!r} không hợp lệ ({exc}).")
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        _stop(f"DATABASE_URL={url!r}: chỉ hỗ trợ sqlite:/// và postgres://.")
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        _stop(f"DATABASE_URL={url!r} thiếu tên cơ sở dữ liệu.")
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
    return config


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        _stop("SECRET_KEY chưa được đặt (bắt buộc khi DEBUG tắt).")
    SECRET_KEY = "django-insecure-development-only-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    _stop(
        "ALLOWED_HOSTS chưa được đặt (bắt buộc khi DEBUG tắt), ví dụ ALLOWED_HOSTS=kehoach.gov.vn."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        _stop(
            f"CSRF_TRUSTED_ORIGINS chứa {origin!r}; mỗi mục phải bắt đầu bằng http:// hoặc https://."
        )

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "campaign",
    "orgs",
    "plans",
    "reports",
    "documents",
    "axes",
    # Two-factor authentication (orgs/twofactor.py): TOTP apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "campaign.headers.SecurityHeadersMiddleware",
    # Production serves static files from the app itself; development uses runserver's.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL or control character in a URL parameter: 400 before any view (campaign/badinput.py).
    "campaign.badinput.RefuseControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): a two-factor code was entered in this session (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "campaign.sessions.SessionTimeoutMiddleware",
    # An administrator, or a user with a device, opens nothing before her code (orgs/twofactor.py).
    "orgs.twofactor.TwoFactorRequiredMiddleware",
    # A password someone else set is changed before anything else (orgs/middleware.py).
    "orgs.middleware.PasswordChangeRequiredMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "campaign.urls"
WSGI_APPLICATION = "campaign.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "campaign.context_processors.navbar",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "campaign.auth.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes, campaign/auth.py): after LOGIN_FAILURE_LIMIT failed logins for
# one account, or from one address whatever the usernames, further attempts are refused for
# LOGIN_COOLOFF_MINUTES; an administrator lifts it early with `manage.py axes_reset_username`.
AUTHENTICATION_BACKENDS = [
    "campaign.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Attempts during a lock-out are refused without prolonging it: otherwise anyone could keep
# someone else's account locked for good by trying once every few minutes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "campaign.auth.lockout_response"
AXES_USERNAME_CALLABLE = "campaign.auth.attempted_username"
AXES_COOLOFF_MESSAGE = "Đăng nhập tạm thời bị khóa do nhập sai quá nhiều lần, vui lòng thử lại sau."
# Logins, failures and logouts are written to the audit log (orgs.receivers), not twice.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
if env_bool("BEHIND_TLS_PROXY", False):
    # Behind the one proxy of BEHIND_TLS_PROXY, the client is the proxy's X-Forwarded-For;
    # REMOTE_ADDR would put every user behind one address.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Sessions (campaign/sessions.py): signed out after SESSION_IDLE_TIMEOUT seconds without a
# request and SESSION_COOKIE_AGE seconds after signing in, whatever the activity.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)

# Two-factor authentication (django-otp, orgs/twofactor.py): required for administrators,
# offered to everyone; after n wrong codes the next try waits 2^(n-1) seconds. Issuing or
# revoking a plan and granting or revoking a role ask for the password again when it was last
# typed more than REAUTH_MINUTES ago (orgs/reauth.py).
OTP_TOTP_ISSUER = "Kế hoạch"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
REAUTH_MINUTES = env_int("REAUTH_MINUTES", 10)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Third-party assets come from node_modules (installed from package-lock.json), never a CDN:
# only the files the templates use, with their source maps (campaign/staticfiles.py).
VENDOR_STATIC_FILES = {
    "vendor/bootstrap/css/bootstrap.min.css": "node_modules/bootstrap/dist/css/bootstrap.min.css",
    "vendor/bootstrap/css/bootstrap.min.css.map": "node_modules/bootstrap/dist/css/bootstrap.min.css.map",
    "vendor/bootstrap/js/bootstrap.bundle.min.js": "node_modules/bootstrap/dist/js/bootstrap.bundle.min.js",
    "vendor/bootstrap/js/bootstrap.bundle.min.js.map": "node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map",
    "vendor/htmx/htmx.min.js": "node_modules/htmx.org/dist/htmx.min.js",
    "vendor/tom-select/tom-select.complete.min.js": "node_modules/tom-select/dist/js/tom-select.complete.min.js",
    "vendor/tom-select/tom-select.complete.min.js.map": "node_modules/tom-select/dist/js/tom-select.complete.min.js.map",
    "vendor/tom-select/tom-select.bootstrap5.min.css": "node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css",
    "vendor/tom-select/tom-select.bootstrap5.min.css.map": "node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css.map",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "campaign.staticfiles.VendorFinder",
]


# Files the app keeps (the PDF each plan was issued with, later uploads): the local folder
# MEDIA_ROOT, or an S3-compatible bucket (AWS S3, MinIO…) once any S3_* variable is set. Private
# either way: nothing is served by URL, downloads go through the object's access door.
S3_VARIABLES = (
    "S3_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "S3_REGION",
    "S3_ADDRESSING_STYLE",
    "S3_PREFIX",
)


def file_storage(environ, media_root):
    """The STORAGES["default"] entry for environ: a private S3Storage when an S3_* variable is
    set (S3_BUCKET then required, both keys or neither), the folder media_root otherwise."""
    s3 = {name: environ.get(name, "").strip() for name in S3_VARIABLES}
    if not any(s3.values()):
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(media_root),
                "file_permissions_mode": 0o640,
                "directory_permissions_mode": 0o750,
            },
        }
    bucket = s3["S3_BUCKET"]
    if not bucket:
        named = next(name for name, value in s3.items() if value)
        _stop(f"S3_BUCKET chưa được đặt (cần khi đã đặt {named}).")
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        _stop(
            f"S3_BUCKET={bucket!r} không phải tên bucket hợp lệ "
            "(3–63 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang)."
        )
    key, secret = s3["S3_ACCESS_KEY_ID"], s3["S3_SECRET_ACCESS_KEY"]
    if bool(key) != bool(secret):
        missing = "S3_SECRET_ACCESS_KEY" if key else "S3_ACCESS_KEY_ID"
        _stop(f"{missing} chưa được đặt; S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY đi cùng nhau.")
    endpoint = s3["S3_ENDPOINT_URL"]
    parts = urlsplit(endpoint)
    if endpoint and not (
        parts.scheme in ("http", "https") and parts.netloc and not (parts.query or parts.fragment)
    ):
        _stop(f"S3_ENDPOINT_URL={endpoint!r} không hợp lệ, ví dụ https://minio.tinh.gov.vn:9000.")
    style = s3["S3_ADDRESSING_STYLE"] or ("path" if endpoint else "auto")
    if style not in ("auto", "path", "virtual"):
        _stop(f"S3_ADDRESSING_STYLE={style!r} không hợp lệ; dùng path, virtual hoặc auto.")
    region = s3["S3_REGION"] or "us-east-1"
    if not re.fullmatch(r"[a-z0-9-]+", region):
        _stop(f"S3_REGION={region!r} không hợp lệ, ví dụ us-east-1 hoặc ap-southeast-1.")
    prefix = s3["S3_PREFIX"].strip("/")
    if not re.fullmatch(r"[A-Za-z0-9._/-]*", prefix) or ".." in prefix.split("/"):
        _stop(f"S3_PREFIX={s3['S3_PREFIX']!r} không hợp lệ, ví dụ kehoach hoặc tinh-a/kehoach.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": prefix,
            "endpoint_url": endpoint or None,
            "access_key": key or None,  # neither: boto3's own chain (instance role…)
            "secret_key": secret or None,
            "region_name": region,
            "addressing_style": style,
            "signature_version": "s3v4",
            # Objects are private and never overwritten; a URL, if ever asked for, is signed
            # and short-lived. Downloads stream through the app, never from the bucket.
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }


MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "").strip() or BASE_DIR / "media")
if not MEDIA_ROOT.is_absolute():
    _stop(f"MEDIA_ROOT={str(MEDIA_ROOT)!r} phải là đường dẫn tuyệt đối, ví dụ /var/lib/kehoach.")
STORAGES = {
    "default": file_storage(os.environ, MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The rendered PDF/DOCX files of documents (documents.files), keyed on their content: a file
# cache bounded by Django's culling, shared by the processes of one machine.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "documents": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DOCUMENT_CACHE_DIR", "").strip()
        or str(Path(tempfile.gettempdir()) / "kehoach-documents"),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": env_int("DOCUMENT_CACHE_MAX_FILES", 2000)},
    },
}

# The section editor posts a whole section at once: up to 9 fields a task row (id, position,
# deletion, sub-task, content, leads, supports, timeframe, deliverable) and a section may hold
# 500 tasks (4,500 fields, plus a dozen of its own). Django's default of 1,000 refused about
# 130 tasks and lost the typed text. The body size (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) still
# bounds what any form may make the server parse.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500 * 9 + 100

# Upload limits (docs/security.md). A form body above DATA_UPLOAD_MAX_MEMORY_SIZE is refused
# (400) before it is parsed: 10 MB holds a 500-task section of Vietnamese text, URL-encoded.
# Uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE wait in a temporary file, not in memory;
# an import larger than IMPORT_MAX_BYTES, a workbook that unpacks to more than
# IMPORT_MAX_UNPACKED_BYTES or IMPORT_MAX_RATIO times its size, or a table of more than
# IMPORT_MAX_ROWS rows is refused before or while it is read (orgs/imports.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, said aloud
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_RATIO = 100
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kehoach@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip() or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that accepts the connection and then hangs must not hold the worker forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# The address of the site as users reach it, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long the one-time link of an invitation to set a first password stays valid.
INVITATION_DAYS = env_int("INVITATION_DAYS", 14)

# Work after a state change (mail, freezing the issued PDF, expected reports, digests) is a task
# written to the database in the transaction of the change and run by `manage.py db_worker`
# (campaign/tasks.py). A failed task is enqueued again after TASK_RETRY_FIRST_DELAY seconds,
# doubled at each attempt, up to TASK_RETRY_ATTEMPTS attempts (8: about two hours of trying).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_RETRY_ATTEMPTS = env_int("TASK_RETRY_ATTEMPTS", 8)
TASK_RETRY_FIRST_DELAY = env_int("TASK_RETRY_FIRST_DELAY", 60)

# Response headers (campaign/headers.py; docs/security.md, "Headers and caching"). Everything
# is served by the app itself, so the policy names no other origin and allows no inline script,
# handler or style attribute. The one exception is the plan preview's three rule widths, computed
# per document: a <style> element carrying the response's nonce (request.csp_nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Browser features the app never uses, refused to the page and anything it could embed.
PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ),
    (),
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Production hardening; each can be relaxed through the environment where a proxy or an
# intranet without HTTPS requires it (manage.py check --deploy then says so).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
