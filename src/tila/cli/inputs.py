"""Reading options shared by every command that reads responses (score, import, report).

Each option is declared once here and used as a parameter default in the commands, so ``--map``
or ``--strict`` mean the same thing everywhere. ``read_inputs`` reads the files and says on stderr
what each file was taken for ("Detected Qualtrics export") and every data-quality warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.readers import ReadOptions
    from tila.responses.table import ResponseTable
    from tila.scoring.result import ScoreResult

SOURCES = "qualtrics, surveymonkey, google-forms, ms-forms, redcap, limesurvey, csv or json"
# The readers' names (responses/readers.py), as --source accepts them; a test keeps them equal.
Source = Literal["qualtrics", "surveymonkey", "google-forms", "ms-forms", "redcap", "limesurvey",
                 "csv", "json"]

SOURCE = typer.Option(None, "--source", metavar="PLATFORM",
                      help=f"Read the files as this kind of export instead of detecting it: "
                      f"{SOURCES}.")
MAP = typer.Option(None, "--map", metavar="MAP.yaml",
                   help="Column map: which export columns are which items and respondent fields, "
                   "and how answers map to scale values (write one with 'tila import "
                   "--write-map').")
INCLUDE_INCOMPLETE = typer.Option(False, "--include-unfinished", "--include-incomplete",
                                  help="Count unfinished responses: those the platform marks "
                                  "unfinished and paused 'tila administer' interviews (preview, "
                                  "test and spam responses are always dropped).")
STRICT = typer.Option(False, "--strict",
                      help="Treat every data-quality warning (unmapped item, ambiguous match, "
                      "unknown label) as an error.")
FORM = typer.Option(None, "--form", metavar="FORM",
                    help="Form of the questionnaire the answers used (for example self or "
                    "staff).")
SHEET = typer.Option(None, "--sheet", metavar="NAME|N",
                     help="The sheet of an .xlsx workbook that holds the responses, by name or "
                     "number from 1 (default: the first; tila says which it read).")
DICTIONARY = typer.Option(None, "--dictionary", metavar="FILE",
                          help="REDCap data dictionary (found automatically when saved next to "
                          "the export).")


def expand(paths: list[Path]) -> list[Path]:
    """The files named on the command line: an existing path always literally (a folder named
    ``wave[1]`` is that folder, not ``wave1``); a path that does not exist and holds ``*``, ``?``
    or ``[`` is expanded as a pattern, and stderr says what it matched."""
    import glob

    from tila.cli.output import note

    out: list[Path] = []
    for path in paths:
        text = str(path)
        if path.exists() or text == "-" or not any(c in text for c in "*?["):
            out.append(path)
            continue
        found = sorted(glob.glob(text))
        if not found:
            out.append(path)  # the reader says it does not exist
            continue
        note(f"Expanded {text} to {len(found)} file(s): "
             + ", ".join(found[:10]) + (", ..." if len(found) > 10 else ""))
        out.extend(Path(f) for f in found)
    return out


def read_options(*, source: str | None, mapping: Path | None, include_incomplete: bool,
                 strict: bool, form: str | None, dictionary: Path | None,
                 sheet: str | None = None) -> ReadOptions:
    from tila.responses.readers import ReadOptions
    from tila.scoring import preload

    extra: dict[str, object] = {"dictionary": dictionary} if dictionary else {}
    # Scoring nearly always follows a read: its modules load while polars parses (see preload).
    return ReadOptions(source=source, form=form, mapping=mapping,
                       include_incomplete=include_incomplete, strict=strict, extra=extra,
                       sheet=sheet, while_parsing=preload)


def check_sheet(sheet: str | None, command: str, *inputs: list[Path]) -> None:
    """--sheet is for workbooks: refuse it (exit 2) when no input is one."""
    from tila.responses.sheets import is_workbook

    if sheet is not None and not any(is_workbook(p) for paths in inputs for p in paths):
        typer.echo(f"tila {command}: --sheet chooses a sheet of an .xlsx workbook, and none of "
                   "the inputs is one", err=True)
        raise typer.Exit(2)


def expand_folders(inputs: list[Path]) -> list[Path]:
    """A folder stands for the tila JSON responses inside it (``tila administer`` writes one
    file per person); a folder without any says which files it does hold."""
    from tila.errors import Location, Problem, ResponseError

    out: list[Path] = []
    problems = []
    for path in inputs:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.glob("*.json") if p.is_file())
        if found:
            out += found
            continue
        kinds = sorted({p.suffix.lower() for p in path.iterdir() if p.is_file() and p.suffix})
        hint = (f"give the files inside, for example {path / ('*' + kinds[0])}" if kinds else
                "the folder has no files")
        problems.append(Problem(code="not-a-file", location=Location(file=str(path)),
                                message=f"{path} is a folder with no tila JSON responses "
                                "(*.json) in it", hint=hint))
    if problems:
        raise ResponseError(problems)
    return out


def infer_questionnaire(inputs: list[Path]) -> str | None:
    """The questionnaire id that every input names, when all are tila JSON responses (a finished
    or paused interview, a list of them, or JSON Lines) and they agree; otherwise ``None``."""
    import json

    ids: set[str] = set()
    for path in inputs:
        if path.suffix.lower() not in {".json", ".jsonl"} or not path.is_file():
            return None
        try:
            text = path.read_text(encoding="utf-8-sig")
            docs = ([json.loads(line) for line in text.splitlines() if line.strip()]
                    if path.suffix.lower() == ".jsonl" else json.loads(text))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        for doc in docs if isinstance(docs, list) else [docs]:
            ref = doc.get("questionnaire") if isinstance(doc, dict) else None
            if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
                return None
            ids.add(ref["id"])
    return ids.pop() if len(ids) == 1 else None


VERBS = {"score": "Scoring", "report": "Reporting"}


def resolve_questionnaire(given: str | None, inputs: list[Path], command: str,
                          sheet: str | None = None) -> str:
    """The questionnaire to read the inputs with: ``given`` (-q), else the one tila JSON
    responses name, else the one built-in questionnaire the table files' columns match (said on
    stderr). Otherwise a usage error (exit 2) naming what the columns do match, if anything."""
    from tila.cli.output import note

    if given is not None:
        return given
    files = expand_folders(inputs)
    named_in = infer_questionnaire(files)
    if named_in is not None:
        note(f"Questionnaire {named_in} (named in the response files)")
        return named_in
    from tila.responses.sheets import chosen

    with chosen(sheet):
        matches = matching_questionnaires(files)
    common = ([q for q in matches[0][1] if all(q in found for _, found in matches)]
              if matches else [])
    if len(common) == 1:
        note(f"{VERBS.get(command, 'Using')} with {common[0]} (its columns match); pass -q "
             "to choose another")
        return common[0]
    typer.echo(f"tila {command}: give the questionnaire with -q ID|PATH (for example -q "
               f"tila-org); {_why_not(matches, common)}", err=True)
    raise typer.Exit(2)


def _why_not(matches: list[tuple[Path, list[str]]] | None, common: list[str]) -> str:
    from tila.questionnaire.builtin import builtin_ids

    if matches is None:
        return ("only tila JSON responses that name it, or tables whose columns match one "
                "built-in questionnaire, can do without it")
    if len(common) > 1:
        return "the columns match " + " and ".join(common) + " alike"
    if any(found for _, found in matches):
        return "; ".join(f"{path} matches " + (" and ".join(found) if found else "none")
                         for path, found in matches) + " (score each questionnaire apart)"
    return (f"the columns match none of the built-ins ({', '.join(builtin_ids())}); a survey "
            "platform export always needs -q")


def matching_questionnaires(files: list[Path]) -> list[tuple[Path, list[str]]] | None:
    """Each table file with the built-in questionnaires its columns match (see
    responses/identify.py); ``None`` when some input is not a table whose header can be read
    (stdin, a JSON file that names no questionnaire)."""
    from tila.responses.identify import chosen, header

    out = []
    for path in files:
        columns = header(path)
        if columns is None:
            return None
        out.append((path, chosen(columns)))
    return out


def read_inputs(inputs: list[Path], q: Questionnaire, options: ReadOptions) -> ResponseTable:
    from tila.cli.output import note, print_problems
    from tila.responses.adapter import TITLES
    from tila.responses.readers import read_responses

    files = expand_folders(inputs)
    table = read_responses(files, q, options)
    if options.sheet is not None:
        _say_sheet(files, options.sheet)
    for src in table.sources:
        if src.format in TITLES and src.format != "csv":
            how = "Read" if options.source else "Detected"
            note(f"{how} {TITLES[src.format]} export: {src.path}")
        print_problems(src.warnings)
    return table


def _say_sheet(files: list[Path], sheet: str) -> None:
    """Which sheet --sheet named, by name and number, for each workbook read."""
    from tila.cli.output import note
    from tila.responses.sheets import is_workbook, pick, sheet_names

    for path in files:
        if is_workbook(path):
            names = sheet_names(path)
            index = pick(path, names, sheet)
            note(f"Read sheet {index + 1} of {len(names)}, '{names[index]}', of {path}")


# More than this share of rows without a single answer is not a survey where people skipped
# everything: it is a file read wrongly (every other row with another delimiter, answers in
# columns tila did not map), and the scores would rest on the rest without anyone noticing.
EMPTY_SHARE = 0.2


def warn_if_many_empty(result: ScoreResult) -> None:
    """A loud warning on stderr when a large share of the rows had no answers at all."""
    from tila.cli.output import print_problems
    from tila.errors import Problem

    empty = result.excluded.get("no-answers", 0)
    rows = result.respondents + sum(result.excluded.values())
    if rows and empty / rows > EMPTY_SHARE:
        print_problems([Problem(
            code="many-empty-rows", severity="warning",
            message=f"{empty} of {rows} rows ({empty / rows:.0%}) have no answers at all and "
                    "were left out; the file may not have been read as intended",
            hint="check these rows in a text editor: a different delimiter (';' instead of "
                 "','), answers in unmapped columns, or rows of an unfinished export")])
