"""``tila validate`` in the core: check any tila YAML document and return every problem.

Questionnaires are the default; a document with any other top-level ``kind`` (``suggestions``,
``references``, or a misspelling) goes to ``tila.library``, which names the kinds it knows.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from tila.errors import Problem


def _kind(data: object) -> str:
    if isinstance(data, dict) and isinstance(data.get("kind"), str):
        return str(data["kind"])
    return "questionnaire"


def check_document(path: Path) -> list[Problem]:
    from tila.questionnaire.load import read_yaml
    from tila.questionnaire.parse import check_parsed

    data, problems = read_yaml(path)  # parsed once: the kind and the checks share it
    if _kind(data) != "questionnaire":  # the library reports an unknown kind clearly
        library = importlib.import_module("tila.library")
        found: list[Problem] = library.check_library_file(path)
        return found
    return list(check_parsed(path, data, problems).problems)
