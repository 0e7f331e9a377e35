"""Read suggestions and references files, and load a whole library folder.

Both kinds of file are YAML read by ``tila.questionnaire.load.read_yaml`` (YAML 1.2, duplicate
keys rejected, line marks kept), so every problem points at FILE:LINE:COL like a questionnaire's.
A top-level ``kind`` key tells the kinds apart; questionnaires have none.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from tila.errors import Location, Problem, QuestionnaireError, raise_if_errors
from tila.library.checks import check_references, check_suggestions
from tila.library.model import Library, Reference, ReferencesFile, Suggestion, SuggestionsFile
from tila.paths import questionnaires_dir
from tila.questionnaire.load import locate, plain, read_yaml, validation_problems

LIBRARY_KINDS = ("suggestions", "references")
REFERENCES_FILE = "references.yaml"


def suggestions_dir() -> Path:
    """The built-in library folder (questionnaires/suggestions)."""
    return questionnaires_dir() / "suggestions"


@dataclass(frozen=True)
class ParsedFile:
    path: Path
    data: Any
    model: SuggestionsFile | ReferencesFile | None
    problems: tuple[Problem, ...]


def file_kind(path: Path) -> str | None:
    """What a YAML file holds: its ``kind`` value, ``"questionnaire"`` when it has no ``kind``,
    or None when it cannot be read as a mapping (``check_file`` then reports why).

    ``tila validate`` sends ``"questionnaire"`` to the questionnaire checker and every other
    value to ``check_library_file``, which reports an unknown kind with its line.
    """
    data, _ = read_yaml(path)
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    return "questionnaire" if kind is None else str(kind)


def parse_library_file(path: Path) -> ParsedFile:
    """Parse and schema-validate one suggestions or references file (no cross-checks)."""
    name = str(path)
    data, problems = read_yaml(path)
    if data is None:
        return ParsedFile(path, None, None, tuple(problems))
    if not isinstance(data, dict) or "kind" not in data:
        return ParsedFile(path, data, None, (Problem(
            code="not-a-library-file",
            message="not a suggestions or references file: it has no top-level 'kind'",
            hint="start the file with 'kind: suggestions' or 'kind: references'",
            location=Location(file=name, line=1, column=1)),))
    kind = data["kind"]
    if kind not in LIBRARY_KINDS:
        return ParsedFile(path, data, None, (Problem(
            code="unknown-kind",
            message=f"unknown kind '{kind}'",
            hint="use 'kind: suggestions' or 'kind: references'",
            location=locate(data, ["kind"], name)),))
    model_cls: type[SuggestionsFile] | type[ReferencesFile] = (
        SuggestionsFile if kind == "suggestions" else ReferencesFile
    )
    try:
        model = model_cls.model_validate(plain(data))
    except ValidationError as exc:
        return ParsedFile(path, data, None, tuple(validation_problems(exc, data, name)))
    return ParsedFile(path, data, model, ())




@lru_cache(maxsize=16)
def builtin_items(questionnaire_id: str) -> frozenset[str] | None:
    """Item ids of a built-in questionnaire, or None when there is no valid one by that id."""
    from tila.questionnaire.builtin import builtin_path
    from tila.questionnaire.parse import check_file

    path = builtin_path(questionnaire_id)
    if path is None:
        return None
    q = check_file(path).questionnaire
    return None if q is None else frozenset(q.item_ids)


def _references_in(path: Path) -> dict[str, Reference]:
    parsed = parse_library_file(path) if path.is_file() else None
    if parsed is None or not isinstance(parsed.model, ReferencesFile):
        return {}
    return {r.id: r for r in parsed.model.references}


def check_library_file(path: Path) -> list[Problem]:
    """Every problem in one suggestions or references file, for ``tila validate``.

    A suggestions file may cite the built-in references and those in a ``references.yaml``
    next to it; item references are checked against the built-in questionnaires.
    """
    parsed = parse_library_file(path)
    problems = list(parsed.problems)
    name = str(path)
    if isinstance(parsed.model, ReferencesFile):
        problems += check_references(parsed.model, parsed.data, name)
    elif isinstance(parsed.model, SuggestionsFile):
        known: set[str] = set(_references_in(suggestions_dir() / REFERENCES_FILE))
        known |= set(_references_in(path.parent / REFERENCES_FILE))
        problems += check_suggestions(parsed.model, parsed.data, name, known, builtin_items)
    return problems


def load_library(folder: Path | None = None) -> Library:
    """The built-in library, or the one in ``folder``; raise QuestionnaireError listing every
    problem. A custom folder may also cite the built-in references."""
    if folder is None:
        return _builtin_library()
    builtin_refs = _references_in(suggestions_dir() / REFERENCES_FILE)
    return _load_folder(folder, builtin_refs)


@lru_cache(maxsize=1)
def _builtin_library() -> Library:
    return _load_folder(suggestions_dir(), {})


def _load_folder(folder: Path, inherited: Mapping[str, Reference]) -> Library:
    if not folder.is_dir():
        raise QuestionnaireError([Problem(
            code="file-not-found", message=f"no such folder: {folder}",
            location=Location(file=str(folder)))])
    parsed = [parse_library_file(p) for p in sorted(folder.glob("*.yaml"))]
    problems = [p for f in parsed for p in f.problems]
    # A folder's own references extend the inherited ones and win on a shared id, so an
    # author can copy the built-in references.yaml and add to it.
    refs: dict[str, Reference] = dict(inherited)
    ref_seen: dict[str, str] = {}
    for f in parsed:
        if isinstance(f.model, ReferencesFile):
            problems += check_references(f.model, f.data, str(f.path), ref_seen)
            refs.update((r.id, r) for r in f.model.references)
    suggestions: list[Suggestion] = []
    seen: dict[str, str] = {}
    known: Collection[str] = refs.keys()
    for f in parsed:
        if isinstance(f.model, SuggestionsFile):
            problems += check_suggestions(f.model, f.data, str(f.path), known, builtin_items,
                                          seen)
            suggestions.extend(f.model.suggestions)
    if not suggestions and not any(p.severity == "error" for p in problems):
        problems.append(Problem(
            code="empty-library", message="the folder has no suggestions files",
            hint="a suggestions file starts with 'kind: suggestions'",
            location=Location(file=str(folder))))
    raise_if_errors(problems, QuestionnaireError)
    return Library(suggestions=tuple(suggestions), references=MappingProxyType(refs))
