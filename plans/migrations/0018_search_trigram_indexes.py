"""Trigram indexes for plan search on PostgreSQL (Plan.objects.search filters the folded
search_text and body_text with LIKE '%word%', which a pg_trgm GIN index serves; figures in
docs/benchmarks.md, "Plan search"). SQLite has no such index and searches by scanning, which is
quick at its sizes.

pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. Where the
database user may not, the migration says so and goes on without the indexes: search still
works, only slower on large data sets.
"""

from django.db import migrations, transaction
from django.db.utils import DatabaseError

INDEXES = {
    "plans_plan_search_text_trgm": "search_text",
    "plans_plan_body_text_trgm": "body_text",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        print(f"\n  pg_trgm unavailable ({error}): plan search runs without trigram indexes.")
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON plans_plan USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("plans", "0017_document_kinds")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
