"""The report tables take this app's names; rows, ids and foreign keys are kept. The content
types follow, so admin history and permissions stay attached."""

from django.db import migrations

MODELS = ["report", "reportevent", "targetactual", "taskprogress"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not ContentType.objects.using(db).filter(app_label="reports", model=model).exists():
            ContentType.objects.using(db).filter(app_label="plans", model=model).update(
                app_label="reports"
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="reports", model__in=MODELS).update(
        app_label="plans"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('plans', '0005_reports_move_out'),
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='report', table=None),
        migrations.AlterModelTable(name='reportevent', table=None),
        migrations.AlterModelTable(name='targetactual', table=None),
        migrations.AlterModelTable(name='taskprogress', table=None),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
