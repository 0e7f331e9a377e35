"""Reading single keypresses in cbreak mode, and keeping the terminal sane around them.

Keys are read with the terminal in cbreak mode (each keypress arrives at once, without echo, and
Ctrl-C still interrupts); the saved terminal settings are restored on every way out, including
exceptions and signals. Split out of ``terminal.py`` (issue 15): this module owns the terminal's
mode and the signals that change it; the bytes it reads mean what ``terminal_bytes`` says, and
a typed number is edited by ``typed_answer``.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections import deque
from types import FrameType
from typing import Any, TextIO

from tila.administer.keys import PASTE, REDRAW
from tila.administer.line_input import read_line_fd
from tila.administer.terminal_bytes import (
    CTRL_D,
    EOF,
    LEFT_ARROW,
    PASTE_OFF,
    PASTE_ON,
    PASTE_START,
    looks_pasted,
    skip_paste,
)
from tila.administer.typed_answer import read_typed


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
        if key in (CTRL_D, EOF):
            return "q"
        if key == LEFT_ARROW:
            return "b"
        return key

    def read_typed(self, prompt: str) -> str:
        """A short answer (a choice's number) typed and confirmed with Enter; see
        ``typed_answer.read_typed``. What was typed before a ``REDRAW`` or ``PASTE`` is kept
        here and shown again on the next call."""
        answer, self._typed = read_typed(self._raw, self.out, prompt, self._typed)
        return answer

    def _raw(self) -> str:
        """The next key as it came: a character, an escape sequence, ``PASTE``, ``REDRAW``
        after a stop and continue or a resize, or ``EOF``."""
        if not self._queue:
            if not self._wait_for_input():
                return REDRAW
            raw = os.read(self.fd, 1024).decode("utf-8", "replace")
            if not raw:
                return EOF
            if PASTE_START in raw:
                self._queue.extend(raw[:raw.index(PASTE_START)])  # keys typed before it
                # then the keys typed after the paste ends (kept), then the paste itself
                self._queue.extend(skip_paste(self.fd, raw[raw.index(PASTE_START):]))
                self._queue.append(PASTE)
            elif looks_pasted(raw):
                self._queue.append(PASTE)
            elif raw.startswith("\x1b"):
                self._queue.append(raw)  # an arrow or function key arrives as one chunk
            else:
                self._queue.extend(raw)  # keys typed ahead are handled one by one
        return self._queue.popleft()

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
