"""How many threads tila's own threaded steps use, decided in one place.

The threaded steps are the scoring pass (blocks of rows), the summaries' medians (columns) and
the reader's helper for ids and group fields. Each is told a count by its caller (``score``'s
and ``ReadOptions``'s ``threads=``); ``None`` means this default: up to four, never more than
the machine has cores. One thread runs every step inline, with no pool at all.
"""

from __future__ import annotations

import os

MAX_DEFAULT = 4  # the pass stops gaining beyond this: memory traffic, not cores, limits it


def thread_count(threads: int | None) -> int:
    """``threads`` if given (at least 1), else the default for this machine."""
    if threads is None:
        return min(MAX_DEFAULT, os.cpu_count() or 1)
    if threads < 1:
        raise ValueError("threads must be at least 1")
    return threads
