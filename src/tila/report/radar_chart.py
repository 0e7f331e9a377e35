"""The radar chart: an option (``--radar``), not part of the default report.

The bar chart with intervals says everything the radar says and more, so the radar is drawn only
on request. Each spoke's label carries its score, outside the rim, so no number sits on top of a
marker or another label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tila.report import fmt
from tila.report.charts import both, wrap
from tila.report.svg import (
    GRID,
    MUTED,
    NARROW,
    OKABE_ITO,
    Chart,
    Circle,
    Line,
    Polygon,
    Shape,
    Table,
    Text,
    points,
    r2,
)


def radar(labels: Sequence[str], scores: Sequence[float],
          baseline: Sequence[float] | None = None) -> Chart:
    """Six principles on spokes from the centre (0) to the rim (100); rings at 25, 50, 75."""
    return both(_radar, labels, scores, baseline)


def _radar(labels: Sequence[str], scores: Sequence[float], baseline: Sequence[float] | None, *,
           narrow: bool) -> Chart:
    if narrow:
        cx, cy, radius, width, chars, size = 170.0, 150.0, 76.0, NARROW, 14, 10.0
    else:
        cx, cy, radius, width, chars, size = 260.0, 215.0, 140.0, 520.0, 18, 11.0
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
            shapes.append(Text(r2((x0 + x1) / 2 + 2), r2((y0 + y1) / 2), str(ring), size=10,
                               fill=MUTED))
    line = size + 2
    for i, (label, v) in enumerate(zip(labels, scores, strict=True)):
        x, y = at(i, 100)
        shapes.append(Line(r2(cx), r2(cy), r2(x), r2(y), stroke=GRID))
        lx, ly = at(i, 112, clip=False)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        block = [*wrap(label, chars), fmt.score(v)]
        # Above the centre the block grows upwards from the rim, below it downwards, beside it
        # it is centred: the label never reaches back inside the rim where the markers are.
        if ly < cy - radius * 0.5:
            top = ly - (len(block) - 1) * line
        elif ly > cy + radius * 0.5:
            top = ly + line - 2
        else:
            top = ly + 4 - (len(block) - 1) * line / 2
        shapes += [Text(r2(lx), r2(top + j * line), t, anchor=anchor, size=size,
                        weight="bold" if j == len(block) - 1 else "normal")
                   for j, t in enumerate(block)]
    if baseline is not None:
        pts = [at(i, v) for i, v in enumerate(baseline) if fmt.ok(v)]
        if len(pts) == k:
            shapes.append(Polygon(points(pts), "none", stroke=OKABE_ITO["vermillion"], width=2,
                                  dash="6 4"))
    now = [at(i, v if fmt.ok(v) else 0.0) for i, v in enumerate(scores)]
    shapes.append(Polygon(points(now), OKABE_ITO["blue"], stroke=OKABE_ITO["blue"], width=2,
                          opacity=0.25))
    shapes += [Circle(r2(x), r2(y), 4, OKABE_ITO["blue"], stroke="#ffffff") for x, y in now]
    height = cy + radius + 20 + 4 * line
    header: tuple[str, ...] = ("Principle", "Score (0–100)")
    rows: list[tuple[str, ...]] = [(lab, fmt.score(v)) for lab, v in zip(labels, scores,
                                                                        strict=True)]
    if baseline is not None:
        header += ("Baseline",)
        rows = [(*row, fmt.score(b)) for row, b in zip(rows, baseline, strict=True)]
        shapes += [Line(20, r2(height), 50, r2(height), stroke=OKABE_ITO["blue"], width=2),
                   Text(56, r2(height + 4), "This survey", size=10),
                   Line(160, r2(height), 190, r2(height), stroke=OKABE_ITO["vermillion"],
                        width=2, dash="6 4"),
                   Text(196, r2(height + 4), "Baseline", size=10)]
        height += 16
    data = "; ".join(f"{a} {b}" + (f" (baseline {c[0]})" if c else "") for a, b, *c in rows)
    return Chart("radar", "The six principles at a glance",
                 "Radar chart: each spoke is one principle, from 0 at the centre to 100 at the "
                 f"rim. {data}.", width, r2(height), tuple(shapes),
                 Table("Principle scores", header, tuple(rows)))
