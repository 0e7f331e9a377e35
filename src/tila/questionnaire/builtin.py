"""The questionnaires that ship with tila (the YAML files in the bundled questionnaires/)."""

from __future__ import annotations

from pathlib import Path

from tila.paths import questionnaires_dir


def builtin_files() -> list[Path]:
    """Built-in questionnaire files, sorted by name (suggestion libraries live elsewhere)."""
    return sorted(p for p in questionnaires_dir().glob("*.yaml") if p.is_file())


def builtin_ids() -> list[str]:
    return [p.stem for p in builtin_files()]


def builtin_path(id_: str) -> Path | None:
    """The file of a built-in questionnaire: its file name is its id."""
    candidate = questionnaires_dir() / f"{id_}.yaml"
    return candidate if candidate.is_file() else None
