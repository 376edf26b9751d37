"""E-mail to the right people when a plan moves, through Django's mail framework.

These functions run in the worker (plans.tasks), after the change has committed: they work out
who is told what and enqueue one campaign.tasks.send_mail_message per address.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from campaign.tasks import send_mail_message
from orgs.models import Membership, Organisation

Role = Membership.Role


def _emails(organisation_ids, roles=None, exclude=None):
    users = (
        get_user_model()
        .objects.filter(memberships__organisation_id__in=organisation_ids, is_active=True)
        .exclude(email="")
    )
    if roles:
        users = users.filter(memberships__role__in=roles)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return sorted(set(users.values_list("email", flat=True)))


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
        _emails([plan.issuer_id], roles=[Role.APPROVER], exclude=by),
    )


def plan_returned(plan, *, by, comment):
    return _send(
        f"[Kế hoạch] Trả lại: {plan.summary[:120]}",
        f"{_who(by)} đã trả lại kế hoạch “{plan.summary}” để sửa.\n\nÝ kiến: {comment}\n\n"
        f"{_link(plan)}\n",
        _emails([plan.issuer_id], roles=[Role.EDITOR], exclude=by),
    )


def plan_approved(plan, *, by):
    return _send(
        f"[Kế hoạch] Đã phê duyệt: {plan.summary[:120]}",
        f"{_who(by)} đã phê duyệt kế hoạch “{plan.summary}”. Văn thư có thể cho số và ban "
        f"hành.\n\n{_link(plan)}\n",
        _emails([plan.issuer_id], roles=[Role.EDITOR, Role.CLERK], exclude=by),
    )


def plan_issued(plan, *, by):
    from .models import TaskUnit

    addressed = set(
        plan.recipients.exclude(organisation=None).values_list("organisation_id", flat=True)
    ) | set(
        TaskUnit.objects.filter(task__section__plan=plan)
        .exclude(organisation=None)
        .values_list("organisation_id", flat=True)
    )
    recipients = sorted(
        set(_emails(addressed, exclude=by))
        | set(_emails([plan.issuer_id], roles=[Role.EDITOR], exclude=by))
    )
    number = plan.document_number.removeprefix("Số: ")
    return _send(
        f"[Kế hoạch] Ban hành {number}: {plan.summary[:120]}",
        f"{plan.issuer_name} đã ban hành Kế hoạch số {number} ngày "
        f"{plan.issued_on:%d/%m/%Y} “{plan.summary}”.\n\n{_link(plan)}\n",
        recipients,
    )


def deadline_digests(today):
    """Send each unit's members the unit's overdue tasks and those due within 14 days.

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
            _emails([org_id]),
        )
        sent[org_id] = len(flagged)
    return sent
