"""The plain (screen-reader) view: each screen written out as wrapped lines of text.

Split out of ``terminal.py`` (issue 15): it only writes, so it sits apart from the key readers;
the coloured view is ``tui.RichView``. Both take the same ``Screen`` from ``screens``.
"""

from __future__ import annotations

import os
import textwrap
from typing import TextIO

from tila.administer.screen_model import Screen, progress_text, wrap_entries


class PlainView:
    """Text only: no colour, no box drawing, no escape sequences, nothing redrawn in place."""

    clears = False

    def __init__(self, out: TextIO, width: int) -> None:
        self.out = out
        self.width = max(40, min(width, 100))

    def _columns(self) -> int:
        # asked again each time: the window may have been resized since the interview began
        try:
            if self.out.isatty():
                return max(40, min(os.get_terminal_size(self.out.fileno()).columns, 100))
        except (OSError, ValueError, AttributeError):
            pass
        return self.width

    def _wrap(self, text: str, width: int, indent: str = "") -> list[str]:
        # between words only: a screen reader reads the terminal's rows, and "state" "ment"
        # read as two words; a path or link is never cut
        return textwrap.wrap(text, width, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False) or [""]

    def show(self, screen: Screen, hint: str | None = None) -> None:
        width = self._columns()
        lines = ["", *self._wrap(screen.heading + ".", width)]
        if screen.area:
            lines += self._wrap(f"Area: {screen.area}.", width)
        if screen.progress:
            lines += self._wrap(progress_text(screen.progress) + ".", width)
        for line in screen.body:
            if line.kind == "blank":
                continue
            if line.kind == "choice":
                mark = " (your current answer)" if line.current else ""
                lines += self._wrap(f"{line.key}: {line.text}{mark}", width,
                                    " " * (len(line.key) + 2))
            else:
                lines += self._wrap(line.text, width)
        if screen.keys:
            # one sentence a screen reader reads naturally: "Press ..., or q to leave."
            entries = [plain_key(k) + "," for k in screen.keys]
            entries[0] = "Press " + entries[0]
            entries[-1] = entries[-1][:-1] + "."
            if len(entries) > 1:
                entries[-1] = "or " + entries[-1]
            lines += wrap_entries(entries, width, " ")
        if hint:
            lines += self._wrap(hint, width)
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def hint(self, screen: Screen, text: str) -> None:
        self.say(text)

    def more(self) -> None:
        """Nothing to page: every choice is listed, for a screen reader to read in turn."""

    def say(self, text: str) -> None:
        width = self._columns()
        rows: list[str] = []
        for line in text.split("\n"):
            # the resume command stays one copyable piece
            rows += [line] if line.startswith("  tila ") else self._wrap(line, width)
        self.out.write("\n".join(rows) + "\n")
        self.out.flush()


def plain_key(entry: str) -> str:
    """``1-5 to answer`` read aloud as ``a number from 1 to 5 to answer``; Enter as "Enter
    alone", since in plain mode every answer ends with Enter."""
    key, _, rest = entry.partition(" ")
    if "-" in key and key[0].isdigit():
        low, high = key.split("-")
        key = f"a number from {low} to {high}"
    elif key == "Enter":
        key = "Enter alone"
    return f"{key} {rest}"
