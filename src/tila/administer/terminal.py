"""The interview's terminal, as one name to import: key and line readers and the plain view.

Issue 15 split this module along its jobs, each in a module named for what it owns:

- ``key_input``: single keypresses in cbreak mode, and the signals (Ctrl-Z, ``fg``, resize)
  that change the terminal's mode;
- ``typed_answer``: a choice's number typed key by key, echoed and edited by tila;
- ``line_input``: whole lines in the terminal's normal mode, and ``--plain``, which reads every
  answer as a line (screen readers announce what was typed, and it can be corrected before
  Enter, which single keypresses do not allow);
- ``terminal_bytes``: escape sequences, end of input, and telling a paste from typing;
- ``hangup``: SIGHUP and SIGTERM turned into an exception, so cleanup code runs;
- ``plain_view``: the plain (screen-reader) view.

The names are re-exported here so that ``tui`` and the tests keep importing them from
``tila.administer.terminal``.
"""

from __future__ import annotations

from tila.administer.hangup import Hangup, stop_signals_raise
from tila.administer.key_input import KeyInput
from tila.administer.line_input import LineInput, read_line_fd
from tila.administer.plain_view import PlainView, plain_key
from tila.administer.terminal_bytes import (
    CTRL_D,
    LEFT_ARROW,
    PASTE_END,
    PASTE_OFF,
    PASTE_ON,
    PASTE_START,
    looks_pasted,
)

__all__ = ["CTRL_D", "LEFT_ARROW", "PASTE_END", "PASTE_OFF", "PASTE_ON", "PASTE_START", "Hangup",
           "KeyInput", "LineInput", "PlainView", "looks_pasted", "plain_key", "read_line_fd",
           "stop_signals_raise"]
