"""The geometry of the dashboard's small charts, drawn on the server as inline SVG
(templates/reports/_series.html): no JavaScript, no chart library, nothing the
Content-Security-Policy refuses (SVG presentation attributes only)."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from campaign.text import decimal_vi

SLOT = 40  # pixels per period along the axis
LEFT, RIGHT, TOP, PLOT, BOTTOM = 44, 12, 10, 90, 22
MAX_LABELS = 12  # beyond, every other (third…) period is named under the axis


@dataclass
class Chart:
    width: int
    height: int
    baseline: float  # y of zero
    top: float  # y of the scale's top
    top_label: str
    dots: list = field(default_factory=list)  # [(x, y)]
    segments: list = field(default_factory=list)  # ["x,y x,y …"], one per run without a gap
    goal: float | None = None  # y of the target line
    band: tuple | None = None  # (x, y, width, height) of a range target's band
    labels: list = field(default_factory=list)  # [(x, text, is_gap)]
    right: int = 0  # x where the plot ends
    left: int = LEFT  # x where it starts; the scale's figures end just before
    scale_x: int = LEFT - 4


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above value (at least 1)."""
    if value <= 1:
        return Decimal(1)
    power = Decimal(10) ** int(math.floor(math.log10(value)))
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover (the loop ends at 10 × power ≥ value)


def line_chart(values, goal=None, *, labels, percent, goal_to=None):
    """A line of values (None for a period without figures: the line breaks there, it never
    drops to zero) with the goal as a horizontal line, or, with goal_to, a band from goal to
    goal_to (a range target). percent: a 0–100 scale (stretched if a rate passes 100);
    otherwise a count scale up to a round number above the values and the goal."""
    given = [Decimal(v) for v in values if v is not None]
    goals = [Decimal(g) for g in (goal, goal_to) if g is not None]
    highest = max([*given, *goals, Decimal(0)])
    if percent:
        scale = max(Decimal(100), nice_ceiling(highest) if highest > 100 else Decimal(100))
        top_label = f"{decimal_vi(scale)}%"
    else:
        scale = nice_ceiling(highest)
        top_label = decimal_vi(scale)
    count = len(values)
    right = LEFT + SLOT * max(count, 1)

    def y(value):
        return round(TOP + PLOT - float(Decimal(value) / scale) * PLOT, 1)

    def x(index):
        return LEFT + SLOT * index + SLOT // 2

    chart = Chart(
        width=right + RIGHT,
        height=TOP + PLOT + BOTTOM,
        baseline=TOP + PLOT,
        top=TOP,
        top_label=top_label,
        goal=None if goal is None else y(goal),
        right=right,
    )
    if goal is not None and goal_to is not None:
        chart.band = (LEFT, y(goal_to), right - LEFT, round(y(goal) - y(goal_to), 1))
    run = []
    every = math.ceil(count / MAX_LABELS) if count else 1
    for index, value in enumerate([*values, None]):
        if value is None:
            if len(run) > 1:
                chart.segments.append(" ".join(f"{px},{py}" for px, py in run))
            run = []
        else:
            point = (x(index), y(value))
            chart.dots.append(point)
            run.append(point)
        if index < count and index % every == 0:
            chart.labels.append((x(index), labels[index], value is None))
    return chart
