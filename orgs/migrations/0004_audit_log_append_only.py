"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the audit log, whatever the client.

SQLite keeps the model-level refusal only: Django's test flush empties tables with DELETE there.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION orgs_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'orgs_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER orgs_auditentry_append_only
    BEFORE UPDATE OR DELETE ON orgs_auditentry
    FOR EACH ROW EXECUTE FUNCTION orgs_auditentry_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS orgs_auditentry_append_only ON orgs_auditentry;
DROP FUNCTION IF EXISTS orgs_auditentry_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_audit_log")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
