"""Every existing plan's bases lines become its references (text = the line as printed, so
that every plan prints as before), each read into kind, number, date, issuer and summary;
the parent plan is linked where parent_plan is set, other published plans by number."""

from django.db import migrations

from plans.references import parse_basis, plan_number_parts

PUBLISHED = ("issued", "superseded", "revoked")


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _cited(Plan, basis, parent):
    parts = plan_number_parts(basis.number)
    if parts is None:
        return None
    if parent is not None and (parent.number, parent.symbol) == parts:
        return parent
    found = Plan.objects.filter(status__in=PUBLISHED, number=parts[0], symbol=parts[1])
    if basis.issued_on:
        found = found.filter(issued_on__year=basis.issued_on.year)
    found = list(found.order_by("pk")[:2])
    return found[0] if len(found) == 1 else None


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Reference = apps.get_model("plans", "Reference")
    rows = []
    for plan in Plan.objects.exclude(bases="").select_related("parent_plan").iterator():
        if Reference.objects.filter(plan=plan).exists():
            continue
        parent = plan.parent_plan
        found = []
        for order, line in enumerate(_lines(plan.bases), start=1):
            basis = parse_basis(line)
            found.append(
                Reference(
                    plan=plan,
                    order=order,
                    cited_plan=_cited(Plan, basis, parent),
                    kind=basis.kind,
                    number=basis.number,
                    issued_on=basis.issued_on,
                    issuer_name=basis.issuer_name,
                    summary=basis.summary,
                    text=line,
                )
            )
        if parent is not None and not any(r.cited_plan_id for r in found):
            implementing = [r for r in found if r.text.startswith("Thực hiện")]
            if implementing:
                implementing[0].cited_plan = parent
        rows.extend(found)
    Reference.objects.bulk_create(rows, batch_size=500)


def empty(apps, schema_editor):
    apps.get_model("plans", "Reference").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0019_references_and_signatures")]

    operations = [migrations.RunPython(fill, empty)]
