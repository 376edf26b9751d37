"""What the plan editor asks while the user types (htmx and JSON): the dates a timeframe is
understood as, unit suggestions and the unit picker's search, and the rows of a pasted task
table."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from campaign.validators import YEAR_MAX, YEAR_MIN
from orgs.models import Organisation

from ..access import access_plan
from ..forms import PasteTasksForm, TaskFormSet
from ..models import Section
from ..timeframes import TimeframeError, parse_timeframe
from ..units import UnitDirectory, search_units


def _year(text):
    """A year of a URL parameter, or None unless it is a sane one."""
    if not re.fullmatch(r"[0-9]{4}", text or ""):
        return None
    return int(text) if YEAR_MIN <= int(text) <= YEAR_MAX else None


@login_required
@require_GET
def timeframe_hint(request):
    """What a typed timeframe means, for the hint under the field (htmx)."""
    # htmx sends the field under its formset name (items-3-timeframe).
    text = next((v for k, v in request.GET.items() if k.endswith("timeframe")), "")
    year, end_year = _year(request.GET.get("year")), _year(request.GET.get("end_year"))
    if year is None:
        return HttpResponseBadRequest("Năm không hợp lệ.", content_type="text/plain; charset=utf-8")
    try:
        timeframe = parse_timeframe(text, year=year, end_year=end_year)
        message, css = (timeframe.describe() if text.strip() else ""), "text-success"
    except (TimeframeError, ValueError) as error:
        message, css = str(error), "text-danger"
    return render(request, "plans/_timeframe_hint.html", {"message": message, "css": css})


@login_required
@require_GET
def unit_options(request):
    """Organisations matching the typed text, for the unit fields' suggestions (htmx)."""
    # htmx sends the field under its own name (items-3-leads); take whichever was sent.
    text = next((v for k, v in request.GET.items() if k != "year"), "")
    prefix, _, last = text.rpartition(";")
    found = []
    if len(last.strip()) >= 2:
        found = (
            Organisation.objects.visible_to(request.user)
            .active()
            .search(last)
            .only("name", "short_name", "path")[:15]
        )
    prefix = f"{prefix.strip()}; " if prefix.strip() else ""
    return render(
        request, "plans/_unit_options.html", {"options": [prefix + o.name for o in found]}
    )


@login_required
@require_GET
def unit_search(request):
    """The unit picker's options (JSON): organisations the user may see matching q, each with
    its place in the tree and whether its name is ambiguous."""
    return JsonResponse({"results": search_units(request.GET.get("q", ""), user=request.user)})


@login_required
@require_POST
def paste_tasks(request, pk, section_pk):
    """New rows of a tasks section read from a table pasted from Word or Excel (htmx): they
    join the inline list in the page and are saved only with the section."""
    plan = access_plan(request.user, pk, need="edit")
    section = get_object_or_404(Section, pk=section_pk, plan=plan, kind=Section.Kind.TASKS)
    form = PasteTasksForm(request.POST, prefix="paste")
    if not plan.is_editable:
        form.add_error(
            None, f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không thể sửa."
        )
    if not form.is_valid():
        return render(request, "plans/_pasted_rows.html", {"form": form, "forms": []})
    start = form.cleaned_data["start"]
    kwargs = {"year": plan.year, "end_year": plan.end_year, "units": UnitDirectory(request.user)}
    formset = TaskFormSet(prefix="items", form_kwargs=kwargs)
    forms = []
    for offset, row in enumerate(form.rows):
        index = start + offset
        task = formset.form(
            prefix=formset.add_prefix(index), initial=_pasted_initial(row, plan), **kwargs
        )
        formset.add_fields(task, index)
        forms.append(task)
    return render(
        request, "plans/_pasted_rows.html", {"form": form, "forms": forms, "section": section}
    )


def _pasted_initial(row, plan):
    """A pasted row as the initial values of a task row, with what its timeframe means."""
    initial = {**vars(row), "understood": "", "not_understood": ""}
    if row.timeframe:
        try:
            timeframe = parse_timeframe(row.timeframe, year=plan.year, end_year=plan.end_year)
            initial["understood"] = timeframe.describe()
        except (TimeframeError, ValueError) as error:
            initial["not_understood"] = str(error)
    return initial
