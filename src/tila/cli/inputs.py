"""Reading options shared by every command that reads responses (score, import, report).

Each option is declared once here and used as a parameter default in the commands, so ``--map``
or ``--strict`` mean the same thing everywhere. ``read_inputs`` reads the files and says on stderr
what each file was taken for ("Detected Qualtrics export") and every data-quality warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.readers import ReadOptions
    from tila.responses.table import ResponseTable

SOURCES = "qualtrics, surveymonkey, google-forms, ms-forms, redcap, limesurvey, csv or json"

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
DICTIONARY = typer.Option(None, "--dictionary", metavar="FILE",
                          help="REDCap data dictionary (found automatically when saved next to "
                          "the export).")


def read_options(*, source: str | None, mapping: Path | None, include_incomplete: bool,
                 strict: bool, form: str | None, dictionary: Path | None) -> ReadOptions:
    from tila.responses.readers import ReadOptions

    extra: dict[str, object] = {"dictionary": dictionary} if dictionary else {}
    return ReadOptions(source=source, form=form, mapping=mapping,
                       include_incomplete=include_incomplete, strict=strict, extra=extra)


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


def read_inputs(inputs: list[Path], q: Questionnaire, options: ReadOptions) -> ResponseTable:
    from tila.cli.output import note, print_problems
    from tila.responses.adapter import TITLES
    from tila.responses.readers import read_responses

    table = read_responses(expand_folders(inputs), q, options)
    for src in table.sources:
        if src.format in TITLES and src.format != "csv":
            how = "Read" if options.source else "Detected"
            note(f"{how} {TITLES[src.format]} export: {src.path}")
        print_problems(src.warnings)
    return table
