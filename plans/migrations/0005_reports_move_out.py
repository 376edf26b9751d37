"""Reports now live in the reports app (reports/migrations/0001_initial.py took them over):
drop them from this app's state only; the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_reports'),
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='TaskProgress'),
                migrations.DeleteModel(name='TargetActual'),
                migrations.DeleteModel(name='ReportEvent'),
                migrations.DeleteModel(name='Report'),
            ],
            database_operations=[],
        ),
    ]
