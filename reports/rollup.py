"""Roll-ups: a committee's targets over its whole subtree, level by level, added up in the
database by summing numerators and denominators (never averaging percentages)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Sum, When
from django.db.models.functions import Substr

from campaign.models import Indicator
from orgs.access import scope_root_path
from orgs.models import Organisation, subtree_q
from orgs.succession import carried_path, taken_over_paths, taken_over_q
from plans.deadlines import deadline
from plans.models import ReportingRule, Target, Task
from plans.printing import target_amount

from .charts import line_chart
from .models import Report, TargetActual, TaskProgress
from .plausibility import jump_warnings

STEP = Organisation.steplen
ROMAN = ["I", "II", "III", "IV"]
MISSING_SHOWN = 200  # units listed as still owing a report; the counts above cover them all


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
    series: object = None  # TargetSeries over the periods, set by the dashboard

    @property
    def goal(self):
        """Where the plan's target lies on the 0–100 % scale of the bar: the value of a "%"
        target, or value over denominator of a count target ("6/6 thôn" → 100), the lower
        end of a range; None when the target says neither or is a change (change_note)."""
        return None if is_change(self.target) else goal_rate(self.target)

    @property
    def goal_to(self):
        """The upper end of a range target ("từ 80 đến 90%") on the same scale, or None."""
        return None if is_change(self.target) else goal_rate(self.target, upper=True)

    @property
    def planned(self):
        """The plan's amount as printed: '86% trở lên', 'giảm 1–1,5%/năm'."""
        return target_amount(self.target)

    @property
    def note(self):
        """Why a change target has no bar, or ''."""
        return change_note(self.target)

    @property
    def bar(self):
        """(achieved width, goal position) in pixels of the 200-pixel bar, both within it;
        None for a change target, whose reports add up to no figure the target measures."""
        if self.note:
            return None
        return _pixels(self.total.rate), _pixels(self.goal)

    @property
    def band(self):
        """(x, width) in pixels of a range target's band on the bar, or None."""
        if self.note or self.goal is None or self.goal_to is None:
            return None
        start = _pixels(self.goal)
        return start, _pixels(self.goal_to) - start


def _pixels(rate):
    return None if rate is None else round(max(0, min(float(rate), 100)) * 2)


def goal_rate(target, *, upper=False):
    """The plan's target as a percentage (TargetRollup.goal), or None; upper: the upper end
    of a range target (Target.value_to)."""
    value = target.value_to if upper else target.value
    if value is None or (upper and target.comparator != Target.Comparator.RANGE):
        return None
    if target.unit == "%":
        return value
    if target.denominator:
        return value * 100 / target.denominator
    return None


def is_change(target):
    """A target that is a change rather than a level: a yearly rate ("tăng trên 3%/năm"), a
    decrease ("giảm 2%") or an increase in percent ("tăng thêm 5%"). Its units' figures add
    up as any others, but their sum is no figure the target can be compared with."""
    return (
        target.per_year
        or target.comparator == Target.Comparator.DECREASE_BY
        or (target.comparator == Target.Comparator.INCREASE_BY and target.unit == "%")
    )


def change_note(target):
    """What the roll-up says instead of a bar for a change target; '' for any other."""
    if target.per_year:
        return "Chỉ tiêu là tỷ lệ tăng/giảm hằng năm: không cộng dồn."
    if is_change(target):
        return "Chỉ tiêu là mức tăng/giảm: không cộng dồn."
    return ""


def _key(target):
    return ("indicator", target.indicator_id) if target.indicator_id else ("target", target.pk)


def _actuals(node_path, period, period_end, *, where=None):
    """Figures that count: submitted or accepted, the unit's own (not summed from below);
    where replaces the condition on node_path's subtree."""
    return TargetActual.objects.filter(
        subtree_q(node_path, prefix="report__organisation__") if where is None else where,
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
        report__from_subordinates=False,
        report__period=period,
        report__period_end=period_end,
    )


def rollup(plan, node, period, period_end):
    """Each target of plan, summed over node's subtree and over each unit one level below.

    Targets with an indicator gather every report on that indicator in the subtree (a
    village reporting on its commune's plan counts for the province too); others only their
    own figures. Units closed and taken over (a commune merged in 2025) count at the place
    of the unit that took them over (orgs.succession). Three queries whatever the size of the
    subtree, plus one for unit names and, when units were taken over, one a link and one.
    """
    targets = list(Target.objects.filter(section__plan=plan).select_related("indicator"))
    if not targets:
        return []
    indicators = {t.indicator_id for t in targets if t.indicator_id}
    plain = [t.pk for t in targets if not t.indicator_id]
    of_targets = Q(target__indicator__in=indicators) | Q(target__in=plain)
    taken_over = taken_over_paths(node.path)
    in_taken_over = taken_over_q(taken_over, prefix="report__organisation__")
    actuals = _actuals(node.path, period, period_end).filter(of_targets)
    if taken_over:
        actuals = actuals.exclude(in_taken_over)
    level = len(node.path) + STEP
    grouped = actuals.annotate(unit_path=Substr("report__organisation__path", 1, level)).values(
        "unit_path", "target__indicator", "target"
    )
    sums = defaultdict(lambda: defaultdict(Figure))
    figures = {"numerator": Sum("numerator"), "denominator": Sum("denominator"),
               "reports": Count("report", distinct=True)}  # fmt: skip
    found = list(grouped.annotate(**figures).order_by())
    if taken_over:
        carried = _actuals(node.path, period, period_end, where=in_taken_over).filter(of_targets)
        carried = carried.values("report__organisation__path", "target__indicator", "target")
        for row in carried.annotate(**figures).order_by():
            path = carried_path(row.pop("report__organisation__path"), taken_over)
            found.append({**row, "unit_path": path[:level]})
    for row in found:
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


@dataclass
class Jump:
    """A unit whose figures for a target jump from its previous period (reports.plausibility)."""

    unit_id: int
    unit_name: str
    target: object
    warnings: list


def jumps(plan, node, period, period_end, previous, *, targets=None):
    """The units of node's subtree whose figures for a target of plan jump since the previous
    period, by the rule of the report form (plausibility.jump_warnings); previous is
    (end, label) of that period or None; targets, the plan's (loaded if not given, with their
    indicators). One query for the figures."""
    if previous is None:
        return []
    previous_end, previous_label = previous
    targets = _targets(plan) if targets is None else targets
    by_key = {_key(t): t for t in targets}
    figures = defaultdict(dict)
    for row in (
        _period_actuals(node.path, period, targets)
        .filter(report__period_end__in=[previous_end, period_end])
        .values(
            "report__period_end", "report__organisation", "report__organisation__name",
            "target__indicator", "target",
        )
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
        .order_by("report__organisation__path", "target__order", "target")
    ):  # fmt: skip
        key = ("indicator", row["target__indicator"]) if row["target__indicator"] else (
            "target", row["target"])  # fmt: skip
        unit = (row["report__organisation"], row["report__organisation__name"], key)
        figures[unit][row["report__period_end"]] = (row["n"], row["d"])
    found = []
    for (unit_id, name, key), by_end in figures.items():
        target = by_key.get(key)
        if target is None or len(by_end) < 2:
            continue
        warnings = jump_warnings(
            by_end[previous_end], by_end[period_end],
            cumulative=not is_ratio(target), label=previous_label,
        )  # fmt: skip
        if warnings:
            found.append(Jump(unit_id, name, target, [text for _field, text in warnings]))
    return found


def is_ratio(target):
    """A rate (numerator over denominator) rather than a count: a "%" target, or one on a
    ratio indicator (needs target.indicator loaded)."""
    if target.unit == "%":
        return True
    return bool(target.indicator_id) and target.indicator.kind == Indicator.Kind.RATIO


def _targets(plan):
    return list(
        Target.objects.filter(section__plan=plan)
        .select_related("indicator")
        .order_by("section__order", "order", "pk")
    )


def _period_actuals(node_path, period, targets):
    """Figures that count for targets over every period of one kind (see _actuals)."""
    indicators = {t.indicator_id for t in targets if t.indicator_id}
    plain = [t.pk for t in targets if not t.indicator_id]
    return TargetActual.objects.filter(
        subtree_q(node_path, prefix="report__organisation__"),
        Q(target__indicator__in=indicators) | Q(target__in=plain),
        report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED],
        report__from_subordinates=False,
        report__period=period,
    )


@dataclass
class Point:
    """One period of a series: value is the rate (ratio targets) or the count, None for a
    period without any counted report (a gap, not a zero)."""

    label: str
    short: str
    figure: Figure | None
    value: object = None


@dataclass
class TargetSeries:
    target: object
    is_ratio: bool
    goal: object  # on the chart's scale: a percentage for ratios, the count for counts
    points: list
    goal_to: object = None  # the upper end of a range target, on the same scale

    @property
    def note(self):
        """Why a change target has no goal line (change_note), or ''."""
        return change_note(self.target)

    @property
    def chart(self):
        return line_chart([p.value for p in self.points], self.goal,
                          labels=[p.short for p in self.points],
                          percent=self.is_ratio, goal_to=self.goal_to)  # fmt: skip


def series(plan, node, period, periods, *, targets=None):
    """Per target of plan, its roll-up over node's subtree for every period of the kind
    period among periods ((kind, end, label), as report_periods gives), oldest first: the
    rate of summed numerators over summed denominators for ratio targets, the summed count
    for count targets; targets as for jumps. One query for the figures, whatever the number of
    units and periods."""
    ends = sorted((end, label) for kind, end, label in periods if kind == period)
    targets = _targets(plan) if targets is None else targets
    if not targets or not ends:
        return []
    sums = defaultdict(dict)
    for row in (
        _period_actuals(node.path, period, targets)
        .filter(report__period_end__in=[end for end, _label in ends])
        .values("report__period_end", "target__indicator", "target")
        .annotate(n=Sum("numerator"), d=Sum("denominator"), reports=Count("report", distinct=True))
        .order_by()
    ):
        key = ("indicator", row["target__indicator"]) if row["target__indicator"] else (
            "target", row["target"])  # fmt: skip
        figure = sums[key].setdefault(row["report__period_end"], Figure())
        figure.numerator = _add(figure.numerator, row["n"])
        figure.denominator = _add(figure.denominator, row["d"])
        figure.reports += row["reports"]
    years = {end.year for end, _label in ends}
    result = []
    for target in targets:
        ratio = is_ratio(target)
        by_end = sums.get(_key(target), {})
        points = []
        for end, label in ends:
            figure = by_end.get(end)
            value = None if figure is None else (figure.rate if ratio else figure.numerator)
            points.append(Point(label, short_label(period, end, len(years) > 1), figure, value))
        if is_change(target):
            goal = goal_to = None
        elif ratio:
            goal, goal_to = goal_rate(target), goal_rate(target, upper=True)
        else:
            upper = target.comparator == Target.Comparator.RANGE
            goal, goal_to = target.value, target.value_to if upper else None
        result.append(TargetSeries(target, ratio, goal, points, goal_to))
    return result


def short_label(period, end, several_years):
    """The period's name under a chart's axis: T3, Quý I, 2024 (T3/24, I/24 over years)."""
    year = f"/{end.year % 100:02d}" if several_years else ""
    if period == ReportingRule.Period.MONTHLY:
        return f"T{end.month}{year}"
    if period == ReportingRule.Period.QUARTERLY:
        roman = ROMAN[(end.month - 1) // 3]
        return f"{roman}{year}" if several_years else f"Quý {roman}"
    if period == ReportingRule.Period.FINAL:
        return "Tổng kết"
    if period == ReportingRule.Period.ONCE:
        return f"{end:%d/%m}{year}"
    return str(end.year)


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


@dataclass
class KindCompleteness:
    """The expected reports of one kind of unit for one period. sent counts reports sent or
    accepted (accepted among them); missing counts the others, a returned one included (it
    must be sent again), overdue those of them whose due date has passed."""

    kind: str
    name: str
    expected: int = 0
    sent: int = 0
    accepted: int = 0
    missing: int = 0
    overdue: int = 0


def completeness_by_kind(plan, period, period_end, today, *, node=None):
    """For one period: the expected reports by the kind of the reporting unit (villages,
    member bodies, committees… in Organisation.Kind's order) with a total row last, and the
    reports still missing (MISSING_SHOWN at most, by kind then place in the tree); node, if
    given, keeps the units of its subtree. Two queries."""
    reports = Report.objects.filter(plan=plan, period=period, period_end=period_end)
    if node is not None:
        reports = reports.filter(subtree_q(node.path, prefix="organisation__"))
    sent = Q(status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])
    rows = {
        row["organisation__kind"]: row
        for row in reports.values("organisation__kind")
        .annotate(
            expected=Count("pk"),
            sent=Count("pk", filter=sent),
            accepted=Count("pk", filter=Q(status=Report.Status.ACCEPTED)),
            missing=Count("pk", filter=~sent),
            overdue=Count("pk", filter=~sent & Q(due_on__lt=today)),
        )
        .order_by()
    }
    counts = ("expected", "sent", "accepted", "missing", "overdue")
    total = KindCompleteness("", "Cộng")
    kinds = []
    for kind, name in Organisation.Kind.choices:
        if kind in rows:
            kinds.append(KindCompleteness(kind, name, *(rows[kind][c] for c in counts)))
            for c in counts:
                setattr(total, c, getattr(total, c) + rows[kind][c])
    kind_order = Case(
        *(
            When(organisation__kind=kind, then=i)
            for i, (kind, _n) in enumerate(Organisation.Kind.choices)
        )
    )
    missing = list(
        reports.exclude(sent)
        .select_related("organisation")
        .order_by(kind_order, "organisation__path")[:MISSING_SHOWN]
    )
    return [*kinds, total] if kinds else [], missing


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


def previous_period(periods, period, period_end):
    """(end, label) of the previous period of the same kind, if the plan has one."""
    earlier = sorted(
        (end, label) for kind, end, label in periods if kind == period and end < period_end
    )
    return earlier[-1] if earlier else None
