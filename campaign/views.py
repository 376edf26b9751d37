from django.contrib.auth.decorators import login_required
from django.shortcuts import render

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
    return render(request, "campaign/home.html", {"organisations": list(organisations.values())})
