"""The screens that ask something: an "About you" field, a statement, a committee's note on
its rating, and the review before submitting.

Split out of ``screens.py`` (issue 15). Every screen offers choices rather than demands and says
that skipping is fine; the keys listed are the keys that work there (``keys.py``).
"""

from __future__ import annotations

from typing import Literal

from tila.administer.keys import (
    PREFER_NOT_KEY,
    field_choices,
    needs_line_input,
    scale_choices,
)
from tila.administer.screen_model import BLANK, Line, Screen, support_line
from tila.administer.session import Note, Session, Tally
from tila.framework import domain, principle
from tila.questionnaire.model import RespondentField

WITHDRAW_KEY = "w"


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

