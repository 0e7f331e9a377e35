"""What arrives from a terminal besides plain keys: escape sequences, end of input, pastes.

Split out of ``terminal.py`` (issue 15) so the key reader, the typed-answer editor and the tests
share one definition of each byte sequence, and telling a paste from typing is readable alone.
"""

from __future__ import annotations

import os

LEFT_ARROW = "\x1b[D"
CTRL_D = "\x04"
EOF = "\x00eof"  # not a key: the terminal is gone or input ended
PASTE_ON = "\x1b[?2004h"  # bracketed paste: the terminal marks pasted text
PASTE_OFF = "\x1b[?2004l"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def looks_pasted(chunk: str) -> bool:
    """Text arriving at once with a space or a line break inside is pasted, not typed: keys
    typed ahead in a hurry ("1234") never contain one. Used where the terminal cannot be asked
    to mark pastes (no escape sequences with NO_COLOR or TERM=dumb)."""
    inner = chunk.rstrip("\r\n")
    return len(inner) >= 4 and any(c in inner for c in " \t\r\n")


def skip_paste(fd: int, raw: str) -> str:
    """Read and drop everything up to the end-of-paste marker; return the keys after it, which
    were typed, not pasted, and are kept."""
    while PASTE_END not in raw:
        chunk = os.read(fd, 1024).decode("utf-8", "replace")
        if not chunk:
            return ""
        raw = raw[-len(PASTE_END):] + chunk  # a marker may straddle two reads
    return raw[raw.index(PASTE_END) + len(PASTE_END):]
