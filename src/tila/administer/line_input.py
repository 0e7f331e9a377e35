"""Reading whole lines from the terminal, and ``--plain``, where every answer is a line.

Split out of ``terminal.py`` (issue 15). Lines are read in the terminal's normal mode, so editing
and echo work as usual: screen readers announce what was typed, and the respondent can correct it
before pressing Enter, which single keypresses do not allow. The file descriptor is read directly
(``os.read``), never ``sys.stdin``'s buffer, so a line read never swallows the keypress after it.
"""

from __future__ import annotations

import os
from typing import TextIO


def read_line_fd(fd: int, out: TextIO, prompt: str) -> str | None:
    """One line from ``fd`` in canonical mode; ``None`` at end of input (Ctrl-D)."""
    out.write(prompt)
    out.flush()
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1024)
        if not chunk:
            return None if not data else data.decode("utf-8", "replace").strip()
        data += chunk
    return data.decode("utf-8", "replace").rstrip("\r\n")


class LineInput:
    """Every answer typed as a line and confirmed with Enter (``--plain``)."""

    lines_only = True

    def __init__(self, fd: int, out: TextIO) -> None:
        self.fd = fd
        self.out = out

    def __enter__(self) -> LineInput:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def discard_typeahead(self) -> None:
        return None  # each line was confirmed with Enter on purpose

    def read_key(self) -> str:
        line = read_line_fd(self.fd, self.out, "Your choice, then Enter: ")
        return "q" if line is None else line.strip()

    def read_line(self, prompt: str) -> str | None:
        return read_line_fd(self.fd, self.out, prompt)
