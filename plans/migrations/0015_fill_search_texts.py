"""Fill the search texts of existing plans: every printed part from each plan's latest recorded
version (the snapshot its history keeps), and the number as printed ("05/KH-BCĐ")."""

from django.db import migrations

from campaign.text import fold


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    PlanEvent = apps.get_model("plans", "PlanEvent")
    changed = []
    for plan in Plan.objects.only("pk", "summary", "symbol", "number").iterator(chunk_size=500):
        latest = PlanEvent.objects.filter(plan_id=plan.pk).order_by("-at", "-pk").first()
        if latest is not None:
            plan.body_text = fold(" ".join(str(v) for v in (latest.snapshot or {}).values()))
        number = f"{plan.number} {plan.number:02d}/{plan.symbol}" if plan.number else ""
        plan.search_text = fold(f"Kế hoạch {plan.summary} {plan.symbol} {number}")
        changed.append(plan)
        if len(changed) >= 500:
            Plan.objects.bulk_update(changed, ["body_text", "search_text"])
            changed = []
    Plan.objects.bulk_update(changed, ["body_text", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0014_plan_body_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
