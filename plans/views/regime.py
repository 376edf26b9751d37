"""The reporting section of the editor: the rules of the regime as a form, and the reports the
issuance will create from them."""

from ..forms import RuleFormSet, split_units
from ..models import ReportingRule, Target
from ..reporting import expected_reports, regime_text
from ..services import resolve_units


def _initial(plan):
    rules = plan.reporting_rules.select_related("report_to").prefetch_related(
        "named_units", "targets"
    )
    return [
        {
            "id": rule.pk,
            "period": rule.period,
            "due_day": rule.due_day,
            "due_month": rule.due_month,
            "reporters": rule.reporters,
            "unit_kind": rule.unit_kind,
            "named_units": "; ".join(unit.name for unit in rule.named_units.all()),
            "report_to": rule.report_to_text or (rule.report_to.name if rule.report_to else ""),
            "targets": [target.pk for target in rule.targets.all()],
        }
        for rule in rules
    ]


def rule_formset(plan, data=None, auto_id="id_%s"):
    targets = Target.objects.filter(section__plan=plan).order_by("section__order", "order", "pk")
    return RuleFormSet(
        data,
        prefix="rules",
        initial=None if data is not None else _initial(plan),
        form_kwargs={"targets": [(t.pk, t.label) for t in targets]},
        auto_id=auto_id,
    )


def rule_rows(formset, user):
    """The rules as the service takes them, units resolved in the tree; None when a named unit
    is not found there (the error is put on its field)."""
    rows, ok = [], True
    for form in formset.ordered_forms:
        row = dict(form.cleaned_data)
        named = split_units(row["named_units"])
        if row["reporters"] != ReportingRule.Reporters.NAMED:
            named = []
        found = resolve_units(named, user=user)
        missing = [name for name in found if isinstance(name, str)]
        if missing:
            form.add_error(
                "named_units",
                f"Không tìm thấy trong cây đơn vị: {'; '.join(missing)}. "
                "Hãy chọn đơn vị trong danh sách gợi ý.",
            )
            ok = False
        row["named_units"] = [pair[0] for pair in found if isinstance(pair, tuple)]
        typed = row["report_to"].strip()
        target = resolve_units([typed], user=user)[0] if typed else None
        if isinstance(target, tuple):
            unit = target[0]
            row["report_to"] = unit
            row["report_to_text"] = "" if typed in (unit.name, unit.short_name) else typed
        else:
            row["report_to"], row["report_to_text"] = None, typed
        rows.append(row)
    return rows if ok else None


def preview(plan, rules=None):
    """What the issuance will create: per period and due date, the units that will owe a
    report, soonest first."""
    groups = {}
    for item in expected_reports(plan, rules):
        groups.setdefault((item.due, item.label), []).append(item.unit)
    return [
        {"due": due, "label": label, "units": units}
        for (due, label), units in sorted(groups.items(), key=lambda pair: pair[0])
    ]


def context(plan, section, formset):
    """What the reporting part of the section page shows besides the rules' form."""
    rules = list(
        plan.reporting_rules.select_related("report_to").prefetch_related("named_units", "targets")
    )
    generated = regime_text(plan, rules)
    items = preview(plan, rules)
    return {
        "rules": formset,
        "generated_text": generated,
        "text_differs": bool(generated) and section.body.strip() != generated.strip(),
        "expected": items,
        "expected_total": sum(len(item["units"]) for item in items),
    }
