"""Tasks addressed to a unit, with the deadline their timeframe means this year."""

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Plan, TaskUnit

DUE_SOON_DAYS = 14


@dataclass
class UnitTask:
    task: object
    plan: object
    role: str  # "lead" or "support"
    deadline: date | None
    state: str  # overdue, due_soon, upcoming, past, undated

    @property
    def is_flagged(self):
        return self.state in ("overdue", "due_soon")


def _with_year(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def deadline(task, plan, today):
    """The task's deadline as it applies today: a yearly task's occurrence this year, kept
    within the plan's period."""
    if task.ends_on is None:
        return None
    if not task.is_yearly:
        return task.ends_on
    # The dates stored are the first year's; shift them to this year's occurrence. A yearly
    # range may end in the next year (from 15/12 to 15/02): the shift keeps that.
    first_year = (task.starts_on or task.ends_on).year
    year = min(max(today.year, plan.year), plan.last_year)
    return _with_year(task.ends_on, task.ends_on.year + year - first_year)


def state(due, plan, today):
    if due is None:
        return "undated"
    in_force = plan.year <= today.year <= plan.last_year
    if due < today:
        return "overdue" if in_force else "past"
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "upcoming"


def unit_tasks(organisation_ids, today):
    """Tasks of issued plans that the given units lead or support, soonest deadline first."""
    units = (
        TaskUnit.objects.filter(
            organisation_id__in=organisation_ids, task__section__plan__status=Plan.Status.ISSUED
        )
        .select_related("task__section__plan__issuer", "task__parent")
        .order_by("task__section__plan__year", "task_id")
    )
    seen, result = set(), []
    for unit in units:
        if (unit.task_id, unit.role) in seen:
            continue
        seen.add((unit.task_id, unit.role))
        plan = unit.task.section.plan
        due = deadline(unit.task, plan, today)
        result.append(UnitTask(unit.task, plan, unit.role, due, state(due, plan, today)))
    order = {"overdue": 0, "due_soon": 1, "upcoming": 2, "undated": 3, "past": 4}
    result.sort(key=lambda item: (order[item.state], item.deadline or date.max))
    return result
