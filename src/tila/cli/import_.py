"""``tila import``: turn survey platform exports into tila's native responses, with a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tila.cli import inputs as inputs_

if TYPE_CHECKING:
    from tila.responses.table import SourceInfo

SHOWN = 8  # column names listed per kind in the summary; the rest are counted


def import_command(
    exports: list[Path] = typer.Argument(..., metavar="EXPORT...", show_default=False,
                                         help="Exports from Qualtrics, SurveyMonkey, Google "
                                         "Forms, Microsoft Forms, REDCap or LimeSurvey, or any "
                                         "table with --map (several are combined)."),
    questionnaire: str = typer.Option(..., "-q", "--questionnaire", metavar="ID|PATH",
                                      help="Built-in questionnaire id or a YAML file."),
    output: Path | None = typer.Option(None, "-o", "--output", metavar="FILE",
                                       help="Write the responses here: .csv (tila's native "
                                       "CSV), .parquet or .jsonl. Default: CSV on stdout."),
    write_map: Path | None = typer.Option(None, "--write-map", metavar="MAP.yaml",
                                          help="Also write the column map tila inferred, to "
                                          "review and reuse with --map."),
    form: str | None = inputs_.FORM,
    source: inputs_.Source | None = inputs_.SOURCE,
    mapping: Path | None = inputs_.MAP,
    include_incomplete: bool = inputs_.INCLUDE_INCOMPLETE,
    strict: bool = inputs_.STRICT,
    dictionary: Path | None = inputs_.DICTIONARY,
    sheet: str | None = inputs_.SHEET,
) -> None:
    """Normalise survey exports into tila's native response format.

    \b
    Examples:
      tila import qualtrics-export.csv -q tila-org -o responses.csv
      tila import export.csv -q tila-org --write-map map.yaml  (edit, then --map)

    Personal columns (names, e-mails, IP addresses, locations, ...) are dropped unread; preview,
    test and spam responses are dropped, and unfinished ones unless --include-incomplete. A
    data-quality summary goes to stderr. Exit code 1 means nothing was written.
    """
    from tila.cli.guard import named, questionnaire_input, refuse_overlaps
    from tila.cli.output import emit, note
    from tila.fileio import atomic_write
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire
    from tila.responses.write import format_of, native_csv, write_native

    exports = inputs_.expand(exports)
    refuse_overlaps("import", [*named("EXPORT", exports), *questionnaire_input(questionnaire),
                               *named("--map", mapping), *named("--dictionary", dictionary)],
                    [*named("-o", output), *named("--write-map", write_map)])
    if output is not None:
        format_of(output)  # refuse an unknown extension before reading anything
    inputs_.check_sheet(sheet, "import", exports)
    options = inputs_.read_options(source=source, mapping=mapping,
                                   include_incomplete=include_incomplete, strict=strict,
                                   form=form, dictionary=dictionary, sheet=sheet)
    q = load_questionnaire(questionnaire, cache_dir=user_cache_dir())
    if write_map is not None:
        # Written first, even when the export then fails to import: a map is where a user
        # names the columns tila could not match.
        from tila.responses.adapter import inferred_map
        from tila.responses.sheets import chosen

        with chosen(sheet):
            atomic_write(write_map, inferred_map(exports[0], q, options, write_map))
        note(f"Wrote the column map tila inferred to {write_map}"
             + (f" (from {exports[0]})" if len(exports) > 1 else ""))
    table = inputs_.read_inputs(exports, q, options)
    for src in table.sources:
        print_summary(src)
    if output is not None:
        write_native(output, q, table)
        note(f"Wrote {table.n_respondents} responses to {output}")
    elif write_map is None:
        emit(native_csv(q, table), None)


def print_summary(src: SourceInfo) -> None:
    from tila.cli.output import err_console, shown
    from tila.responses.adapter import TITLES

    console = err_console()
    kind = TITLES.get(src.format, src.format)
    where = f"{src.format.upper() if src.format == 'csv' else kind}"
    details = ", ".join(x for x in (src.encoding and f"encoding {src.encoding}",
                                    src.delimiter and f"delimiter {_delim(src.delimiter)}") if x)
    console.print(f"[bold]{shown(src.path)}[/bold]: {shown(where)}"
                  + (f" ({shown(details)})" if details else ""))
    console.print(f"  rows read {src.rows_read}, kept {src.rows_kept}")
    for reason, n in src.dropped.items():
        console.print(f"  dropped {n}: {shown(reason)}")
    console.print(f"  columns mapped {src.mapped_columns}, ignored {len(src.ignored_columns)}"
                  + (": " + shown(", ".join(src.ignored_columns[:SHOWN]))
                     + (f", ... ({len(src.ignored_columns) - SHOWN} more)"
                        if len(src.ignored_columns) > SHOWN else "")
                     if src.ignored_columns else ""))
    listed = sum(1 for w in src.warnings if w.location.row is not None)
    cells = max(src.invalid_cells, listed)  # all of them, not just the first 20 of each kind
    if src.warnings:
        where = "listed above" if cells == listed else f"the first {listed} listed above"
        console.print(f"  warnings {len(src.warnings)}"
                      + (f" ({cells} invalid cells, {where} with row and column)"
                         if cells else " (listed above)"))


def _delim(d: str) -> str:
    return {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}.get(d, repr(d))


def register(app: typer.Typer) -> None:
    app.command("import",
                short_help="Turn survey exports into tila's response format.")(import_command)
