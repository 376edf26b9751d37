from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django_otp import user_has_device

from orgs.models import Membership


@login_required
def home(request):
    """The user's organisations, each with the roles they hold there."""
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
    context = {
        "organisations": list(organisations.values()),
        "offer_two_factor": leads and not user_has_device(request.user),
    }
    return render(request, "campaign/home.html", context)
