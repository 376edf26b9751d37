"""Where the system Chromium is, and what to do when it is missing.

Run as `python -m tests.e2e.browser` (make test does) to say loudly, before the suite starts,
that browser journeys cannot run; with REQUIRE_E2E=1 (CI) a missing browser fails the run.
"""

import os
import shutil
import sys

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# As root in a sandbox without network: no sandboxing, no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    """The Chromium executable, or None when it is not installed."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def e2e_required():
    return os.environ.get("REQUIRE_E2E", "") not in ("", "0")


def missing_message():
    return (
        f"Chromium not found at {CHROMIUM}: browser tests (tests/e2e) will NOT run. "
        "Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH."
    )


if __name__ == "__main__":
    if chromium_path() is None:
        banner = "!" * 78
        print(f"{banner}\n{missing_message()}\n{banner}", file=sys.stderr)
        sys.exit(1 if e2e_required() else 0)
