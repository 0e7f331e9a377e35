"""What each screen of the interview says, as plain data (no terminal, no styling).

The wording is written for people who may be describing hard experiences at work: it says what
will happen, offers choices rather than demands, never calls a keypress an error, and reminds
people that skipping is fine. ``tui.py`` turns a ``Screen`` into coloured boxes or plain
screen-reader-friendly lines; tests read the words here directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from tila.administer.keys import (
    PREFER_NOT_KEY,
    field_choices,
    needs_line_input,
    scale_choices,
)
from tila.administer.session import Note, Session, Tally
from tila.framework import DOMAINS, domain, principle
from tila.questionnaire.model import RespondentField

Kind = Literal["text", "strong", "muted", "choice", "blank"]

HINT_UNKNOWN_KEY = "That key isn't one of the choices; press ? for help."
HINT_FIELD_KEY = "That key isn't one of the choices here; press p to prefer not to say."


def no_such_choice(number: int, count: int) -> str:
    """The hint for a number outside the list: which numbers there are (``count`` >= 1)."""
    numbers = "1" if count == 1 else f"1 to {count}"
    return f"There is no choice {number}; choose {numbers}."


HINT_REVIEW_KEY = ("Press Enter to submit, g to go to a statement, or q to save and finish "
                   "later.")
HINT_PASTE = ("Pasted text is ignored here, so nothing was answered; press a single key. "
              "(Notes and evidence can be pasted.)")
HELP_OPENING = ("This screen says what taking part means before anything is asked. "
                "Press Enter when you are ready, or q to leave; nothing is saved until you "
                "answer.")
HELP_REVIEW = ("Nothing is final until you submit. Press g and a statement's number to see or "
               "change it, Enter to submit, q to save and finish later, or w to withdraw and "
               "delete your answers.")
HINT_START = "Press Enter to begin, or q to leave without starting."


@dataclass(frozen=True)
class Line:
    text: str
    kind: Kind = "text"
    key: str = ""  # for a choice: the key that picks it
    current: bool = False  # for a choice: the answer already given
    # said elsewhere too (opening screen, note screen): a short window may leave it out so the
    # heading, progress, statement and choices stay in view
    optional: bool = False


BLANK = Line("", "blank")


@dataclass(frozen=True)
class Screen:
    heading: str
    body: tuple[Line, ...]
    keys: tuple[str, ...] = ()  # "1-5 answer", "s skip", ... one entry per key
    progress: tuple[int, int, float] | None = None  # item number, item count, seconds left
    line_input: bool = False  # the answer is typed and confirmed with Enter
    area: str = ""  # the implementation domain of an item, read out after the heading


def time_left(seconds: float) -> str:
    if seconds <= 0:
        return "almost done"
    if seconds < 60:
        return "less than a minute left"
    minutes = math.ceil(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''} left"


def progress_text(progress: tuple[int, int, float]) -> str:
    number, total, seconds = progress
    return f"Statement {number} of {total}, {time_left(seconds)}"


def _short_description(text: str | None, limit: int = 260) -> str:
    # the opening screen must fit 24 rows: keep whole sentences up to about three lines
    if not text:
        return "It asks how your organization puts the principles of a trauma-informed " \
               "approach into practice."
    out = ""
    for sentence in text.replace("\n", " ").split(". "):
        candidate = f"{out}{sentence.rstrip('.')}. "
        if out and len(candidate) > limit:
            break
        out = candidate
    return out.strip()


def section_heading(screen: Screen, limit: int = 72) -> str:
    """Heading and area on one line, the area shortened to fit an 80-column box."""
    if not screen.area:
        return screen.heading
    full = f"{screen.heading} · {screen.area}"
    if len(full) <= limit:
        return full
    short = next((d.short for d in DOMAINS if d.title == screen.area), screen.area)
    return f"{screen.heading} · {short}"


def wrap_entries(entries: list[str], width: int, sep: str = "   ") -> list[str]:
    """Lay out key help in rows no wider than ``width``, breaking between entries only."""
    rows: list[str] = []
    for entry in entries:
        if rows and len(rows[-1]) + len(sep) + len(entry) <= width:
            rows[-1] += sep + entry
        else:
            rows.append(entry)
    return rows


DEFAULT_PRIVACY = ("The people running this assessment use that file for their report; ask "
                   "them who will see it.")
WITHDRAW_KEY = "w"


def support_line(support: str | None) -> str:
    return f"If you would like support: {support.strip()}" if support else ""


def opening(session: Session, file_name: str, respondent_id: str, *,
            support: str | None = None, privacy: str | None = None) -> Screen:
    q = session.questionnaire
    n = len(q.items)
    minutes = max(1, round(session.seconds_per_item() * n / 60))
    # in a short window (60x20) the description and the count go first, so the title, what
    # taking part means, where the answers go and where support is stay in view: the title
    # names the assessment, and every statement's progress line says how many and how long
    body = [Line(_short_description(q.description), optional=True), BLANK]
    if session.form:
        form = next(f for f in q.forms if f.id == session.form)
        body[0:0] = [Line(f"Form: {form.label}", "strong")]
    if session.consensus:
        body += [Line("This is a committee rating: record the rating the group agrees on, "
                      "with a note and evidence if you wish."), BLANK]
    body += [
        Line("Taking part is voluntary. Some statements touch on hard experiences; you can "
             "skip any of them without giving a reason. Pause at any time with q: every "
             "answer is kept. To withdraw, press w on any screen: everything saved is "
             "deleted once you confirm."), BLANK,
        Line(f"Your answers are saved after each one in the file {file_name} on this "
             f"computer, under the random id {respondent_id}, not your name. "
             f"{(privacy or '').strip() or DEFAULT_PRIVACY}"), BLANK,
    ]
    if support:
        body += [Line(support_line(support), "strong"), BLANK]
    body.append(Line(f"There are {n} statements; it takes about {minutes} minute"
                     f"{'s' if minutes != 1 else ''}.{_option_words(session)}", optional=True))
    return Screen(heading=q.title, body=tuple(body),
                  keys=("Enter to begin", "? for help", "q to leave"))


def _option_words(session: Session) -> str:
    labels = {o.label: None for s in session.questionnaire.scales.values() for o in s.non_scored}
    if not labels:
        return ""
    quoted = [f'"{label}"' for label in labels]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Besides the ratings you may answer {words}."


def respondent_field(session: Session) -> Screen:
    spec = session.current_field
    count = len(session.questionnaire.respondent_fields)
    # a field such as "the leader being rated" is a group of one by design: its own note
    # says what is true for it instead of the general promise about small groups
    about = spec.privacy or ("These answers are only used to compare groups, and small groups "
                             "are never shown.")
    body = [Line(f"Question {session.field_position + 1} of {count}. {about.strip()}", "muted"),
            BLANK, Line(spec.label, "strong")]
    if spec.help:
        body.append(Line(spec.help, "muted"))
    body.append(BLANK)
    current = session.fields.get(spec.id)
    choices = field_choices(spec)
    if not choices:
        now = f' Your answer so far: "{current}".' if current else ""
        empty = "prefer not to say" if spec.prefer_not_to_say else "leave it empty"
        body.append(Line(f"Type your answer and press Enter. Press Enter on its own to {empty}; "
                         f"b, ?, q or w and Enter go back, show help, pause or withdraw."
                         f"{now}"))
        return Screen("About you", tuple(body), line_input=True)
    body += [Line(c.label, "choice", c.key, current == c.value) for c in choices]
    typed = len(choices) > 9  # "1" must not pick choice 1 while someone means 12
    keys = [f"1-{len(choices)} then Enter to choose" if typed else f"1-{len(choices)} to choose"]
    if spec.prefer_not_to_say:
        body.append(Line("Prefer not to say", "choice", PREFER_NOT_KEY,
                         spec.id in session.fields and current is None))
        keys.append(f"{PREFER_NOT_KEY} then Enter for prefer not to say" if typed
                    else f"{PREFER_NOT_KEY} for prefer not to say")
    return Screen("About you", tuple(body), (*keys, "b to go back", "? for help",
                                              "q to save and quit"), line_input=typed)


def field_help(spec: RespondentField, support: str | None = None) -> str:
    """What ``?`` says on an "About you" screen: how to answer, and how to get out."""
    how = "Choose the answer closest to yours" if spec.choices else "Type your answer"
    # a typed answer (free text, or the number of one of ten or more choices) ends with Enter,
    # so p and w need it too
    typed = not spec.choices or len(spec.choices) > 9
    if spec.prefer_not_to_say:
        how += (", or press Enter alone if you prefer not to say" if not spec.choices
                else ", or type p and press Enter if you prefer not to say" if typed
                else ", or press p if you prefer not to say")
    text = f"{spec.help.strip()} " if spec.help else ""
    withdraw = "type w and press Enter" if typed else "press w"
    text += f"{how}. To withdraw and delete everything saved, {withdraw}."
    return text + (" " + support_line(support) if support else "")


def item(session: Session, support: str | None = None) -> Screen:
    it = session.current_item
    scale = session.current_scale
    answered = session.visited(it.id)
    current = session.answer_of(it.id)
    body: list[Line] = [Line(session.text_of(it), "strong"), BLANK]
    if session.help_visible:
        body += [Line(it.help or "There is no extra explanation for this statement. Answer as "
                      "it seems to you, or skip it.", "muted")]
        body += [Line("Skipping is always fine; w withdraws and deletes your answers.", "muted",
                      optional=True)]
        if support:
            body.append(Line(support_line(support), "muted", optional=True))
        body.append(BLANK)
    points = scale_choices(scale)
    for c in points:
        if c.key.isdigit():
            body.append(Line(c.label, "choice", c.key, answered and current == c.value))
    options = [c for c in points if not c.key.isdigit()]
    if options:
        body.append(BLANK)
        body += [Line(c.label, "choice", c.key, current == c.value) for c in options]
    if answered and current is None:
        body += [BLANK, Line("You skipped this one earlier.", "muted")]
    note = session.notes.get(it.id)
    if note:
        body.append(BLANK)
        if note.note:
            body.append(Line(_clip(f"Note: {note.note}"), "muted", optional=True))
        if note.evidence:
            body.append(Line(_clip(f"Evidence: {note.evidence}"), "muted", optional=True))
    n_points = sum(1 for c in points if c.key.isdigit())
    keys = [f"1-{n_points} to answer", *(f"{c.key} for {c.label.lower()}" for c in options),
            "s to skip", "b to go back", "? for help", "q to save and quit"]
    if answered:
        keys.insert(0, "Enter to keep as is")
    return Screen(principle(it.primary_principle).title, tuple(body), tuple(keys),
                  session.progress(), line_input=needs_line_input(scale),
                  area=domain(it.domain).title)


def _clip(text: str, limit: int = 76) -> str:
    # one row each: the whole note is in the file and is shown again when it is edited; the
    # cut falls between words, and the lines of a multi-line note are joined with " / "
    text = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


NoteStep = Literal["note", "evidence"]


def note_screen(session: Session, value: float | str, old: Note, step: NoteStep,
                note: str = "") -> Screen:
    """Asking a committee for the note (then the evidence) behind the rating just chosen.

    ``session`` is on the rated statement; the rating is shown so the group sees what the note
    is about, and the keys are those of a typed text, not of a rating screen."""
    it = session.current_item
    chosen = next(c for c in scale_choices(session.current_scale) if c.value == value)
    body = [Line(session.text_of(it), "strong"), BLANK,
            Line(f"Rating chosen: {chosen.label} ({chosen.key})", "strong"), BLANK]
    keys = ["Enter on an empty line to finish"]
    if step == "note":
        body.append(Line("Add a note on how the group reached this rating (optional). It can "
                         "run over several lines."))
        current = old.note
    else:
        if note:
            body += [Line(_clip(f"Note: {note}"), "muted"), BLANK]
        body.append(Line("Evidence behind it (optional): documents, data or links, for "
                         "example 'policy 4.2, staff survey 2025' or https://intranet/policy-4-2."))
        current = old.evidence
    if current:
        body += [BLANK, Line(f"Now: {current}", "muted")]
        keys = ["Enter alone to keep it", "- to remove it", "Enter on an empty line to finish"]
    return Screen(principle(it.primary_principle).title, tuple(body), tuple(keys),
                  line_input=True, area=domain(it.domain).title)


def review(session: Session) -> Screen:
    t = session.tally()
    body = [Line("Nothing is final until you submit. You can go to any statement and change "
                 "your answer; skipped statements are fine as they are."), BLANK]
    body += [Line(text) for text in review_counts(session, t)]
    return Screen("Review your answers", tuple(body),
                  ("Enter to submit", "g to go to a statement", "b to go back", "? for help",
                   "q to save and quit", f"{WITHDRAW_KEY} to withdraw and delete"))


def review_counts(session: Session, t: Tally) -> list[str]:
    labels = {o.id: o.label for s in session.questionnaire.scales.values() for o in s.non_scored}
    rows = [f"Answered: {len(t.answered)}", _with_numbers("Skipped", t.skipped)]
    rows += [_with_numbers(labels.get(oid, oid), nums) for oid, nums in t.options.items()]
    if t.not_reached:
        rows.append(_with_numbers("Not reached yet", t.not_reached))
    return rows


def _with_numbers(label: str, numbers: tuple[int, ...]) -> str:
    if not numbers:
        return f"{label}: 0"
    shown = ", ".join(str(n) for n in numbers[:12])
    more = f" and {len(numbers) - 12} more" if len(numbers) > 12 else ""
    word = "statement" if len(numbers) == 1 else "statements"
    return f"{label}: {len(numbers)} ({word} {shown}{more})"


def finished(file_name: str, support: str | None = None) -> Screen:
    body = [Line("Your answers are submitted and saved in"), Line(file_name, "strong"), BLANK,
            Line("Thank you for taking the time. You can close this window now.")]
    if support:
        body += [BLANK, Line(support_line(support), "strong")]
    return Screen("Thank you", tuple(body))


def withdraw_question(file_name: str) -> str:
    return (f"Withdraw and delete everything saved in {file_name}? This cannot be undone; "
            "nothing from this interview will be kept.")


def withdrawn(file_name: str, support: str | None = None) -> str:
    text = (f"\nEverything you answered has been deleted ({file_name} no longer exists). "
            "Thank you for your time.")
    return text + ("\n" + support_line(support) if support else "")


def welcome_back(session: Session) -> str:
    if session.phase == "review":
        return "Welcome back. Every earlier answer is kept; here is where things stand."
    if session.phase == "items":
        return (f"Welcome back. Every earlier answer is kept; you are at statement "
                f"{session.position + 1}.")
    return "Welcome back. Every earlier answer is kept."


def resume_command(file_name: str, *, plain: bool = False) -> str:
    """The exact command that continues this interview, ready to copy: the path is quoted for
    the shell when it needs to be, and ``--plain`` is spelled out although the file remembers
    it, so whoever reads the command knows the interview comes back in the same form."""
    import shlex

    return f"tila administer --resume {shlex.quote(file_name)}" + (" --plain" if plain else "")


def paused(file_name: str, *, plain: bool = False, support: str | None = None) -> str:
    text = (f"Your answers so far are saved in {file_name}.\n"
            "Thank you. When you are ready to continue:\n"
            f"  {resume_command(file_name, plain=plain)}")
    return text + ("\n" + support_line(support) if support else "")
