"""Every unit that already owes a report on a plan may read that plan (plans.PlanReader),
as create_expected_reports now records for new plans."""

from django.db import migrations


def fill_readers(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    PlanReader = apps.get_model("plans", "PlanReader")
    pairs = Report.objects.values_list("plan_id", "organisation_id").distinct().order_by()
    PlanReader.objects.bulk_create(
        [PlanReader(plan_id=plan, organisation_id=unit) for plan, unit in pairs.iterator()],
        ignore_conflicts=True,
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_names_of_this_app"), ("plans", "0013_plan_readers")]

    operations = [migrations.RunPython(fill_readers, migrations.RunPython.noop)]
