"""Deploy a questionnaire: write it in the form a survey platform imports, or for paper.

``deploy(q, "redcap")`` returns the bytes of the file; the CLI writes them atomically. Every
format is built from the same ``Survey`` (survey.py), so the wording, order, scale and options
match the questionnaire, and what the platform exports comes back through ``tila import`` with
no column map. Each format lives in its own module and is imported only when asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from tila.errors import OutputError, Problem
from tila.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class Target:
    name: str
    title: str
    suffix: str  # the file name ending the platform expects
    module: str
    function: str


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("redcap", "REDCap data dictionary", ".csv", "redcap", "data_dictionary"),
    Target("qualtrics", "Qualtrics survey file", ".qsf", "qualtrics", "qsf"),
    Target("limesurvey", "LimeSurvey survey structure", ".txt", "limesurvey", "survey_txt"),
    Target("google-forms", "Google Forms Apps Script", ".gs", "google_forms", "apps_script"),
    Target("workbook", "data-entry workbook", ".xlsx", "workbook", "data_entry_workbook"),
    Target("paper", "paper form", ".pdf", "paper", "paper_pdf"),
)}


def deploy(q: Questionnaire, target: str, *, form: str | None = None,
           large_print: bool = False) -> bytes:
    """The deployed survey file's bytes for ``target`` (one of ``TARGETS``)."""
    from tila.deploy.survey import build_survey

    if target not in TARGETS:
        raise OutputError([Problem(code="unknown-target", message=f"cannot deploy to '{target}'",
                                   hint="choose one of: " + ", ".join(TARGETS))])
    spec = TARGETS[target]
    survey = build_survey(q, form)
    make = getattr(importlib.import_module(f"tila.deploy.{spec.module}"), spec.function)
    out = make(survey, large_print=large_print) if spec.name == "paper" else make(survey)
    return out.encode("utf-8") if isinstance(out, str) else bytes(out)
