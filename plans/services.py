"""Writes to plans: creating a plan and its parts.

Every function that adds a part takes the text as the user typed it; timeframes are parsed
here so that the printed text and the dates it means never drift apart.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from documents.structure import lines
from orgs.access import member_organisation_ids
from orgs.models import Organisation

from .errors import PlanError
from .history import record
from .kinds import ATTACHABLE, default_symbol, spec
from .models import (
    InboxRead,
    Plan,
    Recipient,
    Reference,
    ReportingRule,
    Responsibility,
    Section,
    Signature,
    Target,
    Task,
    TaskUnit,
)
from .references import parse_basis, plan_number_parts
from .reporting import regime_text
from .timeframes import parse_timeframe


def _next_order(queryset):
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def create_plan(*, issuer, by, year, summary, **fields):
    """A new draft plan of issuer; symbol and place default from the issuer."""
    fields.setdefault("symbol", default_symbol(fields.get("kind", Plan.Kind.PLAN), issuer.symbol))
    fields.setdefault("place", issuer.printed_place())
    movements = fields.pop("movements", [])
    plan = Plan.objects.create(issuer=issuer, year=year, summary=summary, created_by=by, **fields)
    plan.movements.set(movements)
    if plan.bases:
        sync_references(plan)
    return plan


def add_section(plan, kind, *, title=None, **fields):
    """Append a section; the title defaults to the usual heading of its kind."""
    if title is None:
        title = Section.DEFAULT_TITLES[kind]
    return Section.objects.create(
        plan=plan, kind=kind, title=title, order=_next_order(plan.sections), **fields
    )


def _unit_kwargs(unit):
    """A unit is an Organisation of the tree, a collective written as text, or an
    (Organisation, text) pair: linked to the tree but printed in the plan's own words."""
    if isinstance(unit, Organisation):
        return {"organisation": unit, "text": ""}
    if isinstance(unit, tuple):
        organisation, text = unit
        return {"organisation": organisation, "text": text.strip()}
    return {"organisation": None, "text": str(unit).strip()}


def set_task_units(task, *, leads=(), supports=()):
    """Replace the task's lead and coordinating units, keeping the order given."""
    task.units.all().delete()
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, role=role, order=order, **_unit_kwargs(unit))
        for role, units in ((TaskUnit.Role.LEAD, leads), (TaskUnit.Role.SUPPORT, supports))
        for order, unit in enumerate(units, start=1)
    )


def apply_timeframe(task, text, plan):
    """Store the printed timeframe and the dates it means on task (not saved)."""
    timeframe = parse_timeframe(text or "", year=plan.year, end_year=plan.end_year)
    task.timeframe_text = timeframe.text
    task.starts_on, task.ends_on = timeframe.starts_on, timeframe.ends_on
    task.is_yearly = timeframe.is_yearly


@transaction.atomic
def add_task(section, content, *, leads=(), supports=(), timeframe="", parent=None, **fields):
    """Append a task (or a sub-task of parent) with its units and timeframe."""
    siblings = parent.subtasks if parent else section.tasks.filter(parent=None)
    task = Task(
        section=section, parent=parent, content=content, order=_next_order(siblings), **fields
    )
    apply_timeframe(task, timeframe, section.plan)
    task.save()
    set_task_units(task, leads=leads, supports=supports)
    return task


def add_target(section, label, **fields):
    return Target.objects.create(
        section=section, label=label, order=_next_order(section.targets), **fields
    )


def add_duty(section, unit, body="", *, is_request=False):
    """Append the duties of one unit to an implementation section."""
    unit_fields = _unit_kwargs(unit)
    return Responsibility.objects.create(
        section=section,
        organisation=unit_fields["organisation"],
        unit_text=unit_fields["text"],
        is_request=is_request,
        body=body,
        order=_next_order(section.duties),
    )


def add_recipient(plan, unit, *, note="", kind=Recipient.Kind.RECIPIENT):
    """Append a line to 'Nơi nhận' (or to the electronic-copy list)."""
    return Recipient.objects.create(
        plan=plan,
        kind=kind,
        note=note,
        order=_next_order(plan.recipients.filter(kind=kind)),
        **_unit_kwargs(unit),
    )


def resolve_units(names, *, user):
    """Turn typed unit names into units: an organisation the user can see whose name or short
    name is exactly the text typed, otherwise the text itself (a collective, a free name)."""
    names = [name for name in names if name]
    if not names:
        return []
    known = {}
    matches = Organisation.objects.visible_to(user).filter(
        Q(name__in=names) | Q(short_name__in=names)
    )
    for organisation in matches.only("pk", "name", "short_name", "path"):
        for key in (organisation.name, organisation.short_name):
            known.setdefault(key, organisation)
    # A match is linked to the tree but printed as the user typed it.
    return [(known[name], name) if name in known else name for name in names]


def unit_names(units):
    """How a list of units is typed back into a form field."""
    return "; ".join(unit.label if hasattr(unit, "label") else unit.heading for unit in units)


def _sync(model, existing, rows, build):
    """Update rows whose id exists, create the others, delete what is no longer listed.

    rows are dicts in their new order; build(instance, row, order) fills an instance.
    Ids are kept so that reports and history that point at a row stay valid.
    """
    by_id = {obj.pk: obj for obj in existing}
    kept = []
    for order, row in enumerate(rows, start=1):
        instance = by_id.get(row.get("id")) or model()
        build(instance, row, order)
        instance.save()
        kept.append(instance)
    stale = set(by_id) - {obj.pk for obj in kept}
    model.objects.filter(pk__in=stale).delete()
    return kept


def _check_editable(plan):
    if not plan.is_editable:
        raise PlanError(f"Kế hoạch đang ở trạng thái “{plan.get_status_display()}”, không thể sửa.")


@transaction.atomic
def save_tasks(section, rows, *, by):
    """Replace the tasks of section by rows (in order; 'is_subtask' rows attach to the task
    above). Each row: id, content, leads, supports (lists of units), timeframe, deliverable."""
    _check_editable(section.plan)
    existing = list(Task.objects.filter(section=section))
    current_parent = None
    units_by_task = []

    def build(task, row, order):
        nonlocal current_parent
        task.section = section
        task.parent = current_parent if row.get("is_subtask") and current_parent else None
        task.order = order
        task.content = row["content"]
        task.deliverable = row.get("deliverable", "")
        apply_timeframe(task, row.get("timeframe", ""), section.plan)

    kept = []
    by_id = {task.pk: task for task in existing}
    for order, row in enumerate(rows, start=1):
        task = by_id.get(row.get("id")) or Task()
        build(task, row, order)
        task.save()
        if task.parent is None:
            current_parent = task
        kept.append(task)
        units_by_task.append((task, row.get("leads", []), row.get("supports", [])))
    Task.objects.filter(pk__in=set(by_id) - {task.pk for task in kept}).delete()
    for task, leads, supports in units_by_task:
        set_task_units(task, leads=leads, supports=supports)
    return kept


@transaction.atomic
def save_targets(section, rows, *, by):
    """Replace the targets of section by rows (dicts of Target fields, plus id)."""
    _check_editable(section.plan)
    # Text columns: blank is "". The indicator and the numbers are None when left empty.
    fields = ["label", "comparator", "unit", "text"]

    def build(target, row, order):
        target.section, target.order = section, order
        for name in fields:
            setattr(target, name, row.get(name) if row.get(name) is not None else "")
        target.value, target.denominator = row.get("value"), row.get("denominator")
        target.value_to, target.per_year = row.get("value_to"), bool(row.get("per_year"))
        target.indicator = row.get("indicator")

    return _sync(Target, section.targets.all(), rows, build)


@transaction.atomic
def save_duties(section, rows, *, by):
    """Replace the duties of section by rows: id, unit (Organisation, text or pair), is_request,
    body."""
    _check_editable(section.plan)

    def build(duty, row, order):
        unit = _unit_kwargs(row["unit"])
        duty.section, duty.order = section, order
        duty.organisation, duty.unit_text = unit["organisation"], unit["text"]
        duty.is_request, duty.body = row.get("is_request", False), row.get("body", "")

    return _sync(Responsibility, section.duties.all(), rows, build)


@transaction.atomic
def save_recipients(plan, rows, *, by):
    """Replace 'Nơi nhận' and the electronic-copy list by rows: id, kind, unit, note."""
    _check_editable(plan)
    counters = {}

    def build(recipient, row, order):
        unit = _unit_kwargs(row["unit"])
        counters[row["kind"]] = counters.get(row["kind"], 0) + 1
        recipient.plan, recipient.kind, recipient.order = plan, row["kind"], counters[row["kind"]]
        recipient.organisation, recipient.text = unit["organisation"], unit["text"]
        recipient.note = row.get("note", "")

    return _sync(Recipient, plan.recipients.all(), rows, build)


@transaction.atomic
def save_reporting_rules(plan, rows, *, by):
    """Replace the plan's reporting rules by rows: id, period, due_day, due_month, reporters,
    unit_kind, named_units (organisations), report_to (an organisation or None),
    report_to_text, targets (ids of the plan's targets; others are ignored)."""
    _check_editable(plan)
    fields = ["period", "due_day", "due_month", "reporters", "unit_kind", "report_to_text"]

    def build(rule, row, order):
        rule.plan, rule.order, rule.report_to = plan, order, row.get("report_to")
        for name in fields:
            setattr(rule, name, row.get(name) if row.get(name) is not None else "")
        rule.due_day, rule.due_month = row.get("due_day"), row.get("due_month")
        try:
            rule.clean()
        except ValidationError as error:
            raise PlanError(" ".join(error.messages)) from error

    rules = _sync(ReportingRule, plan.reporting_rules.all(), rows, build)
    own_targets = set(Target.objects.filter(section__plan=plan).values_list("pk", flat=True))
    for rule, row in zip(rules, rows, strict=True):
        rule.named_units.set(row.get("named_units") or [])
        rule.targets.set([pk for pk in row.get("targets") or [] if pk in own_targets])
    return rules


@transaction.atomic
def save_reporting_section(section, form, rules, *, by, regenerate=False):
    """Save the reporting section and the plan's rules. The printed paragraph follows the
    rules while it says what they said before (or is empty), or when asked to; a paragraph
    the user wrote otherwise is kept."""
    plan = section.plan
    before = regime_text(plan).strip()
    typed = form.cleaned_data["body"].strip()
    save_section(section, form, by=by)
    save_reporting_rules(plan, rules, by=by)
    if regenerate or typed in ("", before):
        section.body = regime_text(plan)
        section.save(update_fields=["body"])
    return section


@transaction.atomic
def update_plan(plan, form, *, by):
    """Save the header/closing/signature form of a plan (only the form's fields)."""
    _check_editable(plan)
    plan = form.save(commit=False)
    columns = [name for name in form._meta.fields if name != "movements"]
    plan.save(update_fields=[*columns, "search_text", "updated_at"])
    form.save_m2m()
    if "bases" in columns:
        sync_references(plan)
    return plan


@transaction.atomic
def save_section(section, form, *, by):
    _check_editable(section.plan)
    return form.save()


@transaction.atomic
def remove_section(section, *, by):
    _check_editable(section.plan)
    section.delete()


@transaction.atomic
def move_section(section, offset, *, by):
    """Move section up (-1) or down (+1) among the plan's sections."""
    _check_editable(section.plan)
    sections = list(section.plan.sections.all())
    index = sections.index(section)
    target = index + offset
    if 0 <= target < len(sections):
        sections[index], sections[target] = sections[target], sections[index]
        for order, item in enumerate(sections, start=1):
            if item.order != order:
                item.order = order
                item.save(update_fields=["order"])


STANDARD_SECTIONS = [
    Section.Kind.PURPOSES,
    Section.Kind.TARGETS,
    Section.Kind.TASKS,
    Section.Kind.FUNDING,
    Section.Kind.IMPLEMENTATION,
]


@transaction.atomic
def start_plan(*, issuer, by, year, summary, **fields):
    """A new draft with the usual parts of its kind (plans/kinds.py: a Kế hoạch's five
    sections, a Quyết định's Điều 1–3, a Công văn's one body), ready to be written."""
    plan = create_plan(issuer=issuer, by=by, year=year, summary=summary, **fields)
    for kind, title in spec(plan.kind).parts:
        add_section(plan, kind, title=title)
    record(plan, "created", by=by)
    return plan


@transaction.atomic
def add_attached_document(decision, *, kind, by, summary=""):
    """A draft document (Kế hoạch, Đề án, Quy chế) issued or approved with decision: same
    issuer, year and header style, linked to it, starting with the usual parts of its kind."""
    if decision.kind != Plan.Kind.DECISION:
        raise PlanError("Chỉ quyết định mới có văn bản ban hành kèm theo.")
    if kind not in ATTACHABLE:
        raise PlanError("Văn bản kèm theo quyết định là kế hoạch, đề án hoặc quy chế.")
    _check_editable(decision)
    return start_plan(
        issuer=decision.issuer,
        by=by,
        year=decision.year,
        end_year=decision.end_year,
        summary=summary or decision.summary,
        kind=kind,
        header_style=decision.header_style,
        place=decision.place,
        attached_to=decision,
    )


def mark_read(plan, user):
    """Note that user opened a published plan addressed to one of their units."""
    if plan.status not in Plan.PUBLISHED or not user.is_authenticated:
        return
    own = member_organisation_ids(user)
    if plan.issuer_id in own:
        return
    InboxRead.objects.get_or_create(user=user, plan=plan)


# Legal bases as references (issue 13 part 6). Plan.bases stays the text the editor types;
# its lines are the references, rebuilt here whenever bases is saved, so that the two never
# drift apart (docs/architecture.md, "Legal bases as references").


def cited_plan_for(basis, *, parent=None):
    """The published plan of the app basis cites: its number and symbol ('30/KH-BCĐ') and,
    when the basis is dated, its year; the parent plan when the line names its number."""
    parts = plan_number_parts(basis.number)
    if parts is None:
        return None
    number, symbol = parts
    if parent is not None and (parent.number, parent.symbol) == (number, symbol):
        return parent
    found = Plan.objects.published().filter(number=number, symbol=symbol)
    if basis.issued_on:
        found = found.filter(issued_on__year=basis.issued_on.year)
    found = list(found.order_by("pk")[:2])
    return found[0] if len(found) == 1 else None


def reference_rows(plan):
    """Reference rows (unsaved) for the lines of plan.bases, the parent plan linked."""
    parent = plan.parent_plan if plan.parent_plan_id else None
    rows = []
    for order, line in enumerate(lines(plan.bases), start=1):
        basis = parse_basis(line)
        rows.append(
            Reference(
                plan=plan,
                order=order,
                cited_plan=cited_plan_for(basis, parent=parent),
                kind=basis.kind,
                number=basis.number,
                issued_on=basis.issued_on,
                issuer_name=basis.issuer_name,
                summary=basis.summary,
                text=line,
            )
        )
    if parent is not None and not any(r.cited_plan_id for r in rows):
        # An implementing plan points at its parent: its "Thực hiện …" line.
        implementing = [r for r in rows if r.text.startswith("Thực hiện")]
        if implementing:
            implementing[0].cited_plan = parent
    return rows


@transaction.atomic
def sync_references(plan):
    """Rebuild plan's references from plan.bases (one per line, the line as printed text)."""
    plan.references.all().delete()
    Reference.objects.bulk_create(reference_rows(plan))


# --- further signature blocks (issue 13: joint documents, second signer, endorsement) ------


def add_signature(plan, role, *, organisation=None, **fields):
    """Append a signature block (Signature) to plan: a co-issuer (its organisation required,
    its symbol defaulting to the organisation's), a second signer or an endorsement."""
    if role == Signature.Role.CO_ISSUER and organisation is None:
        raise PlanError("Cơ quan cùng ban hành phải là một đơn vị có trong danh sách.")
    if role == Signature.Role.CO_ISSUER and not fields.get("symbol"):
        fields["symbol"] = organisation.symbol
    return Signature.objects.create(
        plan=plan,
        role=role,
        organisation=organisation,
        order=_next_order(plan.signatures.all()),
        **fields,
    )


def joint_symbol(plan):
    """The ký hiệu of a joint document: the kind's code, then the issuer's symbol and each
    co-issuer's in order ("CTr-BCĐ-MTTQ")."""
    base = default_symbol(plan.kind, plan.issuer.symbol)
    co_issuers = plan.signatures.filter(role=Signature.Role.CO_ISSUER).order_by("order", "pk")
    symbols = [s.symbol or (s.organisation.symbol if s.organisation else "") for s in co_issuers]
    return "-".join([base, *(symbol for symbol in symbols if symbol)])


@transaction.atomic
def save_signatures(plan, rows, *, by):
    """Replace the plan's further signature blocks by rows: id, role, organisation (an
    Organisation, or typed text), symbol, heading, authority_lines, signer_position,
    signer_name. A co-issuer must be an organisation of the tree. When co-issuers change,
    the ký hiệu is suggested anew unless it was typed differently from the last suggestion."""
    _check_editable(plan)
    before = joint_symbol(plan)
    fields = ["symbol", "heading", "authority_lines", "signer_position", "signer_name"]

    def build(signature, row, order):
        organisation = row.get("organisation")
        if not isinstance(organisation, Organisation):
            if row["role"] == Signature.Role.CO_ISSUER:
                raise PlanError(f"“{organisation}” không phải là một đơn vị trong danh sách.")
            organisation = None
        signature.plan, signature.order, signature.role = plan, order, row["role"]
        signature.organisation = organisation
        for name in fields:
            setattr(signature, name, (row.get(name) or "").strip())
        if signature.role == Signature.Role.CO_ISSUER and not signature.symbol:
            signature.symbol = organisation.symbol

    kept = _sync(Signature, plan.signatures.all(), rows, build)
    if plan.symbol in (before, default_symbol(plan.kind, plan.issuer.symbol)):
        suggested = joint_symbol(plan)
        if suggested != plan.symbol:
            Plan.objects.filter(pk=plan.pk).update(symbol=suggested)
            plan.symbol = suggested
    return kept
