"""Chart geometry: the report's charts as lists of SVG shapes (see svg.py for the primitives).

Every function takes plain figures (labels and 0-100 scores), not a ScoreResult, so the geometry
is tested on its own: a score of 50 sits half way along its axis, an empty heatmap cell is marked
and never coloured as zero, a confidence interval's whisker spans exactly its interval.

Each chart is built twice: a wide layout for the PDF and desktop screens and a narrow one (at most
NARROW px wide, labels above their bars instead of beside them) that a phone shows at full size,
so no chart text is drawn smaller than 9 px on a 390 px screen. Both carry the same description,
which states the data, and the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tila.report import fmt
from tila.report.svg import (
    BAND_TINTS,
    GRID,
    INK,
    MUTED,
    NARROW,
    OKABE_ITO,
    SEQUENTIAL,
    Chart,
    Line,
    Rect,
    Shape,
    Table,
    Text,
    about,
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
           line: float = 13, weight: str = "normal") -> list[Shape]:
    """A wrapped label whose lines are centred vertically on ``y``."""
    lines = wrap(label, width)
    top = y - (len(lines) - 1) * line / 2
    return [Text(r2(x), r2(top + i * line), t, anchor=anchor, size=size, weight=weight)
            for i, t in enumerate(lines)]


def both(build: Callable[..., Chart], *args: object) -> Chart:
    """The wide chart with its narrow twin attached (the twin's ids end in '-n')."""
    wide, small = build(*args, narrow=False), build(*args, narrow=True)
    return replace(wide, narrow=replace(small, id=wide.id + "-n"))


@dataclass(frozen=True)
class Axis:
    """A linear 0-100 (or any) axis mapped onto pixels."""

    lo: float
    hi: float
    x0: float
    x1: float

    def x(self, v: float) -> float:
        return r2(self.x0 + (v - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0))


def whisker(axis: Axis, lo: float, hi: float, mid: float, cap: float = 6,
            stroke: str = INK) -> list[Shape]:
    """A 95% interval: a line from lo to hi with an end cap at each end."""
    return [Line(axis.x(lo), r2(mid), axis.x(hi), r2(mid), stroke=stroke, width=1.5),
            Line(axis.x(lo), r2(mid - cap), axis.x(lo), r2(mid + cap), stroke=stroke, width=1.5),
            Line(axis.x(hi), r2(mid - cap), axis.x(hi), r2(mid + cap), stroke=stroke, width=1.5)]


def principle_bars(rows: Sequence[tuple[str, float, float, float]],
                   bands: Sequence[tuple[str, float, float]]) -> Chart:
    """Horizontal bars (score) with 95% CI whiskers over the stage bands (label, min, max)."""
    return both(_bars, rows, bands)


def _bars(rows: Sequence[tuple[str, float, float, float]],
          bands: Sequence[tuple[str, float, float]], *, narrow: bool) -> Chart:
    # Narrow: the label sits on its own line above the bar, so the axis gets the full width.
    axis = Axis(0, 100, 8, 288) if narrow else Axis(0, 100, 220, 600)
    top = 40.0
    shapes: list[Shape] = []
    body: list[Shape] = []
    y = top
    for label, s, lo, hi in rows:
        if narrow:
            lines = wrap(label, 44)
            body += [Text(axis.x0, r2(y + 12 + 13 * k), t, size=11) for k, t in enumerate(lines)]
            mid = y + 13 * len(lines) + 12
            y = mid + 14
        else:
            mid = y + 18
            body += _label(axis.x0 - 8, mid + 4, label, 32)
            y += 36
        if fmt.ok(s):
            body.append(Rect(axis.x0, r2(mid - 8), r2(axis.x(s) - axis.x0), 16,
                             OKABE_ITO["blue"]))
        end = axis.x(s) if fmt.ok(s) else axis.x0
        if fmt.ok(lo) and fmt.ok(hi):
            body += whisker(axis, lo, hi, mid)
            end = max(end, axis.x(hi))
        body.append(Text(r2(end + 6), r2(mid + 4), fmt.score(s), size=11, weight="bold"))
    for i, (label, lo_b, hi_b) in enumerate(bands):
        shapes.append(Rect(axis.x(lo_b), top - 6, r2(axis.x(hi_b) - axis.x(lo_b)), r2(y - top + 6),
                           BAND_TINTS[i % len(BAND_TINTS)]))
        for j, part in enumerate(wrap(label, 12 if narrow else 16)):
            shapes.append(Text(r2((axis.x(lo_b) + axis.x(hi_b)) / 2), 13 + j * 12, part,
                               anchor="middle", size=10, fill=MUTED))
    shapes += body
    for tick in (0, 25, 50, 75, 100):
        shapes += [Line(axis.x(tick), r2(y), axis.x(tick), r2(y + 4), stroke=MUTED),
                   Text(axis.x(tick), r2(y + 16), str(tick), anchor="middle", size=10,
                        fill=MUTED)]
    band_words = ", ".join(f"{b} from {fmt.score(lo_b)} to {fmt.score(hi_b)}"
                           for b, lo_b, hi_b in bands)
    data = "; ".join(f"{lab} {fmt.score(s)} ({about(lo, hi)})" for lab, s, lo, hi in rows)
    return Chart("bars", "Principle scores with 95% confidence intervals",
                 "Bar chart of each principle's score from 0 to 100 with a line for its 95% "
                 f"confidence interval, drawn over the stage bands ({band_words}). {data}.",
                 NARROW if narrow else 650, r2(y + 24), tuple(shapes),
                 Table("Principle scores and 95% confidence intervals",
                       ("Principle", "Score", "95% CI"),
                       tuple((lab, fmt.score(s), fmt.interval(lo, hi))
                             for lab, s, lo, hi in rows)))


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str],
            cells: Sequence[Sequence[float | None]],
            row_short: Sequence[str] | None = None) -> Chart:
    """Principle x domain scores: a number and a colour per cell; cells with no items hatched.

    The narrow layout turns the grid round (domains as rows, principles as columns, named by
    ``row_short``), because six columns fit a phone and ten do not.
    """
    return both(_heatmap, row_labels, col_labels, cells, row_short or row_labels)


def _heatmap(row_labels: Sequence[str], col_labels: Sequence[str],
             cells: Sequence[Sequence[float | None]], row_short: Sequence[str], *,
             narrow: bool) -> Chart:
    shapes: list[Shape] = []
    if narrow:
        left, top, cw, ch = 92.0, 40.0, 40.0, 28.0
        heads, sides = list(row_short), list(col_labels)
        grid = [[cells[i][j] for i in range(len(row_labels))] for j in range(len(col_labels))]
        side_wrap = 14
    else:
        # 160 + 44 per domain: ten domains fit 610 px, so a desktop page shows the text at
        # full size (a wider chart would be scaled down below 9 px).
        left, top, cw, ch = 160.0, 46.0, 44.0, 32.0
        heads, sides, grid = list(col_labels), list(row_labels), [list(r) for r in cells]
        side_wrap = 26
    for j, label in enumerate(heads):  # staggered on two lines so neighbours never touch
        x = left + cw * j + cw / 2
        shapes.append(Text(r2(x), 14 if j % 2 == 0 else 30, label, anchor="middle", size=10))
    for i, label in enumerate(sides):
        y = top + ch * i
        shapes += _label(left - 8, y + ch / 2 + 4, label, side_wrap, size=10.5 if not narrow
                         else 10, line=12)
        for j, v in enumerate(grid[i]):
            x = left + cw * j
            if v is None or not fmt.ok(v):
                shapes += [Rect(r2(x), r2(y), cw - 2, ch - 2, "#ffffff", stroke=GRID,
                                pattern="hatch"),
                           Text(r2(x + cw / 2 - 1), r2(y + ch / 2 + 4), fmt.DASH,
                                anchor="middle", size=11, fill=INK)]
                continue
            fill = sequential(v)
            shapes += [Rect(r2(x), r2(y), cw - 2, ch - 2, fill),
                       Text(r2(x + cw / 2 - 1), r2(y + ch / 2 + 4), fmt.score(v),
                            anchor="middle", size=11 if not narrow else 10.5,
                            fill=text_on(fill))]
    # Legend: one swatch per 10 points with the boundaries written under it, and the hatched
    # cell explained once here rather than in every empty cell.
    ly = top + ch * len(sides) + 12
    lx, sw = (8.0, 22.0) if narrow else (left, 24.0)
    shapes.append(Text(lx, r2(ly + 10), "Score:", size=10, fill=MUTED))
    lx += 40
    for k, fill in enumerate(SEQUENTIAL):
        shapes.append(Rect(r2(lx + sw * k), r2(ly), sw, 12, fill))
    for k in range(0, 11, 2):
        shapes.append(Text(r2(lx + sw * k), r2(ly + 25), str(10 * k), anchor="middle", size=10,
                           fill=MUTED))
    ly += 36
    shapes += [Rect(8 if narrow else left, r2(ly), 18, 12, "#ffffff", stroke=GRID,
                    pattern="hatch"),
               Text(r2((8 if narrow else left) + 24), r2(ly + 10),
                    f"{fmt.DASH} no statement covers this pair", size=10, fill=MUTED)]
    width = NARROW if narrow else r2(max(left + cw * len(heads) + 10, left + 300))
    # The table has a row per domain and a column per principle: seven columns fit a page
    # and a phone, eleven do not.
    rows = tuple((domain, *(fmt.score(cells[i][j]) if cells[i][j] is not None else "no items"
                            for i in range(len(row_labels))))
                 for j, domain in enumerate(col_labels))
    data = "; ".join(f"{label}: " + ", ".join(
        f"{c} {fmt.score(v) if v is not None and fmt.ok(v) else 'no statements'}"
        for c, v in zip(col_labels, cells[i], strict=True))
        for i, label in enumerate(row_labels))
    return Chart("heatmap", "Principles across implementation domains",
                 "Grid of principles by implementation domains. Each cell shows the average "
                 "statement score for that pair, darker for higher; hatched cells have no "
                 f"statements. {data}.", width, r2(ly + 20),
                 tuple(shapes), Table("Average statement score by domain and principle",
                                      ("Domain", *row_short), rows), patterns=("hatch",))


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


def bar_segments(shapes: list[Shape], counts: Sequence[int], colours: Sequence[str], *,
                 centre: float, per_pct: float, top: float, height: float,
                 label_size: float, label_room: float, label_y: float) -> list[float]:
    """One statement's diverging bar: a segment per answer point, laid so the neutral middle
    (or the gap between the two halves) sits on ``centre``, each wide enough segment labelled
    with its share (``label_room``: the width "100%" needs at ``label_size``; ``label_y``: the
    label's baseline below ``top``). Appends to ``shapes``; returns the shares in percent.
    Shared by the screen chart and the compact printed one, which differ only in size."""
    k = len(counts)
    neg, has_mid = k // 2, k % 2 == 1
    n = sum(counts)
    pct = [100 * c / n if n else 0.0 for c in counts]
    x = centre - (sum(pct[:neg]) + (pct[neg] / 2 if has_mid else 0.0)) * per_pct
    for j, p in enumerate(pct):
        w = p * per_pct
        if w > 0:
            shapes.append(Rect(r2(x), r2(top), r2(w), height, colours[j]))
            if w >= label_room:
                shapes.append(Text(r2(x + w / 2), r2(top + label_y),
                                   f"{round(p)}%", anchor="middle", size=label_size,
                                   fill=text_on(colours[j])))
        x += w
    return pct


def diverging(chart_id: str, title: str, point_labels: Sequence[str],
              items: Sequence[ItemBar]) -> Chart:
    """One stacked bar per item, disagreement left of the centre line and agreement right.

    The middle point of an odd scale straddles the centre. The share agreeing and disagreeing is
    written at either end, so the reading never depends on telling the colours apart.
    """
    return both(_diverging, chart_id, title, point_labels, items)


def _diverging(chart_id: str, title: str, point_labels: Sequence[str],
               items: Sequence[ItemBar], *, narrow: bool) -> Chart:
    k = len(point_labels)
    colours = diverging_colours(k)
    width = NARROW if narrow else 640.0
    centre, per_pct = (170.0, 1.3) if narrow else (320.0, 2.5)
    neg, has_mid = k // 2, k % 2 == 1
    shapes: list[Shape] = []
    per_row = 2 if narrow else k  # legend entries side by side
    entry_w = (width - 20) / per_row
    chars = int((entry_w - 18) / 6)
    entry_h = 11.0 * max(len(wrap(lab, chars)) for lab in point_labels) + 9 if narrow else 0.0
    for j, lab in enumerate(point_labels):
        x, y0 = 10 + entry_w * (j % per_row), 6 + entry_h * (j // per_row)
        shapes.append(Rect(r2(x), r2(y0), 12, 12, colours[j]))
        for m, part in enumerate(wrap(lab, chars)):
            shapes.append(Text(r2(x + 16), r2(y0 + 10 + m * 11), part, size=10))
    y = 36 + entry_h * ((k - 1) // per_row)
    shapes += [Text(4, r2(y + 8), "Disagree", size=10, fill=MUTED),
               Text(width - 4, r2(y + 8), "Agree", anchor="end", size=10, fill=MUTED)]
    y += 14
    rows, said = [], []
    for item in items:
        for line in wrap(item.label, 50 if narrow else 95):
            y += 13
            shapes.append(Text(4, r2(y), line, size=10.5))
        y += 8  # clear of the statement's descenders, for the centre tick above the bar
        pct = bar_segments(shapes, item.counts, colours, centre=centre, per_pct=per_pct, top=y,
                           height=16, label_size=10, label_room=24, label_y=12)
        disagree, agree = sum(pct[:neg]), sum(pct[k - neg:])
        shapes += [Text(4, r2(y + 12), f"{round(disagree)}%", size=10, weight="bold"),
                   Text(width - 4, r2(y + 12), f"{round(agree)}%", anchor="end", size=10,
                        weight="bold")]
        # The centre line stops at the bar's edges, so it never crosses the middle label.
        shapes += [Line(centre, r2(y - 3), centre, r2(y), stroke=INK),
                   Line(centre, r2(y + 16), centre, r2(y + 20), stroke=INK)]
        y += 24
        rows.append((item.label, *(str(c) for c in item.counts), fmt.score(item.score)))
        middle = f", {round(pct[neg])}% {point_labels[neg].lower()}" if has_mid else ""
        said.append(f"{item.label.rstrip('.')}: {round(disagree)}% disagree{middle}, "
                    f"{round(agree)}% agree (score {fmt.score(item.score)})")
    return Chart(chart_id, title,
                 "Stacked bars of how people answered each statement, weakest first: "
                 "disagreement to the left of the centre line, agreement to the right. "
                 + "; ".join(said) + ".",
                 width, r2(y + 4), tuple(shapes),
                 Table(title, ("Statement", *point_labels, "Score"), tuple(rows)))
