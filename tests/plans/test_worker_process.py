"""A real worker process (`manage.py db_worker --batch`) on the test database: after a web
process killed in the middle of an issuance, and with the mail server down.

Transactional tests, since the processes see only committed rows; on SQLite the test database
is a file for that reason (tests/conftest.py).
"""

import select
import signal
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaign.tasks import send_mail_message
from plans.models import IssuedDocument, Plan, PlanEvent, ReportingRule
from plans.tasks import freeze_plan_pdf, notify_transition
from reports.models import Report
from reports.tasks import create_plan_expected_reports

from ..worker import process_env, run_worker
from .test_workflow import new_plan, plan_in_state

pytestmark = pytest.mark.django_db(transaction=True)

ISSUANCE_TASKS = {
    task.module_path for task in (freeze_plan_pdf, notify_transition, create_plan_expected_reports)
}


def approved_plan_expecting_a_report(tree, boss):
    plan = plan_in_state(tree, boss, "approved")  # its task is led by village_one
    ReportingRule.objects.create(plan=plan, period="yearly", reporters="leads")
    return plan


def kill_issuing_process(plan, user, point, log):
    """Start a web process issuing plan as user (tests/plans/issuing_process.py) and SIGKILL it
    where it pauses: `inside` the issuing transaction or right `after` its commit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.plans.issuing_process", str(plan.pk), str(user.pk), point],
        cwd=settings.BASE_DIR, env=process_env(), stdout=subprocess.PIPE, stderr=log.open("w"),
        text=True,
    )  # fmt: skip
    try:
        ready, _, _ = select.select([process.stdout], [], [], 180)
        line = process.stdout.readline() if ready else ""
        assert line.strip() == "PAUSED", log.read_text()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL


def test_an_issuance_killed_after_its_commit_gets_its_pdf_and_reports_from_the_worker(
    tree, boss, tmp_path
):
    plan = approved_plan_expecting_a_report(tree, boss)
    kill_issuing_process(plan, boss, "after", tmp_path / "web.log")

    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Plan.Status.ISSUED, 5)
    queued = set(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert queued >= ISSUANCE_TASKS
    assert not IssuedDocument.objects.filter(plan=plan).exists()

    run_worker()
    assert IssuedDocument.objects.filter(plan=plan).exists()
    assert Report.objects.filter(plan=plan, organisation=tree.orgs["village_one"]).exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_an_issuance_killed_inside_its_transaction_leaves_nothing_issued_nor_queued(
    tree, boss, tmp_path
):
    plan = approved_plan_expecting_a_report(tree, boss)
    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    kill_issuing_process(plan, boss, "inside", tmp_path / "web.log")

    plan.refresh_from_db()
    assert (plan.status, plan.number) == (Plan.Status.APPROVED, None)
    assert not plan.events.filter(action=PlanEvent.Action.ISSUED).exists()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == before

    run_worker()
    assert not IssuedDocument.objects.exists()
    assert not Report.objects.filter(plan=plan).exists()


def closed_port():
    """A local TCP port nothing listens on: connections to it are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_the_mail_server_down_a_submission_answers_a_redirect_and_the_mail_is_retried_then_logged(
    client, tree, boss, settings
):
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(closed_port()),
    }
    for name, value in smtp.items():  # the web side uses the dead server too
        setattr(settings, name, int(value) if name == "EMAIL_PORT" else value)
    approver = tree.users["own_approver"]
    approver.email = "pheduyet@xa.vn"
    approver.save()
    plan = new_plan(tree, boss)

    client.force_login(boss)
    response = client.post(reverse("plans:transition", args=[plan.pk, "submit"]))
    assert response.status_code == 302
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED

    mails = DBTaskResult.objects.filter(task_path=send_mail_message.module_path)
    for attempt, delay in [(1, 60), (2, 120)]:
        run_worker(**smtp, TASK_RETRY_ATTEMPTS="3")
        failed = mails.filter(status="FAILED").latest("finished_at")
        assert failed.exception_class_path == "builtins.ConnectionRefusedError"
        retry = mails.get(status="READY")
        assert retry.args_kwargs["args"][2] == "pheduyet@xa.vn"
        assert retry.args_kwargs["kwargs"] == {"attempt": attempt + 1}
        # Enqueued while the attempt ran, to run `delay` seconds later: the back-off doubles.
        wait = timedelta(seconds=delay)
        assert failed.started_at + wait <= retry.run_after <= failed.finished_at + wait
        mails.filter(pk=retry.pk).update(run_after=timezone.now())  # the clock moves on

    last = run_worker(**smtp, TASK_RETRY_ATTEMPTS="3")
    assert mails.filter(status="FAILED").count() == 3
    assert not mails.exclude(status="FAILED").exists()
    assert "send_mail_message(" in last.stderr and "'pheduyet@xa.vn'" in last.stderr
    assert "failed for good after 3 attempts" in last.stderr
