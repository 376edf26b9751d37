# The bytes now live in the file storage (0008); the column goes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0008_issued_document_bytes_to_storage'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='issueddocument',
            name='pdf',
        ),
    ]
