"""Plausibility of a unit's figures against its own previous period ("jumps"): the same rule
on the server (review page, dashboard) as in the report form while typing
(static/js/report-checks.js mirrors jump_warnings word for word)."""

from campaign.text import decimal_vi

from .models import Report, TargetActual


def jump_warnings(previous, current, *, cumulative=False, label="kỳ trước"):
    """[(field, Vietnamese warning)] when current figures jump from the same unit's previous
    ones: the achieved figure more than doubles or falls below half of it, a cumulative count
    falls at all, the whole (denominator) moves by more than a fifth. previous and current are
    (numerator, denominator) pairs, None where a figure is not given; field is "numerator"
    or "denominator". Warnings only: the figure may be right."""
    (before, whole_before), (after, whole_after) = previous, current
    found = []
    if before is not None and after is not None:
        moved = f"so với {label} ({decimal_vi(before)} → {decimal_vi(after)})"
        if before > 0 and after > before * 2:
            found.append(("numerator", f"Tăng hơn gấp đôi {moved}."))
        elif after * 2 < before:
            found.append(("numerator", f"Giảm hơn một nửa {moved}."))
        elif cumulative and after < before:
            found.append(("numerator", f"Số cộng dồn giảm {moved}."))
    if (
        whole_before
        and whole_after is not None
        and abs(whole_after - whole_before) * 5 > whole_before
    ):
        found.append(
            (
                "denominator",
                f"Tổng số thay đổi hơn 20% so với {label} "
                f"({decimal_vi(whole_before)} → {decimal_vi(whole_after)}).",
            )
        )
    return found


def previous_report(report):
    """The unit's report on the same plan for the period just before, of the same kind, if
    its figures count (sent or accepted); None otherwise. Only the period just before, as on
    the dashboard (rollup.jumps): a quarter is not compared with one two quarters back."""
    before = (
        Report.objects.filter(
            plan_id=report.plan_id,
            organisation_id=report.organisation_id,
            period=report.period,
            period_end__lt=report.period_end,
        )
        .order_by("-period_end")
        .only("pk", "label", "status")
        .first()
    )
    counted = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
    return before if before is not None and before.status in counted else None


def previous_figures(report):
    """(label of the previous period, {target id: (numerator, denominator)}) of the unit's
    previous report (previous_report), or (None, {}) when there is none. Two queries."""
    before = previous_report(report)
    if before is None:
        return None, {}
    figures = TargetActual.objects.filter(report=before).values_list(
        "target_id", "numerator", "denominator"
    )
    return before.label, {target: (n, d) for target, n, d in figures}
