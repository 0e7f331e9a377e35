"""A short answer (a choice's number) typed key by key in cbreak mode and confirmed with Enter.

Split out of ``KeyInput`` (issue 15): the line editing here (echo, Backspace, Ctrl-U, keeping
what was typed across a redraw) is its own job, and reads keys only through the callable it is
given, so it does not depend on how keys arrive or on the signal handling around them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from tila.administer.keys import PASTE, REDRAW
from tila.administer.terminal_bytes import CTRL_D, EOF


def read_typed(next_key: Callable[[], str], out: TextIO, prompt: str,
               typed: str = "") -> tuple[str, str]:
    """The answer typed after ``prompt``, and what to keep typed for the next call.

    Echoed by tila itself; Backspace and Ctrl-U edit it. Unlike a line read by the terminal, it
    can be interrupted: a resize or ``fg`` returns ``REDRAW`` and a paste ``PASTE``, and what was
    typed so far (``typed``, shown again after the prompt) is handed back to be kept. End of
    input (Ctrl-D on an empty answer) is ``q``."""
    out.write(prompt + typed)
    out.flush()
    while True:
        key = next_key()
        if key in (REDRAW, PASTE):
            return key, typed
        if key in ("\n", "\r") or (key in (CTRL_D, EOF) and not typed):
            out.write("\n")
            out.flush()
            return (typed if key in ("\n", "\r") else "q"), ""
        if key in ("\x7f", "\b") and typed:
            typed = typed[:-1]
            out.write("\b \b")
        elif key == "\x15":  # Ctrl-U: clear the answer
            out.write("\b \b" * len(typed))
            typed = ""
        elif len(key) == 1 and key.isprintable():
            typed += key
            out.write(key)
        out.flush()
