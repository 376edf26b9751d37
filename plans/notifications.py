"""Telling the right people when a plan moves: by e-mail, through Django's mail framework, and
in the app (the bell of the navbar, campaign.notify).

The mail functions run in the worker (plans.tasks), after the change has committed: they work
out who is told what and enqueue one campaign.tasks.send_mail_message per address. The in-app
notices (notify_plan) are created by the workflow in the transaction of the change, next to the
mail task it enqueues, so that a failed mail loses none; both reach the same people (audience).
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from campaign.notify import notify, prune_read
from campaign.tasks import send_mail_message
from campaign.text import day_month_year
from orgs.models import Membership, Organisation

from .signals import deadlines_digested

Role = Membership.Role


def members(organisation_ids, roles=None, exclude=None):
    """Active users holding a role (any, or one of roles) at one of the organisations, but
    exclude (the person who acted)."""
    # One filter() call: the role is held at one of these organisations, not anywhere.
    held = {"memberships__organisation_id__in": organisation_ids}
    if roles:
        held["memberships__role__in"] = roles
    users = get_user_model().objects.filter(is_active=True, **held)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users


def _emails(users):
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def _addressed(plan):
    """The units an issued plan is addressed to: its recipients and its tasks' units."""
    from .models import TaskUnit

    return set(
        plan.recipients.exclude(organisation=None).values_list("organisation_id", flat=True)
    ) | set(
        TaskUnit.objects.filter(task__section__plan=plan)
        .exclude(organisation=None)
        .values_list("organisation_id", flat=True)
    )


def audience(plan, action, *, by):
    """The users told of action on plan, by mail and in the app: the approvers of a plan
    submitted, its editors when returned, editors and clerks when approved, everyone in the
    units it is addressed to and its editors when issued; never the person who acted."""
    issuer = [plan.issuer_id]
    if action == "submit":
        return members(issuer, [Role.APPROVER], by)
    if action == "return":
        return members(issuer, [Role.EDITOR], by)
    if action == "approve":
        return members(issuer, [Role.EDITOR, Role.CLERK], by)
    if action == "issue":
        return get_user_model().objects.filter(
            Q(pk__in=members(_addressed(plan), exclude=by).values("pk"))
            | Q(pk__in=members(issuer, [Role.EDITOR], by).values("pk"))
        )
    raise ValueError(f"No one is told of {action!r}.")


def _send(subject, body, recipients):
    """One message per address, so that no recipient sees the others' addresses; each is a
    task of its own, retried alone. All or none are enqueued."""
    with transaction.atomic():
        for address in recipients:
            send_mail_message.enqueue(subject, body, address)
    return recipients


def _link(plan):
    return f"{settings.SITE_URL}{reverse('plans:detail', args=[plan.pk])}"


def _who(user):
    return (user.get_full_name() or user.username) if user else "Hệ thống"


def plan_submitted(plan, *, by):
    return _send(
        f"[Kế hoạch] Trình duyệt: {plan.summary[:120]}",
        f"{_who(by)} đã trình duyệt kế hoạch “{plan.summary}” của {plan.issuer.name}.\n\n"
        f"Xem và phê duyệt: {_link(plan)}\n",
        _emails(audience(plan, "submit", by=by)),
    )


def plan_returned(plan, *, by, comment):
    return _send(
        f"[Kế hoạch] Trả lại: {plan.summary[:120]}",
        f"{_who(by)} đã trả lại kế hoạch “{plan.summary}” để sửa.\n\nÝ kiến: {comment}\n\n"
        f"{_link(plan)}\n",
        _emails(audience(plan, "return", by=by)),
    )


def plan_approved(plan, *, by):
    return _send(
        f"[Kế hoạch] Đã phê duyệt: {plan.summary[:120]}",
        f"{_who(by)} đã phê duyệt kế hoạch “{plan.summary}”. Văn thư có thể cho số và ban "
        f"hành.\n\n{_link(plan)}\n",
        _emails(audience(plan, "approve", by=by)),
    )


def plan_issued(plan, *, by):
    number = plan.document_number.removeprefix("Số: ")
    return _send(
        f"[Kế hoạch] Ban hành {number}: {plan.summary[:120]}",
        f"{plan.issuer_name} đã ban hành {plan.get_kind_display()} số {number} ngày "
        f"{plan.issued_on:%d/%m/%Y} “{plan.summary}”.\n\n{_link(plan)}\n",
        _emails(audience(plan, "issue", by=by)),
    )


def notify_plan(plan, action, *, by, comment=""):
    """In-app notices of action on plan to its audience, in the caller's transaction (the
    workflow's, next to the mail task). Returns how many were created."""
    word = plan.get_kind_display()  # "Kế hoạch", "Quyết định", "Công văn" …
    if action == "submit":
        text = f"{_who(by)} trình duyệt {word.lower()} “{plan.summary}” của {plan.issuer.name}."
    elif action == "return":
        text = f"{_who(by)} trả lại {word.lower()} “{plan.summary}” để sửa. Ý kiến: {comment}"
    elif action == "approve":
        text = f"{_who(by)} đã phê duyệt {word.lower()} “{plan.summary}”, chờ cho số và ban hành."
    else:
        number = plan.document_number.removeprefix("Số: ")
        on = plan.issued_on
        text = (
            f"{plan.issuer_name} đã ban hành {word} số {number} "
            f"{day_month_year(on.day, on.month, on.year)} “{plan.summary}”."
        )
    users = audience(plan, action, by=by).values_list("pk", flat=True)
    return notify(users, text, reverse("plans:detail", args=[plan.pk]))


def deadline_digests(today):
    """Send each unit's members the unit's overdue tasks and those due within 14 days, by mail
    and in the app (once a day however often it runs); prune old read notifications.

    Returns {organisation id: number of tasks listed}.
    """
    from .deadlines import DUE_SOON_DAYS, unit_tasks
    from .models import TaskUnit

    unit_ids = (
        TaskUnit.objects.filter(task__section__plan__status="issued", organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    sent = {}
    day_start = timezone.make_aware(datetime.combine(today, time.min))
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=list(unit_ids))}
    for org_id, organisation in organisations.items():
        flagged = [item for item in unit_tasks([org_id], today) if item.is_flagged]
        if not flagged:
            continue
        lines = [
            f"- [{'QUÁ HẠN' if item.state == 'overdue' else 'Sắp đến hạn'}] "
            f"{item.deadline:%d/%m/%Y}: {item.task.content[:200]} "
            f"({item.plan.document_number.removeprefix('Số: ')}, {item.plan.issuer_name})"
            for item in flagged
        ]
        _send(
            f"[Kế hoạch] {organisation.name}: {len(flagged)} nhiệm vụ quá hạn hoặc sắp đến hạn",
            f"Nhiệm vụ của {organisation.name} quá hạn hoặc đến hạn trong {DUE_SOON_DAYS} ngày tới "
            f"(tính đến ngày {today:%d/%m/%Y}):\n\n" + "\n".join(lines) + "\n\n"
            f"{settings.SITE_URL}{reverse('plans:unit_tasks', args=[org_id])}\n",
            _emails(members([org_id])),
        )
        overdue = sum(item.state == "overdue" for item in flagged)
        counts = [
            f"{overdue} nhiệm vụ quá hạn" if overdue else "",
            f"{len(flagged) - overdue} nhiệm vụ đến hạn trong {DUE_SOON_DAYS} ngày tới"
            if len(flagged) > overdue
            else "",
        ]
        notify(
            members([org_id]).values_list("pk", flat=True),
            f"{organisation.name}: {', '.join(filter(None, counts))} "
            f"(tính đến {day_month_year(today.day, today.month, today.year)}).",
            reverse("plans:unit_tasks", args=[org_id]),
            once_since=day_start,
        )
        sent[org_id] = len(flagged)
    # Other apps remind of their own deadlines (reports: reports due soon or overdue).
    deadlines_digested.send(sender=Organisation, today=today)
    # Daily, so read notices older than campaign.notify.KEEP_READ go with it (no cron of its own).
    prune_read()
    return sent
