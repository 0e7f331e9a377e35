"""Chart geometry for comparisons: groups side by side, and the change since a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tila.report import fmt
from tila.report.charts import Axis, _label, both, whisker, wrap
from tila.report.svg import (
    GRID,
    INK,
    MUTED,
    NARROW,
    OKABE_ITO,
    SERIES,
    Chart,
    Circle,
    Line,
    Rect,
    Shape,
    Table,
    Text,
    about,
    marker,
    r2,
)

#: A group's figure for one principle: score and the two ends of its 95% interval; None when the
#: group has no score there.
Point = tuple[float, float, float] | None


#: The organization's reference line: lighter than the markers it runs behind, still 3.4:1 on
#: white (the contrast WCAG asks of graphics).
REF = "#8c8c8c"
#: The name of the reference row: the whole organization, drawn in black above the groups.
WHOLE = "Whole organization"


def group_dots(chart_id: str, title: str, row_labels: Sequence[str],
               groups: Sequence[tuple[str, Sequence[Point]]],
               overall: Sequence[Point] | None = None) -> Chart:
    """Dot plots with 95% intervals, one panel per principle and one row per group.

    Every group has its own row, so no marker can hide another however close the scores are, and
    the group is named on its row, so neither colour nor marker shape has to be decoded. With
    ``overall``, each panel opens with the whole organization's score as a black reference row
    and a thin line through the panel, so a group reads as above or below everyone.
    """
    return both(_group_dots, chart_id, title, row_labels, groups, overall)


def _group_dots(chart_id: str, title: str, row_labels: Sequence[str],
                groups: Sequence[tuple[str, Sequence[Point]]],
                overall: Sequence[Point] | None, *, narrow: bool) -> Chart:
    rows_in = [*([(WHOLE, overall)] if overall is not None else []), *groups]
    # Wide: panels two abreast (half the height on a page); narrow: one panel a row.
    per_row, panel_w = (1, NARROW) if narrow else (2, 320.0)
    shapes: list[Shape] = []
    said = []

    def axis_at(ox: float) -> Axis:
        return Axis(0, 100, ox + 120, ox + 280)

    def ticks(y: float) -> None:
        for c in range(min(per_row, len(row_labels))):
            shapes.extend(Text(axis_at(c * panel_w).x(t), r2(y), str(t), anchor="middle",
                               size=10, fill=MUTED) for t in (0, 25, 50, 75, 100))

    def panel(i: int, ox: float, y: float) -> float:
        axis = axis_at(ox)
        principle = row_labels[i]
        shapes.append(Text(r2(ox + 4), r2(y + 14), principle, size=11, weight="bold"))
        y += 20
        first = y
        rows: list[Shape] = []
        parts = []
        for k, (name, points) in enumerate(rows_in):
            whole = overall is not None and k == 0
            g = k - (1 if overall is not None else 0)
            h = max(18.0, 12.0 * len(wrap(name, 20)) + 6)
            mid = y + h / 2
            rows += _label(axis.x0 - 8, mid + 4, name, 20, size=10, line=12,
                           weight="bold" if whole else "normal")
            p = points[i]
            colour = INK if whole else SERIES[g % len(SERIES)]
            if p is not None and fmt.ok(p[0]):
                sc, lo, hi = p
                if fmt.ok(lo) and fmt.ok(hi):
                    rows += whisker(axis, lo, hi, mid, cap=4, stroke=colour)
                rows += [Circle(axis.x(sc), r2(mid), 4.5, INK, stroke="#ffffff") if whole
                         else marker(g, axis.x(sc), mid, 4.5, colour),
                         Text(r2(axis.x1 + 8), r2(mid + 4), fmt.score(sc), size=10,
                              weight="bold")]
                parts.append(f"{name} {fmt.score(sc)} ({about(lo, hi)})")
            else:
                rows.append(Text(r2(axis.x1 + 8), r2(mid + 4), fmt.MISSING, size=10))
                parts.append(f"{name} no score")
            y += h
        shapes.extend(Line(axis.x(t), r2(first), axis.x(t), r2(y), stroke=GRID, dash="2 3")
                      for t in (0, 25, 50, 75, 100))
        ref = overall[i] if overall is not None else None
        if ref is not None and fmt.ok(ref[0]):  # the organization's score through the panel
            shapes.append(Line(axis.x(ref[0]), r2(first), axis.x(ref[0]), r2(y), stroke=REF))
        shapes.extend(rows)  # markers over the grid lines
        said.append(f"{principle}: " + ", ".join(parts))
        return y + 6

    ticks(12)
    y = 18.0
    for start in range(0, len(row_labels), per_row):
        y = max(panel(i, (i - start) * panel_w, y)
                for i in range(start, min(start + per_row, len(row_labels))))
    ticks(y + 10)
    table_rows = tuple((label, *(_cell(pts[i]) for _, pts in rows_in))
                       for i, label in enumerate(row_labels))
    return Chart(chart_id, title,
                 "Dot plot with 95% confidence intervals: one panel per principle, one row per "
                 "group, each group's score on a 0 to 100 scale. " + "; ".join(said) + ".",
                 NARROW if narrow else 640.0, r2(y + 18), tuple(shapes),
                 Table(title + " (95% confidence interval)",
                       ("Principle", *(g for g, _ in rows_in)), table_rows))


def _cell(p: Point) -> str:
    if p is None or not fmt.ok(p[0]):
        return fmt.MISSING
    s, lo, hi = p
    return f"{fmt.score(s)} ({fmt.interval(lo, hi)})" if fmt.ok(lo) and fmt.ok(hi) \
        else fmt.score(s)


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
    return both(_change, rows)


def _change(rows: Sequence[ChangeRow], *, narrow: bool) -> Chart:
    ends = [abs(v) for r in rows for v in (r.lo, r.hi, r.diff) if fmt.ok(v)]
    span = max(10.0, 5.0 * -(-max(ends, default=10.0) // 5))
    # Narrow: the label goes above its bar and the figures to the right of a shorter axis.
    axis = Axis(-span, span, 14, 210) if narrow else Axis(-span, span, 230, 470)
    shapes: list[Shape] = []
    y = 14.0
    for row in rows:
        if narrow:
            lines = wrap(row.label, 44)
            shapes += [Text(4, r2(y + 10 + 13 * k), t, size=11) for k, t in enumerate(lines)]
            y += 13 * len(lines) + 2
        mid = y + 17
        if not narrow:
            shapes += _label(axis.x0 - 10, mid + 4, row.label, 34, size=10.5, line=12)
        # The zero line is drawn row by row, so it never crosses a label above a bar.
        shapes.append(Line(axis.x(0), r2(mid - 13), axis.x(0), r2(mid + 13), stroke=INK))
        if fmt.ok(row.diff):
            x0, x1 = sorted((axis.x(0), axis.x(row.diff)))
            colour = (OKABE_ITO["blue"] if row.diff > 0 else OKABE_ITO["vermillion"]) \
                if row.reliable else "#bdbdbd"
            shapes.append(Rect(x0, r2(mid - 7), r2(x1 - x0), 14, colour,
                               pattern=None if row.reliable else "hatch"))
        if fmt.ok(row.lo) and fmt.ok(row.hi):
            shapes += whisker(axis, row.lo, row.hi, mid, cap=5)
        shapes += [Text(r2(axis.x1 + 12), r2(mid), fmt.signed(row.diff), size=11, weight="bold"),
                   Text(r2(axis.x1 + 12), r2(mid + 12), row.verdict, size=10, fill=MUTED)]
        y += 38 if narrow else 34  # narrow: room between a verdict and the next label
    for tick in (-span, -span / 2, 0.0, span / 2, span):
        shapes.append(Text(axis.x(tick), r2(y + 14), fmt.signed(tick), anchor="middle",
                           size=10, fill=MUTED))
    data = "; ".join(f"{r.label} {fmt.signed(r.diff)} (95% CI "
                     f"{fmt.interval(r.lo, r.hi, sign=True)}): {r.verdict}" for r in rows)
    return Chart("change", "Change since the baseline",
                 "Bars show each principle's change in score since the baseline, right for "
                 "higher and left for lower, with a line for the 95% confidence interval. "
                 f"Hatched grey bars are changes that could be chance. {data}.",
                 NARROW if narrow else 640, r2(y + 24), tuple(shapes),
                 Table("Change since the baseline", ("Principle", "Change", "95% CI", "Reading"),
                       tuple((r.label, fmt.signed(r.diff), fmt.interval(r.lo, r.hi, sign=True),
                              r.verdict) for r in rows)),
                 patterns=("hatch",))
