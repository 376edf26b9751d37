"""Writes to plans: creating a plan and its parts.

Every function that adds a part takes the text as the user typed it; timeframes are parsed
here so that the printed text and the dates it means never drift apart.
"""

from django.db import transaction
from django.db.models import Max

from orgs.models import Organisation

from .models import Plan, Recipient, Responsibility, Section, Target, Task, TaskUnit
from .timeframes import parse_timeframe


class PlanError(Exception):
    """A refused change to a plan, with a Vietnamese message for the user."""


def _next_order(queryset):
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def create_plan(*, issuer, by, year, summary, **fields):
    """A new draft plan of issuer; symbol and place default from the issuer."""
    fields.setdefault("symbol", f"KH-{issuer.symbol}" if issuer.symbol else "KH")
    fields.setdefault("place", issuer.place)
    movements = fields.pop("movements", [])
    plan = Plan.objects.create(issuer=issuer, year=year, summary=summary, created_by=by, **fields)
    plan.movements.set(movements)
    return plan


def add_section(plan, kind, *, title=None, **fields):
    """Append a section; the title defaults to the usual heading of its kind."""
    if title is None:
        title = Section.DEFAULT_TITLES[kind]
    return Section.objects.create(
        plan=plan, kind=kind, title=title, order=_next_order(plan.sections), **fields
    )


def _unit_kwargs(unit):
    """A unit is an Organisation of the tree or a collective written as text."""
    if isinstance(unit, Organisation):
        return {"organisation": unit, "text": ""}
    return {"organisation": None, "text": str(unit).strip()}


def set_task_units(task, *, leads=(), supports=()):
    """Replace the task's lead and coordinating units, keeping the order given."""
    task.units.all().delete()
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, role=role, order=order, **_unit_kwargs(unit))
        for role, units in ((TaskUnit.Role.LEAD, leads), (TaskUnit.Role.SUPPORT, supports))
        for order, unit in enumerate(units, start=1)
    )


def apply_timeframe(task, text, plan):
    """Store the printed timeframe and the dates it means on task (not saved)."""
    timeframe = parse_timeframe(text or "", year=plan.year, end_year=plan.end_year)
    task.timeframe_text = timeframe.text
    task.starts_on, task.ends_on = timeframe.starts_on, timeframe.ends_on
    task.is_yearly = timeframe.is_yearly


@transaction.atomic
def add_task(section, content, *, leads=(), supports=(), timeframe="", parent=None, **fields):
    """Append a task (or a sub-task of parent) with its units and timeframe."""
    siblings = parent.subtasks if parent else section.tasks.filter(parent=None)
    task = Task(
        section=section, parent=parent, content=content, order=_next_order(siblings), **fields
    )
    apply_timeframe(task, timeframe, section.plan)
    task.save()
    set_task_units(task, leads=leads, supports=supports)
    return task


def add_target(section, label, **fields):
    return Target.objects.create(
        section=section, label=label, order=_next_order(section.targets), **fields
    )


def add_duty(section, unit, body="", *, is_request=False):
    """Append the duties of one unit to an implementation section."""
    unit_fields = _unit_kwargs(unit)
    return Responsibility.objects.create(
        section=section,
        organisation=unit_fields["organisation"],
        unit_text=unit_fields["text"],
        is_request=is_request,
        body=body,
        order=_next_order(section.duties),
    )


def add_recipient(plan, unit, *, note="", kind=Recipient.Kind.RECIPIENT):
    """Append a line to 'Nơi nhận' (or to the electronic-copy list)."""
    return Recipient.objects.create(
        plan=plan,
        kind=kind,
        note=note,
        order=_next_order(plan.recipients.filter(kind=kind)),
        **_unit_kwargs(unit),
    )
