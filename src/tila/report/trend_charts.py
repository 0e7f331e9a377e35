"""Chart geometry for the change over time: one small chart per principle, the waves left to
right, each wave's score with its 95% interval. Drawn by the same macro as every other chart."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from tila.report import fmt
from tila.report.charts import wrap
from tila.report.svg import GRID, INK, MUTED, OKABE_ITO, Chart, Circle, Line, Shape, Table, Text, r2
from tila.trend.waves import Point

WIDTH = 300.0
TOP, BOTTOM = 22.0, 128.0  # the plot's 100 and 0
LEFT, RIGHT = 34.0, 286.0


def y_of(score: float) -> float:
    return r2(BOTTOM - score / 100.0 * (BOTTOM - TOP))


def x_positions(k: int) -> list[float]:
    """Waves evenly spaced, with room at both ends for a label half as wide as a slot."""
    slot = (RIGHT - LEFT) / k
    return [r2(LEFT + slot * (i + 0.5)) for i in range(k)]


def line_chart(chart_id: str, title: str, points: Sequence[Point]) -> Chart:
    shapes: list[Shape] = []
    for tick in (0, 25, 50, 75, 100):
        shapes.append(Line(LEFT, y_of(tick), RIGHT, y_of(tick), stroke=GRID,
                           dash=None if tick == 0 else "2 3"))
        if tick % 50 == 0:
            shapes.append(Text(LEFT - 6, r2(y_of(tick) + 4), str(tick), anchor="end", size=10,
                               fill=MUTED))
    xs = x_positions(len(points))
    chars = max(6, int((RIGHT - LEFT) / len(points) / 5.6))
    shown = [(x, p) for x, p in zip(xs, points, strict=True) if fmt.ok(p.score)]
    for (x0, a), (x1, b) in itertools.pairwise(shown):  # the path, behind the marks
        shapes.append(Line(x0, y_of(a.score), x1, y_of(b.score), stroke=MUTED, width=1.5))
    said = []
    for x, p in zip(xs, points, strict=True):
        for k, text in enumerate(wrap(p.wave, chars)[:3]):
            shapes.append(Text(x, r2(BOTTOM + 15 + 12 * k), text, anchor="middle", size=10))
        if not fmt.ok(p.score):
            shapes.append(Text(x, r2(BOTTOM - 6), fmt.MISSING, anchor="middle", size=10))
            said.append(f"{p.wave} no score")
            continue
        top = p.score
        if fmt.ok(p.lo) and fmt.ok(p.hi):
            top = p.hi
            shapes += [Line(x, y_of(p.lo), x, y_of(p.hi), stroke=INK, width=1.5),
                       Line(r2(x - 4), y_of(p.lo), r2(x + 4), y_of(p.lo), stroke=INK, width=1.5),
                       Line(r2(x - 4), y_of(p.hi), r2(x + 4), y_of(p.hi), stroke=INK, width=1.5)]
        shapes.append(Circle(x, y_of(p.score), 4.5, OKABE_ITO["blue"], stroke="#ffffff"))
        # The score sits above the interval, inside the chart even for a score near 100.
        shapes.append(Text(x, r2(max(11.0, y_of(top) - 6)), fmt.score(p.score),
                           anchor="middle", size=10.5, weight="bold"))
        interval = (f"95% CI {fmt.interval(p.lo, p.hi)}" if fmt.ok(p.lo) and fmt.ok(p.hi)
                    else "no interval")
        said.append(f"{p.wave} {fmt.score(p.score)} ({interval}, n = {p.n})")
    lines = max(len(wrap(p.wave, chars)[:3]) for p in points)
    return Chart(chart_id, title,
                 f"{title} in each wave on a 0 to 100 scale, a dot for the score and a line for "
                 "its 95% confidence interval: " + "; ".join(said) + ".",
                 WIDTH, r2(BOTTOM + 8 + 12 * lines), tuple(shapes),
                 Table(f"{title} by wave", ("Wave", "People", "Score", "95% CI"),
                       tuple((p.wave, str(p.n), fmt.score(p.score), fmt.interval(p.lo, p.hi))
                             for p in points)))
