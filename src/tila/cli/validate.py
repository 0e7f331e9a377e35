"""``tila validate`` and ``tila schema``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


def validate_command(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Questionnaire or suggestions YAML files."),
) -> None:
    """Check questionnaire and suggestion files; list every problem with file:line:col.

    \b
    Examples:
      tila validate my-questionnaire.yaml

    Exits 0 when every file is valid (warnings allowed) and 1 otherwise.
    """
    from tila.cli.output import err_console, print_problems, shown
    from tila.validation import check_document

    failed = 0
    console = err_console()
    for path in files:
        problems = check_document(path)
        print_problems(problems)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if errors:
            failed += 1
            console.print(f"[red]✗[/red] {shown(str(path))}: {errors} error(s), "
                          f"{warnings} warning(s)")
        else:
            extra = f" ({warnings} warning(s))" if warnings else ""
            console.print(f"[green]✓[/green] {shown(str(path))}: valid{extra}")
    if failed:
        raise typer.Exit(1)


class Kind(StrEnum):
    questionnaire = "questionnaire"
    suggestions = "suggestions"


def schema_command(
    kind: Kind = typer.Argument(Kind.questionnaire, metavar="KIND",
                                help="Which format: questionnaire or suggestions."),
) -> None:
    """Print the JSON Schema of a tila file format (for editors and tools).

    \b
    Examples:
      tila schema > questionnaire.schema.json
    """
    import sys

    from tila.questionnaire.schema import questionnaire_schema, schema_text

    if kind is Kind.questionnaire:
        sys.stdout.write(schema_text(questionnaire_schema()))
    else:
        import importlib

        library = importlib.import_module("tila.library")
        sys.stdout.write(schema_text(library.suggestions_schema()))


def register(app: typer.Typer) -> None:
    app.command("validate",
                short_help="Check questionnaire and suggestion files.")(validate_command)
    app.command("schema",
                short_help="Print the JSON Schema of a file format.")(schema_command)
