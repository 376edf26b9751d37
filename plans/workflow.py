"""The legal life of a plan: draft → submitted → approved → issued, with returns, reopening,
supersession and revocation; numbering from the issuer's register; the history of every
transition and edit, with what changed.

Every function locks the plan row, checks the role and the transition, records a PlanEvent,
and raises PlanError with a Vietnamese message when refused.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from campaign.validators import validate_issue_date
from orgs.models import Organisation

from .access import has_role
from .errors import PlanError, StaleEdit
from .history import record, record_edit
from .models import NUMBER_MAX, NUMBER_RANGE, Plan, PlanEvent
from .notifications import notify_plan
from .reuse import copy_plan_to_year
from .signals import plan_issued
from .tasks import freeze_plan_pdf, notify_transition

Status = Plan.Status
Action = PlanEvent.Action

# action → (states it starts from, state it leads to, role needed)
TRANSITIONS = {
    "submit": ({Status.DRAFT, Status.RETURNED}, Status.SUBMITTED, "edit"),
    "return": ({Status.SUBMITTED}, Status.RETURNED, "approve"),
    "approve": ({Status.SUBMITTED}, Status.APPROVED, "approve"),
    "reopen": ({Status.APPROVED}, Status.DRAFT, "approve"),
    "issue": ({Status.APPROVED}, Status.ISSUED, "issue"),
    "revoke": ({Status.ISSUED}, Status.REVOKED, "approve"),
    "supersede": ({Status.ISSUED}, Status.ISSUED, "edit"),  # starts a new version
}
EVENTS = {
    "submit": Action.SUBMITTED,
    "return": Action.RETURNED,
    "approve": Action.APPROVED,
    "reopen": Action.REOPENED,
    "issue": Action.ISSUED,
    "revoke": Action.REVOKED,
}
NEED_LABELS = {"edit": "soạn thảo", "approve": "phê duyệt", "issue": "văn thư hoặc phê duyệt"}
Separation = Organisation.DutySeparation
# the issuer's duty separation → the actions its plan's last editor may not take
SEPARATED_ACTIONS = {
    Separation.NONE: set(),
    Separation.ISSUE: {"issue"},
    Separation.APPROVE_AND_ISSUE: {"approve", "issue"},
}


def allowed_actions(user, plan):
    """The transitions user may take on plan now, for the buttons of the plan page (none on a
    document attached to a quyết định: it follows the decision)."""
    if plan.attached_to_id:
        return []
    return [
        action
        for action, (sources, _target, need) in TRANSITIONS.items()
        if plan.status in sources and has_role(user, plan, need)
        and not (action == "supersede" and _has_successor(plan))
        and not separation_refusal(plan, action, user)
    ]  # fmt: skip


def last_editor_id(plan):
    """The id of the user who last wrote the plan's text (created or edited it)."""
    return (
        plan.events.filter(action__in=[Action.CREATED, Action.EDITED])
        .order_by("-at", "-pk")
        .values_list("by_id", flat=True)
        .first()
    )


def separation_refusal(plan, action, by):
    """Why by may not take action on plan under its issuer's separation of duties, or ''."""
    if action not in SEPARATED_ACTIONS[plan.issuer.duty_separation]:
        return ""
    if last_editor_id(plan) != by.pk:
        return ""
    verb = "phê duyệt" if action == "approve" else "ban hành"
    return (
        f"{plan.issuer.name} yêu cầu người {verb} khác người soạn thảo cuối cùng; bạn là người "
        f"soạn thảo cuối cùng của kế hoạch này nên không thể tự {verb}."
    )


def _has_successor(plan):
    return Plan.objects.filter(supersedes=plan).exists()


def _lock(plan):
    return Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)


def _check(plan, action, by):
    sources, _target, need = TRANSITIONS[action]
    if plan.attached_to_id:
        decision = plan.attached_to
        raise PlanError(
            f"Văn bản này ban hành kèm theo quyết định “{decision.summary[:120]}”: nó được "
            "trình, duyệt, ban hành và thu hồi cùng quyết định, không riêng."
        )
    if not has_role(by, plan, need):
        raise PlanError(f"Cần vai trò {NEED_LABELS[need]} tại {plan.issuer.name}.")
    if plan.status not in sources:
        raise PlanError(
            f"Không thể thực hiện khi kế hoạch đang ở trạng thái “{plan.get_status_display()}”."
        )
    refusal = separation_refusal(plan, action, by)
    if refusal:
        raise PlanError(refusal)


# --- editing -------------------------------------------------------------------------------


@transaction.atomic
def claim_for_edit(plan, *, by, version):
    """Lock plan for an edit, refusing it if the plan is not editable or was changed by
    someone else since the user loaded version. Call record_edit after the edit."""
    locked = _lock(plan)
    if not has_role(by, locked, "edit"):
        raise PlanError(f"Cần vai trò soạn thảo tại {locked.issuer.name}.")
    if not locked.is_editable:
        raise PlanError(
            f"Kế hoạch đang ở trạng thái “{locked.get_status_display()}”, không thể sửa."
        )
    if version is not None and locked.version != version:
        last = locked.events.select_related("by").order_by("-at", "-pk").first()
        who = (last.by.get_full_name() or last.by.username) if last and last.by else "Người khác"
        when = timezone.localtime(last.at).strftime("%H:%M ngày %d/%m/%Y") if last else ""
        raise StaleEdit(
            f"{who} đã sửa kế hoạch này lúc {when}, sau khi bạn mở trang. Thay đổi của bạn "
            "chưa được lưu; nội dung bạn đã nhập vẫn còn dưới đây. Hãy mở bản mới nhất "
            "(tải lại trang) rồi nhập lại phần của bạn."
        )
    return locked


@contextmanager
def editing(plan, *, by, version=None):
    """Edit plan as one unit of work: locked, checked (role, state, version), recorded."""
    with transaction.atomic():
        locked = claim_for_edit(plan, by=by, version=version)
        yield locked
        Plan.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        locked.version += 1
        record_edit(locked, by=by)


# --- transitions ----------------------------------------------------------------------------


def _transition(plan, action, *, by, comment="", **fields):
    locked = _lock(plan)
    _check(locked, action, by)
    from_status = locked.status
    locked.status = TRANSITIONS[action][1]
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save()
    record(locked, EVENTS[action], by=by, comment=comment, from_status=from_status)
    _follow(locked, action, by=by, comment=comment)
    return locked


def _follow(decision, action, *, by, comment=""):
    """The documents attached to decision take the same step (one issuance): same status,
    the decision's date and printed header once issued, but no number of their own."""
    fields = {"revoked_reason": decision.revoked_reason} if action == "revoke" else {}
    if action == "issue":
        fields = {"issued_on": decision.issued_on, "issued_header": decision.issued_header}
    number = decision.document_number.removeprefix("Số: ")
    for attached in Plan.objects.select_for_update().filter(attached_to=decision):
        from_status = attached.status
        attached.status = decision.status
        for name, value in fields.items():
            setattr(attached, name, value)
        attached.version += 1
        attached.save()
        note = f"Cùng quyết định số {number}" if action == "issue" else "Cùng quyết định"
        record(attached, EVENTS[action], by=by, comment=f"{note}. {comment}".strip(),
               from_status=from_status)  # fmt: skip


@transaction.atomic
def submit_plan(plan, *, by, comment=""):
    """Editor sends the draft to the leaders for approval."""
    plan = _transition(plan, "submit", by=by, comment=comment)
    notify_transition.enqueue(plan.pk, "submit", by.pk)
    notify_plan(plan, "submit", by=by)
    return plan


@transaction.atomic
def return_plan(plan, *, by, comment):
    """Leader sends a submitted plan back for revision; the comment says why."""
    if not (comment or "").strip():
        raise PlanError("Cần ghi ý kiến khi trả lại kế hoạch.")
    plan = _transition(plan, "return", by=by, comment=comment.strip())
    notify_transition.enqueue(plan.pk, "return", by.pk, comment.strip())
    notify_plan(plan, "return", by=by, comment=comment.strip())
    return plan


@transaction.atomic
def approve_plan(plan, *, by, comment=""):
    """Leader approves; the clerk may now issue it."""
    plan = _transition(plan, "approve", by=by, comment=comment)
    notify_transition.enqueue(plan.pk, "approve", by.pk)
    notify_plan(plan, "approve", by=by)
    return plan


@transaction.atomic
def reopen_plan(plan, *, by, comment=""):
    """Leader takes an approved, not yet issued plan back to draft for changes."""
    return _transition(plan, "reopen", by=by, comment=comment)


def suggest_number(issuer, year, symbol=None):
    """The next free number of issuer's register in year (from 01 on 1 January); with symbol,
    of the register of that ký hiệu (KH-BCĐ, QĐ-BCĐ…: each kind of document its own)."""
    registered = Plan.objects.filter(issuer=issuer, issued_on__year=year, number__isnull=False)
    if symbol is not None:
        registered = registered.filter(symbol=symbol)
    return (registered.aggregate(top=Max("number"))["top"] or 0) + 1


@transaction.atomic
def issue_plan(plan, *, by, number=None, issued_on=None):
    """Clerk gives the approved plan its number and date; it is then official and immutable.

    The issuer's row is locked while the number is chosen, so concurrent issuances of one
    issuer get distinct numbers; the database constraint is the last guard.
    """
    issued_on = issued_on or timezone.localdate()
    Organisation.objects.select_for_update().filter(pk=plan.issuer_id).first()
    locked = _lock(plan)
    _check(locked, "issue", by)
    if number is None:
        number = suggest_number(locked.issuer, issued_on.year, locked.symbol)
    if not 1 <= number <= NUMBER_MAX:
        raise PlanError(NUMBER_RANGE)
    try:
        validate_issue_date(issued_on)
    except ValidationError as error:
        raise PlanError(error.messages[0]) from None
    taken = Plan.objects.filter(
        issuer=locked.issuer_id, symbol=locked.symbol, number=number, issued_on__year=issued_on.year
    ).exclude(pk=locked.pk)
    if taken.exists():
        raise PlanError(
            f"Số {number:02d}/{locked.symbol} năm {issued_on.year} đã được dùng. "
            "Số kế tiếp còn trống: "
            f"{suggest_number(locked.issuer, issued_on.year, locked.symbol):02d}."
        )
    # From now on the plan prints its issuer and signer as they are today (Plan.header).
    header = locked.current_header()
    # A joint document keeps its co-issuers' names as at issuance too (printing.co_issuer_names).
    co_issuers = locked.signatures.filter(role="co_issuer").select_related("organisation")
    if co_issuers:
        header["co_issuers"] = [s.organisation.name for s in co_issuers.order_by("order", "pk")]
    plan = _transition(
        locked, "issue", by=by, number=number, issued_on=issued_on, issued_header=header
    )
    if plan.supersedes_id:
        old = _lock(plan.supersedes)
        from_status = old.status
        old.status = Status.SUPERSEDED
        old.save()
        record(old, Action.SUPERSEDED, by=by, from_status=from_status,
               comment=f"Thay thế bằng {plan.document_number.removeprefix('Số: ')}")  # fmt: skip
    # Other apps act on the issuance in this transaction (reports: the expected reports).
    plan_issued.send(sender=Plan, plan=plan, by=by)
    for attached in plan.attachments.all():  # issued with it (_follow): its reports too
        plan_issued.send(sender=Plan, plan=attached, by=by)
    # Enqueued in this transaction: the PDF is frozen (the plan is immutable from now on) and
    # the mail sent by the worker once the issuance has committed, and never if it has not.
    freeze_plan_pdf.enqueue(plan.pk)
    notify_transition.enqueue(plan.pk, "issue", by.pk)
    notify_plan(plan, "issue", by=by)
    return plan


@transaction.atomic
def revoke_plan(plan, *, by, reason):
    """Withdraw an issued plan; it stays visible, marked revoked, with the reason."""
    if not (reason or "").strip():
        raise PlanError("Cần ghi lý do thu hồi.")
    return _transition(plan, "revoke", by=by, comment=reason.strip(), revoked_reason=reason.strip())


@transaction.atomic
def supersede_plan(plan, *, by):
    """Start a corrected version of an issued plan: a draft that replaces it once issued."""
    locked = _lock(plan)
    _check(locked, "supersede", by)
    if _has_successor(locked):
        raise PlanError("Kế hoạch này đã có bản thay thế.")
    version = copy_plan_to_year(
        locked, year=locked.year, by=by, comment=f"Bản sửa đổi, thay thế {locked}"
    )
    version.supersedes = locked
    version.summary = locked.summary
    version.save()
    return version
