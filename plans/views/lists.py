"""Lists of plans: all plans a user may see (filtered), the inbox of plans addressed to the
user's units, and a unit's tasks with their deadlines."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from orgs.access import access_organisation, scope_roots
from orgs.models import Organisation, subtree_q

from .. import deadlines
from ..access import editor_units, member_organisation_ids
from ..forms import (
    PlanFilterForm,
)
from ..models import Plan
from ..todo import incoming_plans

PAGE_SIZE = 30


def _filter_issuers(user):
    """The issuers offered in the list filter: the user's own units and oversight roots."""
    return Organisation.objects.filter(
        Q(pk__in=member_organisation_ids(user)) | Q(path__in=scope_roots(user))
    )


@login_required
def plan_list(request):
    form = PlanFilterForm(request.GET or None, issuers=_filter_issuers(request.user))
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("issuer")
        .prefetch_related("movements")
        .order_by("-year", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            plans = plans.search(data["q"])
        if data["year"]:
            plans = plans.for_year(data["year"])
        if data["movement"]:
            plans = plans.filter(movements=data["movement"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["issuer"]:
            issuer = data["issuer"]
            if data["subtree"]:
                plans = plans.filter(subtree_q(issuer.path, prefix="issuer__"))
            else:
                plans = plans.filter(issuer=issuer)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": editor_units(request.user).exists(),
        },
    )


@login_required
def inbox(request):
    """'Văn bản đến': issued plans addressed to the user's units, unread first."""
    plans = incoming_plans(request.user)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/inbox.html", {"page": page})


@login_required
def unit_tasks(request, org_pk):
    """'Nhiệm vụ của đơn vị': tasks of issued plans the unit leads or supports."""
    organisation = access_organisation(request.user, org_pk)
    today = timezone.localdate()
    items = deadlines.unit_tasks([organisation.pk], today)
    return render(
        request,
        "plans/unit_tasks.html",
        {
            "organisation": organisation,
            "items": items,
            "today": today,
            "soon": deadlines.DUE_SOON_DAYS,
        },
    )
