from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from orgs.models import Membership
from plans.todo import plan_todo
from reports.todo import report_todo

from . import notify
from .context_processors import list_counts, menu
from .models import Notification, validate_app_path

PAGE_SIZE = 20


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
    # Every list counted in one query, which also gives the navbar its figures: the page
    # costs the same however long the lists are (tests/campaign/test_home_queries.py).
    counts = list_counts(request.user)
    todo = {**plan_todo(request.user, today, counts), **report_todo(request.user, today, counts)}
    context = {
        "navbar": menu(counts),
        "organisations": list(organisations.values()),
        "offer_two_factor": leads and not user_has_device(request.user),
        "todo": todo,
        "todo_count": sum(count for count, _items in todo.values()),
        "today": today,
    }
    return render(request, "campaign/home.html", context)


@login_required
def notifications(request):
    """Thông báo: the user's notifications, newest first, unread ones marked."""
    mine = Notification.objects.filter(recipient=request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "campaign/notifications.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Open one of the user's notifications: marked read, then on to its link (404 for
    anyone else's)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notify.mark_read(notification)
    try:
        validate_app_path(notification.link)
    except ValidationError:  # the database refuses such links; never follow one out
        return redirect("notifications")
    return redirect(notification.link)


@require_POST
@login_required
def notifications_read_all(request):
    """Mark all the user's notifications read."""
    count = notify.mark_all_read(request.user)
    if count:
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notifications")
