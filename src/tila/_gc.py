"""Python's cyclic garbage collector, paused while heavy libraries are first imported.

Importing numpy, pydantic and polars (and tila's own modules) creates a few hundred thousand
long-lived objects. With the collector on, each burst of new objects starts a collection that
scans them again: in a fresh process that scores a million respondents, about 130 collections
and 60-70 ms, one full collection alone 25-30 ms. Paused, the collector scans them once, at its
next collection after the imports (about 30 ms). Imports make no garbage cycles worth
collecting early, so nothing is kept longer than it would be.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the collector off; a collector the caller switched off stays off.

    The switch is process-wide, like the collector: another thread that turns the collector
    off while tila is importing may find it back on afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
