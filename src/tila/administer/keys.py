"""Which key means what on each screen of the interview (pure: no terminal, no I/O).

Scale points are numbered from 1 in the scale's order; non-scored options ("Don't know", "Not
applicable") use the ``key`` the questionnaire gives them. ``s``, ``b``, ``q``, ``?`` and ``w``
always mean skip, back, save-and-quit, help and withdraw, so a questionnaire cannot take them
away from a respondent who has learned them: an option whose key collides gets the first free
letter of its label instead. Tokens may be longer than one key (``10`` on an eleven-point scale,
typed in line mode), so everything here takes a string token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tila.administer.session import Answer, Session
from tila.questionnaire.model import RespondentField, Scale

#: not a key: what a reader returns when the screen must be drawn again (after fg or a resize)
REDRAW = "\x00redraw"
#: not a key: text was pasted, which is never taken as answers on a keypress screen
PASTE = "\x00paste"
RESERVED = frozenset({"s", "b", "q", "?", "w"})
PREFER_NOT_KEY = "p"
#: typed (then Enter) where a long list is shown a page at a time: the next page
MORE_KEY = "+"

Kind = Literal["choose", "skip", "back", "help", "quit", "keep", "withdraw", "unknown"]


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    value: float | str  # scale value, or non-scored option id


@dataclass(frozen=True)
class Command:
    kind: Kind
    value: Answer = None


def scale_choices(scale: Scale) -> tuple[Choice, ...]:
    """The numbered scale points, then the non-scored options with their letters."""
    out = [Choice(str(i), p.label, p.value) for i, p in enumerate(scale.points, start=1)]
    used = set(RESERVED) | {c.key for c in out}
    for option in scale.non_scored:
        key = _free_key(option.key, option.label, used)
        used.add(key)
        out.append(Choice(key, option.label, option.id))
    return tuple(out)


def _free_key(wanted: str | None, label: str, used: set[str]) -> str:
    candidates = [wanted.lower()] if wanted else []
    candidates += [c.lower() for c in label if c.isalpha()]
    candidates += list("acefghijklmnortuvwxyz")
    for c in candidates:
        if c not in used and not c.isdigit():
            return c
    raise ValueError("no free key left for a non-scored option")  # > 20 options: not a scale


def needs_line_input(scale: Scale) -> bool:
    """More than nine points cannot be chosen with one keypress each."""
    return len(scale.points) > 9


def interpret_item_key(session: Session, token: str) -> Command:
    """What a key (or typed token) means on the current item's screen."""
    token = token.strip().lower()
    if token == "":
        if session.visited(session.current_item.id):
            return Command("keep")
        return Command("unknown")
    number = typed_number(token)
    for choice in scale_choices(session.current_scale):
        if token == choice.key or (number is not None and choice.key == str(number)):
            return Command("choose", choice.value)
    return _navigation(token)


def typed_number(token: str) -> int | None:
    """The number a key or typed line stands for (``"07"`` is 7), or None when it is not one:
    a number outside the list gets a hint naming the numbers there are, not a generic one."""
    token = token.strip()
    return int(token) if token.isascii() and token.isdigit() else None


def _navigation(token: str) -> Command:
    kinds: dict[str, Kind] = {"s": "skip", "b": "back", "?": "help", "q": "quit",
                              "w": "withdraw"}
    return Command(kinds.get(token, "unknown"))


def field_choices(spec: RespondentField) -> tuple[Choice, ...]:
    """Numbered choices of a respondent field (none for a free-text field)."""
    return tuple(Choice(str(i), c, c) for i, c in enumerate(spec.choices or (), start=1))


def interpret_field_key(spec: RespondentField, token: str) -> Command:
    """A field choice, ``p`` for prefer not to say, or navigation (``s`` also passes)."""
    token = token.strip().lower()
    number = typed_number(token)
    for choice in field_choices(spec):
        # the label itself works too: a screen-reader user may type what they heard
        if token in (choice.key, choice.label.lower()) or (
                number is not None and choice.key == str(number)):
            return Command("choose", choice.value)
    if token in (PREFER_NOT_KEY, "s") and spec.prefer_not_to_say:
        return Command("choose", None)
    if token == "?":
        return Command("help")
    return _navigation(token) if token in ("b", "q", "w") else Command("unknown")
