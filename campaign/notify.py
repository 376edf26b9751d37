"""In-app notifications: the bell of the navbar and the page "Thông báo".

They are created by the service that makes the change, in its transaction, next to the e-mail
task it enqueues (plans.notifications, reports.notifications): a change rolled back leaves no
notice, and a mail that fails loses none. The text is plain text (escaped where shown); the
link is a path inside the app, checked here and by a database constraint.
"""

import unicodedata
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import TEXT_MAX, Notification, validate_app_path

KEEP_READ = timedelta(days=90)  # read notifications older than this are pruned
BATCH = 1000  # rows per INSERT when a plan is issued to many units


def short(text, limit=TEXT_MAX):
    """text on one line without control characters, cut to limit characters with an ellipsis."""
    text = str(text)
    if not text.isprintable():  # the common case skips the scan of every character
        text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notify(user_ids, text, link, *, once_since=None):
    """Tell each user (ids) text, linking to link (a path inside the app), in the caller's
    transaction. once_since: skip users told of the same link since then (a digest run twice).
    Returns how many notifications were created."""
    return notify_each([(pk, text, link) for pk in set(user_ids)], once_since=once_since)


def notify_each(notices, *, once_since=None):
    """Create the notices [(user id, text, link)] in a few queries, in the caller's
    transaction; once_since: skip a (user, link) told since then. Returns how many."""
    notices = {(pk, link): text for pk, text, link in notices}
    for link in {link for _pk, link in notices}:
        validate_app_path(link)
    if once_since is not None and notices:
        told = Notification.objects.filter(created_at__gte=once_since)
        if len({pk for pk, _link in notices}) <= BATCH:
            told = told.filter(recipient_id__in={pk for pk, _link in notices})
        for key in told.values_list("recipient_id", "link"):
            notices.pop(key, None)
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(recipient_id=pk, created_at=now, text=short(text), link=link)
            for (pk, link), text in sorted(notices.items())
        ],
        batch_size=BATCH,
    )
    return len(notices)


def unread(user):
    return Notification.objects.filter(recipient=user, read_at=None)


def mark_read(notification):
    """Mark one notification read (once: the first reading's time stays)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(user):
    """Mark all of user's unread notifications read; returns how many."""
    return unread(user).update(read_at=timezone.now())


@transaction.atomic
def prune_read(now=None):
    """Delete read notifications created more than KEEP_READ ago; unread ones stay, however old.
    Returns how many were deleted."""
    before = (now or timezone.now()) - KEEP_READ
    deleted, _ = Notification.objects.filter(created_at__lt=before, read_at__isnull=False).delete()
    return deleted
