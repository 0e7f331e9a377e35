"""Stopping cleanly when the terminal goes away (SIGHUP) or the process is asked to stop (SIGTERM).

Split out of ``terminal.py`` (issue 15): the interview's runner needs only this, not the key
readers, to make sure answers are saved and the terminal restored on the way out.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Hangup(Exception):
    """The terminal went away or the process was asked to stop (SIGHUP / SIGTERM)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM into ``Hangup`` so cleanup code runs, then restore handlers."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Hangup(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
