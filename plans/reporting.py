"""The reporting regime of a plan as data: which units report, for which periods, by which
dates, and the paragraph that says so in the printed plan.

A plan's ReportingRule rows mean the reports its issuance creates (reports.services
create_expected_reports writes them); the same functions give the editor its preview.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from orgs.access import scope_root_path
from orgs.models import CommitteeMember, Organisation, subtree_q

from .models import ReportingRule, TaskUnit

Period = ReportingRule.Period
Reporters = ReportingRule.Reporters
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class Expected:
    """One report a rule expects: a unit, a period and its due date."""

    rule: ReportingRule
    unit: Organisation
    label: str
    start: date
    end: date
    due: date


# --- periods and due dates -------------------------------------------------------------------


def _last_day(year, month):
    return calendar.monthrange(year, month)[1]


def _due(year, month, day):
    """A due date from the rule's day and month, kept inside the month."""
    return date(year, month, min(day or _last_day(year, month), _last_day(year, month)))


def periods(rule, plan):
    """(label, start, end, due) of every period the rule asks a report for. Without a due day
    ("theo quy định") a report is due on the last day of its period."""
    result = []
    for year in range(plan.year, plan.last_year + 1):
        if rule.period == Period.MONTHLY:
            for month in range(1, 13):
                end = date(year, month, _last_day(year, month))
                due = _due(year, month, rule.due_day) if rule.due_day else end
                result.append((f"Tháng {month}/{year}", date(year, month, 1), end, due))
        elif rule.period == Period.QUARTERLY:
            for quarter in range(1, 5):
                last = quarter * 3
                end = date(year, last, _last_day(year, last))
                due = _due(year, last, rule.due_day) if rule.due_day else end
                start = date(year, last - 2, 1)
                result.append((f"Quý {ROMAN[quarter - 1]} năm {year}", start, end, due))
        elif rule.period in (Period.HALF_YEAR, Period.NINE_MONTHS, Period.YEARLY):
            months = {Period.HALF_YEAR: 6, Period.NINE_MONTHS: 9, Period.YEARLY: 12}[rule.period]
            label = {
                Period.HALF_YEAR: f"6 tháng đầu năm {year}",
                Period.NINE_MONTHS: f"9 tháng năm {year}",
                Period.YEARLY: f"Năm {year}",
            }[rule.period]
            due = _due(year, rule.due_month or months, rule.due_day)
            end = date(year, months, _last_day(year, months))
            result.append((label, date(year, 1, 1), end, due))
    if rule.period == Period.FINAL:
        last = plan.last_year
        due = _due(last, rule.due_month or 12, rule.due_day)
        result.append(
            (f"Tổng kết {plan.period_label}", date(plan.year, 1, 1), date(last, 12, 31), due)
        )
    elif rule.period == Period.ONCE:
        due = _due(plan.year, rule.due_month or 12, rule.due_day)
        result.append((f"Báo cáo hạn {due:%d/%m/%Y}", date(plan.year, 1, 1), due, due))
    return result


# --- who reports -----------------------------------------------------------------------------


def subordinate_units(issuer, *, on):
    """The units one level below issuer that existed on the given day: each child area's
    steering committee, or the area itself where it has none (a village reports for itself).
    A 2024 plan of a commune closed in 2025 still expects its villages' reports."""
    existing = Q(active_to__isnull=True) | Q(active_to__gt=on)
    root = Organisation.objects.get(path=scope_root_path(issuer))
    areas = list(
        Organisation.objects.get_children(root).filter(existing, kind__in=Organisation.AREA_KINDS)
    )
    committees = {
        c.path[: -Organisation.steplen]: c
        for c in Organisation.objects.filter(
            existing,
            subtree_q(root.path),
            depth=root.depth + 2,
            kind=Organisation.Kind.COMMITTEE,
        )
    }
    chosen = [committees.get(area.path, area) for area in areas]
    return Organisation.objects.filter(pk__in=[unit.pk for unit in chosen])


def _task_units(plan, roles):
    ids = TaskUnit.objects.filter(
        task__section__plan=plan, role__in=roles, organisation__isnull=False
    ).values_list("organisation_id", flat=True)
    return Organisation.objects.filter(pk__in=list(ids))


def _reporters(reporters, plan):
    """The organisations a kind of reporters (but NAMED) means for plan, before a rule narrows
    them to one kind of unit."""
    if reporters == Reporters.LEADS:
        return _task_units(plan, [TaskUnit.Role.LEAD])
    if reporters == Reporters.COORDINATORS:
        return _task_units(plan, [TaskUnit.Role.LEAD, TaskUnit.Role.SUPPORT])
    if reporters == Reporters.MEMBERS:
        return Organisation.objects.filter(
            pk__in=CommitteeMember.objects.filter(
                committee=plan.issuer, member_body__isnull=False
            ).values("member_body")
        )
    if reporters == Reporters.RECIPIENTS:
        return Organisation.objects.filter(received_plans__plan=plan)
    return subordinate_units(plan.issuer, on=date(plan.year, 1, 1))


def reporting_units(rule, plan, *, read=None):
    """The organisations that owe reports under rule (never the issuer itself), in tree
    order, narrowed to one kind of unit when the rule says so. read: a dict shared by the
    rules of one plan, so that each kind of reporters is read from the database once however
    many rules name it (a regime of ten rules costs what one costs)."""
    if rule.reporters == Reporters.NAMED:
        units = list(rule.named_units.all())  # prefetched by expected_reports
    else:
        read = {} if read is None else read
        if rule.reporters not in read:
            read[rule.reporters] = list(_reporters(rule.reporters, plan).distinct())
        units = read[rule.reporters]
    kept = [
        unit
        for unit in units
        if unit.pk != plan.issuer_id and (not rule.unit_kind or unit.kind == rule.unit_kind)
    ]
    return sorted(kept, key=lambda unit: unit.path)


def expected_reports(plan, rules=None):
    """Every report the plan's rules expect: units × periods, with due dates."""
    if rules is None:
        rules = plan.reporting_rules.select_related("report_to").prefetch_related("named_units")
    read = {}
    return [
        Expected(rule, unit, label, start, end, due)
        for rule in rules
        for unit in reporting_units(rule, plan, read=read)
        for label, start, end, due in periods(rule, plan)
    ]


# --- the printed paragraph -------------------------------------------------------------------

KIND_GROUPS = {
    Organisation.Kind.VILLAGE: "Các thôn, tổ dân phố",
    Organisation.Kind.COMMITTEE: "Ban Chỉ đạo các cấp dưới",
    Organisation.Kind.AREA: "Các đơn vị hành chính cấp dưới",
}


def _who(rule):
    if rule.reporters == Reporters.NAMED:
        names = [unit.short_name or unit.name for unit in rule.named_units.all()]
        return ", ".join(names) or "Các đơn vị được chỉ định"
    if rule.reporters == Reporters.SUBORDINATES and rule.unit_kind in KIND_GROUPS:
        return KIND_GROUPS[rule.unit_kind]
    who = rule.get_reporters_display()
    if rule.unit_kind:
        who += f" ({Organisation.Kind(rule.unit_kind).label.lower()})"
    return who


def _when(rule, plan):
    """ "hằng quý (trước ngày 20 của tháng cuối quý)", "6 tháng (trước ngày 10/6)"…"""
    day, month = rule.due_day, rule.due_month
    every = {
        Period.MONTHLY: ("hằng tháng", f"trước ngày {day} hằng tháng"),
        Period.QUARTERLY: ("hằng quý", f"trước ngày {day} của tháng cuối quý"),
        Period.HALF_YEAR: ("6 tháng", f"trước ngày {day}/{month or 6}"),
        Period.NINE_MONTHS: ("9 tháng", f"trước ngày {day}/{month or 9}"),
        Period.YEARLY: ("hằng năm", f"trước ngày {day}/{month or 12}"),
        Period.FINAL: ("tổng kết", f"trước ngày {day}/{month or 12}/{plan.last_year}"),
        Period.ONCE: ("", f"trước ngày {day}/{month}/{plan.year}"),
    }
    name, due = every[rule.period]
    if not day:
        due = f"trong tháng {month}" if month else "theo quy định"
    return f"{name} ({due})" if name else due


def _to(rule, plan):
    if rule.report_to_text:
        return rule.report_to_text
    unit = rule.report_to or plan.issuer
    return unit.short_name or unit.name


def regime_text(plan, rules=None):
    """The paragraph of "Chế độ báo cáo" said by the rules, one sentence per group of rules
    with the same reporters, addressee and targets ("… báo cáo kết quả thực hiện 6 tháng
    (trước ngày 10/6) và hằng năm (trước ngày 10/11) gửi về …")."""
    if rules is None:
        rules = plan.reporting_rules.select_related("report_to").prefetch_related(
            "named_units", "targets"
        )
    groups = {}
    for rule in rules:
        key = (_who(rule), _to(rule, plan), tuple(t.label for t in rule.targets.all()))
        groups.setdefault(key, []).append(_when(rule, plan))
    sentences = []
    for (who, to, targets), whens in groups.items():
        when = ", ".join(whens[:-1]) + (" và " if len(whens) > 1 else "") + whens[-1]
        sentence = f"{who} báo cáo kết quả thực hiện kế hoạch {when} gửi về {to}"
        if targets:
            sentence += f"; nội dung báo cáo gồm các chỉ tiêu: {'; '.join(targets)}"
        sentences.append(sentence + ".")
    return "\n".join(sentences)
