"""The task queue every app uses: Django's task framework (the django.tasks API, from the
django-tasks backport on Django 5.2) with its database backend, plus the retry it lacks.

Work that follows a state change is enqueued *in the transaction of the change*: the task is a
row of the same database, so a rolled-back change leaves no task and a committed one cannot
lose it. `manage.py db_worker` runs the rows (see the README).

    @retried_task()
    def freeze_plan_pdf(plan_id): ...           # module level, ids as arguments
    freeze_plan_pdf.enqueue(plan.pk)            # inside the service's transaction

A task may run more than once (a retry, a repair command, a second enqueue), so each one must
be idempotent.

Retry: when the function raises, the same task is enqueued again to run after a delay that
doubles at each attempt (TASK_RETRY_FIRST_DELAY seconds, then twice that, …) with attempt=n+1,
and the exception is re-raised so that the failed attempt stays in the results as FAILED with
its traceback. After TASK_RETRY_ATTEMPTS attempts nothing is enqueued any more and an ERROR
naming the task and its arguments is logged on "campaign.tasks".
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): exponential back-off."""
    return settings.TASK_RETRY_FIRST_DELAY * 2 ** (attempt - 1)


def retried_task(**options):
    """Decorator: a django_tasks Task (options as for @task) that retries with back-off.

    The function keeps its own signature; the retry adds the keyword `attempt` to the task's
    arguments, so the queue shows which attempt a row is.
    """

    def decorate(func):
        def run(*args, attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                described = _describe(queued, args, kwargs)
                if attempt >= settings.TASK_RETRY_ATTEMPTS:
                    logger.error("%s failed for good after %d attempts", described, attempt)
                    raise
                delay = retry_delay(attempt)
                queued.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                    *args, attempt=attempt + 1, **kwargs
                )
                logger.warning(
                    "%s failed (attempt %d of %d); retrying in %d s",
                    described, attempt, settings.TASK_RETRY_ATTEMPTS, delay,
                )  # fmt: skip
                raise

        # The worker finds a task by its module path, i.e. the decorated function's name.
        # (Not functools.wraps: its __wrapped__ would make the task look like `func`.)
        run.__module__, run.__name__, run.__qualname__ = (
            func.__module__, func.__name__, func.__qualname__,
        )  # fmt: skip
        run.__doc__ = func.__doc__
        queued = task(**options)(run)
        return queued

    return decorate


def _describe(queued, args, kwargs):
    arguments = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"Task {queued.module_path}({', '.join(arguments)})"


@retried_task()
def send_mail_message(subject, body, to):
    """Send one e-mail to one address.

    One message per task: a retry resends only what failed, never what was delivered. The
    arguments are the text itself, composed from the committed state by the task that
    enqueued this one.
    """
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()
