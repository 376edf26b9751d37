# The bytes now live in the file storage (0008); the column goes. The default first lets the
# reverse re-create the NOT NULL column before 0008's reverse fills it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0008_issued_document_bytes_to_storage'),
    ]

    operations = [
        migrations.AlterField(
            model_name='issueddocument',
            name='pdf',
            field=models.BinaryField(default=b'', verbose_name='tệp PDF'),
        ),
        migrations.RemoveField(
            model_name='issueddocument',
            name='pdf',
        ),
    ]
