"""Write a generated docs page, or with ``--check`` only say whether it is current: the one
behaviour of scripts/make_cli_docs.py and scripts/make_error_docs.py (tests run both with
--check so a docs page cannot drift from the code it is made from)."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, script: str) -> int:
    """Exit status: 1 when ``--check`` finds ``target`` stale, else 0 (after writing it)."""
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"docs/{target.name} is out of date: run python scripts/{script}")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0
