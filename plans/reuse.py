"""Starting a plan from another one: last year's plan as this year's draft, or a unit's own
implementing plan pre-filled from the issued plan of the level above (DESIGN.md §3).

Both read the source plan with its parts prefetched and write the copies with one insert per
kind of row, so the number of queries does not grow with the number of tasks.
"""

import re
from datetime import date

from django.db import transaction
from django.db.models import Prefetch

from documents.structure import lines
from orgs.models import Organisation

from .errors import PlanError
from .history import record
from .models import (
    Plan,
    PlanEvent,
    Recipient,
    ReportingRule,
    Responsibility,
    Section,
    Signature,
    Target,
    TargetAllocation,
    Task,
    TaskUnit,
)
from .services import add_recipient, add_section, apply_timeframe, create_plan
from .timeframes import TimeframeError

# What a copy takes over verbatim. Every other column of Plan is reset (status, number,
# issued_on), derived (year, end_year, summary) or bookkeeping; a test lists those and checks
# that together they cover the model, so a new field forces a decision here.
COPIED_PLAN_FIELDS = (
    "issuer",
    "kind",
    "header_style",
    "date_by_hand",
    "addressees",
    "symbol",
    "place",
    "planned_month",
    "parent_plan",
    "bases",
    "opening",
    "closing",
    "task_layout",
    "numbering",
    "archive_line",
    "authority_lines",
    "signer_position",
    "signer_second_position",
    "signer",
    "signer_name",
)

# A year written as a whole number. One followed by "/" belongs to a document number
# ("Nghị định số 86/2023/NĐ-CP") and is never moved.
_YEAR = re.compile(r"(?<!\w)(\d{4})(?![\w/])")


@transaction.atomic
def copy_plan_to_year(plan, *, year, by, comment=""):
    """A new draft of plan's issuer for year: every part copied in order, years moved on in
    every text but the bases (the documents cited keep their dates), its history started.

    The copy carries year_changes, [(part, old text, new text)], and to_check, [(part, text)]:
    texts with a year the copy could not decide on (a cited document, a year far from the
    plan's period), for the writer to look at."""
    source = _plan_with_parts(plan.pk)
    shift = year - source.year
    end_year = source.end_year + shift if source.end_year else None
    summary_years = {source.year: year}
    if source.end_year:
        summary_years[source.end_year] = end_year
    # Years around the plan's period move with it: "Từ 01/12/2023 đến 31/01/2024" stays a range.
    text_years = {y: y + shift for y in range(source.year - 1, source.last_year + 2)}
    mover = _YearMover(text_years if shift else {})
    copied = {
        field.attname: getattr(source, field.attname)
        for field in (Plan._meta.get_field(name) for name in COPIED_PLAN_FIELDS)
        if field.name != "issuer"
    }
    copied["opening"] = mover.move("Đoạn mở đầu", copied["opening"])
    copied["closing"] = mover.move("Đoạn kết", copied["closing"])
    if shift:
        mover.check("Căn cứ", copied["bases"], everything=True)
    new = create_plan(
        issuer=source.issuer,
        by=by,
        year=year,
        end_year=end_year,
        summary=_move_years(source.summary, summary_years),
        movements=list(source.movements.all()),
        **copied,
    )

    sources = list(source.sections.all())
    sections = dict(
        zip(
            (s.pk for s in sources),
            Section.objects.bulk_create(
                _clone(s, plan_id=new.pk, **mover.fields(s, f"Phần “{s.title}”", SECTION_TEXTS))
                for s in sources
            ),
            strict=True,
        )
    )
    targets = [t for s in sources for t in s.targets.all()]
    target_copies = Target.objects.bulk_create(
        _clone(t, section_id=sections[t.section_id].pk,
               **mover.fields(t, f"Chỉ tiêu “{t.label[:60]}”", TARGET_TEXTS))
        for t in targets
    )  # fmt: skip
    TargetAllocation.objects.bulk_create(
        _clone(a, target_id=copy.pk)
        for t, copy in zip(targets, target_copies, strict=True)
        for a in t.allocations.all()
    )
    _copy_tasks(
        [t for s in sources for t in s.tasks.all()],
        plan=new,
        section_ids={pk: s.pk for pk, s in sections.items()},
        shift=shift,
        years=text_years,
        mover=mover,
    )
    Responsibility.objects.bulk_create(
        _clone(d, section_id=sections[d.section_id].pk,
               **mover.fields(d, "Trách nhiệm thực hiện", ("body",)))
        for s in sources
        for d in s.duties.all()
    )  # fmt: skip

    rules = list(source.reporting_rules.all())
    rule_copies = ReportingRule.objects.bulk_create(_clone(r, plan_id=new.pk) for r in rules)
    NamedUnit = ReportingRule.named_units.through
    NamedUnit.objects.bulk_create(
        NamedUnit(reportingrule_id=copy.pk, organisation_id=unit.pk)
        for rule, copy in zip(rules, rule_copies, strict=True)
        for unit in rule.named_units.all()
    )
    target_ids = {t.pk: copy.pk for t, copy in zip(targets, target_copies, strict=True)}
    RuleTarget = ReportingRule.targets.through
    RuleTarget.objects.bulk_create(
        RuleTarget(reportingrule_id=copy.pk, target_id=target_ids[target.pk])
        for rule, copy in zip(rules, rule_copies, strict=True)
        for target in rule.targets.all()
    )
    Recipient.objects.bulk_create(_clone(r, plan_id=new.pk) for r in source.recipients.all())
    Signature.objects.bulk_create(_clone(s, plan_id=new.pk) for s in source.signatures.all())
    record(new, PlanEvent.Action.CREATED, by=by,
           comment=comment or f"Sao chép từ {source} sang năm {year}")  # fmt: skip
    new.year_changes, new.to_check = mover.changes, mover.to_check
    # A quyết định is copied with the documents issued with it (one issuance, one copy).
    for attached in Plan.objects.filter(attached_to=source).order_by("pk"):
        twin = copy_plan_to_year(attached, year=year, by=by, comment=comment)
        Plan.objects.filter(pk=twin.pk).update(attached_to=new)
        new.year_changes += twin.year_changes
        new.to_check += twin.to_check
    return new


SECTION_TEXTS = ("title", "body", "closing_text")
TARGET_TEXTS = ("label", "text")
TASK_TEXTS = ("content", "deliverable")


class _YearMover:
    """Moves the years of copied texts (old → new), noting each change, and the texts holding
    a year it leaves alone, for the writer to check."""

    def __init__(self, years):
        self.years, self.changes, self.to_check = years, [], []

    def move(self, part, text):
        moved = _move_years(text, self.years) if self.years else text
        if moved != text:
            self.changes.append((part, text, moved))
        self.check(part, moved)
        return moved

    def check(self, part, text, *, everything=False):
        """Note text if it still names a year the copy did not move (every year: everything)."""
        if not self.years or not text:
            return
        moved = set(self.years.values())
        found = [int(m[1]) for m in _YEAR.finditer(text)]
        if any(1945 <= y <= 2100 and (everything or y not in moved) for y in found):
            self.to_check.append((part, text))

    def fields(self, row, part, names):
        """{field: moved text} for the text fields of a row being copied."""
        return {name: self.move(part, getattr(row, name)) for name in names}


@transaction.atomic
def start_implementing_plan(parent, *, issuer, by, year=None):
    """A draft of issuer implementing the issued plan parent: basis line, opening, inherited
    targets (with issuer's allocation) and the parent's tasks that name issuer, pre-filled."""
    source = _plan_with_parts(parent.pk)
    if source.status not in Plan.PUBLISHED:
        raise PlanError("Chỉ có thể triển khai từ kế hoạch đã ban hành.")
    # Without a year the new plan covers the parent's period; with one, that single year.
    new = create_plan(
        issuer=issuer,
        by=by,
        year=source.year if year is None else year,
        end_year=source.end_year if year is None else None,
        summary=source.summary,
        parent_plan=source,
        movements=list(source.movements.all()),
        bases=basis_line(source),
        opening=f"{issuer.name} xây dựng kế hoạch triển khai thực hiện như sau:",
    )
    lineage = [*Organisation.objects.get_ancestors(issuer), issuer]  # root first
    # A committee or body sitting directly under an area is addressed through that area too.
    parent_area = lineage[-2] if len(lineage) > 1 and not issuer.is_area else None
    if parent_area and not parent_area.is_area:
        parent_area = None

    add_section(new, Section.Kind.PURPOSES)
    targets = [t for s in source.sections.all() for t in s.targets.all()]
    if targets:
        section = add_section(new, Section.Kind.TARGETS)
        Target.objects.bulk_create(
            _inherited_target(target, lineage, section_id=section.pk, order=order)
            for order, target in enumerate(targets, start=1)
        )
    section = add_section(new, Section.Kind.TASKS)
    children = _children(source)
    families = [[task, *_descendants(task, children)] for task in children[None]]
    chosen = [family for family in families if _names_issuer(family, issuer, parent_area)]
    tasks = [t for family in chosen for t in family]
    _copy_tasks(
        tasks,
        plan=new,
        section_ids=dict.fromkeys({t.section_id for t in tasks}, section.pk),
        orders={family[0].pk: order for order, family in enumerate(chosen, start=1)},
    )
    add_section(new, Section.Kind.IMPLEMENTATION)
    add_recipient(new, source.issuer, note="(b/c)")
    record(new, PlanEvent.Action.CREATED, by=by, comment=f"Triển khai {source}")
    return new


def basis_line(plan):
    """'Thực hiện Kế hoạch số 05/KH-BCĐ ngày 05/02/2024 của Ban Chỉ đạo tỉnh A về …'."""
    number = f" số {plan.number:02d}/{plan.symbol}" if plan.number else ""
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    summary = " ".join(lines(plan.summary)).rstrip(" .")
    return f"Thực hiện Kế hoạch{number}{issued} của {plan.issuer_name} về {_lower_first(summary)}."


def _lower_first(text):
    """'Triển khai …' → 'triển khai …'; an abbreviation ('UBND tỉnh …') keeps its capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _plan_with_parts(pk):
    """The plan and every part a copy needs, in a fixed number of queries."""
    units = Prefetch("units", TaskUnit.objects.select_related("organisation"))
    sections = Prefetch(
        "sections",
        Section.objects.prefetch_related(
            Prefetch("targets", Target.objects.prefetch_related("allocations")),
            Prefetch("tasks", Task.objects.prefetch_related(units)),
            "duties",
        ),
    )
    rules = Prefetch(
        "reporting_rules",
        ReportingRule.objects.order_by("order", "pk").prefetch_related("named_units", "targets"),
    )
    return (
        Plan.objects.select_related("issuer")
        .prefetch_related("movements", sections, rules, "recipients", "signatures")
        .get(pk=pk)
    )


def _clone(row, **changes):
    """An unsaved copy of row: every column but the key, then changes (by attname)."""
    values = {
        field.attname: getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key
    }
    return type(row)(**{**values, **changes})


def _copy_tasks(tasks, *, plan, section_ids, orders=None, shift=0, years=None, mover=None):
    """Copy tasks into plan, parents before their sub-tasks (one insert per depth), with their
    units. section_ids maps source sections to new ones; orders overrides some positions."""
    orders = orders or {}
    copies = {}
    pks = {t.pk for t in tasks}
    level = [t for t in tasks if t.parent_id not in pks]
    while level:
        batch = []
        for task in level:
            copy = _clone(
                task,
                section_id=section_ids[task.section_id],
                parent_id=copies[task.parent_id].pk if task.parent_id in copies else None,
                order=orders.get(task.pk, task.order),
                **(mover.fields(task, f"Nhiệm vụ “{task.content[:60]}”", TASK_TEXTS)
                   if mover else {}),
            )  # fmt: skip
            _copy_timeframe(copy, task, plan, shift=shift, years=years)
            batch.append(copy)
        copies.update(zip((t.pk for t in level), Task.objects.bulk_create(batch), strict=True))
        level = [t for t in tasks if t.parent_id in copies and t.pk not in copies]
    TaskUnit.objects.bulk_create(
        _clone(unit, task_id=copies[task.pk].pk)
        for task in tasks
        if task.pk in copies
        for unit in task.units.all()
    )


def _copy_timeframe(copy, task, plan, *, shift, years):
    """The timeframe of task for plan: its text with the years moved, the dates read again
    from that text; where the text names no date (or no longer a possible one, 29/02), the
    old dates moved by shift years."""
    text = _move_years(task.timeframe_text, years) if years else task.timeframe_text
    copy.timeframe_text = text
    copy.starts_on = _shift_date(task.starts_on, shift)
    copy.ends_on = _shift_date(task.ends_on, shift)
    copy.is_yearly = task.is_yearly
    shifted = copy.starts_on, copy.ends_on, copy.is_yearly
    try:
        apply_timeframe(copy, text, plan)
    except TimeframeError:
        return  # apply_timeframe changed nothing; the user sees the text in the draft
    if copy.ends_on is None:
        copy.starts_on, copy.ends_on, copy.is_yearly = shifted


def _move_years(text, years):
    """Replace each year that years maps (old → new) where it is written as a whole number."""
    return _YEAR.sub(lambda m: str(years.get(int(m[1]), m[1])), text)


def _shift_date(day, years):
    if day is None or not years:
        return day
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return date(day.year + years, 2, 28)


def _children(plan):
    """The prefetched tasks of plan by parent id (None: top-level tasks), in printed order."""
    children = {None: []}
    for section in plan.sections.all():
        for task in section.tasks.all():
            children.setdefault(task.parent_id, []).append(task)
    return children


def _descendants(task, children):
    """The sub-tasks of task at any depth, each followed by its own."""
    return [
        d for child in children.get(task.pk, []) for d in (child, *_descendants(child, children))
    ]


def _names_issuer(tasks, issuer, parent_area):
    """Whether one of tasks names, as lead or coordinating unit, issuer, an organisation
    under it, or parent_area (the area a committee or body sits directly under)."""
    for task in tasks:
        for unit in task.units.all():
            org = unit.organisation
            if org is None:
                continue
            if org.path.startswith(issuer.path) or (parent_area and org.pk == parent_area.pk):
                return True
    return False


def _inherited_target(target, lineage, **changes):
    """A copy of the parent's target; the value allocated to the issuer or, failing that, to
    its nearest ancestor replaces the parent's value."""
    copy = _clone(target, **changes)
    allocated = {a.organisation_id: a.value for a in target.allocations.all()}
    for org in reversed(lineage):
        if org.pk in allocated:
            copy.value = allocated[org.pk]
            # The parent's sentence and total describe the parent's figure, not this share.
            copy.text = ""
            copy.denominator = copy.value_to = None  # a share is one figure
            break
    return copy
