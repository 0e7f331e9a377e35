"""Chart geometry: the six report charts as lists of SVG shapes (see svg.py for the primitives).

Every function takes plain figures (labels and 0-100 scores), not a ScoreResult, so the geometry
is tested on its own: a score of 50 sits half way along its axis, an empty heatmap cell is marked
and never coloured as zero, a confidence interval's whisker spans exactly its interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from tila.report import fmt
from tila.report.svg import (
    BAND_TINTS,
    GRID,
    INK,
    MUTED,
    OKABE_ITO,
    Chart,
    Circle,
    Line,
    Polygon,
    Rect,
    Shape,
    Table,
    Text,
    points,
    r2,
    sequential,
    text_on,
)


def wrap(label: str, width: int) -> list[str]:
    """Split a label into lines of at most ``width`` characters (words are never cut)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _label(x: float, y: float, label: str, width: int, *, anchor: str = "end", size: float = 11,
           line: float = 13) -> list[Shape]:
    lines = wrap(label, width)
    top = y - (len(lines) - 1) * line / 2
    return [Text(r2(x), r2(top + i * line), t, anchor=anchor, size=size)
            for i, t in enumerate(lines)]


@dataclass(frozen=True)
class Axis:
    """A linear 0-100 (or any) axis mapped onto pixels."""

    lo: float
    hi: float
    x0: float
    x1: float

    def x(self, v: float) -> float:
        return r2(self.x0 + (v - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0))


def radar(labels: Sequence[str], scores: Sequence[float],
          baseline: Sequence[float] | None = None) -> Chart:
    """Six principles on spokes from the centre (0) to the rim (100); rings at 25, 50, 75."""
    cx, cy, radius = 260.0, 215.0, 140.0
    k = len(labels)

    def at(i: int, v: float, clip: bool = True) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / k
        d = radius * (max(0.0, min(100.0, v)) if clip else v) / 100
        return cx + d * math.cos(angle), cy + d * math.sin(angle)

    shapes: list[Shape] = []
    for ring in (25, 50, 75, 100):
        shapes.append(Polygon(points([at(i, ring) for i in range(k)]), "none", stroke=GRID))
        if ring < 100:  # ring values sit between the first two spokes, clear of the scores
            (x0, y0), (x1, y1) = at(0, ring), at(1, ring)
            shapes.append(Text(r2((x0 + x1) / 2 + 2), r2((y0 + y1) / 2), str(ring), size=9,
                               fill=MUTED))
    for i, label in enumerate(labels):
        x, y = at(i, 100)
        shapes.append(Line(r2(cx), r2(cy), r2(x), r2(y), stroke=GRID))
        lx, ly = at(i, 118, clip=False)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        shapes += _label(lx, ly + 4, label, 18, anchor=anchor)
    if baseline is not None:
        pts = [at(i, v) for i, v in enumerate(baseline) if fmt.ok(v)]
        if len(pts) == k:
            shapes.append(Polygon(points(pts), "none", stroke=OKABE_ITO["vermillion"], width=2,
                                  dash="6 4"))
    now = [at(i, v if fmt.ok(v) else 0.0) for i, v in enumerate(scores)]
    shapes.append(Polygon(points(now), OKABE_ITO["blue"], stroke=OKABE_ITO["blue"], width=2,
                          opacity=0.25))
    for i, v in enumerate(scores):
        x, y = now[i]
        shapes.append(Circle(r2(x), r2(y), 4, OKABE_ITO["blue"], stroke="#ffffff"))
        ox, oy = at(i, min(100.0, (v if fmt.ok(v) else 0.0)) + 12, clip=False)
        shapes.append(Text(r2(ox), r2(oy + 4), fmt.score(v), anchor="middle", size=10,
                           weight="bold"))
    header: tuple[str, ...] = ("Principle", "Score (0–100)")
    rows: list[tuple[str, ...]] = [(lab, fmt.score(v)) for lab, v in zip(labels, scores,
                                                                        strict=True)]
    if baseline is not None:
        header += ("Baseline",)
        rows = [(*row, fmt.score(b)) for row, b in zip(rows, baseline, strict=True)]
        shapes += [Line(20, 440, 50, 440, stroke=OKABE_ITO["blue"], width=2),
                   Text(56, 444, "This survey", size=10),
                   Line(160, 440, 190, 440, stroke=OKABE_ITO["vermillion"], width=2, dash="6 4"),
                   Text(196, 444, "Baseline", size=10)]
    return Chart("radar", "The six principles at a glance",
                 "Radar chart: each spoke is one principle, from 0 at the centre to 100 at the "
                 "rim. " + "; ".join(f"{a} {b}" for a, b, *_ in rows) + ".",
                 520, 455 if baseline is not None else 430, tuple(shapes),
                 Table("Principle scores", header, tuple(rows)))


def principle_bars(rows: Sequence[tuple[str, float, float, float]],
                   bands: Sequence[tuple[str, float, float]]) -> Chart:
    """Horizontal bars (score) with 95% CI whiskers over the stage bands (label, min, max)."""
    axis = Axis(0, 100, 220, 600)
    top, row_h = 40.0, 36.0
    height = top + row_h * len(rows) + 30
    shapes: list[Shape] = []
    for i, (label, lo, hi) in enumerate(bands):
        shapes.append(Rect(axis.x(lo), top - 6, r2(axis.x(hi) - axis.x(lo)),
                           r2(row_h * len(rows) + 6), BAND_TINTS[i % len(BAND_TINTS)]))
        for j, part in enumerate(wrap(label, 16)):
            shapes.append(Text(r2((axis.x(lo) + axis.x(hi)) / 2), 12 + j * 11, part,
                               anchor="middle", size=9, fill=MUTED))
    for i, (label, s, lo, hi) in enumerate(rows):
        mid = top + row_h * i + row_h / 2
        shapes += _label(axis.x0 - 8, mid + 4, label, 32)
        if fmt.ok(s):
            shapes.append(Rect(axis.x0, r2(mid - 8), r2(axis.x(s) - axis.x0), 16,
                               OKABE_ITO["blue"]))
        end = axis.x(s) if fmt.ok(s) else axis.x0
        if fmt.ok(lo) and fmt.ok(hi):
            shapes += [Line(axis.x(lo), r2(mid), axis.x(hi), r2(mid), width=1.5),
                       Line(axis.x(lo), r2(mid - 6), axis.x(lo), r2(mid + 6), width=1.5),
                       Line(axis.x(hi), r2(mid - 6), axis.x(hi), r2(mid + 6), width=1.5)]
            end = max(end, axis.x(hi))
        shapes.append(Text(r2(end + 6), r2(mid + 4), fmt.score(s), size=11, weight="bold"))
    base = top + row_h * len(rows)
    for tick in (0, 25, 50, 75, 100):
        shapes += [Line(axis.x(tick), r2(base), axis.x(tick), r2(base + 4), stroke=MUTED),
                   Text(axis.x(tick), r2(base + 16), str(tick), anchor="middle", size=9,
                        fill=MUTED)]
    return Chart("bars", "Principle scores with 95% confidence intervals",
                 "Bar chart of each principle's score from 0 to 100 with a line showing its 95% "
                 "confidence interval, drawn over the stage bands.", 650, r2(height),
                 tuple(shapes),
                 Table("Principle scores and 95% confidence intervals",
                       ("Principle", "Score", "95% CI"),
                       tuple((lab, fmt.score(s), fmt.interval(lo, hi))
                             for lab, s, lo, hi in rows)))


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str],
            cells: Sequence[Sequence[float | None]]) -> Chart:
    """Principle x domain scores: colour and number per cell; cells with no items are hatched."""
    left, top, cw, ch = 190.0, 46.0, 58.0, 32.0
    shapes: list[Shape] = []
    for j, label in enumerate(col_labels):
        x = left + cw * j + cw / 2
        shapes.append(Text(r2(x), 16 if j % 2 == 0 else 34, label, anchor="middle", size=9.5))
    for i, label in enumerate(row_labels):
        y = top + ch * i
        shapes += _label(left - 8, y + ch / 2 + 4, label, 30, size=10.5, line=12)
        for j, v in enumerate(cells[i]):
            x = left + cw * j
            if v is None or not fmt.ok(v):
                shapes += [Rect(r2(x), r2(y), cw - 2, ch - 2, "#ffffff", stroke=GRID,
                                pattern="hatch"),
                           Text(r2(x + cw / 2 - 1), r2(y + ch / 2 + 3), "none", anchor="middle",
                                size=8.5, fill=MUTED)]
                continue
            fill = sequential(v)
            shapes += [Rect(r2(x), r2(y), cw - 2, ch - 2, fill),
                       Text(r2(x + cw / 2 - 1), r2(y + ch / 2 + 4), fmt.score(v),
                            anchor="middle", size=11, fill=text_on(fill))]
    legend_y = top + ch * len(row_labels) + 14
    shapes.append(Text(left, r2(legend_y + 10), "Lower", anchor="end", size=9, fill=MUTED))
    for k in range(9):
        fill = sequential(k * 100 / 9 + 1)
        shapes.append(Rect(r2(left + 6 + 18 * k), r2(legend_y), 18, 12, fill))
    shapes += [Text(r2(left + 6 + 18 * 9 + 6), r2(legend_y + 10), "Higher", size=9, fill=MUTED),
               Rect(r2(left + 250), r2(legend_y), 18, 12, "#ffffff", stroke=GRID,
                    pattern="hatch"),
               Text(r2(left + 274), r2(legend_y + 10),
                    "none: no item covers this pair", size=9, fill=MUTED)]
    rows = tuple((label, *(fmt.score(v) if v is not None else "no items" for v in cells[i]))
                 for i, label in enumerate(row_labels))
    return Chart("heatmap", "Principles across implementation domains",
                 "Grid of principle (rows) by implementation domain (columns). Each cell shows "
                 "the average item score for that pair; cells marked 'none' have no items.",
                 r2(max(left + cw * len(col_labels) + 10, left + 440)), r2(legend_y + 20),
                 tuple(shapes), Table("Average item score by principle and domain",
                                      ("Principle", *col_labels), rows), patterns=("hatch",))


def diverging_colours(k: int) -> tuple[str, ...]:
    """k answer colours from dark orange (lowest) through light grey to dark purple."""
    lo, mid, hi = (0xb3, 0x58, 0x06), (0xd9, 0xd9, 0xd9), (0x54, 0x27, 0x88)
    out = []
    for i in range(k):
        t = i / (k - 1) * 2 - 1  # -1 .. 1
        a, b, f = (mid, lo, -t) if t < 0 else (mid, hi, t)
        out.append("#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b,
                                                                                     strict=True)))
    return tuple(out)


@dataclass(frozen=True)
class ItemBar:
    label: str  # the statement, with a note when it is reverse-scored
    counts: tuple[int, ...]  # answers per scale point, lowest first
    score: float


def diverging(chart_id: str, title: str, point_labels: Sequence[str],
              items: Sequence[ItemBar]) -> Chart:
    """One stacked bar per item, disagreement left of the centre line and agreement right.

    The middle point of an odd scale straddles the centre. The share agreeing and disagreeing is
    written at either end, so the reading never depends on telling the colours apart.
    """
    k = len(point_labels)
    colours = diverging_colours(k)
    centre, per_pct = 320.0, 2.5
    neg, has_mid = k // 2, k % 2 == 1
    shapes: list[Shape] = []
    width_legend = 620 / k
    for j, lab in enumerate(point_labels):
        x = 10 + width_legend * j
        shapes.append(Rect(r2(x), 6, 12, 12, colours[j]))
        for m, part in enumerate(wrap(lab, 16)):
            shapes.append(Text(r2(x + 16), r2(16 + m * 11), part, size=9.5))
    shapes += [Text(4, 44, "Disagree", size=9, fill=MUTED),
               Text(636, 44, "Agree", anchor="end", size=9, fill=MUTED)]
    y = 52.0
    rows = []
    for item in items:
        lines = wrap(item.label, 95)
        for line in lines:
            y += 13
            shapes.append(Text(4, r2(y), line, size=10.5))
        y += 5
        n = sum(item.counts)
        pct = [100 * c / n if n else 0.0 for c in item.counts]
        low = sum(pct[:neg]) + (pct[neg] / 2 if has_mid else 0.0)
        x = centre - low * per_pct
        for j, p in enumerate(pct):
            w = p * per_pct
            if w > 0:
                shapes.append(Rect(r2(x), r2(y), r2(w), 16, colours[j]))
                if p >= 8:
                    shapes.append(Text(r2(x + w / 2), r2(y + 12), f"{round(p)}%",
                                       anchor="middle", size=9, fill=text_on(colours[j])))
            x += w
        disagree, agree = sum(pct[:neg]), sum(pct[k - neg:])
        shapes += [Text(4, r2(y + 12), f"{round(disagree)}%", size=10, weight="bold"),
                   Text(636, r2(y + 12), f"{round(agree)}%", anchor="end", size=10,
                        weight="bold")]
        shapes.append(Line(centre, r2(y - 3), centre, r2(y + 19), stroke=INK, dash="2 2"))
        y += 24
        rows.append((item.label, *(str(c) for c in item.counts), fmt.score(item.score)))
    return Chart(chart_id, title,
                 "Stacked bars of how people answered each statement, weakest first: "
                 "disagreement to the left of the centre line, agreement to the right.",
                 640, r2(y + 4), tuple(shapes),
                 Table(title, ("Statement", *point_labels, "Score"), tuple(rows)))
