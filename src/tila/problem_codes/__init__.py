"""Every stable problem code tila uses, with what it means and what to do about it.

A ``Problem.code`` is part of tila's interface: scripts and tests match on it, and
docs/errors.md (written by scripts/make_error_docs.py) documents it. This package is the one
list; a test scans src/tila for every code a Problem can carry and fails when one is missing
here, so a new code cannot ship undocumented. The entries are grouped by the stage that raises
them, one module per stage, so each stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "error or warning"]


@dataclass(frozen=True)
class Code:
    severity: Severity
    meaning: str  # what happened, in a sentence that holds for every occurrence
    hint: str  # what a user usually does about it
    example: str = ""  # a message as tila prints it (file names and values made up)


@dataclass(frozen=True)
class Area:
    title: str
    codes: dict[str, Code]


def areas() -> tuple[Area, ...]:
    """The codes by stage, in the order a run meets them."""
    from tila.problem_codes import files, questionnaire, responses, results, series

    return (files.AREA, questionnaire.AREA, responses.AREA, results.SCORING, results.REPORT,
            results.DEPLOY, results.INTERVIEW, series.AREA)


def all_codes() -> dict[str, Code]:
    """Every code; a family of codes such as ``schema-*`` is one entry ending in ``*``."""
    out: dict[str, Code] = {}
    for area in areas():
        out.update(area.codes)
    return out


def lookup(code: str) -> Code | None:
    """The entry for ``code``, a member of a family (``schema-missing``) included."""
    codes = all_codes()
    if code in codes:
        return codes[code]
    family = next((c for c in codes if c.endswith("*") and code.startswith(c[:-1])), None)
    return codes[family] if family else None
