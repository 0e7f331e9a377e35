"""What each screen of the interview says, as plain data (no terminal, no styling).

The wording is written for people who may be describing hard experiences at work: it says what
will happen, offers choices rather than demands, never calls a keypress an error, and reminds
people that skipping is fine. ``tui.py`` turns a ``Screen`` into coloured boxes or plain
screen-reader-friendly lines; tests read the words here directly.

Issue 15 split this module by kind of screen, each in a module named for what it owns:

- ``screen_model``: ``Screen`` and ``Line``, and the layout rules both views share;
- ``opening``: the first screen, before anything is asked;
- ``question_screens``: the screens that ask (an "About you" field, a statement, a committee's
  note, the review);
- ``endings``: the words for finishing, pausing, withdrawing and coming back;
- ``hints``: what is said when a key does nothing, and the fixed screens' help.

Everything is re-exported here, so the interview, the views and the tests keep writing
``screens.item(...)`` and ``screens.HINT_PASTE``.
"""

from __future__ import annotations

from tila.administer.endings import (
    finished,
    paused,
    resume_command,
    welcome_back,
    withdraw_question,
    withdrawn,
)
from tila.administer.hints import (
    HELP_OPENING,
    HELP_REVIEW,
    HINT_FIELD_KEY,
    HINT_PASTE,
    HINT_REVIEW_KEY,
    HINT_START,
    HINT_UNKNOWN_KEY,
    no_such_choice,
)
from tila.administer.opening import DEFAULT_PRIVACY, opening
from tila.administer.question_screens import (
    WITHDRAW_KEY,
    NoteStep,
    _clip,
    field_help,
    item,
    note_screen,
    respondent_field,
    review,
    review_counts,
)
from tila.administer.screen_model import (
    BLANK,
    Kind,
    Line,
    Screen,
    progress_text,
    section_heading,
    support_line,
    time_left,
    wrap_entries,
)

# ``_clip`` is private to ``question_screens``; it is listed so its tests, which reach it
# through this module, keep working
__all__ = ["BLANK", "DEFAULT_PRIVACY", "HELP_OPENING", "HELP_REVIEW", "HINT_FIELD_KEY",
           "HINT_PASTE", "HINT_REVIEW_KEY", "HINT_START", "HINT_UNKNOWN_KEY", "WITHDRAW_KEY",
           "Kind", "Line", "NoteStep", "Screen", "_clip", "field_help", "finished", "item",
           "no_such_choice", "note_screen", "opening", "paused", "progress_text",
           "respondent_field", "resume_command", "review", "review_counts", "section_heading",
           "support_line", "time_left", "welcome_back", "withdraw_question", "withdrawn",
           "wrap_entries"]
