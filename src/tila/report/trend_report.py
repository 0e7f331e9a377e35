"""The "Change over time" section, and the trend report: the latest wave's report with that
section added. Every number and sentence is computed here (and in trend/words.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tila.report import fmt
from tila.report.svg import Chart, Table
from tila.report.trend_charts import line_chart
from tila.trend.words import line_sentences, method_sentences

if TYPE_CHECKING:
    from tila.report.options import ReportOptions
    from tila.scoring.result import ScoreResult
    from tila.trend.align import Alignment
    from tila.trend.waves import Trend

TITLE = "Change over time"


@dataclass(frozen=True)
class TrendPanel:
    title: str
    chart: Chart
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class TrendSection:
    title: str
    intro: str
    note: str | None  # the waves were compared on shared statements only
    panels: tuple[TrendPanel, ...]  # one per principle
    overall: tuple[str, ...]  # the overall index in sentences
    table: Table  # every change in one table
    method: tuple[str, ...]  # which comparison each pair of waves used
    groups: tuple[Table, ...] = ()  # per --by field: each group's overall score in each wave
    groups_note: str = ""


def _intro(trend: Trend) -> str:
    waves = [f"{w.label} ({fmt.count(w.result.respondents, 'person', 'people')})"
             for w in trend.waves]
    below = ("the change since the first wave and since the wave before the last"
             if len(waves) > 2 else "the change since the first wave")
    return (f"{fmt.count(len(waves), 'wave')} of the survey: {fmt.join(waves)}. Each chart "
            "shows a principle's score in every wave with its 95% confidence interval. Below "
            f"each chart is {below}; when the interval of a change includes zero, the change "
            "could be chance and reads “no reliable change”. The rest of this report describes "
            f"the latest wave, {trend.waves[-1].label}.")


def _table(trend: Trend) -> Table:
    rows = []
    for line in trend.lines:
        for c in dict.fromkeys((*line.since_first, *line.since_previous)):
            rows.append((line.title, f"{c.earlier} to {c.later}", fmt.signed(c.diff),
                         fmt.interval(c.lo, c.hi, sign=True),
                         "paired" if c.method == "paired" else "separate groups", c.verdict))
    return Table("Every change between waves (95% confidence interval)",
                 ("Principle", "Waves", "Change", "95% CI", "Compared as", "Reading"),
                 tuple(rows))


def _group_cell(result: ScoreResult, field: str, value: str) -> str:
    """A group's overall score in one wave, or why there is none; hidden groups show nothing
    but the fact that they are hidden (the wave's own suppression decided that)."""
    gb = result.groups.get(field)
    g = next((x for x in gb.groups if x.value == value), None) if gb is not None else None
    if g is None:
        return "no one in this wave"
    if g.suppressed or g.overall is None:
        return "not shown"
    o = g.overall
    return f"{fmt.score(o.score)} ({fmt.interval(*o.ci95)}), {g.n} people"


def group_tables(trend: Trend) -> tuple[Table, ...]:
    """Per respondent field: each group's overall score in every wave, as each wave's report
    would show it (groups hidden in a wave are hidden here too)."""
    tables = []
    fields = list(dict.fromkeys(f for w in trend.waves for f in w.result.groups))
    for field in fields:
        label = next(w.result.groups[field].label for w in trend.waves
                     if field in w.result.groups)
        values = sorted({g.value for w in trend.waves if field in w.result.groups
                         for g in w.result.groups[field].groups})
        rows = tuple((v, *(_group_cell(w.result, field, v) for w in trend.waves))
                     for v in values)
        tables.append(Table(f"{label}: overall score in each wave (95% CI)",
                            (label, *trend.labels), rows))
    return tuple(tables)


def trend_section(trend: Trend, alignment: Alignment) -> TrendSection:
    from tila.report.context import CHART_LABELS

    panels = []
    for line in trend.lines:
        if line.id == "overall":
            continue
        label = CHART_LABELS.get(line.id, line.title)
        panels.append(TrendPanel(label, line_chart(f"trend-{line.id}", label, line.points),
                                 line_sentences(line)))
    overall = next(x for x in trend.lines if x.id == "overall")
    from tila.report.sections import suppression_sentence

    groups = group_tables(trend)
    note = (suppression_sentence(trend.min_group_size) + " This rule is applied to every wave "
            "on its own; a group not shown in a wave has no figure for that wave, and no "
            "change involving it is computed.") if groups else ""
    return TrendSection(TITLE, _intro(trend), alignment.note, tuple(panels),
                        line_sentences(overall), _table(trend), method_sentences(trend),
                        groups, note)


def render_trend_report(trend: Trend, alignment: Alignment, output: str | Path, *,
                        format: str | None = None, options: ReportOptions | None = None,
                        library: Any = "builtin") -> Path:
    """The latest wave's report with the "Change over time" section, written atomically."""
    from tila.fileio import atomic_write
    from tila.report.context import with_toc
    from tila.report.options import ReportOptions
    from tila.report.render import build, builtin_library, format_for, render

    opts = options or ReportOptions()
    out = Path(output)
    fmt_ = format_for(out, format)
    lib = builtin_library() if library == "builtin" else library
    ctx = build(trend.waves[-1].result, options=opts, library=lib)
    ctx = with_toc(replace(ctx, trend=trend_section(trend, alignment)))
    atomic_write(out, render(ctx, fmt_, templates=opts.templates, variant=opts.pdf_variant))
    return out
