# Data: write each issued PDF kept in the database (IssuedDocument.pdf) into the file storage
# and point IssuedDocument.file at it; the reverse reads the files back into the column.
# Files written stay in the storage if the migration is reversed (a kept copy, never a loss).

from django.core.files.base import ContentFile
from django.db import migrations


def bytes_to_storage(apps, schema_editor):
    IssuedDocument = apps.get_model("plans", "IssuedDocument")
    rows = IssuedDocument.objects.using(schema_editor.connection.alias).filter(file="")
    for row in rows.select_related("plan").iterator(chunk_size=50):
        # Copied as they are, even bytes that no longer match sha256: the column is dropped
        # next, and plan_file refuses (loudly) to serve a mismatch.
        data = bytes(row.pdf)
        # The name rule of plans.models.plan.issued_pdf_name as written here (a migration
        # does not follow later changes of live code).
        year = row.plan.issued_on.year if row.plan.issued_on else row.created_at.year
        name = f"issued/{year}/{row.plan_id}-{row.sha256[:16]}.pdf"
        row.file.name = row.file.storage.save(name, ContentFile(data))
        row.save(update_fields=["file"])


def storage_to_bytes(apps, schema_editor):
    IssuedDocument = apps.get_model("plans", "IssuedDocument")
    rows = IssuedDocument.objects.using(schema_editor.connection.alias).exclude(file="")
    for row in rows.iterator(chunk_size=50):
        with row.file.open("rb") as stored:
            row.pdf = stored.read()
        row.save(update_fields=["pdf"])


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0007_issued_document_file'),
    ]

    operations = [
        migrations.RunPython(bytes_to_storage, storage_to_bytes),
    ]
