import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from campaign.text import day_month_year, spreadsheet_safe

from . import audit
from .access import abilities, access_organisation, can_lead, can_see, grantable_roles
from .forms import ImportForm, OrganisationForm, RoleGrantForm, SeatForm
from .imports import ImportFileError, import_organisations, import_users
from .invitations import invitation_sheet, invite, pending_accounts
from .models import AuditEntry, CommitteeMember, Membership, Organisation, Person
from .reauth import require_recent_authentication
from .services import (
    OrgError,
    add_committee_seat,
    grant_role,
    remove_committee_seat,
    revoke_role,
    update_organisation,
)

PAGE_SIZE = 50
Action = AuditEntry.Action


def lifetime(user, organisation):
    """What the unit page says of the unit's time: its dates as Nghị định 30 writes them, the
    unit that took it over and the units it took over, each as (unit, may the user open it)."""
    successor = organisation.successor
    predecessors = Organisation.objects.filter(successor=organisation).order_by("path")
    return {
        "active_from": day_month_year(*_parts(organisation.active_from)),
        "active_to": day_month_year(*_parts(organisation.active_to)),
        "successor": (successor, can_see(user, successor)) if successor else None,
        "predecessors": [(unit, can_see(user, unit)) for unit in predecessors],
    }


def _parts(day):
    return (day.day, day.month, day.year) if day else (None, None, None)


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
def organisation_detail(request, pk, seat_form=None, grant_form=None):
    organisation = access_organisation(request.user, pk)
    can = abilities(request.user, organisation)
    if grant_form is None and can["grant"]:
        grant_form = RoleGrantForm(roles=can["grant"])
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
        "grant_form": grant_form,
        "pending": pending_accounts(organisation).count() if can["manage"] else 0,
        "lifetime": lifetime(request.user, organisation),
    }
    return render(request, "orgs/organisation_detail.html", context)


@login_required
def organisation_edit(request, pk):
    organisation = access_organisation(request.user, pk, need="manage")
    form = OrganisationForm(
        request.POST or None, instance=organisation, lead=can_lead(request.user, organisation)
    )
    if request.method == "POST" and form.is_valid():
        update_organisation(form, by=request.user, request=request)
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
                text = f"Đã nhập {result.created} dòng."
                if result.invitations:
                    text += f" Đã gửi {result.invitations} thư mời đặt mật khẩu."
                messages.success(request, text)
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
            add_committee_seat(committee, **form.cleaned_data, by=request.user, request=request)
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
    seat = get_object_or_404(
        CommitteeMember.objects.select_related("person", "member_body", "committee"),
        pk=seat_pk,
        committee=committee,
    )
    remove_committee_seat(seat, by=request.user, request=request)
    messages.success(request, "Đã bỏ thành viên khỏi Ban Chỉ đạo.")
    return redirect("orgs:detail", pk=committee.pk)


@login_required
@require_POST
def role_grant(request, pk):
    organisation = access_organisation(request.user, pk, need="manage")
    back = reverse("orgs:detail", args=[organisation.pk])
    if refused := require_recent_authentication(request, back=back):
        return refused
    form = RoleGrantForm(request.POST, roles=grantable_roles(request.user, organisation))
    if form.is_valid():
        account, role = form.cleaned_data["username"], form.cleaned_data["role"]
        try:
            grant_role(account, organisation, role, by=request.user, request=request)
        except OrgError as error:
            form.add_error(None, str(error))
        else:
            label = Membership.Role(role).label.lower()
            messages.success(request, f"Đã cấp vai trò “{label}” cho {account.get_username()}.")
            return redirect("orgs:detail", pk=organisation.pk)
    return organisation_detail(request, pk, grant_form=form)


@login_required
@require_POST
def role_revoke(request, pk, membership_pk):
    organisation = access_organisation(request.user, pk, need="manage")
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )
    back = reverse("orgs:detail", args=[organisation.pk])
    if refused := require_recent_authentication(request, back=back):
        return refused
    try:
        revoke_role(membership, by=request.user, request=request)
    except OrgError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Đã thu hồi vai trò “{membership.get_role_display().lower()}” "
            f"của {membership.user.get_username()}.",
        )
    return redirect("orgs:detail", pk=organisation.pk)


def _audit_entries(request, pk):
    organisation = access_organisation(request.user, pk)
    if not can_lead(request.user, organisation):
        raise PermissionDenied("Chỉ người phê duyệt của đơn vị và quản trị viên được xem nhật ký.")
    return organisation, AuditEntry.objects.within(organisation)


@login_required
def audit_log(request, pk):
    """The audit log of a unit and the units under it, newest first."""
    organisation, entries = _audit_entries(request, pk)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/organisation_audit.html",
        {
            "organisation": organisation,
            "ancestors": Organisation.objects.get_ancestors(organisation),
            "page": page,
        },
    )


@login_required
def audit_log_csv(request, pk):
    """The same log as a CSV file for an inspection or an archive (UTF-8 with BOM for Excel)."""
    organisation, entries = _audit_entries(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{organisation.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["Thời điểm", "Việc", "Người thực hiện", "Tài khoản", "Đơn vị", "Nội dung",
                     "Địa chỉ IP"])  # fmt: skip
    for entry in entries.select_related("organisation").iterator(chunk_size=2000):
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S"),
                entry.get_action_display(), entry.actor_name, entry.user_name,
                entry.organisation.name if entry.organisation else "", entry.summary,
                entry.address or "",
            )
        )  # fmt: skip
    return response


@login_required
def invitation_sheet_xlsx(request, pk):
    """The printable sheet of the accounts of the unit's scope without a password yet, each
    with a fresh one-time link (for people without e-mail)."""
    organisation = access_organisation(request.user, pk, need="manage")
    audit.record(
        Action.INVITED, f"Tải phiếu mời đặt mật khẩu của {organisation.name}", by=request.user,
        organisation=organisation, request=request, details={"sheet": True},
    )  # fmt: skip
    response = HttpResponse(
        invitation_sheet(organisation),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="phieu-moi-{organisation.pk}.xlsx"'
    return response


@login_required
@require_POST
def invitations_resend(request, pk):
    """Mail a fresh invitation to every account of the unit's scope still without a password."""
    organisation = access_organisation(request.user, pk, need="manage")
    mailed = invite(pending_accounts(organisation), by=request.user,
                    organisation=organisation, request=request)  # fmt: skip
    messages.success(request, f"Đã gửi lại {mailed} thư mời (tài khoản có e-mail).")
    return redirect("orgs:detail", pk=organisation.pk)
