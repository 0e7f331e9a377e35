"""Reading keys and lines from the terminal, and the plain (screen-reader) view.

Keys are read with the terminal in cbreak mode (each keypress arrives at once, without echo, and
Ctrl-C still interrupts); the saved terminal settings are restored on every way out, including
exceptions and signals. Lines (notes, free-text fields, a statement number) are read in the
terminal's normal mode, so editing and echo work as usual. ``--plain`` reads *every* answer as a
line: screen readers announce what was typed, and the respondent can correct it before pressing
Enter, which single keypresses do not allow.

Both readers use the file descriptor directly (``os.read``), never ``sys.stdin``'s buffer, so a
line read never swallows the keypress that follows it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import textwrap
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TextIO

from tila.administer.keys import PASTE, REDRAW
from tila.administer.screens import Screen, wrap_entries

LEFT_ARROW = "\x1b[D"
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
CTRL_D = "\x04"
_EOF = "\x00eof"  # not a key: the terminal is gone or input ended


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


class KeyInput:
    """Single keypresses in cbreak mode; use as a context manager to restore the terminal.

    Ctrl-Z (SIGTSTP) gives the terminal back in its normal mode before the process stops, and
    ``fg`` (SIGCONT) puts it back in cbreak mode; after that, or after the window is resized
    (SIGWINCH), ``read_key`` returns ``REDRAW`` so the loop draws the screen again. The signal
    handlers only set flags and touch the terminal settings; they wake the blocking read through
    a pipe (``signal.set_wakeup_fd``), so no exception is ever raised in the middle of a save.
    """

    lines_only = False

    def __init__(self, fd: int, out: TextIO, *, paste: bool = False) -> None:
        self.fd = fd
        self.out = out
        self.paste = paste  # ask the terminal to mark pasted text (an escape sequence)
        self._saved: list[Any] | None = None
        self._queue: deque[str] = deque()
        self._in_line = False  # reading a line in normal mode: fg must not switch to cbreak
        self._prompt = ""
        self._typed = ""  # an answer being typed when the screen had to be drawn again
        self._redraw = False
        self._wake: tuple[int, int] | None = None
        self._previous: dict[int, Any] = {}
        self._previous_wakeup = -1

    def __enter__(self) -> KeyInput:
        import termios

        self._saved = termios.tcgetattr(self.fd)
        self._cbreak()
        self._install_handlers()
        return self

    def __exit__(self, *exc: object) -> None:
        self._restore()
        self._remove_handlers()

    def _cbreak(self) -> None:
        import termios
        import tty

        with contextlib.suppress(termios.error, OSError):
            tty.setcbreak(self.fd, termios.TCSADRAIN)  # TCSAFLUSH would drop keys typed ahead
            if self.paste:
                self.out.write(PASTE_ON)
                self.out.flush()

    def _restore(self) -> None:
        import termios

        if self._saved is not None:
            # a closed terminal (SIGHUP) cannot be restored, and need not be
            with contextlib.suppress(termios.error, OSError, ValueError):
                if self.paste:
                    self.out.write(PASTE_OFF)
                    self.out.flush()
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def _install_handlers(self) -> None:
        import fcntl

        try:
            r, w = os.pipe()
            for end in (r, w):
                fcntl.fcntl(end, fcntl.F_SETFL, fcntl.fcntl(end, fcntl.F_GETFL) | os.O_NONBLOCK)
            self._previous_wakeup = signal.set_wakeup_fd(w)
        except (OSError, ValueError):  # not the main thread: keys still work, no redraws
            return
        self._wake = (r, w)
        self._previous = {signal.SIGTSTP: signal.signal(signal.SIGTSTP, self._on_stop),
                          signal.SIGCONT: signal.signal(signal.SIGCONT, self._on_continue),
                          signal.SIGWINCH: signal.signal(signal.SIGWINCH, self._on_resize)}

    def _remove_handlers(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous = {}
        if self._wake is not None:
            signal.set_wakeup_fd(self._previous_wakeup)
            for end in self._wake:
                os.close(end)
            self._wake = None

    def _on_stop(self, signum: int, frame: FrameType | None) -> None:
        self._restore()  # the shell gets its normal terminal back
        # SIGSTOP, not SIGTSTP again: a stop request that the kernel would discard for an
        # orphaned process group cannot leave the terminal restored but the process running
        os.kill(os.getpid(), signal.SIGSTOP)

    def _on_continue(self, signum: int, frame: FrameType | None) -> None:
        if self._in_line:
            with contextlib.suppress(OSError, ValueError):
                self.out.write("\n" + self._prompt)
                self.out.flush()
        else:
            self._cbreak()
            self._redraw = True

    def _on_resize(self, signum: int, frame: FrameType | None) -> None:
        if not self._in_line:
            self._redraw = True

    def _wait_for_input(self) -> bool:
        """Block until a key arrives (True) or the screen must be redrawn (False)."""
        import select

        while True:
            if self._redraw:
                self._redraw = False
                return False
            if self._wake is None:
                return True
            ready, _, _ = select.select([self.fd, self._wake[0]], [], [])
            if self._wake[0] in ready:
                with contextlib.suppress(BlockingIOError):
                    os.read(self._wake[0], 512)
            if self.fd in ready:
                return True

    def read_key(self) -> str:
        """One key: a character, "" for Enter, "q" at end of input, an escape sequence, or
        ``REDRAW`` after a stop and continue or a resize."""
        key = self._raw()
        if key in ("\n", "\r"):
            return ""
        if key in (CTRL_D, _EOF):
            return "q"
        if key == LEFT_ARROW:
            return "b"
        return key

    def read_typed(self, prompt: str) -> str:
        """A short answer (a choice's number) typed in cbreak mode, echoed by tila itself and
        confirmed with Enter; Backspace and Ctrl-U edit it. Unlike a line read by the terminal,
        it can be interrupted: a resize or ``fg`` returns ``REDRAW`` and a paste ``PASTE``,
        and what was typed so far is kept and shown again after the prompt. End of input
        (Ctrl-D on an empty answer) is ``q``."""
        typed = self._typed
        self.out.write(prompt + typed)
        self.out.flush()
        while True:
            key = self._raw()
            if key in (REDRAW, PASTE):
                self._typed = typed
                return key
            if key in ("\n", "\r") or (key in (CTRL_D, _EOF) and not typed):
                self._typed = ""
                self.out.write("\n")
                self.out.flush()
                return typed if key in ("\n", "\r") else "q"
            if key in ("\x7f", "\b") and typed:
                typed = typed[:-1]
                self.out.write("\b \b")
            elif key == "\x15":  # Ctrl-U: clear the answer
                self.out.write("\b \b" * len(typed))
                typed = ""
            elif len(key) == 1 and key.isprintable():
                typed += key
                self.out.write(key)
            self.out.flush()

    def _raw(self) -> str:
        """The next key as it came: a character, an escape sequence, ``PASTE``, ``REDRAW``
        after a stop and continue or a resize, or ``_EOF``."""
        if not self._queue:
            if not self._wait_for_input():
                return REDRAW
            raw = os.read(self.fd, 1024).decode("utf-8", "replace")
            if not raw:
                return _EOF
            if PASTE_START in raw:
                self._queue.extend(raw[:raw.index(PASTE_START)])  # keys typed before it
                self._skip_paste(raw[raw.index(PASTE_START):])
                self._queue.append(PASTE)
            elif looks_pasted(raw):
                self._queue.append(PASTE)
            elif raw.startswith("\x1b"):
                self._queue.append(raw)  # an arrow or function key arrives as one chunk
            else:
                self._queue.extend(raw)  # keys typed ahead are handled one by one
        return self._queue.popleft()

    def _skip_paste(self, raw: str) -> None:
        """Read and drop everything up to the end-of-paste marker; keys after it are kept."""
        while PASTE_END not in raw:
            chunk = os.read(self.fd, 1024).decode("utf-8", "replace")
            if not chunk:
                return
            raw = raw[-len(PASTE_END):] + chunk  # a marker may straddle two reads
        self._queue.extend(raw[raw.index(PASTE_END) + len(PASTE_END):])

    def discard_typeahead(self) -> None:
        """Forget keys typed ahead, so a burst of keypresses cannot run into a submit."""
        import termios

        self._queue.clear()
        termios.tcflush(self.fd, termios.TCIFLUSH)

    def read_line(self, prompt: str) -> str | None:
        self._queue.clear()
        self._restore()
        self._in_line, self._prompt = True, prompt
        try:
            return read_line_fd(self.fd, self.out, prompt)
        finally:
            self._in_line = False
            if self._saved is not None:
                self._cbreak()


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
            from tila.administer.screens import progress_text

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
