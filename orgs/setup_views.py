"""Pages that change the tree one unit at a time (add, rename, move, close), the guided set-up
of a new commune or member body, the import templates and the help pages of each role."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .access import MANAGER_ROLES, access_organisation, scope_roots
from .imports import ImportFileError, import_users
from .invitations import pending_accounts
from .models import CommitteeMember, Level, Organisation, subtree_q
from .services import (
    OrgError,
    add_committee_seat,
    add_unit,
    add_villages,
    close_organisation,
    move_organisation,
    move_refusal,
    rename_organisation,
)
from .setup_forms import (
    BODY_KINDS,
    AccountFormSet,
    BodiesForm,
    CloseForm,
    CommitteeForm,
    CommuneForm,
    MoveForm,
    RenameForm,
    SetupSeatForm,
    UnitForm,
    VillagesForm,
)
from .templates_xlsx import TEMPLATES, template_workbook

Kind = Organisation.Kind


def _page(request, organisation, title, form, *, intro="", button="Lưu", danger=False):
    return render(
        request,
        "orgs/organisation_change.html",
        {"organisation": organisation, "title": title, "form": form, "intro": intro,
         "button": button, "danger": danger,
         "ancestors": Organisation.objects.get_ancestors(organisation)},
    )  # fmt: skip


def _refused(form, error, field=None):
    form.add_error(field, str(error))


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request, pk):
    """'Thêm đơn vị trực thuộc': one unit under this one."""
    parent = access_organisation(request.user, pk, need="manage")
    form = UnitForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            unit = add_unit(parent, by=request.user, request=request, **form.unit_fields())
        except OrgError as error:
            _refused(form, error, "name")
        else:
            messages.success(request, f"Đã thêm {unit.name}.")
            return redirect("orgs:detail", pk=unit.pk)
    return _page(request, parent, f"Thêm đơn vị trực thuộc {parent.name}", form, button="Thêm")


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk):
    """'Đổi tên': the new name from a date; the old one stays in the audit log."""
    organisation = access_organisation(request.user, pk, need="manage")
    form = RenameForm(request.POST or None, initial={"name": organisation.name,
                                                     "short_name": organisation.short_name})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rename_organisation(organisation, name=data["name"], short_name=data["short_name"],
                                on=data["on"], by=request.user, request=request)  # fmt: skip
        except OrgError as error:
            _refused(form, error, "name")
        else:
            messages.success(request, f"Đã đổi tên thành {data['name']}.")
            return redirect("orgs:detail", pk=organisation.pk)
    intro = ("Văn bản đã ban hành giữ tên cũ; tên cũ và ngày đổi được ghi vào nhật ký của "
             "đơn vị.")  # fmt: skip
    return _page(request, organisation, f"Đổi tên {organisation.name}", form, intro=intro)


def move_targets(user):
    """The active units user may move a unit under: areas and bodies she manages, not villages."""
    units = Organisation.objects.active().exclude(kind=Kind.VILLAGE)
    if user.is_superuser:
        return units
    roots = scope_roots(user, roles=MANAGER_ROLES)
    return units.filter(Q(pk__in=[]) | _any(subtree_q(root) for root in roots))


def _any(queries):
    result = Q(pk__in=[])
    for query in queries:
        result |= query
    return result


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk):
    """'Chuyển đơn vị': under another unit the user manages, never into its own subtree."""
    organisation = access_organisation(request.user, pk, need="manage")
    form = MoveForm(request.POST or None, targets=move_targets(request.user))
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        refusal = move_refusal(request.user, organisation, target)
        try:
            if refusal:
                raise OrgError(refusal)
            moved = move_organisation(organisation, target, on=form.cleaned_data["on"],
                                      by=request.user, request=request)  # fmt: skip
        except OrgError as error:
            _refused(form, error, "target")
        else:
            messages.success(request, f"Đã chuyển {moved.name} sang {target.name}.")
            return redirect("orgs:detail", pk=moved.pk)
    intro = "Đơn vị được chuyển cùng mọi đơn vị trực thuộc, tài khoản, kế hoạch và báo cáo của nó."
    return _page(request, organisation, f"Chuyển {organisation.name}", form, intro=intro,
                 button="Chuyển")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_close(request, pk):
    """'Giải thể / ngừng hoạt động': active_to from a date; history and plans are kept."""
    organisation = access_organisation(request.user, pk, need="manage")
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            close_organisation(organisation, on=form.cleaned_data["on"], by=request.user,
                               request=request)  # fmt: skip
        except OrgError as error:
            _refused(form, error, "on")
        else:
            messages.success(request, f"{organisation.name} đã ngừng hoạt động.")
            return redirect("orgs:detail", pk=organisation.pk)
    intro = ("Đơn vị ngừng hoạt động không bị xóa: kế hoạch, báo cáo và nhật ký của nó vẫn "
             "được giữ và tra cứu được.")  # fmt: skip
    return _page(request, organisation, f"Giải thể, ngừng hoạt động {organisation.name}", form,
                 intro=intro, button="Ngừng hoạt động", danger=True)  # fmt: skip


# The guided set-up --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def setup_start(request, pk):
    """Step 1: the new commune (or member body) under a unit the user manages."""
    parent = access_organisation(request.user, pk, need="manage")
    form = CommuneForm(request.POST or None, parent=parent, kinds=[Kind.AREA, *BODY_KINDS])
    if request.method == "POST" and form.is_valid():
        try:
            unit = add_unit(parent, by=request.user, request=request, **form.unit_fields())
        except OrgError as error:
            _refused(form, error, "name")
        else:
            messages.success(request, f"Đã tạo {unit.name}. Tiếp tục các bước dưới đây.")
            return redirect("orgs:setup", pk=unit.pk)
    return render(request, "orgs/setup_start.html", {
        "organisation": parent, "form": form,
        "ancestors": Organisation.objects.get_ancestors(parent),
    })  # fmt: skip


def _lowered(name):
    return name[:1].lower() + name[1:]


class Setup:
    """What the set-up page of a unit shows: its committee, bodies, villages and accounts."""

    def __init__(self, unit):
        self.unit = unit
        self.children = list(
            Organisation.objects.get_children(unit).active().select_related("level")
        )
        self.committee = next((c for c in self.children if c.kind == Kind.COMMITTEE), None)
        self.bodies = [
            c for c in self.children if c.kind not in (Kind.COMMITTEE, *Organisation.AREA_KINDS)
        ]
        self.villages = [c for c in self.children if c.kind == Kind.VILLAGE]

    @property
    def is_area(self):
        return self.unit.kind == Kind.AREA

    def body_queryset(self):
        return Organisation.objects.filter(pk__in=[body.pk for body in self.bodies])

    def units(self):
        """The units an account of the set-up may belong to: the unit and its active subtree."""
        return Organisation.objects.active().filter(subtree_q(self.unit.path))

    def seats(self):
        if self.committee is None:
            return []
        return CommitteeMember.objects.filter(committee=self.committee).select_related(
            "person", "member_body"
        )

    def forms(self, data=None, step=None):
        bound = lambda name: data if step == name else None  # noqa: E731
        default_committee = f"Ban Chỉ đạo {_lowered(self.unit.name)}"
        forms = {
            "committee": CommitteeForm(bound("committee"), initial={"name": default_committee},
                                       prefix="committee"),
            "seat": SetupSeatForm(bound("seat"), bodies=self.body_queryset(), prefix="seat"),
            "bodies": BodiesForm(bound("bodies"), area=self.unit, prefix="bodies"),
            "villages": VillagesForm(bound("villages"), prefix="villages"),
            "accounts": AccountFormSet(bound("accounts"), prefix="accounts",
                                       form_kwargs={"units": self.units()}),
        }  # fmt: skip
        return forms


STEPS = ("committee", "seat", "bodies", "villages", "accounts")
ANCHORS = {"committee": "buoc-2", "seat": "buoc-2", "bodies": "buoc-3", "villages": "buoc-4",
           "accounts": "buoc-5"}  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def setup(request, pk):
    """The set-up page of a new unit: each step saves on its own and comes back here."""
    unit = access_organisation(request.user, pk, need="manage")
    state = Setup(unit)
    step = request.POST.get("step") if request.method == "POST" else None
    if step is not None and step not in STEPS:
        step = None
    forms = state.forms(request.POST if step else None, step)
    if step is not None:
        form = forms[step]
        if form.is_valid():
            done = SAVE[step](request, state, form)
            if done:
                messages.success(request, done)
                return redirect(reverse("orgs:setup", args=[unit.pk]) + "#" + ANCHORS[step])
    return render(request, "orgs/setup.html", {
        "organisation": unit, "setup": state, "forms": forms, "step": step,
        "ancestors": Organisation.objects.get_ancestors(unit),
        "pending": pending_accounts(unit).count(),
        "levels": Level.objects.all(),
    })  # fmt: skip


def _save_committee(request, state, form):
    if state.committee is not None:
        form.add_error(None, f"{state.unit.name} đã có {state.committee.name}.")
        return None
    try:
        committee = add_unit(
            state.unit, by=request.user, request=request, kind=Kind.COMMITTEE,
            level=state.unit.level, name=form.cleaned_data["name"],
            symbol=form.cleaned_data["symbol"],
        )  # fmt: skip
    except OrgError as error:
        _refused(form, error, "name")
        return None
    return f"Đã tạo {committee.name}."


def _save_seat(request, state, form):
    if state.committee is None:
        form.add_error(None, "Hãy tạo Ban Chỉ đạo trước.")
        return None
    data = form.cleaned_data
    try:
        add_committee_seat(state.committee, position=data["position"], full_name=data["full_name"],
                           person_position=data["person_position"],
                           member_body=data["member_body"], by=request.user,
                           request=request)  # fmt: skip
    except OrgError as error:
        _refused(form, error, "full_name")
        return None
    who = data["full_name"] or data["member_body"].name
    return f"Đã thêm {who} vào Ban Chỉ đạo."


def _save_bodies(request, state, form):
    added = []
    for kind, name in form.bodies():
        if any(" ".join(c.name.split()).casefold() == name.casefold() for c in state.children):
            continue  # already there: saving the step twice adds nothing
        try:
            added.append(add_unit(state.unit, by=request.user, request=request, kind=kind,
                                  level=state.unit.level, name=name))  # fmt: skip
        except OrgError as error:
            _refused(form, error, kind.value)
            return None
    if not added:
        return "Không có cơ quan thành viên mới cần thêm."
    return f"Đã thêm {len(added)} cơ quan thành viên."


def _save_villages(request, state, form):
    level = Level.objects.filter(code="thon").first() or state.unit.level
    try:
        created = add_villages(state.unit, form.cleaned_data["names"], level=level,
                               by=request.user, request=request)  # fmt: skip
    except OrgError as error:
        _refused(form, error, "names")
        return None
    return f"Đã thêm {len(created)} thôn, tổ dân phố."


def _save_accounts(request, state, formset):
    """The table goes through the user import itself, so its rules are the import's."""
    rows = [form for form in formset.forms if not form.is_blank()]
    if not rows:
        formset.forms[0].add_error("username", "Hãy điền ít nhất một dòng.")
        return None
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["username", "full_name", "email", "organisation", "role"])
    for form in rows:
        data = form.cleaned_data
        unit = data["organisation"]
        writer.writerow([data["username"], data["full_name"], data["email"],
                         unit.code or unit.name, data["role"]])  # fmt: skip
    upload = SimpleUploadedFile("tai-khoan.csv", buffer.getvalue().encode("utf-8"))
    try:
        result = import_users(upload, root=state.unit, by=request.user)
    except ImportFileError as error:
        rows[0].add_error(None, str(error))
        return None
    if not result.ok:
        for error in result.errors:
            rows[error.row - 2].add_error(None, error.message[:1].upper() + error.message[1:] + ".")
        return None
    text = f"Đã tạo {result.created} tài khoản, cấp {result.memberships} vai trò."
    if result.invitations:
        text += f" Đã gửi {result.invitations} thư mời qua e-mail."
    return text


SAVE = {"committee": _save_committee, "seat": _save_seat, "bodies": _save_bodies,
        "villages": _save_villages, "accounts": _save_accounts}  # fmt: skip


# Import templates and help pages -------------------------------------------------------------


@login_required
def import_template(request, what):
    """An empty XLSX for an import, with a second sheet explaining each column."""
    if what not in TEMPLATES:
        raise Http404("Không có mẫu này.")
    response = HttpResponse(
        template_workbook(what),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATES[what]["file"]}"'
    return response


HELP_PAGES = {
    "soan-thao": "help/editor.html",
    "phe-duyet": "help/approver.html",
    "van-thu": "help/clerk.html",
    "xem": "help/viewer.html",
    "quan-tri-don-vi": "help/manager.html",
}


@login_required
def help_page(request, page):
    """A short page on what one role does and where."""
    template = HELP_PAGES.get(page)
    if template is None:
        raise Http404("Không có trang hướng dẫn này.")
    return render(request, template, {"pages": HELP_PAGES, "page": page})
