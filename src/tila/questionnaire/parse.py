"""Turn a questionnaire file (or a built-in id) into a validated Questionnaire."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tila.errors import Location, Problem, QuestionnaireError
from tila.questionnaire.builtin import builtin_path
from tila.questionnaire.checks import check_questionnaire
from tila.questionnaire.load import plain, read_yaml, validation_problems
from tila.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one file: the questionnaire (when valid) and every problem."""

    path: Path
    questionnaire: Questionnaire | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.questionnaire is not None and not any(
            p.severity == "error" for p in self.problems
        )


def check_file(path: Path) -> Checked:
    """Parse and validate a questionnaire file, collecting every problem instead of raising."""
    return check_parsed(path, *read_yaml(path))


def check_parsed(path: Path, data: Any, problems: list[Problem]) -> Checked:
    """Validate what ``read_yaml`` returned for a questionnaire file."""
    name = str(path)
    if data is None:
        return Checked(path, None, tuple(problems))
    if not isinstance(data, dict):
        return Checked(path, None, (Problem(
            code="not-a-questionnaire", message="the document is not a mapping of fields",
            hint="a questionnaire starts with 'id:', 'version:', 'title:' ...",
            location=Location(file=name, line=1, column=1)),))
    try:
        q = Questionnaire.model_validate(plain(data))
    except ValidationError as exc:
        return Checked(path, None, tuple(validation_problems(exc, data, name)))
    problems = check_questionnaire(q, data, name)
    failed = any(p.severity == "error" for p in problems)
    return Checked(path, None if failed else q, tuple(problems))




def resolve(source: str | Path) -> Path:
    """A built-in id (``tila-org``) or a path to a YAML file."""
    if isinstance(source, Path):
        return source
    path = Path(source)
    if path.suffix.lower() in {".yaml", ".yml"} or path.exists() or "/" in source:
        return path
    found = builtin_path(source)
    if found is None:
        from tila.questionnaire.builtin import builtin_ids

        raise QuestionnaireError([Problem(
            code="unknown-questionnaire",
            message=f"'{source}' is neither a built-in questionnaire nor a file",
            hint="built-in ids: " + ", ".join(builtin_ids()) + "; or give a path to a .yaml file",
        )])
    return found


def load_questionnaire(source: str | Path, *,
                       cache_dir: str | Path | None = None) -> Questionnaire:
    """Load a questionnaire by built-in id or path; raise QuestionnaireError listing every problem.

    Warnings (for example a principle with fewer than three items) do not stop loading; use
    ``check_file`` to see them. With ``cache_dir``, a file that loaded before is taken from the
    questionnaire cache kept there (cache.py), which skips parsing and validating the same bytes
    again; without it nothing is written anywhere.
    """
    if cache_dir is None:
        return _load(resolve(source))
    from tila.questionnaire.cache import cached_load

    return cached_load(resolve(source), _load, Path(cache_dir))


def _load(path: Path) -> Questionnaire:
    checked = check_file(path)
    if not checked.ok or checked.questionnaire is None:
        raise QuestionnaireError(list(checked.problems))
    return checked.questionnaire
