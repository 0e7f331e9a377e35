"""Where tila's bundled data lives, installed or in a checkout.

The wheel carries ``questionnaires/`` and ``report_templates/`` under ``tila/_data/``; a source
checkout (or an editable install) keeps them at the repository root. Looking in both places means
the same code works in either case without copying files around.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``questionnaires`` or ``report_templates``: the bundled folder of that name."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"tila's bundled folder '{name}' is missing; reinstall tila")


def questionnaires_dir() -> Path:
    return data_dir("questionnaires")


def templates_dir() -> Path:
    return data_dir("report_templates")
