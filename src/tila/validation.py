"""``tila validate`` in the core: check any tila YAML document and return every problem.

Questionnaires are the default; a document whose top-level ``kind`` is ``suggestions`` or
``references`` belongs to the improvement-suggestions library and is checked by ``tila.library``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from tila.errors import Problem


def document_kind(path: Path) -> str:
    from tila.questionnaire.load import read_yaml

    data, _ = read_yaml(path)
    if isinstance(data, dict) and isinstance(data.get("kind"), str):
        return str(data["kind"])
    return "questionnaire"


def check_document(path: Path) -> list[Problem]:
    kind = document_kind(path)
    if kind in {"suggestions", "references"}:
        library = importlib.import_module("tila.library")
        problems: list[Problem] = library.check_library_file(path)
        return problems
    from tila.questionnaire.parse import check_file

    return list(check_file(path).problems)
