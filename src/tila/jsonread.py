"""Parse JSON from users' files into located problems, whatever the file holds.

``json.loads`` raises more than JSONDecodeError on hostile input: ValueError for an integer of
more than 4,300 digits (Python's limit on int/str conversion) and RecursionError for arrays or
objects nested some thousand levels deep. Each is the user's data, so each becomes a Problem with
the file (and line) instead of an internal error.
"""

from __future__ import annotations

import json
from typing import Any

from tila.errors import Location, Problem


class JSONProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def loads(text: str, file: str, line: int | None = None, *, syntax_code: str = "bad-json") -> Any:
    """``json.loads(text)``, or JSONProblem with a located problem (``syntax_code`` for
    invalid JSON, as each format has always called it)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(code=syntax_code, message=f"invalid JSON: {exc.msg}",
                          hint="check the file was written completely",
                          location=Location(file=file, line=line or exc.lineno,
                                            column=exc.colno))
    except RecursionError:
        problem = Problem(code="json-too-deep", message="the JSON is nested too deeply to read",
                          hint="no tila file nests more than a few levels",
                          location=Location(file=file, line=line))
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        problem = Problem(code="json-number", message=f"a number in the JSON cannot be read "
                          f"({str(exc).split(';')[0]})",
                          hint="answers and scale values are small numbers",
                          location=Location(file=file, line=line))
    raise JSONProblem(problem) from None
