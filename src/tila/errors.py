"""Problems with a location, and the exceptions that carry them.

tila collects every problem it finds in an input before it fails, so a user fixes a file in one
pass instead of one error per run. A Problem carries a stable ``code`` (tests and scripts match on
it) and a location: a place in a text file (line, column, YAML path) or in a table (row, column,
respondent id). Messages never include respondent data other than the cell that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    file: str | None = None
    line: int | None = None  # 1-based line in a text file
    column: int | None = None  # 1-based column in a text file
    path: str | None = None  # where in a document: ``items[12].principle``
    row: int | None = None  # 1-based data row (header rows not counted)
    field: str | None = None  # column name in a table
    respondent: str | None = None  # respondent id, when the table has one

    def render(self) -> str:
        """``file:line:col: path`` or ``file: row 3, column 'q1' (respondent R7)``."""
        if self == Location():
            return ""
        head = self.file or "<input>"
        if self.line is not None:
            head += f":{self.line}"
            if self.column is not None:
                head += f":{self.column}"
        parts = [head]
        if self.path:
            parts.append(self.path)
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"column '{self.field}'")
        if self.respondent is not None:
            where.append(f"respondent {self.respondent}")
        if where:
            parts.append(", ".join(where))
        return ": ".join(parts)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None
    severity: Severity = "error"

    def render(self) -> str:
        where = self.location.render()
        text = f"{where + ': ' if where else ''}{self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class TilaError(Exception):
    """A user-facing failure: one or more problems, none of them a bug in tila."""

    def __init__(self, problems: Sequence[Problem] | str, *, code: str = "error") -> None:
        if isinstance(problems, str):
            problems = [Problem(code=code, message=problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.render())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    def render(self) -> str:
        return "\n".join(p.render() for p in self.problems)


class QuestionnaireError(TilaError):
    """A questionnaire or suggestions file that cannot be loaded or fails validation."""


class ResponseError(TilaError):
    """Response data that cannot be read or does not fit the questionnaire."""


class ScoringError(TilaError):
    """Responses that cannot be scored (for example, nobody answered enough items)."""


class ReportError(TilaError):
    """A report that cannot be rendered or written."""


class OutputError(TilaError):
    """A result that cannot be written where the user asked."""


def raise_if_errors(
    problems: Iterable[Problem], kind: type[TilaError] = TilaError, *, limit: int = 50
) -> list[Problem]:
    """Raise ``kind`` when any problem is an error; return the warnings otherwise.

    Only the first ``limit`` errors are kept: a file with a million bad cells should say so in a
    screenful, and the last problem says how many more there were.
    """
    problems = list(problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        shown = errors[:limit]
        if len(errors) > limit:
            shown.append(
                Problem(
                    code="more-problems",
                    message=f"... and {len(errors) - limit} more problems of the same kinds",
                    location=Location(file=errors[limit].location.file),
                )
            )
        warnings = [p for p in problems if p.severity == "warning"]
        raise kind([*shown, *warnings[:limit]])
    return problems
