"""``tila report`` (a report from response files) and ``tila demo`` (the sample organization's)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from tila.cli import inputs as inputs_

if TYPE_CHECKING:
    from tila.responses.readers import ReadOptions


class ReportFormat(StrEnum):
    pdf = "pdf"
    html = "html"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


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
                                         help="Also write the action plan as CSV (with "
                                         "status, owner and due_date to fill in)."),
    previous_plan: Path | None = typer.Option(None, "--previous-plan", metavar="FILE",
                                              help="The last survey's plan CSV, filled in: "
                                              "adds 'What we said we would do' (with "
                                              "--baseline, the change since)."),
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
    split_by: str | None = typer.Option(None, "--split-by", metavar="FIELD", help="One report "
                                        "per value of this respondent field (e.g. site) in "
                                        "the folder -o, with index.html and summary.csv."),
    benchmark: Path | None = typer.Option(None, "--benchmark", metavar="FILE", help="Show "
                                          "where each principle falls in a benchmark built "
                                          "by 'tila benchmark build'."),
) -> None:
    """Write an HTML or PDF report with charts and an improvement plan.

    \b
    Examples:
      tila report survey.csv -q tila-org --org "Riverbend" --by role -o report.pdf
      tila report wave2.csv -q tila-pulse --baseline wave1.csv -o change.html
      tila report survey.csv -q tila-org --split-by site -o reports/

    Exit code 1 means the data, the questionnaire or a report option has a problem; nothing is
    written then.
    """
    from tila.cli.benchmark import benchmark_sections
    from tila.cli.guard import folder_files, named, questionnaire_input, refuse_overlaps
    from tila.cli.output import note, print_problems
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.assemble import assemble_report
    from tila.report.options import ReportOptions
    from tila.report.render import render_report

    out = output or Path("reports" if split_by else f"report.{fmt.value if fmt else 'pdf'}")
    inputs, baseline = inputs_.expand(inputs), inputs_.expand(baseline)
    self_rating = inputs_.expand(self_rating)
    refuse_overlaps("report", [
        *named("INPUT", inputs), *named("--baseline", baseline), *named("--self", self_rating),
        *questionnaire_input(questionnaire), *named("--map", mapping),
        *named("--dictionary", dictionary), *named("--logo", logo),
        *folder_files("--templates", templates), *named("--previous-plan", previous_plan),
        *named("--benchmark", benchmark)],
        [*named("-o", out), *named("--plan-csv", plan_csv)])
    inputs_.check_sheet(sheet, "report", inputs, baseline, self_rating)
    q = load_questionnaire(inputs_.resolve_questionnaire(questionnaire, inputs, "report", sheet),
                           cache_dir=user_cache_dir())

    def reading(form: str | None) -> ReadOptions:
        return inputs_.read_options(source=source, mapping=mapping,
                                    include_incomplete=include_incomplete, strict=strict,
                                    form=form, dictionary=dictionary, sheet=sheet)

    # Reading (and saying what each file was taken for) is the CLI's; whose answers the report
    # may show, and with what threshold, is the library's (tila.report.assemble).
    options = ReportOptions(org=org, by=tuple(by), min_group_size=min_group_size,
                            invited=invited, logo=logo, accent=accent, paper=paper.value,
                            templates=templates, pdf_variant=pdf_variant, leader=leader,
                            radar=radar, period=period, short_name=short_name, cover=cover,
                            comments=comments)
    if split_by is not None:  # issue 18: one report per site (tila/cli/split.py)
        from tila.cli.split import write_split

        return write_split(inputs, q, reading(form), field=split_by, folder=out,
                           fmt=fmt.value if fmt else None, min_group_size=min_group_size,
                           options=options, benchmark=benchmark is not None,
                           unsupported=tuple(name for name, given in (
                               ("--baseline", baseline), ("--self", self_rating),
                               ("--leader", leader), ("--plan-csv", plan_csv),
                               ("--previous-plan", previous_plan)) if given))
    report = assemble_report(
        q, inputs_.read_inputs(inputs, q, reading(form)), options=options,
        baseline=inputs_.read_inputs(baseline, q, reading(form)) if baseline else None,
        self_rating=inputs_.read_inputs(self_rating, q, reading("self")) if self_rating else None)
    for scored in report.results():
        print_problems(scored.warnings)
        inputs_.warn_if_many_empty(scored)
    written = render_report(report, out, format=fmt.value if fmt else None, plan_csv=plan_csv,
                            previous_plan=previous_plan,
                            extras=benchmark_sections(benchmark, report.result))
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
