"""``tila score``: score response files and print or write the results."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from tila.cli import inputs as inputs_


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def score_command(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT...", show_default=False,
                                        help="Response files: CSV, TSV, XLSX, Parquet, tila JSON "
                                        "or JSON Lines, or survey platform exports "
                                        "(several are combined)."),
    questionnaire: str | None = typer.Option(None, "-q", "--questionnaire", metavar="ID|PATH",
                                             help="Built-in questionnaire id (see 'tila "
                                             "questionnaires') or a YAML file. Not needed for "
                                             "tila JSON responses, which name it, or when the "
                                             "columns match one built-in (tila says which)."),
    by: list[str] = typer.Option([], "--by", metavar="FIELD",
                                 help="Also break results down by this respondent field "
                                 "(repeatable), e.g. --by role."),
    min_group_size: int = typer.Option(5, "--min-group-size", min=1, metavar="N",
                                       help="Hide groups smaller than N (and the next smallest "
                                       "when only one is hidden)."),
    fmt: Format | None = typer.Option(None, "--format", "-f",
                                      help="table (default on a terminal), json or csv. "
                                      "Defaults to the output file's extension."),
    per_respondent: bool = typer.Option(False, "--per-respondent",
                                        help="One row per respondent with every score "
                                        "(csv or json)."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write results here (atomically) instead of stdout."),
    decimals: int | None = typer.Option(None, "--decimals", min=0, max=15, metavar="N",
                                        help="Round JSON and CSV figures to N decimals (for "
                                        "spreadsheets). By default they are written at full "
                                        "precision."),
    form: str | None = inputs_.FORM,
    source: inputs_.Source | None = inputs_.SOURCE,
    mapping: Path | None = inputs_.MAP,
    include_incomplete: bool = inputs_.INCLUDE_INCOMPLETE,
    strict: bool = inputs_.STRICT,
    dictionary: Path | None = inputs_.DICTIONARY,
    benchmark: Path | None = typer.Option(None, "--benchmark", metavar="FILE", help="Show "
                                          "where each principle falls in a benchmark built "
                                          "by 'tila benchmark build'."),
    sheet: str | None = inputs_.SHEET,
) -> None:
    """Score responses against a questionnaire: principle, domain and overall scores.

    \b
    Examples:
      tila score survey.csv -q tila-org --by role
      tila score interviews/     (tila JSON responses name their questionnaire)
      tila score pulse.csv       (its columns match tila-pulse, and tila says so)

    Results go to stdout (or -o FILE); messages go to stderr. Exit code 1 means the data or
    questionnaire has problems, listed with file, row and column.
    """
    from tila.cli.guard import named, questionnaire_input, refuse_overlaps
    from tila.cli.output import emit, print_problems
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire
    from tila.scoring.engine import score

    inputs = inputs_.expand(inputs)
    refuse_overlaps("score", [*named("INPUT", inputs), *questionnaire_input(questionnaire),
                              *named("--map", mapping), *named("--dictionary", dictionary),
                              *named("--benchmark", benchmark)],
                    named("-o", output))
    chosen = fmt or _format_from(output)
    if per_respondent and chosen is Format.table:
        chosen = Format.csv
    inputs_.check_sheet(sheet, "score", inputs)
    questionnaire = inputs_.resolve_questionnaire(questionnaire, inputs, "score", sheet)
    q = load_questionnaire(questionnaire, cache_dir=user_cache_dir())
    table = inputs_.read_inputs(inputs, q, inputs_.read_options(
        source=source, mapping=mapping, include_incomplete=include_incomplete, strict=strict,
        form=form, dictionary=dictionary, sheet=sheet))
    result = score(q, table, by=by, min_group_size=min_group_size,
                   per_respondent=per_respondent)
    print_problems(result.warnings)
    inputs_.warn_if_many_empty(result)
    if chosen is Format.json:
        import json

        from tila.scoring.serialize import result_dict

        doc = result_dict(result, per_respondent=per_respondent, decimals=decimals)
        if benchmark is not None:  # issue 18 (tila/cli/benchmark.py)
            from tila.cli.benchmark import benchmark_json

            doc["benchmark"] = benchmark_json(benchmark, result)
        emit(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)
    elif chosen is Format.csv:
        from tila.fileio import to_csv

        if benchmark is not None:
            from tila.cli.output import note

            note("--benchmark is shown with --format table or json, not in CSV")
        from tila.scoring.serialize import respondent_csv, summary_rows

        emit(respondent_csv(result, decimals) if per_respondent
             else to_csv(*summary_rows(result, decimals)), output)
    else:
        from tila.cli.benchmark import benchmark_lines, print_lines
        from tila.cli.tables import print_result

        # Read first, so that a benchmark of another questionnaire stops before any output.
        lines = benchmark_lines(benchmark, result) if benchmark is not None else []
        print_result(result, output)
        print_lines(lines, output)


def _format_from(output: Path | None) -> Format:
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in {"json", "csv"}:
            return Format(suffix)
    return Format.table


def register(app: typer.Typer) -> None:
    app.command("score",
                short_help="Score responses: principles, domains, overall.")(score_command)
