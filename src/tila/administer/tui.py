"""The terminal front end: the rich view, and ``run``, which wires view, keys and loop together.

This is the only module of ``tila.administer`` that imports rich (lazily, in ``RichView``); the
loop itself lives in ``interview.py``. Three looks, one behaviour:

* colour: rich panel, redrawn in place;
* ``NO_COLOR`` (or ``TERM=dumb``): the same layout without any escape sequence, each screen
  printed below the last (clearing the screen needs an escape sequence);
* ``--plain``: ``PlainView`` text for screen readers, every answer typed as a line.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, TextIO

from tila.administer import screens
from tila.administer.interview import Interview
from tila.administer.session import Session
from tila.administer.store import SessionFile
from tila.administer.terminal import Hangup, KeyInput, LineInput, PlainView, stop_signals_raise

if TYPE_CHECKING:
    from rich.panel import Panel
    from rich.text import Text

Reader = KeyInput | LineInput

BAR_WIDTH = 24
MAX_WIDTH = 80
# how far a short window compacts a screen: 1 no blank rows, 2 no lines said elsewhere too,
# 3 a long list set closer (DENSE), 4 a long list shown a page at a time (PAGED)
DENSE, PAGED, LEVELS = 3, 4, 5


def _numbered(line: screens.Line) -> bool:
    return line.kind == "choice" and line.key.isdigit()


class RichView:
    """Boxes, a progress bar and (unless ``color`` is off) colour; never wider than 80."""

    def __init__(self, out: TextIO, color: bool, *, force_terminal: bool | None = None) -> None:
        from rich.console import Console

        self.clears = color
        self.console = Console(file=out, highlight=False, emoji=False, markup=False,
                               color_system="auto" if color else None, no_color=not color,
                               force_terminal=force_terminal)
        self.width, self.height = self._size()
        # a long list shown a page at a time: which list, its first choice shown, how many
        self._paged: tuple[tuple[str, str], ...] = ()
        self._start = self._shown = 0

    def _size(self) -> tuple[int, int]:
        # asked again for every screen: the window may have been resized since the last one
        try:
            columns, rows = os.get_terminal_size(self.console.file.fileno())
        except (OSError, ValueError, AttributeError):  # not a terminal (tests, a pipe)
            columns, rows = self.console.size
            rows = min(rows, 24)  # the smallest screen the interview promises to fit
        return max(40, min(columns, MAX_WIDTH)), max(10, rows)

    def show(self, screen: screens.Screen, hint: str | None = None) -> None:
        from rich.text import Text

        self.width, self.height = self._size()
        choices = tuple((line.key, line.text) for line in screen.body if _numbered(line))
        if choices != self._paged:  # another list: its first page, or the answer given
            given = [i for i, line in enumerate(
                line for line in screen.body if _numbered(line)) if line.current]
            self._paged, self._start, self._shown = choices, (given or [0])[0], len(choices)
        keys = self._key_rows(screen.keys)
        hints = self._hint_rows(hint)
        # one row for the cursor or a typed answer; the hint is wrapped here, so its rows count
        room = self.height - len(keys) - 1 - len(hints)
        # a short window: first drop blank rows, then lines said elsewhere too (the support
        # line under help is on the opening and closing screens; a note on its own screen),
        # then set a long list closer, then show it a page at a time
        for level in range(LEVELS):
            panel = self._panel(screen, compact=level, room=room)
            if self._rows(panel) <= room:
                break
        if self.clears:
            self.console.clear()
        else:
            self.console.print()
        self.console.print(panel)
        for row in keys:
            self.console.print(row)
        for text in hints:
            self.console.print(Text(text, style="cyan"))

    def more(self) -> None:
        """The next page of a long list (back to the first after the last)."""
        self._start += self._shown
        if self._start >= len(self._paged):
            self._start = 0

    def _hint_rows(self, hint: str | None) -> list[str]:
        import textwrap

        if not hint:
            return []
        return [" " + row for row in textwrap.wrap(hint, self.width - 2, break_long_words=False,
                                                   break_on_hyphens=False)]

    def _panel(self, screen: screens.Screen, *, compact: int, room: int = 0) -> Panel:
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        parts: list[Text] = []
        if screen.progress:
            parts += [self._progress(screen.progress)] + ([] if compact else [Text("")])
        body = screen.body
        if compact:
            body = tuple(line for line in body if line.kind != "blank")
        if compact > 1:
            body = tuple(line for line in body if not line.optional)
        dense = compact >= DENSE
        if compact >= PAGED and screen.line_input:
            # the rows left for the list: the panel without it, and one row saying which
            # choices are shown, leave room - that
            others = self._rows(Panel(Group(*parts, *self._body(
                tuple(line for line in body if not _numbered(line)), dense=True), Text("")),
                width=self.width, padding=(0, 1)))
            parts += self._body(body, dense=True, list_rows=max(1, room - others))
        else:
            parts += self._body(body, dense=dense)
        heading = screens.section_heading(screen, self.width - 8)
        return Panel(Group(*parts), title=Text(heading, style="bold"), title_align="left",
                     width=self.width, padding=(0, 1))

    def _rows(self, panel: Panel) -> int:
        options = self.console.options.update(width=self.width)
        return len(self.console.render_lines(panel, options, pad=False))

    def hint(self, screen: screens.Screen, text: str) -> None:
        if self.clears:
            self.show(screen, text)
        else:
            self.say(" " + text)

    def say(self, text: str) -> None:
        import textwrap

        from rich.text import Text

        self.width, self.height = self._size()
        for line in text.split("\n"):
            if line.startswith("  tila "):
                # not wrapped: the resume command must stay one copyable piece
                self.console.print(Text(line), soft_wrap=True)
            else:  # wrapped between words, never mid-word by the terminal
                for row in textwrap.wrap(line, self.width - 1, break_long_words=False,
                                         break_on_hyphens=False) or [""]:
                    self.console.print(Text(row), soft_wrap=True)

    def _progress(self, progress: tuple[int, int, float]) -> Text:
        from rich.text import Text

        number, total, _ = progress
        words = screens.progress_text(progress)
        # a narrow window shortens the bar, so the words stay on one row
        bar = max(8, min(BAR_WIDTH, self.width - 6 - len(words)))
        filled = round(bar * (number - 1) / total)
        # filled and empty cells differ in shape, not only colour
        return Text.assemble(("█" * filled, "green"), ("░" * (bar - filled), "dim"),
                             "  " + words)

    def _body(self, lines: tuple[screens.Line, ...], *, dense: bool = False,
              list_rows: int | None = None) -> list[Text]:
        # letter options ("Don't know", "Not applicable") share one row when they fit, so an
        # item with its help and a committee note still fits 24 rows
        out: list[Text] = []
        joinable = False
        numbered = [line for line in lines if _numbered(line)]
        if len(numbered) > 9:  # a long list (30 sites) goes into columns to fit the screen
            first = lines.index(numbered[0])
            return [*self._body(lines[:first]),
                    *self._columns(numbered, dense=dense, list_rows=list_rows),
                    *self._body(lines[first + len(numbered):], dense=dense)]
        for line in lines:
            text = self._line(line, indent=not dense)
            letter = line.kind == "choice" and not line.key.isdigit()
            if letter and joinable and len(out[-1]) + 2 + len(text) <= self.width - 4:
                out[-1].append("  ")
                out[-1].append_text(text)
            else:
                out.append(text)
                joinable = letter
        return out

    def _columns(self, choices: list[screens.Line], *, dense: bool = False,
                 list_rows: int | None = None) -> list[Text]:
        """Numbered down each column, as people read a list. ``dense``: no indent and a
        narrower gap, so more columns fit; ``list_rows``: at most that many rows, the list shown
        a page at a time (every number can be typed, shown or not)."""
        from rich.text import Text

        cells = [self._line(c, indent=not dense) for c in choices]
        cell_width = max(len(c) for c in cells) + 2  # two spaces before the next column
        # inside the panel's border and padding (4); dense: the last column needs no gap
        columns = max(1, min(6, (self.width - 2) // cell_width) if dense else
                      min(4, (self.width - 4) // cell_width))
        note: Text | None = None
        if list_rows is not None and -(-len(cells) // columns) > list_rows:
            rows = max(1, list_rows - 1)  # one row says which are shown
            start = self._start if self._start < len(cells) else 0
            cells = cells[start:start + rows * columns]
            self._shown = len(cells)
            last = start + len(cells)
            note = Text(f"Choices {start + 1}-{last} of {len(choices)} (+ then Enter: "
                        + ("the next ones)" if last < len(choices) else "from the first)"),
                        style="dim italic")
        rows = -(-len(cells) // columns)
        out = []
        for r in range(rows):
            row = Text()
            for cell in cells[r::rows]:
                row.append_text(cell)
                row.append(" " * (cell_width - len(cell)))
            row.rstrip()
            out.append(row)
        return [*out, note] if note is not None else out

    def _line(self, line: screens.Line, *, indent: bool = True) -> Text:
        from rich.text import Text

        if line.kind == "choice":
            text = Text.assemble("  " if indent else "", (f"{line.key:>2}", "bold cyan"),
                                 "  " if indent else " ", line.text)
            if line.current:
                text.append("  ◀ your answer", style="bold")
            return text
        style = {"strong": "bold", "muted": "dim italic"}.get(line.kind, "")
        return Text(line.text, style=style)

    def _key_rows(self, entries: tuple[str, ...]) -> list[Text]:
        from rich.text import Text

        rows = []
        for row in screens.wrap_entries(list(entries), self.width - 1):
            text = Text(" ")
            for i, entry in enumerate(row.split("   ")):
                key, _, rest = entry.partition(" ")
                text.append_text(Text.assemble("   " if i else "", (key, "bold"), " ",
                                               (rest, "dim")))
            rows.append(text)
        return rows


def use_color(environ: dict[str, str] | None = None) -> bool:
    """Colour unless ``NO_COLOR`` is set to anything non-empty, or the terminal is dumb."""
    env = os.environ if environ is None else environ
    return not env.get("NO_COLOR") and env.get("TERM", "") != "dumb"


def run(session: Session, store: SessionFile, *, plain: bool, resumed: bool = False,
        fd: int | None = None, out: TextIO | None = None) -> int:
    """Run the interview on the terminal; returns the exit code (0, or 128 + signal)."""
    fd = sys.stdin.fileno() if fd is None else fd
    out = sys.stdout if out is None else out
    width = os.get_terminal_size(out.fileno()).columns if out.isatty() else MAX_WIDTH
    view: RichView | PlainView = PlainView(out, width) if plain else RichView(out, use_color())
    # bracketed paste needs an escape sequence: only where escape sequences are allowed
    reader: Reader = LineInput(fd, out) if plain else KeyInput(fd, out, paste=use_color())
    interview = Interview(session, store, view, reader)
    with stop_signals_raise(), reader:
        try:
            return interview.run(screens.welcome_back(session) if resumed else None)
        except KeyboardInterrupt:
            interview.pause()
            return 128 + signal.SIGINT
        except Hangup as stop:
            # the terminal may be gone; the answers were saved before it went
            with contextlib.suppress(OSError):
                interview.pause()
            return 128 + stop.signum
