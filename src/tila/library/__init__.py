"""The improvement-suggestions library: suggestions and the sources they cite.

``load_library()`` returns every built-in suggestion and reference, validated and cross-checked
(principles, domains, references and questionnaire items all exist). ``check_library_file`` is
what ``tila validate`` runs on a file whose top-level ``kind`` is not a questionnaire's (see
``file_kind``). The format is documented in docs/authoring.md.
"""

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
]
