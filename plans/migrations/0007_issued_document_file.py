# The issued PDF moves from a database column into the file storage: first the file field
# (empty), then 0008 copies the bytes, then 0009 drops the column.

from django.db import migrations, models

import plans.models.plan


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0006_issued_header'),
    ]

    operations = [
        migrations.AddField(
            model_name='issueddocument',
            name='file',
            field=models.FileField(default='', max_length=255, upload_to=plans.models.plan.issued_pdf_name, verbose_name='tệp PDF'),
            preserve_default=False,
        ),
    ]
