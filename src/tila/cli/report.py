"""``tila report`` (a report from response files) and ``tila demo`` (the sample organization's)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from tila.cli import inputs as inputs_

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.readers import ReadOptions
    from tila.responses.table import ResponseTable
    from tila.scoring.result import ScoreResult


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


def _score(paths: list[Path], q: Questionnaire, *, by: list[str], min_group_size: int,
           options: ReadOptions, baseline: bool = False, leader: str | None = None,
           raters: bool = True) -> ScoreResult:
    from tila.cli.output import print_problems
    from tila.errors import Problem, ReportError
    from tila.scoring.engine import score

    table = inputs_.read_inputs(paths, q, options)
    for src in table.sources:
        if baseline and any(w.code == "version-mismatch" for w in src.warnings):
            # Scores from two versions of a questionnaire are not comparable wave to wave.
            raise ReportError([Problem(
                code="baseline-version", message=f"the baseline was answered with another "
                f"version of {q.id} than {q.version}; the change would not be comparable",
                hint="compare waves answered with the same questionnaire version")])
    if leader is not None:
        table = _one_leader(table, leader, min_group_size if raters else 1)
    # The leader-versus-staff gap needs the role breakdown even when --by does not ask for it.
    fields = list(dict.fromkeys([*by, *(["role"] if "role" in table.fields and any(
        f.id == "role" for f in q.respondent_fields) else [])]))
    result = score(q, table, by=fields, min_group_size=min_group_size)
    print_problems(result.warnings)
    inputs_.warn_if_many_empty(result)
    return result


def _one_leader(table: ResponseTable, leader: str, min_raters: int) -> ResponseTable:
    """Only the ratings of one leader; staff ratings must be numerous enough to stay anonymous."""
    import numpy as np

    from tila.errors import Problem, ReportError

    if "leader" not in table.fields:
        raise ReportError([Problem(code="no-leader-field", message="the responses have no "
                                   "'leader' column", hint="--leader needs tila-leader ratings "
                                   "that name the leader they are about")])
    codes, known = table.group_codes("leader")
    if leader not in known:
        raise ReportError([Problem(code="unknown-leader", message=f"no ratings for leader "
                                   f"'{leader}'", hint="leaders in the data: " +
                                   ", ".join(known[:20]))])
    mask = codes == known.index(leader)
    if int(mask.sum()) < min_raters:
        raise ReportError([Problem(
            code="too-few-raters",
            message=f"only {int(mask.sum())} staff rated leader '{leader}'; at least "
                    f"{min_raters} are needed so that no one can be recognized by their answers",
            hint="collect more ratings before reporting on this leader")])
    return table.take(np.flatnonzero(mask))


def report_command(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT...", show_default=False,
                                        help="Response files (CSV, XLSX, tila JSON, survey "
                                        "exports); several are combined."),
    questionnaire: str | None = typer.Option(None, "-q", "--questionnaire", metavar="ID|PATH",
                                             help="Built-in questionnaire id or a YAML file. "
                                             "Not needed when the response files name it or "
                                             "their columns match one built-in."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Report file (default report.pdf or report.html)."),
    fmt: ReportFormat | None = typer.Option(None, "--format", "-f", help="pdf or html; "
                                            "defaults to the output file's extension."),
    org: str = typer.Option("Your organization", "--org", metavar="NAME",
                            help="Organization name for page 1 and the page headers."),
    by: list[str] = typer.Option([], "--by", metavar="FIELD", help="Compare groups of this "
                                 "respondent field (repeatable), e.g. --by role."),
    baseline: list[Path] = typer.Option([], "--baseline", metavar="INPUT",
                                        help="Earlier responses to show the change since "
                                        "(repeatable)."),
    self_rating: list[Path] = typer.Option([], "--self", metavar="INPUT",
                                           help="A leader's self-rating (form 'self') to set "
                                           "beside the staff ratings (tila-leader)."),
    min_group_size: int = typer.Option(5, "--min-group-size", min=1, metavar="N",
                                       help="Hide groups smaller than N."),
    templates: Path | None = typer.Option(None, "--templates", metavar="FOLDER",
                                          help="Folder of templates overriding the bundled "
                                          "ones (rendered in a sandbox)."),
    logo: Path | None = typer.Option(None, "--logo", metavar="FILE",
                                     help="Logo for page 1 (PNG, JPEG, GIF or SVG)."),
    accent: str = typer.Option("#0072B2", "--accent", metavar="COLOR",
                               help="Accent colour as hex, e.g. #0072B2."),
    paper: Paper = typer.Option(Paper.a4, "--paper", help="Paper size for the PDF."),
    invited: int | None = typer.Option(None, "--invited", metavar="N", help="How many people "
                                       "were invited, to show the response rate."),
    plan_csv: Path | None = typer.Option(None, "--plan-csv", metavar="FILE",
                                         help="Also write the action plan as CSV."),
    pdf_variant: Literal["pdf/ua-1", "pdf/a-3u", "pdf/a-2u"] | None = typer.Option(
        None, "--pdf-variant", help="PDF variant: pdf/ua-1 is the accessible one."),
    form: str | None = inputs_.FORM,
    source: inputs_.Source | None = inputs_.SOURCE,
    mapping: Path | None = inputs_.MAP,
    include_incomplete: bool = inputs_.INCLUDE_INCOMPLETE,
    strict: bool = inputs_.STRICT,
    dictionary: Path | None = inputs_.DICTIONARY,
    sheet: str | None = inputs_.SHEET,
    leader: str | None = typer.Option(None, "--leader", metavar="ID",
                                      help="Report on one leader (tila-leader): only the "
                                      "ratings whose 'leader' field is ID, and their own "
                                      "self-rating with --self."),
    radar: bool = typer.Option(False, "--radar", help="Add a radar chart of the principles "
                               "(the bar chart with intervals is always shown)."),
    period: str | None = typer.Option(None, "--period", metavar="TEXT",
                                      help="The survey period as readers know it, e.g. "
                                      "\"March 2026\"; shown on page 1."),
    short_name: str | None = typer.Option(None, "--short-name", metavar="NAME",
                                          help="A short organization name for the running "
                                          "header (default: the name, shortened if long)."),
    cover: bool = typer.Option(False, "--cover", help="Add a separate cover page before the "
                               "summary (by default page 1 is the summary)."),
    comments: bool = typer.Option(True, "--comments/--no-comments",
                                  help="Show free-text comments (contact details masked)."),
) -> None:
    """Write an HTML or PDF report with charts and an improvement plan.

    \b
    Examples:
      tila report survey.csv -q tila-org --org "Riverbend" --by role -o report.pdf
      tila report wave2.csv -q tila-pulse --baseline wave1.csv -o change.html

    Exit code 1 means the data, the questionnaire or a report option has a problem; nothing is
    written then.
    """
    from tila.cli.guard import folder_files, named, questionnaire_input, refuse_overlaps
    from tila.cli.output import note
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.options import ReportOptions
    from tila.report.render import render_report

    out = output or Path(f"report.{fmt.value if fmt else 'pdf'}")
    inputs, baseline = inputs_.expand(inputs), inputs_.expand(baseline)
    self_rating = inputs_.expand(self_rating)
    refuse_overlaps("report", [
        *named("INPUT", inputs), *named("--baseline", baseline), *named("--self", self_rating),
        *questionnaire_input(questionnaire), *named("--map", mapping),
        *named("--dictionary", dictionary), *named("--logo", logo),
        *folder_files("--templates", templates)],
        [*named("-o", out), *named("--plan-csv", plan_csv)])
    inputs_.check_sheet(sheet, "report", inputs, baseline, self_rating)
    q = load_questionnaire(inputs_.resolve_questionnaire(questionnaire, inputs, "report", sheet))

    def reading(form: str | None) -> ReadOptions:
        return inputs_.read_options(source=source, mapping=mapping,
                                    include_incomplete=include_incomplete, strict=strict,
                                    form=form, dictionary=dictionary, sheet=sheet)

    result = _score(inputs, q, by=by, min_group_size=min_group_size, options=reading(form),
                    leader=leader)
    base = (_score(baseline, q, by=[], min_group_size=min_group_size, options=reading(form),
                   baseline=True) if baseline else None)
    mine = (_score(self_rating, q, by=[], min_group_size=1, options=reading("self"),
                   leader=leader, raters=False) if self_rating else None)
    options = ReportOptions(org=org, by=tuple(by), invited=invited, logo=logo, accent=accent,
                            paper=paper.value, templates=templates, pdf_variant=pdf_variant,
                            leader=leader, radar=radar, period=period, short_name=short_name,
                            cover=cover, comments=comments)
    written = render_report(result, out, format=fmt.value if fmt else None, options=options,
                            baseline=base, self_rating=mine, plan_csv=plan_csv)
    note(f"Wrote {written}" + (f" and {plan_csv}" if plan_csv else ""))


def demo_command(
    output: Path = typer.Option(Path("tila-demo"), "-o", "--output", metavar="FOLDER",
                                help="Folder for the demo reports (created if missing)."),
) -> None:
    """Render the bundled sample organization's HTML and PDF reports.

    \b
    Examples:
      tila demo -o tila-demo
    """
    from tila.cli.output import note
    from tila.report.demo import render_demo

    for path in render_demo(output):
        note(f"Wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("report",
                short_help="Write an HTML or PDF report with a plan.")(report_command)
    app.command("demo",
                short_help="Render the sample organization's reports.")(demo_command)
