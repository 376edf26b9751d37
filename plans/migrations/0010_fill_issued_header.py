"""Plans issued before Plan.issued_header existed keep their issuer's and signer's current
values, so from now on they print those whatever the organisation becomes. Data only; the
keys are those of Plan.current_header() at the time of writing (a migration never imports
live code)."""

from django.db import migrations

PUBLISHED = ("issued", "superseded", "revoked")
BATCH = 500


def fill_issued_header(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    plans = (
        Plan.objects.filter(status__in=PUBLISHED)
        .select_related("issuer", "signer")
        .order_by("pk")
    )
    batch = []
    for plan in plans.iterator(chunk_size=BATCH):
        if plan.issued_header:
            continue
        issuer, signer = plan.issuer, plan.signer
        plan.issued_header = {
            "issuer_name": issuer.name,
            "issuer_kind": issuer.kind,
            "parent_body_line": issuer.parent_body_line,
            "signer_full_name": signer.full_name if signer else "",
            "signer_body_position": signer.position if signer else "",
        }
        batch.append(plan)
        if len(batch) >= BATCH:
            Plan.objects.bulk_update(batch, ["issued_header"])
            batch = []
    Plan.objects.bulk_update(batch, ["issued_header"])


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0009_remove_issueddocument_pdf'),
    ]

    operations = [
        migrations.RunPython(fill_issued_header, migrations.RunPython.noop, elidable=True),
    ]
