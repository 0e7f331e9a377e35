"""JSON Schema of library files, for editors (questionnaires/schema/suggestions.schema.json).

The schema is generated from the pydantic models so it can never drift from what tila accepts;
a test compares the committed file with ``suggestions_schema_text()``. Regenerate it with
``PYTHONPATH=src python -m tila.library.schema`` (``tila schema suggestions`` prints the same).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

SCHEMA_FILE = "suggestions.schema.json"
SCHEMA_ID = "https://tila.invalid/schema/suggestions.schema.json"


def suggestions_schema() -> dict[str, Any]:
    """One schema for both kinds of library file, chosen by their ``kind`` key."""
    from pydantic import TypeAdapter

    from tila.library.model import LibraryFile

    generated = TypeAdapter(LibraryFile).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "tila suggestions library file",
        "description": "A file of improvement suggestions (kind: suggestions) or of the sources "
        "they cite (kind: references). See docs/authoring.md.",
        **generated,
    }


def suggestions_schema_text() -> str:
    """The schema as committed: formatted like the questionnaire schema (``tila schema``)."""
    from tila.questionnaire.schema import schema_text

    return schema_text(suggestions_schema())


def write_schema(folder: Path) -> Path:
    """Write the schema into ``folder`` atomically and return its path."""
    target = folder / SCHEMA_FILE
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{SCHEMA_FILE}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(suggestions_schema_text())
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the schema is shipped data
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


if __name__ == "__main__":
    from tila.paths import questionnaires_dir

    print(write_schema(questionnaires_dir() / "schema"))
