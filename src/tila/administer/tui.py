"""The terminal interview: a thin loop over the session state machine, saving after every change.

This is the only module of ``tila.administer`` that imports rich (lazily, in ``RichView``). The
loop reads one key (or line), asks ``keys`` what it means, applies the transition to the
``Session``, and saves the new state atomically before drawing the next screen, so a killed
process loses at most the keypress in flight. Three looks, one behaviour:

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
from tila.administer.keys import interpret_field_key, interpret_item_key
from tila.administer.session import Session
from tila.administer.store import SessionFile
from tila.administer.terminal import Hangup, KeyInput, LineInput, PlainView, stop_signals_raise

if TYPE_CHECKING:
    from rich.text import Text

Reader = KeyInput | LineInput

BAR_WIDTH = 24
MAX_WIDTH = 80


class RichView:
    """Boxes, a progress bar and (unless ``color`` is off) colour; never wider than 80."""

    def __init__(self, out: TextIO, color: bool, *, force_terminal: bool | None = None) -> None:
        from rich.console import Console

        self.clears = color
        self.console = Console(file=out, highlight=False, emoji=False, markup=False,
                               color_system="auto" if color else None, no_color=not color,
                               force_terminal=force_terminal)
        self.width = min(self.console.width, MAX_WIDTH)

    def show(self, screen: screens.Screen, hint: str | None = None) -> None:
        from rich.console import Group
        from rich.panel import Panel
        from rich.text import Text

        parts: list[Text] = []
        if screen.progress:
            parts += [self._progress(screen.progress), Text("")]
        parts += self._body(screen.body)
        panel = Panel(Group(*parts), title=Text(screens.section_heading(screen), style="bold"),
                      title_align="left", width=self.width, padding=(0, 1))
        if self.clears:
            self.console.clear()
        else:
            self.console.print()
        self.console.print(panel)
        for row in self._key_rows(screen.keys):
            self.console.print(row)
        if hint:
            self.console.print(Text(" " + hint, style="cyan"))

    def hint(self, screen: screens.Screen, text: str) -> None:
        if self.clears:
            self.show(screen, text)
        else:
            self.say(" " + text)

    def say(self, text: str) -> None:
        from rich.text import Text

        # not wrapped by rich: a file path in the resume command must stay one copyable piece
        self.console.print(Text(text), soft_wrap=True)

    def _progress(self, progress: tuple[int, int, float]) -> Text:
        from rich.text import Text

        number, total, _ = progress
        filled = round(BAR_WIDTH * (number - 1) / total)
        # filled and empty cells differ in shape, not only colour
        return Text.assemble(("█" * filled, "green"), ("░" * (BAR_WIDTH - filled), "dim"),
                             "  " + screens.progress_text(progress))

    def _body(self, lines: tuple[screens.Line, ...]) -> list[Text]:
        # letter options ("Don't know", "Not applicable") share one row when they fit, so an
        # item with its help and a committee note still fits 24 rows
        out: list[Text] = []
        joinable = False
        for line in lines:
            text = self._line(line)
            letter = line.kind == "choice" and not line.key.isdigit()
            if letter and joinable and len(out[-1]) + 2 + len(text) <= self.width - 4:
                out[-1].append("  ")
                out[-1].append_text(text)
            else:
                out.append(text)
                joinable = letter
        return out

    def _line(self, line: screens.Line) -> Text:
        from rich.text import Text

        if line.kind == "choice":
            text = Text.assemble("  ", (f"{line.key:>2}", "bold cyan"), "  ", line.text)
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


class Interview:
    """One run of the interview loop over a session and the file it is saved in."""

    def __init__(self, session: Session, store: SessionFile, view: RichView | PlainView,
                 reader: Reader) -> None:
        # a finished interview opened again stays finished on disk until something changes:
        # looking at it and pressing q must not turn it back into an unfinished one
        self.submitted = session if session.phase == "complete" else None
        self.session = session.reopen() if self.submitted else session
        self.store = store
        self.view = view
        self.reader = reader
        self.saved = store.path.exists()

    def _unchanged_since_submit(self, session: Session) -> bool:
        done = self.submitted
        if done is None:
            return False
        if (session.answers, session.fields, session.notes) != (
                done.answers, done.fields, done.notes):
            self.submitted = None  # from the first change on, every state is saved
            return False
        return True

    def run(self, notice: str | None = None) -> int:
        screen, hint, changed = self._screen(), None, True
        while True:
            if self.session.phase == "complete":
                self.view.show(screens.finished(str(self.store.path)))
                return 0
            if changed:
                screen = self._screen()
                self.view.show(screen, notice)
                notice = None
            elif hint:
                self.view.hint(screen, hint)
            before = self.session
            if changed and self.session.phase == "review":
                self.reader.discard_typeahead()
            outcome = self._step(screen)
            if outcome == "quit":
                self.pause()
                return 0
            changed = self.session != before
            hint = outcome if not changed else None

    def pause(self) -> None:
        """Save (when anything was started) and say calmly how to continue."""
        if self._unchanged_since_submit(self.session):
            self.view.say(f"\nNothing was changed; {self.store.path} is still submitted as it "
                          "was.")
        elif self.session.phase != "intro" or self.saved:
            self.store.save(self.session)
            self.view.say("\n" + screens.paused(str(self.store.path)))
        else:
            self.view.say("\nNothing was saved. You can start whenever you are ready.")

    def _set(self, session: Session) -> None:
        self.session = session
        if not self._unchanged_since_submit(session):
            self.store.save(session)
            self.saved = True

    def _screen(self) -> screens.Screen:
        s = self.session
        if s.phase == "intro":
            return screens.opening(s, str(self.store.path), self.store.meta.respondent_id)
        if s.phase == "fields":
            return screens.respondent_field(s)
        if s.phase == "items":
            return screens.item(s)
        return screens.review(s)

    def _step(self, screen: screens.Screen) -> str | None:
        """Read one key and apply it; returns "quit" or a gentle hint."""
        phase = self.session.phase
        if phase == "intro":
            key = self.reader.read_key()
            if key == "q":
                return "quit"
            if key != "":
                return screens.HINT_START
            self._set(self.session.begin())
            return None
        if phase == "fields":
            return self._field_step(screen)
        if phase == "items":
            return self._item_step(screen)
        return self._review_step()

    def _field_step(self, screen: screens.Screen) -> str | None:
        s = self.session
        if screen.line_input:
            line = self.reader.read_line("Your answer: ")
            if line is None or line.strip().lower() == "q":
                return "quit"
            self._set(s.back() if line.strip().lower() == "b" else s.answer_field(line))
            return None
        cmd = interpret_field_key(s.current_field, self.reader.read_key())
        if cmd.kind == "quit":
            return "quit"
        if cmd.kind == "back":
            self._set(s.back())
        elif cmd.kind == "choose":
            self._set(s.answer_field(cmd.value if isinstance(cmd.value, str) else None))
        else:
            return s.current_field.help or screens.HINT_FIELD_KEY
        return None

    def _item_step(self, screen: screens.Screen) -> str | None:
        s = self.session
        if screen.line_input and isinstance(self.reader, KeyInput):
            token = self.reader.read_line("Type the number of your answer, then Enter: ")
            token = "q" if token is None else token
        else:
            token = self.reader.read_key()
        cmd = interpret_item_key(s, token)
        if cmd.kind == "quit":
            return "quit"
        if cmd.kind == "unknown":
            return screens.HINT_UNKNOWN_KEY
        if cmd.kind == "choose" and cmd.value is not None:
            item_id = s.current_item.id
            self._set(s.answer(cmd.value))
            if s.consensus:
                self._ask_note(item_id)
        else:
            transitions = {"skip": s.skip, "back": s.back, "help": s.toggle_help,
                           "keep": s.keep}
            self._set(transitions[cmd.kind]())
        return None

    def _ask_note(self, item_id: str) -> None:
        old = self.session.notes.get(item_id)
        keep = " Enter alone keeps it; type - to remove it." if old else ""
        if old and old.note:
            self.view.say(f"Current note: {old.note}")
        self.view.say("Add a note on how the group reached this rating (optional)." + keep)
        note = self.reader.read_line("Note: ")
        if old and old.evidence:
            self.view.say(f"Current evidence: {old.evidence}")
        self.view.say("Evidence behind it, for example 'policy 4.2, staff survey 2025' "
                      "(optional)." + keep)
        evidence = self.reader.read_line("Evidence: ")
        self._set(self.session.set_note(_edit(note, old.note if old else ""),
                                        _edit(evidence, old.evidence if old else ""),
                                        item_id=item_id))

    def _review_step(self) -> str | None:
        s = self.session
        key = self.reader.read_key()
        if key == "q":
            return "quit"
        if key == "b":
            self._set(s.back())
        elif key == "":
            done = s.submit()
            self.store.finish(done)
            self.session = done
        elif key == "g":
            total = len(s.items)
            typed = self.reader.read_line(f"Statement number (1 to {total}), then Enter: ")
            try:
                number = int((typed or "").strip())
            except ValueError:
                return f"Type a number from 1 to {total} to open that statement."
            if not 1 <= number <= total:
                return f"There is no statement {number}; they are numbered 1 to {total}."
            self._set(s.go_to(number))
        else:
            return screens.HINT_REVIEW_KEY
        return None


def _edit(typed: str | None, old: str) -> str:
    if typed is None or typed.strip() == "":
        return old
    return "" if typed.strip() == "-" else typed


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
    reader: Reader = LineInput(fd, out) if plain else KeyInput(fd, out)
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
