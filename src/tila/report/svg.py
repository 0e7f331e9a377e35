"""SVG primitives and the palette: what charts.py builds and one Jinja macro draws.

A chart is plain data: a list of shapes with coordinates already computed, plus a title, a
description and a table holding the same numbers. The template only walks the list, so the
geometry is tested in Python and the drawing code is the same for every chart. Coordinates are
rounded to two decimals so the SVG text is identical from run to run and machine to machine.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies)
and a viridis-like sequential ramp. Colour never carries meaning alone: every mark also has a
number, a label, a position or a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tila.report import fmt

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white, so small chart labels stay readable
GRID = "#c8c8c8"
#: Low to high, one colour per 10 points (0-10, 10-20, ... 90-100), so the legend can print the
#: boundaries as round numbers; light enough at the top for dark text, dark enough at the bottom
#: for white.
SEQUENTIAL = ("#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89", "#26828e", "#31688e",
              "#3e4989", "#482878", "#440154")
#: Answer colours for a five-point scale, most negative first (diverging, colour-blind safe).
DIVERGING5 = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")
#: Light tints behind the principle bars, one per stage band (low to high).
BAND_TINTS = ("#f2f2f2", "#e6e6e6", "#d9d9d9", "#cccccc")
SERIES = (OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["green"], OKABE_ITO["purple"],
          OKABE_ITO["orange"], OKABE_ITO["sky"], OKABE_ITO["black"])


def r2(x: float) -> float:
    """Round a coordinate so SVG output is byte-stable (and -0.0 prints as 0)."""
    v = round(float(x), 2)
    return 0.0 if v == 0 else v


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = "none"
    pattern: str | None = None  # id suffix of a <pattern> laid over the fill
    kind: str = "rect"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 1.0
    dash: str | None = None
    kind: str = "line"


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle, end
    size: float = 11.0
    weight: str = "normal"
    fill: str = INK
    kind: str = "text"


@dataclass(frozen=True)
class Polygon:
    points: str  # "x,y x,y ..."
    fill: str
    stroke: str = "none"
    width: float = 1.0
    opacity: float = 1.0
    dash: str | None = None
    kind: str = "polygon"


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str = "none"
    kind: str = "circle"


Shape = Rect | Line | Text | Polygon | Circle


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table: the alternative for screen readers and for print."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    table: Table
    patterns: tuple[str, ...] = field(default=())  # pattern ids the shapes use ("hatch")
    #: The same chart laid out for a phone (at most NARROW px wide, so its text is drawn at full
    #: size); the HTML shows it instead of the wide one on narrow screens.
    narrow: Chart | None = None


#: Width of the narrow layouts: fits a 390 px phone (355 px of content) without scaling down.
NARROW = 340.0
#: No chart text is smaller than this (in SVG units); a wide chart is scaled down at most to
#: about 0.93 before the narrow layout takes over, so text stays at 9 px or more on screen.
MIN_TEXT = 10.0


def points(coords: list[tuple[float, float]]) -> str:
    return " ".join(f"{r2(x)},{r2(y)}" for x, y in coords)


def text_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with a hex fill (WCAG luminance)."""
    rgb = [int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def sequential(score: float) -> str:
    """The ramp colour for a 0-100 score (higher is darker): one step per 10 points, with a
    boundary value in the upper step (50.0 is 50-60), as the legend says."""
    k = min(len(SEQUENTIAL) - 1, max(0, int(score // 10)))
    return SEQUENTIAL[k]


def about(lo: float, hi: float) -> str:
    """An interval in words for a description read aloud: '95% CI 58.0 to 66.2'."""
    return f"95% CI {fmt.score(lo)} to {fmt.score(hi)}" if fmt.ok(lo) and fmt.ok(hi) else \
        "no interval"


def marker(shape: int, cx: float, cy: float, r: float, fill: str) -> Shape:
    """Group markers differ by shape as well as colour (circle, square, triangles, diamond)."""
    kinds = shape % 5
    if kinds == 0:
        return Circle(r2(cx), r2(cy), r2(r), fill, stroke="#ffffff")
    if kinds == 1:
        return Rect(r2(cx - r), r2(cy - r), r2(2 * r), r2(2 * r), fill, stroke="#ffffff")
    if kinds == 2:
        pts = [(cx, cy - r * 1.2), (cx + r * 1.1, cy + r * 0.9), (cx - r * 1.1, cy + r * 0.9)]
    elif kinds == 3:
        pts = [(cx, cy - r * 1.3), (cx + r * 1.3, cy), (cx, cy + r * 1.3), (cx - r * 1.3, cy)]
    else:
        pts = [(cx - r * 1.1, cy - r * 0.9), (cx + r * 1.1, cy - r * 0.9), (cx, cy + r * 1.2)]
    return Polygon(points(pts), fill, stroke="#ffffff")
