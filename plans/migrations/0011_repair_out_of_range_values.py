"""Before the range constraints of 0012: rows that forms used to accept but the constraints
refuse (a year 20226, an issue date 31/12/9999, an 11-digit number, a symbol with a line
break, a task dated in year 9999) are brought into range, and each repair is printed for the
operator. Data only; the limits are written out here (a migration never imports live code).

- a symbol's line breaks become spaces;
- a year out of 1945–2100 becomes the year the plan was created; an end year out of range
  (or before the year) is cleared;
- an issue date out of range becomes the date of the plan's "issued" event, else its
  creation date; a number out of 1–99,999 is cleared (the clerk gives it again);
- a task date out of range is cleared (its typed timeframe stays).
"""

import re
from datetime import date

from django.db import migrations
from django.db.models import Q

YEAR_MIN, YEAR_MAX = 1945, 2100
FIRST_DAY, LAST_DAY = date(YEAR_MIN, 1, 1), date(YEAR_MAX, 12, 31)
NUMBER_MAX = 99_999


def _say(message):
    print(f"\n  plans 0011: {message}", end="")


def repair(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    PlanEvent = apps.get_model("plans", "PlanEvent")
    Task = apps.get_model("plans", "Task")

    wrong = (
        Q(symbol__contains="\n")
        | Q(symbol__contains="\r")
        | Q(year__lt=YEAR_MIN)
        | Q(year__gt=YEAR_MAX)
        | Q(end_year__gt=YEAR_MAX)
        | Q(issued_on__lt=FIRST_DAY)
        | Q(issued_on__gt=LAST_DAY)
        | Q(number__lt=1)
        | Q(number__gt=NUMBER_MAX)
    )
    for plan in Plan.objects.filter(wrong).order_by("pk"):
        before = (plan.symbol, plan.year, plan.end_year, plan.issued_on, plan.number)
        plan.symbol = re.sub(r"[\r\n]+", " ", plan.symbol).strip()
        if not YEAR_MIN <= plan.year <= YEAR_MAX:
            plan.year = min(max(plan.created_at.year, YEAR_MIN), YEAR_MAX)
        if plan.end_year is not None and not plan.year <= plan.end_year <= YEAR_MAX:
            plan.end_year = None
        if plan.issued_on is not None and not FIRST_DAY <= plan.issued_on <= LAST_DAY:
            issued = PlanEvent.objects.filter(plan=plan, action="issued").order_by("at").first()
            plan.issued_on = (issued.at if issued else plan.created_at).date()
        if plan.number is not None and not 1 <= plan.number <= NUMBER_MAX:
            plan.number = None
        plan.save(update_fields=["symbol", "year", "end_year", "issued_on", "number"])
        after = (plan.symbol, plan.year, plan.end_year, plan.issued_on, plan.number)
        _say(f"plan {plan.pk}: (symbol, year, end year, issued on, number) {before} → {after}")

    tasks = Task.objects.filter(
        Q(starts_on__lt=FIRST_DAY)
        | Q(starts_on__gt=LAST_DAY)
        | Q(ends_on__lt=FIRST_DAY)
        | Q(ends_on__gt=LAST_DAY)
    )
    for task in tasks.order_by("pk"):
        _say(f"task {task.pk}: dates {task.starts_on} – {task.ends_on} cleared")
        task.starts_on = task.ends_on = None
        task.save(update_fields=["starts_on", "ends_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0010_fill_issued_header"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
    ]
