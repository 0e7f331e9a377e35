"""Scoring: per-respondent scores (engine.py) and organization aggregates (aggregate.py)."""

from __future__ import annotations

import importlib
import sys
import threading

# What score() imports on first use (see engine.py).
_PASS_MODULES = ("tila.scoring.accumulate", "tila.scoring.aggregate", "tila.scoring.groups",
                 "tila.scoring.result")


def preload() -> None:
    """Import the scoring pass and summaries in a background thread, unless already imported.

    The tila command has readers call this (ReadOptions.while_parsing) just before polars
    parses a file. Parsing releases the GIL for most of
    a second with part of a core idle, and scoring nearly always follows a read, so the ~50 ms
    these imports take (dataclasses, threadpoolctl) is spent there instead of after it. An
    import the main thread needs meanwhile waits for the module, as any concurrent import does.
    """
    missing = [m for m in _PASS_MODULES if m not in sys.modules]
    if missing:
        threading.Thread(target=_import, args=(missing,), name="tila-preload").start()


def _import(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:  # score() imports it again and reports the error there
            return
