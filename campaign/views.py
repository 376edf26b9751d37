from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django_otp import user_has_device

from orgs.models import Membership
from plans.todo import plan_todo
from reports.todo import report_todo


@login_required
def home(request):
    """Việc cần làm: what waits for the user in all her units (plans to approve or issue,
    plans returned with their comment, drafts, unread incoming plans, tasks and reports due,
    reports to review), then her organisations with the roles she holds there."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation__level")
        .order_by("organisation__path", "role")
    )
    organisations = {}
    for membership in memberships:
        entry = organisations.setdefault(
            membership.organisation_id, {"organisation": membership.organisation, "roles": []}
        )
        entry["roles"].append(membership.get_role_display())
    # Approvers and clerks are invited to turn on two-factor authentication (orgs/twofactor.py).
    leads = any(m.role in (Membership.Role.APPROVER, Membership.Role.CLERK) for m in memberships)
    today = timezone.localdate()
    todo = {**plan_todo(request.user, today), **report_todo(request.user, today)}
    context = {
        "organisations": list(organisations.values()),
        "offer_two_factor": leads and not user_has_device(request.user),
        "todo": todo,
        "todo_count": sum(count for count, _items in todo.values()),
        "today": today,
    }
    return render(request, "campaign/home.html", context)
