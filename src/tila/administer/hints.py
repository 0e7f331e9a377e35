"""What the interview says when a key does nothing, and what ``?`` says on the fixed screens.

Split out of ``screens.py`` (issue 15). A keypress that is not a choice is never called an error:
each hint says what the keys are instead.
"""

from __future__ import annotations

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

