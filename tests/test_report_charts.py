"""Chart geometry: positions match the numbers, and meaning never rests on colour alone."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from tila.report.charts import ItemBar, diverging, heatmap, principle_bars, wrap
from tila.report.compare_charts import ChangeRow, change, group_dots
from tila.report.radar_chart import radar
from tila.report.svg import MIN_TEXT, NARROW, Chart, Circle, Line, Polygon, Rect, Text, text_on

BANDS = [("Trauma aware", 0, 25), ("Trauma sensitive", 25, 50), ("Trauma responsive", 50, 75),
         ("Trauma informed", 75, 100)]


def texts(chart: object) -> list[str]:
    return [s.text for s in chart.shapes if isinstance(s, Text)]  # type: ignore[attr-defined]


def test_bar_length_and_whisker_follow_score_and_interval() -> None:
    c = principle_bars([("Safety", 50.0, 40.0, 60.0), ("Peer", 100.0, 90.0, 100.0)], BANDS)
    bars = [s for s in c.shapes if isinstance(s, Rect) and s.fill == "#0072B2"]
    assert [b.w for b in bars] == [190.0, 380.0]  # 0-100 spans 380 px from x=220
    whisker = next(s for s in c.shapes if isinstance(s, Line) and s.width == 1.5)
    assert (whisker.x1, whisker.x2) == (220 + 0.4 * 380, 220 + 0.6 * 380)
    # Bands are drawn behind the bars, labelled in words, and tile 0-100 without gaps.
    tints = [s for s in c.shapes if isinstance(s, Rect) and s.fill != "#0072B2"]
    assert tints[0].x == 220
    assert math.isclose(tints[-1].x + tints[-1].w, 600)
    assert {"Trauma aware", "Trauma informed", "Trauma", "responsive"} <= set(texts(c))
    assert [t for t in texts(c) if "." in t] == ["50.0", "100.0"]
    assert c.table.rows[0] == ("Safety", "50.0", "40.0–60.0")


def test_missing_score_is_a_dash_not_a_zero_bar() -> None:
    c = principle_bars([("Safety", float("nan"), float("nan"), float("nan"))], BANDS)
    assert not [s for s in c.shapes if isinstance(s, Rect) and s.fill == "#0072B2"]
    assert "—" in texts(c)


def test_radar_labels_stay_outside_the_rim_where_the_markers_are() -> None:
    c = radar(["Safety", "Trustworthiness & transparency", "Peer support",
               "Collaboration & mutuality", "Empowerment, voice & choice",
               "Cultural, historical & gender issues"], [100, 100, 100, 100, 100, 100])
    for layout, (cx, cy, radius) in ((c, (260, 215, 140)), (c.narrow, (170, 150, 76))):
        assert layout is not None
        for t in (s for s in layout.shapes if isinstance(s, Text) and s.text not in
                  ("25", "50", "75")):
            # A text's box (baseline y, about 0.8 em above it) never enters the rim.
            nearest = min(math.hypot(t.x - cx, yy - cy) for yy in (t.y, t.y - 0.8 * t.size))
            assert nearest > radius, t
        assert texts(layout).count("100.0") == 6  # each score once, in its spoke's label


def test_radar_vertex_distance_is_proportional_to_score() -> None:
    labels = ["a", "b", "c", "d", "e", "f"]
    c = radar(labels, [100, 50, 0, 25, 75, 100])
    dots = [s for s in c.shapes if isinstance(s, Circle)]
    dist = [math.hypot(d.cx - 260, d.cy - 215) / 140 * 100 for d in dots]
    assert [round(x) for x in dist] == [100, 50, 0, 25, 75, 100]
    assert dots[0].cx == 260
    assert dots[0].cy == 75
    assert c.desc.endswith("a 100.0; b 50.0; c 0.0; d 25.0; e 75.0; f 100.0.")


def test_radar_with_baseline_draws_a_dashed_outline_and_a_legend() -> None:
    c = radar(["a", "b", "c"], [60, 60, 60], [40, 40, 40])
    dashed = [s for s in c.shapes if isinstance(s, Polygon) and s.dash]
    assert len(dashed) == 1
    assert {"This survey", "Baseline"} <= set(texts(c))
    assert c.table.header == ("Principle", "Score (0–100)", "Baseline")


def test_heatmap_marks_empty_cells_and_never_colours_them_as_zero() -> None:
    c = heatmap(["Safety"], ["Policy", "Financing"], [[0.0, None]])
    cells = [s for s in c.shapes if isinstance(s, Rect) and s.h == 30]
    zero, empty = cells[0], cells[1]
    assert zero.fill == "#fde725"
    assert zero.pattern is None
    assert empty.fill == "#ffffff"
    assert empty.pattern == "hatch"
    assert "0.0" in texts(c)
    assert c.table.header == ("Domain", "Safety")
    assert c.table.rows == (("Policy", "0.0"), ("Financing", "no items"))
    # The hatching is explained once, in the legend, not in every empty cell.
    assert sum("no statement covers this pair" in t for t in texts(c)) == 1
    assert "Policy 0.0, Financing no statements" in c.desc


def test_heatmap_colours_step_every_ten_points_and_the_legend_prints_the_steps() -> None:
    c = heatmap(["a", "b", "c", "d"], ["x"], [[55.3], [56.1], [56.2], [66.1]])
    fills = {t.text: r.fill for r, t in zip(
        [s for s in c.shapes if isinstance(s, Rect) and s.h == 30],
        [s for s in c.shapes if isinstance(s, Text) and "." in s.text], strict=True)}
    assert fills["55.3"] == fills["56.1"] == fills["56.2"]  # same ten-point step
    assert fills["66.1"] != fills["56.2"]  # the next step up looks different
    assert {"0", "20", "40", "60", "80", "100"} <= set(texts(c))  # numbers on the legend


def test_heatmap_narrow_layout_turns_the_grid_round() -> None:
    c = heatmap(["Safety", "Trustworthiness"], ["Policy", "Financing", "Services"],
                [[10.0, 20.0, 30.0], [40.0, 50.0, 60.0]], ["Safety", "Trust"])
    assert c.narrow is not None
    assert c.narrow.width == NARROW
    assert {"Safety", "Trust", "Policy", "Financing", "Services"} <= set(texts(c.narrow))
    assert c.narrow.table == c.table
    # Domains are rows now: Financing's two cells (20, 50) sit on one line.
    cell_y = {s.text: s.y for s in c.narrow.shapes if isinstance(s, Text) and "." in s.text}
    assert cell_y["20.0"] == cell_y["50.0"] != cell_y["10.0"]


def test_diverging_bar_splits_the_middle_answer_across_the_centre() -> None:
    c = diverging("items-x", "t", ["SD", "D", "N", "A", "SA"],
                  [ItemBar("An item", (10, 10, 20, 30, 30), 60.0)])
    segs = [s for s in c.shapes if isinstance(s, Rect) and s.h == 16]
    assert len(segs) == 5
    # Disagree (20%) plus half the middle (10%) lie left of the centre at x=320, 2.5 px per %.
    assert segs[0].x == 320 - 30 * 2.5
    assert math.isclose(segs[2].x + segs[2].w / 2, 320)
    assert {"20%", "60%"} <= set(texts(c))  # totals at either end, readable without colour
    assert "An item: 20% disagree, 20% n, 60% agree (score 60.0)" in c.desc


def test_diverging_centre_line_never_crosses_the_bar_or_its_labels() -> None:
    c = diverging("items-x", "t", ["SD", "D", "N", "A", "SA"],
                  [ItemBar("An item", (5, 5, 80, 5, 5), 50.0)])
    for layout in (c, c.narrow):
        assert layout is not None
        bar = next(s for s in layout.shapes if isinstance(s, Rect) and s.h == 16)
        centre = [s for s in layout.shapes if isinstance(s, Line) and s.x1 == s.x2]
        assert len(centre) == 2
        for line in centre:
            assert line.y2 <= bar.y or line.y1 >= bar.y + bar.h
        assert "80%" in texts(layout)  # the neutral share is written on the bar


def test_group_dots_give_every_group_its_own_row_with_its_interval() -> None:
    # Two groups with the same score: on a shared row one marker would hide the other.
    c = group_dots("g", "t", ["Safety"], [("A", [(50.0, 40.0, 60.0)]),
                                          ("B", [(50.0, 45.0, 55.0)]), ("C", [None])])
    markers = [s for s in c.shapes if isinstance(s, Circle | Rect | Polygon)]
    assert [type(s).__name__ for s in markers] == ["Circle", "Rect"]  # shapes differ too
    ys = [s.cy if isinstance(s, Circle) else s.y + s.h / 2 for s in markers]  # type: ignore
    assert ys[0] != ys[1]
    # Each group's whisker spans its own interval on a 0-100 axis from x=120 to x=280.
    horiz = [(s.x1, s.x2) for s in c.shapes if isinstance(s, Line) and s.y1 == s.y2]
    assert (120 + 0.40 * 160, 120 + 0.60 * 160) in horiz
    assert (120 + 0.45 * 160, 120 + 0.55 * 160) in horiz
    assert {"A", "B", "C", "Safety", "—"} <= set(texts(c))  # named on its row; C has no score
    assert c.table.rows == (("Safety", "50.0 (40.0–60.0)", "50.0 (45.0–55.0)", "—"),)
    assert "Safety: A 50.0 (95% CI 40.0 to 60.0), B 50.0 (95% CI 45.0 to 55.0), C no score" \
        in c.desc


def test_group_dots_open_each_panel_with_the_whole_organization_as_reference() -> None:
    c = group_dots("g", "t", ["Safety"], [("A", [(40.0, 35.0, 45.0)])],
                   overall=[(60.0, 58.0, 62.0)])
    names = [s for s in c.shapes if isinstance(s, Text) and s.text in ("Whole organization", "A")]
    assert [t.text for t in names] == ["Whole organization", "A"]  # reference row first
    assert names[0].weight == "bold"
    ref = [s for s in c.shapes if isinstance(s, Line) and s.x1 == s.x2 == 120 + 0.6 * 160
           and s.stroke != "#c8c8c8"]
    assert ref  # a line at the organization's 60.0 runs through the panel
    assert ref[0].y2 - ref[0].y1 >= 36  # ... across both rows
    assert c.table.header == ("Principle", "Whole organization", "A")
    assert "Safety: Whole organization 60.0 (95% CI 58.0 to 62.0), A 40.0" in c.desc


def test_group_dot_panels_sit_two_abreast_and_never_overlap() -> None:
    groups = [(f"Group {g}", [(10.0 * g + k, 10.0 * g + k - 5, 10.0 * g + k + 5)
                              for k in range(3)]) for g in range(1, 4)]
    c = group_dots("g", "t", ["P1", "P2", "P3"], groups)
    heads = {s.text: (s.x, s.y) for s in c.shapes if isinstance(s, Text) and s.weight == "bold"
             and s.text.startswith("P")}
    assert heads["P1"][1] == heads["P2"][1] < heads["P3"][1]  # P1 and P2 side by side
    assert heads["P1"][0] < heads["P2"][0]
    assert heads["P3"][0] == heads["P1"][0]
    assert c.narrow is not None
    narrow_heads = [s.y for s in c.narrow.shapes if isinstance(s, Text) and s.weight == "bold"
                    and s.text.startswith("P")]
    assert narrow_heads == sorted(set(narrow_heads))  # one panel a row on a phone
    # Every marker of the wide layout lies inside the chart and inside its own panel's axis.
    for s in c.shapes:
        if isinstance(s, Circle | Rect | Polygon):
            x = s.cx if isinstance(s, Circle) else (s.x + s.w / 2 if isinstance(s, Rect)
                                                    else float(s.points.split(",")[0]))
            assert 120 <= x <= 280 or 440 <= x <= 600


@pytest.mark.parametrize(("lo", "hi", "verdict"), [(-1.0, 5.0, "no reliable change"),
                                                   (1.0, 5.0, "reliable improvement"),
                                                   (-5.0, -1.0, "reliable decline")])
def test_change_rows_read_no_reliable_change_when_the_interval_includes_zero(
        lo: float, hi: float, verdict: str) -> None:
    row = ChangeRow("Safety", (lo + hi) / 2, lo, hi)
    c = change([row])
    assert row.verdict == verdict
    assert verdict in texts(c)
    bar = next(s for s in c.shapes if isinstance(s, Rect))
    assert (bar.pattern == "hatch") is (verdict == "no reliable change")


def test_change_zero_line_never_crosses_a_label() -> None:
    c = change([ChangeRow("Trustworthiness & transparency", 2.0, -3.0, 7.0),
                ChangeRow("Safety", 9.5, 5.3, 13.8)])
    for layout in (c, c.narrow):
        assert layout is not None
        zero = [s for s in layout.shapes if isinstance(s, Line) and s.x1 == s.x2
                and s.y2 - s.y1 > 12]
        labels = [s for s in layout.shapes if isinstance(s, Text)
                  and s.text in ("Trustworthiness & transparency", "Safety")]
        assert len(zero) == 2
        assert len(labels) == 2
        for t in labels:
            for z in zero:  # the text box (baseline - 0.8 em to baseline) misses the line
                crosses = z.y1 < t.y and z.y2 > t.y - 0.8 * t.size and \
                    (t.x <= z.x1 if t.anchor == "start" else t.x >= z.x1)
                assert not crosses, (t, z)


def test_same_input_gives_identical_geometry_and_rounded_coordinates() -> None:
    a = radar(["a", "b", "c", "d", "e", "f"], [33.333, 66.667, 12.5, 90, 45, 70])
    b = radar(["a", "b", "c", "d", "e", "f"], [33.333, 66.667, 12.5, 90, 45, 70])
    assert a == b
    for s in a.shapes:
        if isinstance(s, Circle):
            assert round(s.cx, 2) == s.cx


def test_text_colour_contrasts_with_its_fill_and_labels_wrap_on_words() -> None:
    assert text_on("#fde725") == "#000000"
    assert text_on("#482878") == "#ffffff"
    assert wrap("Cultural, historical & gender issues", 18) == ["Cultural,", "historical &",
                                                                "gender issues"]


def _all_charts() -> list[Chart]:
    rows = [("Cultural, historical & gender issues", 58.2, 56.2, 60.3), ("Safety", 99.0, 97.0,
                                                                        100.0)]
    return [principle_bars(rows, BANDS),
            heatmap(["Safety", "Peer support"], ["Policy", "Cross-sector"], [[55.0, None],
                                                                             [None, 70.0]],
                    ["Safety", "Peer support"]),
            diverging("items-x", "How people answered", ["Strongly disagree", "Disagree",
                                                         "Neither agree nor disagree", "Agree",
                                                         "Strongly agree"],
                      [ItemBar("I can speak up in team meetings without fear of being blamed "
                               "for a mistake that was not mine.", (1, 2, 3, 4, 5), 60.0)]),
            group_dots("g", "t", ["Safety"], [("Peer or lived-experience staff",
                                               [(50.0, 40.0, 60.0)])]),
            change([ChangeRow("Empowerment, voice & choice", -3.0, -8.0, 2.0)]),
            radar(["a", "b", "c", "d", "e", "f"], [10, 20, 30, 40, 50, 60])]


@pytest.mark.parametrize("chart", _all_charts(), ids=lambda c: c.id)
def test_every_chart_has_a_narrow_layout_with_legible_text(chart: Chart) -> None:
    """A phone shows the narrow layout at full size: it must fit, and no text may be tiny."""
    assert chart.narrow is not None
    for layout in (chart, chart.narrow):
        sizes = [s.size for s in layout.shapes if isinstance(s, Text)]
        assert min(sizes) >= MIN_TEXT
        ends = [s.x for s in layout.shapes if isinstance(s, Text) and s.anchor == "end"]
        assert all(0 < x <= layout.width for x in ends)
    assert chart.narrow.width <= NARROW
    assert chart.narrow.desc == chart.desc  # the same words describe both


@pytest.mark.parametrize("chart", _all_charts(), ids=lambda c: c.id)
def test_every_chart_description_states_its_numbers(chart: Chart) -> None:
    """The description is the PDF's alt text: it must carry the data, not only the title."""
    numbers = {x for row in chart.table.rows for c in row[1:]
               for x in re.findall(r"[−+]?\d+\.\d", c)}
    assert numbers
    for x in numbers:
        assert x in chart.desc, (x, chart.desc)


def _compact_chart() -> Chart:
    from tila.report.item_chart import compact

    long = ("Many staff here feel alone with the hardest parts of their work, and nobody "
            "notices until someone leaves. (worded the other way round: 31% disagreed)")
    return compact("items-x", "How people answered", ["Unfavourable", "Neutral", "Favourable"],
                   [ItemBar("Short statement.", (62, 31, 7), 30.0),
                    ItemBar(long, (0, 0, 10), 100.0), ItemBar("All bad.", (10, 0, 0), 0.0)])


def test_compact_statement_bars_keep_text_clear_of_the_bars() -> None:
    """On paper each statement sits beside its bar: no label may run into the unfavourable
    share written left of the bars, and a full bar must stop short of the favourable share."""
    from tila.report.item_chart import PCT_X, WIDTH

    c = _compact_chart()
    bars = [s for s in c.shapes if isinstance(s, Rect) and s.h == 12]
    labels = [s for s in c.shapes if isinstance(s, Text) and s.anchor == "start" and s.x == 4]
    # About 5.5 px per character of a 10 px label; the longest line must end before PCT_X.
    assert max(4 + 5.5 * len(t.text) for t in labels) < PCT_X
    assert min(b.x for b in bars) > PCT_X + 28  # "100%" in bold fits between
    assert max(b.x + b.w for b in bars) < WIDTH - 28
    # A long statement wraps and its row grows: no two label lines overlap, and each bar sits
    # level with its own statement (between its first and last line).
    ys = sorted(t.y for t in labels)
    assert len(ys) > 3
    assert all(b - a >= 12 for a, b in itertools.pairwise(ys))
    tops = sorted({b.y for b in bars})
    assert len(tops) == 3
    long_lines = ys[1:-1]
    assert long_lines[0] - 10 < tops[1] + 6 < long_lines[-1]


def test_compact_statement_bars_write_both_shares_and_split_the_middle_at_the_centre() -> None:
    from tila.report.item_chart import CENTRE, PER_PCT

    c = _compact_chart()
    first = [s for s in c.shapes if isinstance(s, Rect) and s.h == 12][:3]
    # Unfavourable 62% and half the neutral 31% lie left of the centre line.
    assert first[0].x == pytest.approx(CENTRE - (62 + 15.5) * PER_PCT, abs=0.01)
    assert {"62%", "7%", "100%", "0%"} <= set(texts(c))
    assert "Short statement: 62% unfavourable, 31% neutral, 7% favourable (score 30.0)" in c.desc
    centre = [s for s in c.shapes if isinstance(s, Line) and s.x1 == s.x2 == CENTRE]
    bars = [s for s in c.shapes if isinstance(s, Rect) and s.h == 12]
    for line in centre:  # the centre ticks stop at the bars' edges, never crossing a label
        assert not any(b.y < line.y2 and line.y1 < b.y + b.h and b.x <= CENTRE <= b.x + b.w
                       for b in bars)
