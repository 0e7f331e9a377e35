"""How people answered a principle's statements: favourable, neutral and unfavourable bars.

The wide layout is compact, for paper: each statement sits beside its bar on one row (two when
it is long), so a principle of a dozen statements and its text share a page, and two short
principles share one. The narrow layout for phones is the shared diverging chart, with the
statement above its bar. Reverse wording is undone before anything is drawn (``favour``), and
the favourable and unfavourable shares are written at either end, so the reading never depends
on telling the colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tila.report import fmt
from tila.report.charts import ItemBar, _diverging, _label, bar_segments, diverging_colours, wrap
from tila.report.favour import favour, said
from tila.report.svg import INK, MUTED, Chart, Line, Rect, Shape, Table, Text, r2
from tila.scoring.result import ItemStat

WIDTH = 640.0
LABEL_CHARS = 70  # a 10 px statement wraps at 70 characters within the 396 px label column
CENTRE, PER_PCT = 530.0, 0.8  # the bar: up to 80 px either side of the centre line
PCT_X = 404.0  # where the unfavourable share is written, left of the bar
ROW_LINE = 12.0


def compact(chart_id: str, title: str, point_labels: Sequence[str],
            items: Sequence[ItemBar]) -> Chart:
    """Label beside bar, one row per statement; the bar diverges from a centre line."""
    k = len(point_labels)
    colours = diverging_colours(k)
    neg, has_mid = k // 2, k % 2 == 1
    shapes: list[Shape] = []
    entry_w = 92.0
    for j, lab in enumerate(point_labels):  # legend on one line, over the statements
        x = 4 + entry_w * j
        shapes += [Rect(r2(x), 4, 11, 11, colours[j]), Text(r2(x + 15), 13.5, lab, size=10)]
    shapes += [Text(PCT_X, 13.5, point_labels[0], size=9.5, fill=MUTED),
               Text(WIDTH - 2, 13.5, point_labels[-1], anchor="end", size=9.5, fill=MUTED)]
    y = 20.0
    rows, saying = [], []
    for item in items:
        lines = len(wrap(item.label, LABEL_CHARS))
        height = max(20.0, lines * ROW_LINE + 6)
        mid = y + height / 2
        shapes += _label(4, mid + 3.5, item.label, LABEL_CHARS, anchor="start", size=10,
                         line=ROW_LINE)
        top = mid - 6
        pct = bar_segments(shapes, item.counts, colours, centre=CENTRE, per_pct=PER_PCT,
                           top=top, height=12, label_size=9, label_room=22, label_y=9.5)
        bad, good = sum(pct[:neg]), sum(pct[k - neg:])
        shapes += [Text(PCT_X, r2(top + 10.5), f"{round(bad)}%", size=10, weight="bold"),
                   Text(WIDTH - 2, r2(top + 10.5), f"{round(good)}%", anchor="end", size=10,
                        weight="bold"),
                   # The centre line stops at the bar's edges, so it never crosses a label.
                   Line(CENTRE, r2(top - 3), CENTRE, r2(top), stroke=INK),
                   Line(CENTRE, r2(top + 12), CENTRE, r2(top + 15), stroke=INK)]
        y += height
        rows.append((item.label, *(str(c) for c in item.counts), fmt.score(item.score)))
        middle = f", {round(pct[neg])}% {point_labels[neg].lower()}" if has_mid else ""
        saying.append(f"{item.label.rstrip('.')}: {round(bad)}% "
                      f"{point_labels[0].lower()}{middle}, {round(good)}% "
                      f"{point_labels[-1].lower()} (score {fmt.score(item.score)})")
    return Chart(chart_id, title,
                 "Stacked bars of the share of favourable, neutral and unfavourable answers to "
                 "each statement, weakest first; for statements worded the other way round, "
                 "disagreeing counts as favourable. " + "; ".join(saying) + ".",
                 WIDTH, r2(y + 4), tuple(shapes),
                 Table(title, ("Statement", *point_labels, "Score"), tuple(rows)))


def favourable_chart(chart_id: str, title: str, stats: list[ItemStat]) -> Chart:
    """Favourable / neutral / unfavourable bars, reverse wording undone before drawing."""
    has_mid = all(len(st.counts) % 2 == 1 for st in stats)
    labels = ("Unfavourable", "Neutral", "Favourable") if has_mid else ("Unfavourable",
                                                                        "Favourable")
    bars = []
    for st in stats:
        f = favour(st)
        counts = (f.unfavourable, f.neutral, f.favourable) if has_mid else (f.unfavourable,
                                                                             f.favourable)
        label = st.text + (f" (worded the other way round: {said(f)})" if st.reverse else "")
        bars.append(ItemBar(label, counts, st.score))
    wide = compact(chart_id, title, labels, bars)
    small = _diverging(chart_id + "-n", title, labels, bars, narrow=True)  # phones only
    # The shared diverging chart names its two sides by agreement; these bars are recoded.
    sides = {"Disagree": "Unfavourable", "Agree": "Favourable"}
    shapes = tuple(replace(s, text=sides[s.text]) if isinstance(s, Text) and s.text in sides
                   else s for s in small.shapes)
    return replace(wide, narrow=replace(small, shapes=shapes, desc=wide.desc))
