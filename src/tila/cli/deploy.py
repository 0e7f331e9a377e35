"""``tila deploy``: write a questionnaire as a survey platform's import file, or for paper."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

# tila.deploy.TARGETS' names, as --to accepts them; a test keeps the two equal.
Target = Literal["redcap", "qualtrics", "limesurvey", "google-forms", "workbook", "paper"]
TARGET_HELP = ("redcap (data dictionary .csv), qualtrics (.qsf), limesurvey (.txt), "
               "google-forms (Apps Script .gs), paper (.pdf), workbook (data-entry .xlsx)")


def deploy_command(
    questionnaire: str = typer.Argument(..., metavar="QUESTIONNAIRE", show_default=False,
                                        help="Built-in questionnaire id or a YAML file."),
    to: Target = typer.Option(..., "--to", "-t", metavar="FORMAT", show_default=False,
                              help=f"What to write: {TARGET_HELP}."),
    output: Path = typer.Option(..., "-o", "--output", metavar="FILE", show_default=False,
                                help="The file to write (atomically)."),
    form: str | None = typer.Option(None, "--form", metavar="FORM",
                                    help="Which form to deploy, for a questionnaire that has "
                                    "forms (for example self or staff)."),
    large_print: bool = typer.Option(False, "--large-print", help="paper: larger type and tick "
                                     "boxes, for people who need them."),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists."),
) -> None:
    """Write QUESTIONNAIRE in the form a survey platform imports, or as a paper form.

    What the platform later exports comes back through 'tila import', 'tila score' and 'tila
    report' with no column map. Every file names the questionnaire's id and version. See
    docs/deploying.md for the steps on each platform.

    \b
    Examples:
      tila deploy tila-starter --to redcap -o starter_dictionary.csv
      tila deploy tila-starter --to paper --large-print -o starter.pdf
    """
    from tila.cli.output import note
    from tila.deploy import TARGETS, deploy
    from tila.errors import OutputError, Problem
    from tila.fileio import atomic_write
    from tila.questionnaire.cache import user_cache_dir
    from tila.questionnaire.parse import load_questionnaire, resolve

    if large_print and to != "paper":
        raise typer.BadParameter("--large-print is for --to paper", param_hint="--large-print")
    source = resolve(questionnaire)
    if output.exists() and source.exists() and output.resolve() == source.resolve():
        raise OutputError([Problem(code="output-is-input", message=f"{output} is the "
                                   "questionnaire being deployed", hint="write somewhere else")])
    expected = TARGETS[to].suffix
    q = load_questionnaire(questionnaire, cache_dir=user_cache_dir())
    data = deploy(q, to, form=form, large_print=large_print)
    atomic_write(output, data, overwrite=force)
    note(f"Wrote {TARGETS[to].title} for {q.id} {q.version}"
         + (f" (form {form})" if form else "") + f": {output}")
    if output.suffix.lower() != expected:
        note(f"  note: {TARGETS[to].title} files usually end in {expected}")


def register(app: typer.Typer) -> None:
    app.command("deploy", short_help="Write a questionnaire as a survey platform file or a "
                "paper form.")(deploy_command)
