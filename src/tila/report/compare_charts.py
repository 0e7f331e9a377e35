"""Chart geometry for comparisons: groups side by side, and the change since a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tila.report import fmt
from tila.report.charts import Axis, _label
from tila.report.svg import (
    GRID,
    INK,
    MUTED,
    OKABE_ITO,
    SERIES,
    Chart,
    Line,
    Rect,
    Shape,
    Table,
    Text,
    marker,
    r2,
)


def group_dots(chart_id: str, title: str, row_labels: Sequence[str],
               groups: Sequence[tuple[str, Sequence[float | None]]]) -> Chart:
    """A dot per group and principle on a 0-100 axis; groups differ by marker shape and colour."""
    axis = Axis(0, 100, 230, 620)
    legend_rows = (len(groups) + 2) // 3
    top, row_h = 20.0 + 18 * legend_rows, 30.0
    shapes: list[Shape] = []
    for g, (name, _) in enumerate(groups):
        x, y = 20 + 210 * (g % 3), 12 + 18 * (g // 3)
        shapes += [marker(g, x, y, 5, SERIES[g % len(SERIES)]),
                   Text(r2(x + 10), r2(y + 4), name[:30], size=10)]
    for i, label in enumerate(row_labels):
        mid = top + row_h * i + row_h / 2
        shapes += _label(axis.x0 - 10, mid + 4, label, 34, size=10.5, line=12)
        shapes.append(Line(axis.x0, r2(mid), axis.x1, r2(mid), stroke=GRID))
        for g, (_, scores) in enumerate(groups):
            v = scores[i]
            if v is not None and fmt.ok(v):
                shapes.append(marker(g, axis.x(v), mid, 5, SERIES[g % len(SERIES)]))
    base = top + row_h * len(row_labels)
    for tick in (0, 25, 50, 75, 100):
        shapes += [Line(axis.x(tick), r2(top), axis.x(tick), r2(base), stroke=GRID, dash="2 3"),
                   Text(axis.x(tick), r2(base + 14), str(tick), anchor="middle", size=9,
                        fill=MUTED)]
    rows = tuple((label, *(fmt.score(s[i]) for _, s in groups))
                 for i, label in enumerate(row_labels))
    return Chart(chart_id, title,
                 "Dot chart: one row per principle, one marker per group on a 0 to 100 scale. "
                 "Groups differ by marker shape as well as colour.", 640, r2(base + 24),
                 tuple(shapes), Table(title, ("Principle", *(g for g, _ in groups)), rows))


@dataclass(frozen=True)
class ChangeRow:
    label: str
    diff: float
    lo: float
    hi: float

    @property
    def reliable(self) -> bool:
        """True when the 95% interval of the change excludes zero."""
        return fmt.ok(self.lo) and fmt.ok(self.hi) and (self.lo > 0 or self.hi < 0)

    @property
    def verdict(self) -> str:
        if not self.reliable:
            return "no reliable change"
        return "reliable improvement" if self.diff > 0 else "reliable decline"


def change(rows: Sequence[ChangeRow]) -> Chart:
    """Change per principle around a zero line, with the 95% interval of each change."""
    ends = [abs(v) for r in rows for v in (r.lo, r.hi, r.diff) if fmt.ok(v)]
    span = max(10.0, 5.0 * -(-max(ends, default=10.0) // 5))
    axis = Axis(-span, span, 230, 470)
    top, row_h = 14.0, 34.0
    shapes: list[Shape] = []
    for i, row in enumerate(rows):
        mid = top + row_h * i + row_h / 2
        shapes += _label(axis.x0 - 10, mid + 4, row.label, 34, size=10.5, line=12)
        if fmt.ok(row.diff):
            x0, x1 = sorted((axis.x(0), axis.x(row.diff)))
            colour = (OKABE_ITO["blue"] if row.diff > 0 else OKABE_ITO["vermillion"]) \
                if row.reliable else "#bdbdbd"
            shapes.append(Rect(x0, r2(mid - 7), r2(x1 - x0), 14, colour,
                               pattern=None if row.reliable else "hatch"))
        if fmt.ok(row.lo) and fmt.ok(row.hi):
            shapes += [Line(axis.x(row.lo), r2(mid), axis.x(row.hi), r2(mid), width=1.5),
                       Line(axis.x(row.lo), r2(mid - 5), axis.x(row.lo), r2(mid + 5), width=1.5),
                       Line(axis.x(row.hi), r2(mid - 5), axis.x(row.hi), r2(mid + 5), width=1.5)]
        shapes += [Text(r2(axis.x1 + 12), r2(mid), fmt.signed(row.diff), size=11, weight="bold"),
                   Text(r2(axis.x1 + 12), r2(mid + 12), row.verdict, size=9, fill=MUTED)]
    base = top + row_h * len(rows)
    shapes.append(Line(axis.x(0), r2(top - 4), axis.x(0), r2(base), stroke=INK))
    for tick in (-span, -span / 2, 0.0, span / 2, span):
        shapes.append(Text(axis.x(tick), r2(base + 14), fmt.signed(tick), anchor="middle",
                           size=9, fill=MUTED))
    return Chart("change", "Change since the baseline",
                 "Bars show each principle's change in score since the baseline, right for "
                 "higher and left for lower, with a line for the 95% confidence interval. "
                 "Hatched grey bars are changes that could be chance.", 640, r2(base + 24),
                 tuple(shapes),
                 Table("Change since the baseline", ("Principle", "Change", "95% CI", "Reading"),
                       tuple((r.label, fmt.signed(r.diff), fmt.interval(r.lo, r.hi, sign=True),
                              r.verdict) for r in rows)),
                 patterns=("hatch",))
