"""Editing a plan: its header, its sections and their rows (tasks, targets, duties, recipients,
signatures), on the plan's one page or a section's own. The editor's helpers answering htmx and
JSON (hints, unit search, pasted rows) are in views/hints.py."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaign.text import plain_decimal
from orgs.models import Organisation

from .. import locks, services, workflow
from ..access import access_plan
from ..errors import PlanError
from ..forms import (
    DutyFormSet,
    NewSectionForm,
    PlanForm,
    RecipientFormSet,
    SectionForm,
    SignatureFormSet,
    TargetFormSet,
    TaskFormSet,
    usual_sections,
)
from ..models import Section, Task
from ..timeframes import parse_timeframe
from ..units import UnitDirectory
from . import regime


def _editable_plan(request, pk, *, keep_typed=False):
    """The plan, if the user may edit it now; None (with a message) otherwise.

    With keep_typed, a POST to a plan that stopped being editable since the page was opened
    goes on to the form: the service refuses it there and the page shows what was typed.
    """
    plan = access_plan(request.user, pk, need="edit")
    if plan.is_editable or (keep_typed and request.method == "POST"):
        return plan
    messages.error(
        request, f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không thể sửa."
    )
    return None


def _refused(request, plan, error):
    messages.error(request, str(error))
    return redirect("plans:detail", pk=plan.pk)


# The unit fields of each inline list, by the end of their posted names.
UNIT_FIELDS = ("-leads", "-supports", "-unit", "-organisation")


def _unit_initial(unit, text, units):
    """A saved unit as its form field shows it: the text (names, for a page without
    JavaScript) and the picker's item, which carries the id of a unit picked in the tree."""
    if unit.organisation_id is None:
        return {"value": text, "text": text, "place": "", "ambiguous": False}
    card = units.cards[unit.organisation_id]
    if not text:
        return card
    # Linked by the name typed: kept as typed, the place shown for information.
    return {"value": text, "text": text, "place": card["place"], "ambiguous": card["ambiguous"]}


def _recipient_initial(plan, user):
    recipients = list(plan.recipients.select_related("organisation"))
    units = UnitDirectory(
        user, organisations=[r.organisation for r in recipients if r.organisation]
    )
    # The unit's name without the note (Recipient.label adds it), or saving again doubles it.
    rows = [
        {"id": r.pk, "kind": r.kind, "note": r.note,
         "unit": r.text or r.organisation.short_name or r.organisation.name,
         "unit_items": [_unit_initial(r, r.text, units)]}
        for r in recipients
    ]  # fmt: skip
    return rows, units


def _signature_initial(plan, user):
    """(rows, units) of the plan's further signature blocks, as their forms show them."""
    signatures = list(plan.signatures.select_related("organisation"))
    units = UnitDirectory(
        user, organisations=[s.organisation for s in signatures if s.organisation]
    )
    fields = ["role", "symbol", "heading", "authority_lines", "signer_position", "signer_name"]
    rows = [
        {"id": s.pk, **{name: getattr(s, name) for name in fields},
         "organisation": s.organisation.name if s.organisation else "",
         "organisation_items": [_unit_initial(s, "", units)] if s.organisation else []}
        for s in signatures
    ]  # fmt: skip
    return rows, units


@login_required
def plan_edit(request, pk):
    """The plan's header, opening, closing, signature, recipients and list of sections."""
    plan = _editable_plan(request, pk, keep_typed=True)
    if plan is None:
        return redirect("plans:detail", pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST":
        initial, units = None, UnitDirectory.for_post(request.user, request.POST, UNIT_FIELDS)
    else:
        initial, units = _recipient_initial(plan, request.user)
    recipients = RecipientFormSet(
        request.POST or None, prefix="recipients", initial=initial, form_kwargs={"units": units}
    )
    blocks_initial, block_units = None, units
    if request.method != "POST":
        blocks_initial, block_units = _signature_initial(plan, request.user)
    # A form posted without the blocks' list (an older page) leaves the blocks as they are.
    posted_blocks = "signatures-TOTAL_FORMS" in request.POST
    signatures = SignatureFormSet(
        request.POST if posted_blocks else None,
        prefix="signatures",
        initial=blocks_initial,
        form_kwargs={"units": block_units},
    )
    sections = list(plan.sections.all())
    version, refusal, status = _version(request, plan)
    valid = form.is_valid() and recipients.is_valid()
    valid = valid and (signatures.is_valid() or not posted_blocks)
    blocks = _signature_rows(signatures, units) if posted_blocks and valid else []
    valid = valid and blocks is not None
    if version and request.method == "POST" and valid:
        rows = [
            {**row, "unit": units.resolve_one(row["unit"])} for row in _ordered_rows(recipients)
        ]
        try:
            with locks.editing_part(plan, by=request.user, version=version):
                services.update_plan(plan, form, by=request.user)
                services.save_recipients(plan, rows, by=request.user)
                if posted_blocks:
                    services.save_signatures(plan, blocks, by=request.user)
        except PlanError as error:
            refusal = str(error)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("plans:edit", pk=plan.pk)
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "form": form,
            "recipients": recipients,
            "signatures": signatures,
            "version": version,
            "refusal": refusal,
            "sections": sections,
            "new_section": NewSectionForm(
                present={s.kind for s in sections}, usual=usual_sections(plan.kind)
            ),
        },
        status=status,
    )


def _version(request, plan, section=None):
    """(version, refusal, status) of the part being edited. A GET hands out the saved
    version; a POST keeps the one the user started from, so that saving again after a
    refusal cannot silently overwrite someone else's change. A POST without a well-formed
    version is refused (400) rather than saved unchecked."""
    if request.method != "POST":
        return locks.current_version(plan, section), "", 200
    version = locks.posted_version(request.POST)
    if version is None:
        return "", locks.MISSING_VERSION, 400
    return version, "", 200


def _signature_rows(formset, units):
    """The posted signature blocks with their organisations resolved, or None when a
    co-issuer names no unit of the tree (the error then stands beside its field)."""
    rows, forms = [], formset.ordered_forms
    for form in forms:
        organisation = units.resolve_one(form.cleaned_data["organisation"])
        if form.cleaned_data["role"] == "co_issuer" and not isinstance(organisation, Organisation):
            form.add_error(
                "organisation", "Cơ quan cùng ban hành phải là một đơn vị chọn trong danh sách."
            )
        rows.append({**form.cleaned_data, "organisation": organisation})
    return None if any(form.errors for form in forms) else rows


def _ordered_rows(formset):
    """Cleaned rows in the order the user arranged them, without the deleted ones."""
    return [form.cleaned_data for form in formset.ordered_forms]


@login_required
@require_POST
def section_add(request, pk):
    plan = _editable_plan(request, pk)
    if plan is None:
        return redirect("plans:detail", pk=pk)
    form = NewSectionForm(request.POST)
    if form.is_valid():
        try:
            with workflow.editing(plan, by=request.user) as locked:
                section = services.add_section(locked, form.cleaned_data["kind"])
        except PlanError as error:
            return _refused(request, plan, error)
        return redirect("plans:section", pk=plan.pk, section_pk=section.pk)
    return redirect("plans:edit", pk=plan.pk)


@login_required
@require_POST
def section_move(request, pk, section_pk, direction):
    plan = _editable_plan(request, pk)
    if plan is None:
        return redirect("plans:detail", pk=pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan)
    try:
        with workflow.editing(plan, by=request.user):
            services.move_section(section, -1 if direction == "up" else 1, by=request.user)
    except PlanError as error:
        return _refused(request, plan, error)
    return redirect("plans:edit", pk=plan.pk)


@login_required
@require_POST
def section_delete(request, pk, section_pk):
    plan = _editable_plan(request, pk)
    if plan is None:
        return redirect("plans:detail", pk=pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan)
    try:
        with workflow.editing(plan, by=request.user):
            services.remove_section(section, by=request.user)
    except PlanError as error:
        return _refused(request, plan, error)
    messages.success(request, f"Đã xóa phần “{section}”.")
    return redirect("plans:edit", pk=plan.pk)


ITEM_FORMSETS = {
    Section.Kind.TASKS: TaskFormSet,
    Section.Kind.TARGETS: TargetFormSet,
    Section.Kind.IMPLEMENTATION: DutyFormSet,
}


def _task_initial(section, user):
    tasks = (
        Task.objects.filter(section=section, parent=None)
        .prefetch_related("units__organisation", Prefetch("subtasks"))
        .order_by("order", "pk")
    )
    subtask_units = {
        task.pk: task
        for task in Task.objects.filter(section=section, parent__isnull=False).prefetch_related(
            "units__organisation"
        )
    }
    items = [
        item
        for task in tasks
        for item in [task, *[subtask_units[s.pk] for s in task.subtasks.all()]]
    ]
    directory = UnitDirectory(
        user, organisations={u.organisation for i in items for u in i.units.all() if u.organisation}
    )
    rows = []
    for item in items:
        units = list(item.units.all())
        leads = [u for u in units if u.role == "lead"]
        supports = [u for u in units if u.role == "support"]
        rows.append(
            {
                "id": item.pk,
                "is_subtask": item.parent_id is not None,
                "content": item.content,
                "leads": services.unit_names(leads),
                "supports": services.unit_names(supports),
                "leads_items": [_unit_initial(u, u.text, directory) for u in leads],
                "supports_items": [_unit_initial(u, u.text, directory) for u in supports],
                "timeframe": item.timeframe_text,
                "deliverable": item.deliverable,
                "understood": parse_timeframe(
                    item.timeframe_text, year=section.plan.year, end_year=section.plan.end_year
                ).describe()
                if item.timeframe_text
                else "",
            }
        )
    return rows, directory


def _item_initial(section, user):
    """The rows of a section's inline list and the UnitDirectory of the units they name."""
    if section.kind == Section.Kind.TASKS:
        return _task_initial(section, user)
    if section.kind == Section.Kind.TARGETS:
        return [
            {
                "id": t.pk,
                "label": t.label,
                "indicator": t.indicator_id,
                "comparator": t.comparator,
                "value": plain_decimal(t.value),
                "value_to": plain_decimal(t.value_to),
                "per_year": t.per_year,
                "unit": t.unit,
                "denominator": plain_decimal(t.denominator),
                "text": t.text,
            }
            for t in section.targets.all()
        ], None
    if section.kind == Section.Kind.IMPLEMENTATION:
        duties = list(section.duties.select_related("organisation"))
        units = UnitDirectory(
            user, organisations={d.organisation for d in duties if d.organisation}
        )
        return [
            {"id": d.pk, "unit": d.unit_text or d.organisation.name, "is_request": d.is_request,
             "body": d.body, "unit_items": [_unit_initial(d, d.unit_text, units)]}
            for d in duties
        ], units  # fmt: skip
    return [], None


def _save_items(section, formset, units):
    rows = _ordered_rows(formset)
    if section.kind == Section.Kind.TASKS:
        # One look-up for the whole section: a section may hold 500 tasks.
        resolved = units.resolve([row[key] for row in rows for key in ("leads", "supports")])
        for row, form in zip(rows, formset.ordered_forms, strict=True):
            for key in ("leads", "supports"):
                row[key] = resolved[row[key]]
            row["timeframe"] = form.timeframe.text
        services.save_tasks(section, rows, by=units.user)
    elif section.kind == Section.Kind.TARGETS:
        services.save_targets(section, rows, by=units.user)
    elif section.kind == Section.Kind.IMPLEMENTATION:
        for row in rows:
            row["unit"] = units.resolve_one(row["unit"])
        services.save_duties(section, rows, by=units.user)


@login_required
def section_edit(request, pk, section_pk):
    """One section: its heading and text, and its items added, removed and reordered inline."""
    plan = _editable_plan(request, pk, keep_typed=True)
    if plan is None:
        return redirect("plans:detail", pk=pk)
    section = get_object_or_404(Section, pk=section_pk, plan=plan)
    # In the one-page editor (plan_edit) several sections are open at once: their fields need
    # ids of their own.
    in_place = bool(request.headers.get("HX-Request"))
    auto_id = f"id_s{section.pk}_%s" if in_place else "id_%s"
    form = SectionForm(request.POST or None, instance=section, prefix="section", auto_id=auto_id)
    formset_class = ITEM_FORMSETS.get(section.kind)
    items = None
    units = UnitDirectory(request.user)
    if formset_class:
        initial = None
        if request.method == "POST":
            units = UnitDirectory.for_post(request.user, request.POST, UNIT_FIELDS)
        else:
            initial, units = _item_initial(section, request.user)
            units = units or UnitDirectory(request.user)
        kwargs = {"year": plan.year, "end_year": plan.end_year}
        kwargs = kwargs if section.kind == Section.Kind.TASKS else {}
        if section.kind != Section.Kind.TARGETS:
            kwargs["units"] = units
        items = formset_class(
            request.POST or None, prefix="items", initial=initial, form_kwargs=kwargs,
            auto_id=auto_id,
        )  # fmt: skip
    reporting = section.kind == Section.Kind.REPORTING
    rules = regime.rule_formset(plan, request.POST or None, auto_id) if reporting else None
    version, refusal, status = _version(request, plan, section)
    posted = request.method == "POST" and bool(version)
    valid = form.is_valid() and (items is None or items.is_valid())
    if posted and rules is not None:
        valid = rules.is_valid() and valid
        rule_rows = regime.rule_rows(rules, request.user) if valid else None
        valid = valid and rule_rows is not None
    if posted and valid:
        try:
            with locks.editing_part(plan, by=request.user, version=version, section=section):
                if reporting:
                    services.save_reporting_section(
                        section, form, rule_rows, by=request.user,
                        regenerate="regenerate" in request.POST,
                    )  # fmt: skip
                else:
                    services.save_section(section, form, by=request.user)
                if items is not None:
                    _save_items(section, items, units)
        except PlanError as error:
            refusal = str(error)
        else:
            messages.success(request, f"Đã lưu phần “{section}”.")
            if "preview" in request.POST:
                if in_place:
                    return HttpResponse(headers={"HX-Redirect": plan_url(plan)})
                return redirect("plans:detail", pk=plan.pk)
            # htmx follows the redirect with its header: the section comes back in place, saved.
            return redirect("plans:section", pk=plan.pk, section_pk=section.pk)
    elif posted:
        messages.error(request, "Chưa lưu: hãy sửa các ô được đánh dấu đỏ.")
    page = {"plan": plan, "section": section, "form": form, "items": items, "version": version,
            "refusal": refusal, "in_place": in_place,
            "in_plan_editor": _in_plan_editor(request, plan)}  # fmt: skip
    if reporting:
        page.update(regime.context(plan, section, rules))
    if in_place:
        # htmx swaps only answers of status 200: a refusal shows in the section's own frame.
        return render(request, "plans/_section_form.html", page)
    return render(request, "plans/section_edit.html", page, status=status)


def plan_url(plan):
    return reverse("plans:detail", args=[plan.pk])


def _in_plan_editor(request, plan):
    """Whether the section is shown inside the plan's one-page editor (htmx names the page)."""
    page = urlsplit(request.headers.get("HX-Current-URL", "")).path
    return page == reverse("plans:edit", args=[plan.pk])
