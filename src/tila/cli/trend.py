"""``tila trend``: three (or two) waves of a survey side by side, with the change between them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tila.cli import inputs as inputs_

if TYPE_CHECKING:
    from tila.trend.align import Alignment
    from tila.trend.change import Change
    from tila.trend.waves import Trend


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"
    pdf = "pdf"


def _usage(message: str) -> None:
    from tila.cli.output import wrap_for_terminal

    typer.echo(wrap_for_terminal(f"tila trend: {message}"), err=True)
    raise typer.Exit(2)


def _waves(waves: list[str], files: list[Path]) -> list[tuple[str, Path]]:
    if waves and files:
        _usage("give the waves either as --wave LABEL=FILE or as files, not both")
    out = []
    for w in waves:
        label, sep, path = w.partition("=")
        if not sep or not path:
            _usage(f"--wave '{w}' is not LABEL=FILE (e.g. --wave 'Spring 2026=spring.csv')")
        out.append((label.strip(), Path(path)))
    return out or [(f.stem, f) for f in files]


def _format(fmt: TrendFormat | None, output: Path | None) -> TrendFormat:
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return {"json": TrendFormat.json, "html": TrendFormat.html, "htm": TrendFormat.html,
            "pdf": TrendFormat.pdf}.get(suffix, TrendFormat.table)


def trend_command(
    files: list[Path] = typer.Argument(None, metavar="FILE", show_default=False,
                                       help="One response file per wave, oldest first, "
                                       "labelled by file name (or use --wave)."),
    wave: list[str] = typer.Option([], "--wave", metavar="LABEL=FILE",
                                   help="A wave and its label, oldest first (repeatable), e.g. "
                                   "--wave 'Spring 2026=spring.csv'."),
    questionnaire: list[str] = typer.Option(..., "-q", "--questionnaire", metavar="ID|PATH",
                                            help="Questionnaire for every wave, or once per "
                                            "wave in order when versions differ (then only the "
                                            "statements they share are compared)."),
    by: list[str] = typer.Option([], "--by", metavar="FIELD", help="Also compare groups of "
                                 "this respondent field in every wave (repeatable)."),
    min_group_size: int = typer.Option(5, "--min-group-size", min=1, metavar="N",
                                       help="Hide groups smaller than N in every wave."),
    independent: bool = typer.Option(False, "--independent", help="Never pair people across "
                                     "waves, even when respondent ids recur."),
    fmt: TrendFormat | None = typer.Option(None, "--format", "-f", help="table (default), "
                                           "json, html or pdf; defaults to the output file's "
                                           "extension."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write here (atomically) instead of stdout."),
    decimals: int | None = typer.Option(None, "--decimals", min=0, max=15, metavar="N",
                                        help="Round JSON figures to N decimals."),
    org: str = typer.Option("Your organization", "--org", metavar="NAME",
                            help="Organization name for the report."),
    source: str | None = inputs_.SOURCE,
    mapping: Path | None = inputs_.MAP,
    include_incomplete: bool = inputs_.INCLUDE_INCOMPLETE,
) -> None:
    """Compare waves of a survey: each principle's score per wave, the change since the first
    and the previous wave with 95% intervals, paired when the same people answered.

    \b
    Examples:
      tila trend --wave 'Spring 2025=s25.csv' --wave 'Autumn 2025=a25.csv' \\
                 --wave 'Spring 2026=s26.csv' -q tila-pulse
      tila trend s25.csv a25.csv s26.csv -q tila-pulse -o trend.pdf \\
                 --org "Riverbend"

    Exit code 1 means a wave's data or questionnaire has a problem.
    """
    from tila.cli.guard import named, questionnaire_input, refuse_overlaps
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire
    from tila.trend.align import score_waves
    from tila.trend.waves import build_trend

    pairs = _waves(wave, list(files or []))
    if len(questionnaire) not in (1, len(pairs)):
        _usage(f"give -q once, or once per wave ({len(pairs)}); got {len(questionnaire)}")
    chosen = _format(fmt, output)
    refuse_overlaps("trend", [*named("--wave", [p for _, p in pairs]),
                              *[n for q in questionnaire for n in questionnaire_input(q)],
                              *named("--map", mapping)], named("-o", output))
    qs = [load_questionnaire(q, cache_dir=user_cache_dir()) for q in questionnaire]
    qs = qs * len(pairs) if len(qs) == 1 else qs
    tables = [inputs_.read_inputs([path], q, inputs_.read_options(
        source=source, mapping=mapping, include_incomplete=include_incomplete, strict=False,
        form=None, dictionary=None)) for (_, path), q in zip(pairs, qs, strict=True)]
    alignment, waves = score_waves([label for label, _ in pairs], qs, tables, by=by,
                                   min_group_size=min_group_size)
    trend = build_trend(waves, min_group_size=min_group_size, paired=not independent)
    _write(trend, alignment, chosen, output, decimals=decimals, org=org)


def _write(trend: Trend, alignment: Alignment, chosen: TrendFormat, output: Path | None, *,
           decimals: int | None, org: str) -> None:
    from tila.cli.output import emit, note

    if alignment.note:
        note(alignment.note)
    if chosen is TrendFormat.json:
        import json

        from tila.trend.serialize import trend_dict

        emit(json.dumps(trend_dict(trend, alignment, decimals=decimals), indent=2,
                        ensure_ascii=False) + "\n", output)
    elif chosen in (TrendFormat.html, TrendFormat.pdf):
        from tila.report.options import ReportOptions
        from tila.report.trend_report import render_trend_report

        out = output or Path(f"trend.{chosen.value}")
        render_trend_report(trend, alignment, out, format=chosen.value,
                            options=ReportOptions(org=org))
        note(f"Wrote {out}")
    else:
        _table(trend, output)


def _table(trend: Trend, output: Path | None) -> None:
    import io

    from rich.console import Console
    from rich.table import Table

    from tila.cli.output import emit, out_console, shown
    from tila.cli.tables import PRINCIPLE_LEGEND, principle_heading
    from tila.report import fmt
    from tila.trend.words import method_sentences

    t = Table(title="Change over time (95% confidence intervals)", title_justify="left")
    t.add_column("Principle", no_wrap=True)
    for w in trend.waves:
        t.add_column(shown(w.label), justify="right")
    t.add_column(f"Since {shown(trend.waves[0].label)}", justify="right", no_wrap=True)
    if len(trend.waves) > 2:
        t.add_column(f"Since {shown(trend.waves[-2].label)}", justify="right", no_wrap=True)
    for line in trend.lines:
        name = "All" if line.id == "overall" else principle_heading(line.id)
        t.add_row(name, *(fmt.score(p.score) for p in line.points), _cell(line.since_first[-1]),
                  *([_cell(line.since_previous[-1])] if len(trend.waves) > 2 else []))
    foot = [PRINCIPLE_LEGEND[:-1] + "; All = overall index.",
            "Scores are 0-100; a change is the later wave minus the earlier, with its 95% "
            "interval. ns = no reliable change (the interval includes zero); p = paired (the "
            "same people compared with themselves).", *method_sentences(trend)]
    if output is None:
        console = out_console()
        console.print(t)
        for s in foot:
            console.print(s, markup=False)
        return
    buf = io.StringIO()
    console = Console(file=buf, width=140, no_color=True, highlight=False)
    console.print(t)
    for s in foot:
        console.print(s, markup=False)
    emit(buf.getvalue(), output)


def _cell(c: Change) -> str:
    from tila.report import fmt

    # Two lines (the change and its marks, then the interval), so six columns fit 80 characters.
    return (f"{fmt.signed(c.diff)}{'' if c.reliable else ' ns'}"
            f"{' p' if c.method == 'paired' else ''}\n{fmt.interval(c.lo, c.hi, sign=True)}")


def register(app: typer.Typer) -> None:
    app.command("trend",
                short_help="Compare waves of a survey over time.")(trend_command)
