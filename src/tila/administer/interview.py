"""The interview loop: read a key, apply the transition, save, draw the next screen.

Independent of how screens look: it takes any view with ``show``/``hint``/``say`` (the rich one
in ``tui.py`` or ``PlainView``) and any reader with ``read_key``/``read_line`` (keypresses or
lines). Every change is saved atomically before the next screen is drawn, so a killed process
loses at most the keypress in flight.
"""

from __future__ import annotations

from typing import Protocol

from tila.administer import screens
from tila.administer.keys import (
    MORE_KEY,
    PASTE,
    REDRAW,
    Command,
    interpret_field_key,
    interpret_item_key,
    typed_number,
)
from tila.administer.session import Note, Session
from tila.administer.store import SessionFile


class View(Protocol):
    def show(self, screen: screens.Screen, hint: str | None = None) -> None: ...

    def hint(self, screen: screens.Screen, text: str) -> None: ...

    def say(self, text: str) -> None: ...

    def more(self) -> None: ...  # the next page of a list too long for the window


class Reader(Protocol):
    lines_only: bool  # every answer is typed as a line already (plain mode)

    def read_key(self) -> str: ...

    def read_line(self, prompt: str) -> str | None: ...

    def discard_typeahead(self) -> None: ...


class _Redraw(Exception):
    """The terminal came back (fg) or changed size: draw the current screen again."""


class _Pasted(Exception):
    """Text was pasted on a screen that takes single keys: ignore it, say so."""


class Interview:
    """One run of the interview loop over a session and the file it is saved in."""

    def __init__(self, session: Session, store: SessionFile, view: View,
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
                self.view.show(screens.finished(str(self.store.path), self.support))
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
            try:
                outcome = self._step(screen)
            except _Redraw:
                changed, hint = True, None
                continue
            except _Pasted:
                changed, hint = False, screens.HINT_PASTE
                continue
            if outcome == "quit":
                self.pause()
                return 0
            if outcome == "withdraw":
                outcome = self._withdraw()
                if outcome == "withdrawn":
                    return 0
                changed, notice = True, outcome  # the question was printed below: draw again
                continue
            changed = self.session != before
            hint = outcome if not changed else None

    @property
    def support(self) -> str | None:
        return self.store.meta.support or self.session.questionnaire.support

    def _withdraw(self) -> str:
        """Ask once, plainly; delete only on an explicit yes."""
        if not self.store.path.exists():
            return "Nothing has been saved yet, so there is nothing to delete."
        self.view.say("\n" + screens.withdraw_question(str(self.store.path)) + " Type yes and "
                      "press Enter to delete, or just Enter to keep your answers.")
        typed = self.reader.read_line("Delete? ")
        if (typed or "").strip().lower() not in ("yes", "y"):
            return "Nothing was deleted; your answers are kept."
        self.store.withdraw()
        self.view.say(screens.withdrawn(str(self.store.path), self.support))
        return "withdrawn"

    def pause(self) -> None:
        """Save (when anything was started) and say calmly how to continue."""
        if self._unchanged_since_submit(self.session):
            self.view.say(f"\nNothing was changed; {self.store.path} is still submitted as it "
                          "was.")
        elif self.session.phase != "intro" or self.saved:
            self.store.save(self.session)
            self.view.say("\n" + screens.paused(str(self.store.path),
                                                plain=self.store.meta.plain,
                                                support=self.support))
        else:
            self.view.say("\nNothing was saved. You can start whenever you are ready.")

    def _key(self) -> str:
        key = self.reader.read_key()
        if key == REDRAW:
            raise _Redraw
        if key == PASTE:
            raise _Pasted
        return key

    def _typed(self, prompt: str) -> str:
        """A choice's number typed and confirmed with Enter. The terminal's reader echoes it
        itself, so a resize or ``fg`` redraws the screen with the digits typed so far still
        shown; a reader without that (a test's, a pipe) reads a plain line."""
        read_typed = getattr(self.reader, "read_typed", None)
        if read_typed is None:
            line = self.reader.read_line(prompt)
            return "q" if line is None else line
        token = str(read_typed(prompt))
        if token == REDRAW:
            raise _Redraw
        if token == PASTE:
            raise _Pasted
        return token

    def _set(self, session: Session) -> None:
        self.session = session
        if not self._unchanged_since_submit(session):
            self.store.save(session)
            self.saved = True

    def _screen(self) -> screens.Screen:
        s = self.session
        if s.phase == "intro":
            return screens.opening(s, str(self.store.path), self.store.meta.respondent_id,
                                   support=self.support,
                                   privacy=self.store.meta.privacy or s.questionnaire.privacy)
        if s.phase == "fields":
            return screens.respondent_field(s)
        if s.phase == "items":
            return screens.item(s, self.support)
        return screens.review(s)

    def _step(self, screen: screens.Screen) -> str | None:
        """Read one key and apply it; returns "quit" or a gentle hint."""
        phase = self.session.phase
        if phase == "intro":
            key = self._key()
            if key == "q":
                return "quit"
            if key == "w" and self.saved:
                return "withdraw"
            if key == "?":
                return screens.HELP_OPENING
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
        if screen.line_input and s.current_field.choices:
            # more than nine choices: the number is typed (and seen) and confirmed with Enter
            if self.reader.lines_only:
                token = self._key()
            else:
                token = self._typed("Type the number of your choice, then Enter: ")
            if token.strip() == MORE_KEY:  # a list shown a page at a time: the next page
                self.view.more()
                raise _Redraw
            return self._field_command(interpret_field_key(s.current_field, token), token)
        if screen.line_input:
            line = self.reader.read_line("Your answer: ")
            if line is None or line.strip().lower() == "q":
                return "quit"
            if line.strip().lower() == "w":
                return "withdraw"
            if line.strip() == "?":
                return screens.field_help(s.current_field, self.support)
            self._set(s.back() if line.strip().lower() == "b" else s.answer_field(line))
            return None
        key = self._key()
        return self._field_command(interpret_field_key(s.current_field, key), key)

    def _field_command(self, cmd: Command, token: str) -> str | None:
        s = self.session
        if cmd.kind == "quit":
            return "quit"
        if cmd.kind == "back":
            self._set(s.back())
        elif cmd.kind == "choose":
            self._set(s.answer_field(cmd.value if isinstance(cmd.value, str) else None))
        elif cmd.kind == "help":
            return screens.field_help(s.current_field, self.support)
        elif cmd.kind == "withdraw":
            return "withdraw"
        else:
            number = typed_number(token)
            if number is not None:
                return screens.no_such_choice(number, len(s.current_field.choices or ()))
            return s.current_field.help or screens.HINT_FIELD_KEY
        return None

    def _item_step(self, screen: screens.Screen) -> str | None:
        s = self.session
        if screen.line_input and not self.reader.lines_only:
            token = self._typed("Type the number of your answer, then Enter: ")
        else:
            token = self._key()
        if screen.line_input and token.strip() == MORE_KEY:  # a long scale shown by pages
            self.view.more()
            raise _Redraw
        cmd = interpret_item_key(s, token)
        if cmd.kind in ("quit", "withdraw"):
            return cmd.kind
        if cmd.kind == "unknown":
            number = typed_number(token)
            if number is not None:
                points = len(s.current_scale.points)
                return screens.no_such_choice(number, points)
            return screens.HINT_UNKNOWN_KEY
        if cmd.kind == "choose" and cmd.value is not None:
            self._set(s.answer(cmd.value))
            if s.consensus:
                self._ask_note(s, cmd.value)
        else:
            transitions = {"skip": s.skip, "back": s.back, "help": s.toggle_help,
                           "keep": s.keep}
            self._set(transitions[cmd.kind]())
        return None

    def _ask_note(self, at: Session, value: float | str) -> None:
        """The committee's note and evidence, on a screen of their own that shows the rating
        just chosen (``at`` is the session on the rated statement). Either may run over
        several lines; Enter on an empty line finishes."""
        item_id = at.current_item.id
        old = self.session.notes.get(item_id) or Note()
        self.view.show(screens.note_screen(at, value, old, "note"))
        note = _edit(self._read_lines("Note: "), old.note)
        self.view.show(screens.note_screen(at, value, old, "evidence", note))
        evidence = _edit(self._read_lines("Evidence: "), old.evidence)
        self._set(self.session.set_note(note, evidence, item_id=item_id))

    def _read_lines(self, prompt: str) -> str | None:
        """Lines until an empty one; ``""`` when the first is empty, ``None`` at end of input."""
        first = self.reader.read_line(prompt)
        if first is None or first.strip() in ("", "-"):
            return first
        lines = [first.rstrip()]
        while True:
            more = self.reader.read_line(" " * (len(prompt) - 4) + "... ")
            if more is None or not more.strip():
                return "\n".join(lines)
            lines.append(more.rstrip())

    def _review_step(self) -> str | None:
        s = self.session
        key = self._key()
        if key in ("q", "w"):
            return "quit" if key == "q" else "withdraw"
        if key == "?":
            return screens.HELP_REVIEW
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
