"""The improvement-suggestions library: suggestions and the sources they cite.

``load_library()`` returns every built-in suggestion and reference, validated and cross-checked
(principles, domains, references and questionnaire items all exist). ``check_library_file`` is
what ``tila validate`` runs on a file whose top-level ``kind`` is not a questionnaire's (see
``file_kind``). The format is documented in docs/authoring.md.
"""

from typing import Any

from tila.library.load import (
    check_library_file,
    file_kind,
    load_library,
    parse_library_file,
    suggestions_dir,
)
from tila.library.model import (
    Library,
    Reference,
    ReferencesFile,
    Suggestion,
    SuggestionsFile,
)


def suggestions_schema() -> dict[str, Any]:
    """The JSON Schema of suggestions and references files (what ``tila schema`` prints)."""
    # Imported here so ``python -m tila.library.schema`` does not import its own module twice.
    from tila.library.schema import suggestions_schema as build

    return build()


__all__ = [
    "Library",
    "Reference",
    "ReferencesFile",
    "Suggestion",
    "SuggestionsFile",
    "check_library_file",
    "file_kind",
    "load_library",
    "parse_library_file",
    "suggestions_dir",
    "suggestions_schema",
]
