"""Before the constraints of 0009: a symbol or code with a line break is put on one line, and
an effective date outside 1945–2100 (typed before the forms checked it) is cleared."""

import datetime

from django.db import migrations
from django.db.models import Q

LOW, HIGH = datetime.date(1945, 1, 1), datetime.date(2100, 12, 31)


def repair(apps, schema_editor):
    Organisation = apps.get_model("orgs", "Organisation")
    broken = Q(symbol__contains="\n") | Q(symbol__contains="\r") | Q(code__contains="\n")
    broken |= Q(code__contains="\r")
    for field in ("active_from", "active_to"):
        broken |= Q(**{f"{field}__lt": LOW}) | Q(**{f"{field}__gt": HIGH})
    for org in Organisation.objects.filter(broken):
        org.symbol = " ".join(org.symbol.split())
        org.code = " ".join(org.code.split())
        for field in ("active_from", "active_to"):
            value = getattr(org, field)
            if value is not None and not LOW <= value <= HIGH:
                setattr(org, field, None)
        org.save(update_fields=["symbol", "code", "active_from", "active_to"])


class Migration(migrations.Migration):
    dependencies = [("orgs", "0007_two_factor_audit_actions")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
