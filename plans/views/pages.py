"""A plan's own pages: the plan page, creating, copying and implementing a plan, the workflow's
transitions and issuance, and the PDF/DOCX downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from documents.downloads import download_response
from orgs.reauth import require_recent_authentication

from .. import completeness, reuse, services, workflow
from ..access import abilities, access_plan, editor_units
from ..errors import PlanError
from ..forms import (
    AttachForm,
    CopyPlanForm,
    ImplementPlanForm,
    IssueForm,
    NewPlanForm,
    TransitionForm,
)
from ..models import Plan, PlanEvent, Reference, Section
from ..printing import build_document, plan_file, plan_for_document, references_of
from ..reporting import expected_reports


@login_required
def plan_detail(request, pk):
    plan = access_plan(request.user, pk)
    plan = plan_for_document(plan.pk)
    can = abilities(request.user, plan)
    implementers = _implementers(request.user, plan)
    actions = workflow.allowed_actions(request.user, plan)
    today = timezone.localdate()
    services.mark_read(plan, request.user)
    context = {
        "actions": actions,
        "transition_form": TransitionForm(),
        "issue_form": IssueForm(
            initial={
                "number": workflow.suggest_number(plan.issuer, today.year, plan.symbol),
                "issued_on": today,
            }
        )
        if "issue" in actions or ("approve" in actions and can["issue"])
        else None,
        "events": plan.events.select_related("by").order_by("-at", "-pk"),
        # A returned plan opens with why it came back.
        "returned": plan.events.filter(action=PlanEvent.Action.RETURNED)
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
        if plan.status == Plan.Status.RETURNED
        else None,
        "successor": Plan.objects.filter(supersedes=plan).first(),
        "plan": plan,
        # A document attached to a quyết định is shown as printed: after the decision.
        "doc": build_document(
            plan_for_document(plan.attached_to_id) if plan.attached_to_id else plan
        ),
        "can": can,
        "implementing": _cited_by(request.user, plan),
        "cited": _cited(request.user, plan),
        "copy_form": CopyPlanForm(initial={"year": plan.year + 1}) if can["edit"] else None,
        "attach_form": AttachForm()
        if plan.kind == Plan.Kind.DECISION and can["edit"] and plan.is_editable
        else None,
        "attachments": plan.attachments.all(),
        "implement_form": ImplementPlanForm(issuers=implementers)
        if plan.status in Plan.PUBLISHED and implementers.exists()
        else None,
    }
    if plan.status in BEFORE_ISSUANCE and (can["edit"] or actions):
        context["gaps"] = completeness.gaps(plan)
        context["expected_reports"] = len(expected_reports(plan))
        context["reporting_section"] = next(
            (s for s in plan.sections.all() if s.kind == Section.Kind.REPORTING), None
        )
    return render(request, "plans/plan_detail.html", context)


# Before issuance the plan page says what the plan lacks and which reports it will create.
BEFORE_ISSUANCE = (Plan.Status.DRAFT, Plan.Status.RETURNED, Plan.Status.SUBMITTED,
                   Plan.Status.APPROVED)  # fmt: skip


def _cited(user, plan):
    """Văn bản căn cứ, up the chain: (reference, the plan it cites when user may see it)."""
    found = references_of(plan)
    ids = {r.cited_plan_id for r in found if r.cited_plan_id}
    visible = Plan.objects.visible_to(user).select_related("issuer").in_bulk(ids) if ids else {}
    return [(r, visible.get(r.cited_plan_id)) for r in found]


def _cited_by(user, plan):
    """Down the chain: plans user may see implementing plan or citing it in their bases."""
    citing = Q(parent_plan=plan) | Q(
        pk__in=Reference.objects.filter(cited_plan=plan).values("plan")
    )
    return Plan.objects.visible_to(user).filter(citing).select_related("issuer").order_by("pk")


def _implementers(user, plan):
    """The user's units that may write a plan implementing plan (not its own issuer)."""
    return editor_units(user).exclude(pk=plan.issuer_id)


@login_required
@require_POST
def plan_copy(request, pk):
    """A new draft of the same plan for another year."""
    plan = access_plan(request.user, pk, need="edit")
    form = CopyPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Năm không hợp lệ.")
        return redirect("plans:detail", pk=plan.pk)
    copy = reuse.copy_plan_to_year(plan, year=form.cleaned_data["year"], by=request.user)
    text = f"Đã sao chép sang năm {copy.year}; bản sao là dự thảo."
    if copy.year_changes:
        parts = sorted({part for part, _old, _new in copy.year_changes})
        text += f" Đã đổi năm trong {len(copy.year_changes)} đoạn ({'; '.join(parts)[:300]})."
    messages.success(request, text)
    for part, excerpt in copy.to_check[:10]:
        messages.warning(request, f"Cần xem lại năm trong {part}: “{excerpt[:160]}”")
    return redirect("plans:edit", pk=copy.pk)


@login_required
@require_POST
def plan_implement(request, pk):
    """Start the user's unit's own plan implementing this issued plan."""
    plan = access_plan(request.user, pk)
    form = ImplementPlanForm(request.POST, issuers=_implementers(request.user, plan))
    if not form.is_valid():
        raise PermissionDenied("Bạn cần vai trò soạn thảo ở đơn vị lập kế hoạch triển khai.")
    try:
        child = reuse.start_implementing_plan(
            plan, issuer=form.cleaned_data["issuer"], by=request.user
        )
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("plans:detail", pk=plan.pk)
    messages.success(
        request, "Đã tạo dự thảo kế hoạch triển khai, với căn cứ và nhiệm vụ liên quan."
    )
    return redirect("plans:edit", pk=child.pk)


@login_required
@require_POST
def plan_attach(request, pk):
    """Thêm văn bản kèm theo: a draft Kế hoạch, Đề án or Quy chế issued with this quyết định,
    opened in the editor."""
    plan = access_plan(request.user, pk, need="edit")
    form = AttachForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy chọn loại văn bản kèm theo: kế hoạch, đề án hoặc quy chế.")
        return redirect("plans:detail", pk=plan.pk)
    try:
        attached = services.add_attached_document(
            plan, kind=form.cleaned_data["kind"], by=request.user
        )
    except PlanError as error:
        messages.error(request, str(error))
        return redirect("plans:detail", pk=plan.pk)
    word = attached.get_kind_display().lower()
    messages.success(request, f"Đã tạo dự thảo {word} kèm theo quyết định. Hãy soạn từng phần.")
    return redirect("plans:edit", pk=attached.pk)


@login_required
def plan_create(request):
    issuers = editor_units(request.user)
    if not issuers.exists():
        raise PermissionDenied("Bạn cần vai trò soạn thảo ở một đơn vị để lập kế hoạch.")
    initial = {"year": timezone.localdate().year}
    if issuers.count() == 1:
        initial["issuer"] = issuers.get()
    form = NewPlanForm(request.POST or None, issuers=issuers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = services.start_plan(
            issuer=data["issuer"],
            by=request.user,
            year=data["year"],
            end_year=data["end_year"],
            summary=data["summary"],
            movements=data["movements"],
            task_layout=data["task_layout"],
            kind=data["kind"],
            header_style=data["header_style"],
        )
        word = plan.get_kind_display().lower()
        messages.success(request, f"Đã tạo dự thảo {word}. Hãy soạn từng phần.")
        return redirect("plans:edit", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


TRANSITION_MESSAGES = {
    "submit": "Đã trình duyệt kế hoạch.",
    "return": "Đã trả lại kế hoạch để sửa.",
    "approve": "Đã phê duyệt kế hoạch.",
    "reopen": "Đã mở lại kế hoạch để sửa.",
    "issue": "Đã ban hành kế hoạch.",
    "revoke": "Đã thu hồi kế hoạch.",
}


# Done only by someone who typed her password (or code) within REAUTH_MINUTES (orgs/reauth.py).
SENSITIVE_ACTIONS = ("issue", "revoke")


@login_required
@require_POST
def plan_transition(request, pk, action):
    """Move the plan along its workflow; refusals come back as a message on the plan page."""
    if action not in workflow.TRANSITIONS:
        raise Http404
    plan = access_plan(request.user, pk)
    if action in SENSITIVE_ACTIONS or (action == "approve" and "and_issue" in request.POST):
        back = reverse("plans:detail", args=[plan.pk])
        if refused := require_recent_authentication(request, back=back):
            return refused
    form = TransitionForm(request.POST)
    if not form.is_valid():  # a comment with control characters: refused, never dropped
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"Chưa thực hiện: ý kiến {errors[:1].lower()}{errors[1:]}")
        return redirect("plans:detail", pk=plan.pk)
    comment = form.cleaned_data["comment"]
    try:
        if action == "submit":
            workflow.submit_plan(plan, by=request.user, comment=comment)
        elif action == "return":
            workflow.return_plan(plan, by=request.user, comment=comment)
        elif action == "approve":
            workflow.approve_plan(plan, by=request.user, comment=comment)
            if "and_issue" in request.POST:
                return plan_issue(request, pk)
        elif action == "reopen":
            workflow.reopen_plan(plan, by=request.user, comment=comment)
        elif action == "revoke":
            workflow.revoke_plan(plan, by=request.user, reason=comment)
        elif action == "supersede":
            version = workflow.supersede_plan(plan, by=request.user)
            messages.success(request, "Đã tạo bản sửa đổi (dự thảo) sẽ thay thế kế hoạch này.")
            return redirect("plans:edit", pk=version.pk)
        elif action == "issue":
            return plan_issue(request, pk)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _done(plan, action))
    return redirect("plans:detail", pk=plan.pk)


def _done(plan, action):
    """'Đã ban hành quyết định.': the message of a transition, with the document's kind."""
    return TRANSITION_MESSAGES[action].replace("kế hoạch", plan.get_kind_display().lower())


def plan_issue(request, pk):
    plan = access_plan(request.user, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"Chưa ban hành: {errors}")
        return redirect("plans:detail", pk=plan.pk)
    try:
        workflow.issue_plan(plan, by=request.user, **form.cleaned_data)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _done(plan, "issue"))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_GET
def download_pdf(request, pk):
    return download_response(plan_file, access_plan(request.user, pk), "pdf")


@login_required
@require_GET
def download_docx(request, pk):
    return download_response(plan_file, access_plan(request.user, pk), "docx")
