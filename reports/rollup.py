"""Roll-ups: a committee's targets over its whole subtree, level by level, added up in the
database by summing numerators and denominators (never averaging percentages)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from orgs.access import scope_root_path
from orgs.models import Organisation, subtree_q
from plans.deadlines import deadline
from plans.models import Target, Task

from .models import Report, TargetActual, TaskProgress

STEP = Organisation.steplen
JUMP_POINTS = 20


@dataclass
class Figure:
    numerator: object = None
    denominator: object = None
    reports: int = 0

    @property
    def rate(self):
        if self.numerator is None or not self.denominator:
            return None
        return self.numerator * 100 / self.denominator

    @property
    def flags(self):
        """Implausible figures, in Vietnamese, for the reviewer's eye."""
        found = []
        if self.numerator is not None and self.denominator and self.numerator > self.denominator:
            found.append("Tử số lớn hơn mẫu số")
        if self.rate is not None and self.rate > 100:
            found.append("Tỷ lệ trên 100%")
        return found


@dataclass
class TargetRollup:
    target: object
    total: Figure
    rows: list = field(default_factory=list)  # [(organisation, Figure)], one per unit below

    @property
    def goal(self):
        """Where the plan's target lies on the 0–100 % scale of the bar: the value of a "%"
        target, or value over denominator of a count target ("6/6 thôn" → 100); None when the
        target says neither."""
        target = self.target
        if target.value is None:
            return None
        if target.unit == "%":
            return target.value
        if target.denominator:
            return target.value * 100 / target.denominator
        return None

    @property
    def bar(self):
        """(achieved width, goal position) in pixels of the 200-pixel bar, both within it."""

        def pixels(rate):
            return None if rate is None else round(max(0, min(float(rate), 100)) * 2)

        return pixels(self.total.rate), pixels(self.goal)


def _key(target):
    return ("indicator", target.indicator_id) if target.indicator_id else ("target", target.pk)


def _actuals(node_path, period, period_end):
    """Figures that count: submitted or accepted, the unit's own (not summed from below)."""
    return TargetActual.objects.filter(
        subtree_q(node_path, prefix="report__organisation__"),
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
        report__from_subordinates=False,
        report__period=period,
        report__period_end=period_end,
    )


def rollup(plan, node, period, period_end):
    """Each target of plan, summed over node's subtree and over each unit one level below.

    Targets with an indicator gather every report on that indicator in the subtree (a
    village reporting on its commune's plan counts for the province too); others only their
    own figures. Two queries whatever the size of the subtree, plus one for unit names.
    """
    targets = list(Target.objects.filter(section__plan=plan).select_related("indicator"))
    if not targets:
        return []
    indicators = {t.indicator_id for t in targets if t.indicator_id}
    plain = [t.pk for t in targets if not t.indicator_id]
    actuals = _actuals(node.path, period, period_end).filter(
        Q(target__indicator__in=indicators) | Q(target__in=plain)
    )
    level = len(node.path) + STEP
    grouped = actuals.annotate(unit_path=Substr("report__organisation__path", 1, level)).values(
        "unit_path", "target__indicator", "target"
    )
    sums = defaultdict(lambda: defaultdict(Figure))
    for row in grouped.annotate(
        numerator=Sum("numerator"),
        denominator=Sum("denominator"),
        reports=Count("report", distinct=True),
    ).order_by():
        key = ("indicator", row["target__indicator"]) if row["target__indicator"] else (
            "target", row["target"])  # fmt: skip
        figure = sums[key][row["unit_path"]]
        figure.numerator = _add(figure.numerator, row["numerator"])
        figure.denominator = _add(figure.denominator, row["denominator"])
        figure.reports += row["reports"]
    paths = {path for by_unit in sums.values() for path in by_unit}
    units = {o.path: o for o in Organisation.objects.filter(path__in=paths)}
    result = []
    for target in targets:
        by_unit = sums.get(_key(target), {})
        total = Figure()
        rows = []
        for path, figure in sorted(by_unit.items()):
            total.numerator = _add(total.numerator, figure.numerator)
            total.denominator = _add(total.denominator, figure.denominator)
            total.reports += figure.reports
            # The node's own report sits at its own path (shorter than the level below).
            rows.append((units.get(path, node), figure))
        result.append(TargetRollup(target, total, rows))
    return result


def _add(a, b):
    if b is None:
        return a
    return b if a is None else a + b


def jumps(plan, node, period, period_end, previous_end):
    """Units whose rate moved more than 20 points since the previous period: {(unit, target
    key): (before, after)}."""
    if previous_end is None:
        return {}
    found = {}
    figures = {}
    for end in (previous_end, period_end):
        for row in (
            _actuals(node.path, period, end)
            .values("report__organisation", "target__indicator", "target")
            .annotate(n=Sum("numerator"), d=Sum("denominator"))
            .order_by()
        ):
            if row["n"] is None or not row["d"]:
                continue
            key = (row["report__organisation"], row["target__indicator"] or row["target"])
            figures.setdefault(key, {})[end] = row["n"] * 100 / row["d"]
    for key, rates in figures.items():
        if len(rates) == 2 and abs(rates[period_end] - rates[previous_end]) > JUMP_POINTS:
            found[key] = (rates[previous_end], rates[period_end])
    return found


def report_periods(plan):
    """The periods the plan's reports cover, as (period, end, label), most recent first."""
    return list(
        Report.objects.filter(plan=plan)
        .values_list("period", "period_end", "label")
        .distinct()
        .order_by("-period_end", "period")
    )


def completeness(plan, today, *, units=None):
    """Per period: reports on time, late, missing (due date passed, not sent) and pending."""
    reports = Report.objects.filter(plan=plan)
    if units is not None:
        reports = reports.filter(organisation__in=units)
    sent = Q(status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED, Report.Status.RETURNED])
    late = sent & Q(submitted_at__date__gt=F("due_on"))
    return list(
        reports.values("period", "period_end", "label")
        .annotate(
            total=Count("pk"),
            sent=Count("pk", filter=sent),
            late=Count("pk", filter=late),
            on_time=Count("pk", filter=sent & ~late),
            missing=Count("pk", filter=~sent & Q(due_on__lt=today)),
        )
        .order_by("-period_end", "period")
    )


def overdue_tasks(plan, today):
    """Tasks of plan whose deadline has passed and that no report marks done."""
    done = set(
        TaskProgress.objects.filter(task__section__plan=plan, status="done").values_list(
            "task_id", flat=True
        )
    )
    result = []
    for task in Task.objects.filter(section__plan=plan).only(
        "content", "ends_on", "starts_on", "is_yearly"
    ):
        due = deadline(task, plan, today)
        if due and due < today and task.pk not in done:
            result.append((task, due))
    return sorted(result, key=lambda item: item[1])


def scope_node(plan):
    """The area a committee's plan covers: its issuer's scope root."""
    return Organisation.objects.get(path=scope_root_path(plan.issuer))


def previous_period_end(periods, period, period_end):
    """The end of the previous period of the same kind, if the plan has one."""
    earlier = sorted(end for kind, end, _ in periods if kind == period and end < period_end)
    return earlier[-1] if earlier else None
