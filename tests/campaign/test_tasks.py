"""The retry with back-off of campaign.tasks, run by the worker's code in this process."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from campaign.tasks import retried_task, retry_delay, send_mail_message

from ..worker import run_queued_tasks

pytestmark = pytest.mark.django_db

RUNS = []


@retried_task()
def fails_until(plan_id, *, succeed_on):
    """Fails at each attempt before attempt number succeed_on (counted in RUNS)."""
    RUNS.append(plan_id)
    if len(RUNS) < succeed_on:
        raise RuntimeError("máy chủ bận")
    return plan_id


@pytest.fixture(autouse=True)
def fresh(settings):
    RUNS.clear()
    settings.TASK_RETRY_ATTEMPTS = 3
    settings.TASK_RETRY_FIRST_DELAY = 60


def rows():
    return DBTaskResult.objects.filter(task_path=fails_until.module_path).order_by("enqueued_at")


def let_time_pass():
    """Make the retries that wait due now, as if their delay had passed."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_the_delay_doubles_at_each_attempt(settings):
    settings.TASK_RETRY_FIRST_DELAY = 30
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_failed_attempt_is_kept_as_failed_and_the_task_enqueued_again_later(caplog):
    fails_until.enqueue(7, succeed_on=99)
    started = timezone.now()
    with caplog.at_level(logging.WARNING, logger="campaign.tasks"):
        assert run_queued_tasks() == 1  # the retry is not due yet
    first, retry = rows()
    assert first.status == "FAILED" and first.exception_class_path == "builtins.RuntimeError"
    assert retry.status == "READY"
    assert retry.args_kwargs == {"args": [7], "kwargs": {"succeed_on": 99, "attempt": 2}}
    assert started + timedelta(seconds=60) <= retry.run_after <= timezone.now() + timedelta(60)
    assert "failed (attempt 1 of 3); retrying in 60 s" in caplog.text


def test_a_task_that_succeeds_on_a_retry_is_not_enqueued_again():
    fails_until.enqueue(7, succeed_on=2)
    run_queued_tasks()
    let_time_pass()
    assert run_queued_tasks() == 1
    assert [row.status for row in rows()] == ["FAILED", "SUCCESSFUL"]
    assert rows().last().return_value == 7


def test_after_the_last_attempt_nothing_is_enqueued_and_an_error_names_task_and_arguments(
    caplog,
):
    fails_until.enqueue(7, succeed_on=99)
    with caplog.at_level(logging.ERROR, logger="campaign.tasks"):
        for _ in range(5):
            run_queued_tasks()
            let_time_pass()
    assert [row.status for row in rows()] == ["FAILED"] * 3
    assert RUNS == [7, 7, 7]
    errors = [r for r in caplog.records if r.name == "campaign.tasks" and r.levelname == "ERROR"]
    assert [r.getMessage() for r in errors] == [
        "Task tests.campaign.test_tasks.fails_until(7, succeed_on=99) "
        "failed for good after 3 attempts"
    ]


def test_a_mail_message_task_sends_one_message_to_one_address():
    send_mail_message.enqueue("Chủ đề", "Nội dung có dấu", "a@xa.vn")
    assert mail.outbox == []  # enqueued, not sent
    run_queued_tasks()
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [
        ("Chủ đề", "Nội dung có dấu", ["a@xa.vn"])
    ]
