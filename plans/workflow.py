"""The legal life of a plan: draft → submitted → approved → issued, with returns, reopening,
supersession and revocation; numbering from the issuer's register; the history of every
transition and edit, with what changed.

Every function locks the plan row, checks the role and the transition, records a PlanEvent,
and raises PlanError with a Vietnamese message when refused.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from orgs.models import Organisation

from . import notifications
from .access import has_role
from .documents import Table, build_document, plan_for_document
from .models import Plan, PlanEvent
from .rendering import freeze_issued_pdf
from .reporting import create_expected_reports
from .services import PlanError

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


class StaleEdit(PlanError):
    """Someone else saved the plan since the user opened it."""


def allowed_actions(user, plan):
    """The transitions user may take on plan now, for the buttons of the plan page."""
    return [
        action
        for action, (sources, _target, need) in TRANSITIONS.items()
        if plan.status in sources and has_role(user, plan, need)
        and not (action == "supersede" and _has_successor(plan))
    ]  # fmt: skip


def _has_successor(plan):
    return Plan.objects.filter(supersedes=plan).exists()


def _lock(plan):
    return Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)


def _check(plan, action, by):
    sources, _target, need = TRANSITIONS[action]
    if not has_role(by, plan, need):
        raise PlanError(f"Cần vai trò {NEED_LABELS[need]} tại {plan.issuer.name}.")
    if plan.status not in sources:
        raise PlanError(
            f"Không thể thực hiện khi kế hoạch đang ở trạng thái “{plan.get_status_display()}”."
        )


# --- history --------------------------------------------------------------------------------


def snapshot(plan):
    """The printed plan as {part: text}, the unit of comparison between versions."""
    document = build_document(plan_for_document(plan.pk))
    parts = {
        "Số, ký hiệu": document.number_line,
        "Địa danh, ngày tháng": document.place_date_line,
        "Trích yếu": document.summary,
        "Căn cứ": "\n".join(document.bases),
        "Mở đầu": "\n".join(document.opening),
    }
    for section in document.sections:
        title = section.heading.split(". ", 1)[-1]
        lines = []
        for block in section.blocks:
            if isinstance(block, Table):
                lines += [" | ".join(" ".join(cell) for cell in row) for row in block.rows]
            else:
                lines.append(block.text)
        parts[f"Phần “{title}”"] = "\n".join(lines)
    parts["Kết thúc"] = "\n".join(document.closing)
    parts["Nơi nhận"] = "\n".join(document.recipients + document.electronic)
    parts["Chữ ký"] = "\n".join(
        [*document.authority_lines, document.signer_position, document.signer_second_position,
         document.signer_name]
    )  # fmt: skip
    return parts


def diff(before, after):
    """[[part, old, new], …] for every part whose text changed."""
    keys = list(before) + [key for key in after if key not in before]
    return [
        [key, before.get(key, ""), after.get(key, "")]
        for key in keys
        if before.get(key, "") != after.get(key, "")
    ]


def record(plan, action, *, by, comment="", from_status=""):
    """Add a history entry with the differences since the previous one."""
    previous = plan.events.order_by("-at", "-pk").first()
    current = snapshot(plan)
    return PlanEvent.objects.create(
        plan=plan,
        action=action,
        by=by,
        comment=comment,
        from_status=from_status,
        to_status=plan.status,
        changes=diff(previous.snapshot if previous else {}, current)
        if action != Action.CREATED
        else [],
        snapshot=current,
    )


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


def record_edit(plan, *, by):
    """Bump the version and record what the edit changed (nothing recorded if nothing did)."""
    Plan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    plan.version += 1
    previous = plan.events.order_by("-at", "-pk").first()
    current = snapshot(plan)
    changes = diff(previous.snapshot if previous else {}, current)
    if changes:
        PlanEvent.objects.create(
            plan=plan, action=Action.EDITED, by=by, to_status=plan.status, changes=changes,
            snapshot=current,
        )  # fmt: skip


@contextmanager
def editing(plan, *, by, version=None):
    """Edit plan as one unit of work: locked, checked (role, state, version), recorded."""
    with transaction.atomic():
        locked = claim_for_edit(plan, by=by, version=version)
        yield locked
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
    return locked


@transaction.atomic
def submit_plan(plan, *, by, comment=""):
    """Editor sends the draft to the leaders for approval."""
    plan = _transition(plan, "submit", by=by, comment=comment)
    transaction.on_commit(lambda: notifications.plan_submitted(plan, by=by))
    return plan


@transaction.atomic
def return_plan(plan, *, by, comment):
    """Leader sends a submitted plan back for revision; the comment says why."""
    if not (comment or "").strip():
        raise PlanError("Cần ghi ý kiến khi trả lại kế hoạch.")
    plan = _transition(plan, "return", by=by, comment=comment.strip())
    transaction.on_commit(lambda: notifications.plan_returned(plan, by=by, comment=comment))
    return plan


@transaction.atomic
def approve_plan(plan, *, by, comment=""):
    """Leader approves; the clerk may now issue it."""
    plan = _transition(plan, "approve", by=by, comment=comment)
    transaction.on_commit(lambda: notifications.plan_approved(plan, by=by))
    return plan


@transaction.atomic
def reopen_plan(plan, *, by, comment=""):
    """Leader takes an approved, not yet issued plan back to draft for changes."""
    return _transition(plan, "reopen", by=by, comment=comment)


def suggest_number(issuer, year):
    """The next free number of issuer's register in year (from 01 on 1 January)."""
    top = Plan.objects.filter(issuer=issuer, issued_on__year=year, number__isnull=False).aggregate(
        top=Max("number")
    )["top"]
    return (top or 0) + 1


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
        number = suggest_number(locked.issuer, issued_on.year)
    if number < 1:
        raise PlanError("Số văn bản phải từ 1 trở lên.")
    taken = Plan.objects.filter(
        issuer=locked.issuer_id, symbol=locked.symbol, number=number, issued_on__year=issued_on.year
    ).exclude(pk=locked.pk)
    if taken.exists():
        raise PlanError(
            f"Số {number:02d}/{locked.symbol} năm {issued_on.year} đã được dùng. "
            f"Số kế tiếp còn trống: {suggest_number(locked.issuer, issued_on.year):02d}."
        )
    plan = _transition(locked, "issue", by=by, number=number, issued_on=issued_on)
    if plan.supersedes_id:
        old = _lock(plan.supersedes)
        from_status = old.status
        old.status = Status.SUPERSEDED
        old.save()
        record(old, Action.SUPERSEDED, by=by, from_status=from_status,
               comment=f"Thay thế bằng {plan.document_number.removeprefix('Số: ')}")  # fmt: skip
    create_expected_reports(plan)
    # After commit, outside the issuer's lock: the plan is immutable from now on, so the PDF
    # rendered then is the one it was issued with.
    transaction.on_commit(lambda: freeze_issued_pdf(plan))
    transaction.on_commit(lambda: notifications.plan_issued(plan, by=by))
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
    from .reuse import copy_plan_to_year

    locked = _lock(plan)
    _check(locked, "supersede", by)
    if _has_successor(locked):
        raise PlanError("Kế hoạch này đã có bản thay thế.")
    version = copy_plan_to_year(locked, year=locked.year, by=by)
    version.supersedes = locked
    version.summary = locked.summary
    version.save()
    record(version, Action.CREATED, by=by, comment=f"Bản sửa đổi, thay thế {locked}")
    return version
