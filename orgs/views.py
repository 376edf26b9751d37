from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .access import abilities, access_organisation
from .forms import ImportForm, OrganisationForm, SeatForm
from .imports import ImportFileError, import_organisations, import_users
from .models import CommitteeMember, Membership, Organisation, Person
from .services import OrgError, add_committee_seat

PAGE_SIZE = 50


@login_required
def organisation_list(request):
    """The user's own units, or a diacritic-insensitive search of what they may see."""
    query = request.GET.get("q", "").strip()
    visible = Organisation.objects.visible_to(request.user).select_related("level")
    if query:
        page = Paginator(visible.search(query), PAGE_SIZE).get_page(request.GET.get("page"))
        own = []
    else:
        page = None
        own = (
            Organisation.objects.filter(memberships__user=request.user)
            .select_related("level")
            .distinct()
        )
    return render(
        request, "orgs/organisation_list.html", {"query": query, "page": page, "own": own}
    )


@login_required
def organisation_detail(request, pk, seat_form=None):
    organisation = access_organisation(request.user, pk)
    can = abilities(request.user, organisation)
    if seat_form is None and can["manage"] and organisation.kind == Organisation.Kind.COMMITTEE:
        seat_form = SeatForm(committee=organisation)
    children = (
        Organisation.objects.get_children(organisation)
        .visible_to(request.user)
        .select_related("level")
    )
    # A committee shows its own seats; a unit shows the seats of the committees under it.
    if organisation.kind == Organisation.Kind.COMMITTEE:
        committees = [organisation]
    else:
        committees = list(
            Organisation.objects.get_children(organisation).filter(kind=Organisation.Kind.COMMITTEE)
        )
    seats = Prefetch(
        "seats",
        CommitteeMember.objects.select_related("person", "member_body").order_by("order", "pk"),
    )
    prefetch_related_objects(committees, seats)
    context = {
        "organisation": organisation,
        "ancestors": Organisation.objects.get_ancestors(organisation),
        "children": Paginator(children, PAGE_SIZE).get_page(request.GET.get("page")),
        "committees": [c for c in committees if c.seats.all()],
        "people": Person.objects.filter(organisation=organisation),
        "memberships": Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__username"),
        "can": can,
        "seat_form": seat_form,
    }
    return render(request, "orgs/organisation_detail.html", context)


@login_required
def organisation_edit(request, pk):
    organisation = access_organisation(request.user, pk, need="manage")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Đã lưu thông tin đơn vị.")
        return redirect("orgs:detail", pk=organisation.pk)
    return render(
        request, "orgs/organisation_form.html", {"organisation": organisation, "form": form}
    )


@login_required
def organisation_import(request, pk):
    organisation = access_organisation(request.user, pk, need="manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        importer = import_users if form.cleaned_data["what"] == "users" else import_organisations
        try:
            result = importer(form.cleaned_data["file"], root=organisation, by=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(request, f"Đã nhập {result.created} dòng.")
                return redirect("orgs:detail", pk=organisation.pk)
    return render(
        request,
        "orgs/organisation_import.html",
        {"organisation": organisation, "form": form, "result": result},
    )


@login_required
@require_POST
def seat_add(request, pk):
    committee = access_organisation(request.user, pk, need="manage")
    form = SeatForm(request.POST, committee=committee)
    if form.is_valid():
        try:
            add_committee_seat(committee, **form.cleaned_data)
        except OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã thêm thành viên Ban Chỉ đạo.")
            return redirect("orgs:detail", pk=committee.pk)
    # Re-render the page with the form and everything typed in it.
    return organisation_detail(request, pk, seat_form=form)


@login_required
@require_POST
def seat_delete(request, pk, seat_pk):
    committee = access_organisation(request.user, pk, need="manage")
    get_object_or_404(CommitteeMember, pk=seat_pk, committee=committee).delete()
    messages.success(request, "Đã bỏ thành viên khỏi Ban Chỉ đạo.")
    return redirect("orgs:detail", pk=committee.pk)
