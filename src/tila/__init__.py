"""tila: organizational trauma-informed self-assessment.

Library façade::

    from tila import load_questionnaire, read_responses, score
    q = load_questionnaire("tila-starter")
    result = score(q, read_responses("responses.csv", q), by=["role"])

Dependency rule: this package's core never imports typer or rich (only ``tila.cli`` and the
interview's terminal front end do) and never exits the process. Heavy libraries (numpy, polars,
weasyprint) load on first use, which is why the names below are resolved lazily: ``import tila``
and ``tila --help`` stay fast. The library throws no process-wide switch and writes no file
unasked: pausing the garbage collector and importing the scoring pass ahead of time are the
``tila`` command's choices (cli/app.py), and the questionnaire cache is used only when
``load_questionnaire`` is given a folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tila._version import __version__

if TYPE_CHECKING:
    from tila.errors import TilaError
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.render import render_report
    from tila.responses.readers import read_responses
    from tila.scoring.engine import score

__all__ = ["TilaError", "__version__", "load_questionnaire", "read_responses", "render_report",
           "score"]

_LAZY = {
    "load_questionnaire": ("tila.questionnaire.parse", "load_questionnaire"),
    "read_responses": ("tila.responses.readers", "read_responses"),
    "score": ("tila.scoring.engine", "score"),
    "render_report": ("tila.report.render", "render_report"),
    "TilaError": ("tila.errors", "TilaError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tila' has no attribute {name!r}")
