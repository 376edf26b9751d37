"""The task queue in tests: the worker's own code run in this process, or a real worker process.

Tests use the database backend, as production does (there is no immediate backend): a test
that checks what a task does after a transition calls run_queued_tasks() first.
"""

import os
import subprocess
import sys
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def run_queued_tasks(*tasks):
    """Run the tasks that are due (only those of the given Task objects, if any) as the worker
    does, claiming and running each with its code, in this process and in the test's
    transaction; return how many ran. Retries scheduled later are left queued."""
    due = DBTaskResult.objects.ready()
    if tasks:
        due = due.filter(task_path__in=[t.module_path for t in tasks])
    worker = db_worker.Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="pytest", excluded_queue_names=[],
    )  # fmt: skip
    while True:
        with exclusive_transaction(due.db):  # as the worker claims a row
            row = due.get_locked()
            if row is None:
                return worker._run_tasks
            row.claim(worker.worker_id)
        worker.run_task(row)


def database_url():
    """The URL of the test database, for a process started by a test (transactional tests
    only: the process sees committed rows)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        assert "memory" not in str(db["NAME"]), "SQLite tests need a file database (conftest)"
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def process_env(**variables):
    """The environment of a process working on the test database and the test's file folder
    (never a bucket of the developer's environment); variables are added."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("S3_")}
    env.update(DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="campaign.settings")
    location = settings.STORAGES["default"].get("OPTIONS", {}).get("location")
    if location:
        env["MEDIA_ROOT"] = str(location)
    return {**env, **variables}


def run_worker(**variables):
    """Run `manage.py db_worker --batch` as a separate process until no task is due; return
    the finished process (its stdout and stderr as text)."""
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--queue-name=*",
         "--no-startup-delay", "--interval=0", f"--worker-id=pytest-{os.getpid()}"],
        cwd=settings.BASE_DIR, env=process_env(**variables), capture_output=True, text=True,
        timeout=180, check=True,
    )  # fmt: skip
