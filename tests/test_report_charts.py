"""Chart geometry: positions match the numbers, and meaning never rests on colour alone."""

from __future__ import annotations

import math

import pytest

from tila.report.charts import ItemBar, diverging, heatmap, principle_bars, radar, wrap
from tila.report.compare_charts import ChangeRow, change, group_dots
from tila.report.svg import Circle, Line, Polygon, Rect, Text, text_on

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
    assert "none" in texts(c)
    assert c.table.rows == (("Safety", "0.0", "no items"),)


def test_diverging_bar_splits_the_middle_answer_across_the_centre() -> None:
    c = diverging("items-x", "t", ["SD", "D", "N", "A", "SA"],
                  [ItemBar("An item", (10, 10, 20, 30, 30), 60.0)])
    segs = [s for s in c.shapes if isinstance(s, Rect) and s.h == 16]
    assert len(segs) == 5
    # Disagree (20%) plus half the middle (10%) lie left of the centre at x=320, 2.5 px per %.
    assert segs[0].x == 320 - 30 * 2.5
    assert math.isclose(segs[2].x + segs[2].w / 2, 320)
    assert {"20%", "60%"} <= set(texts(c))  # totals at either end, readable without colour


def test_group_dots_use_different_shapes_per_group() -> None:
    c = group_dots("g", "t", ["Safety"], [("A", [50.0]), ("B", [60.0]), ("C", [None])])
    kinds = [type(s).__name__ for s in c.shapes if isinstance(s, Circle | Rect | Polygon)
             and getattr(s, "stroke", "") == "#ffffff"]
    assert kinds[:3] == ["Circle", "Rect", "Polygon"]  # legend markers differ by shape
    assert c.table.rows == (("Safety", "50.0", "60.0", "—"),)


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
