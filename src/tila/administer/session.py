"""The interview as a pure state machine: where the respondent is and what they have said.

No I/O happens here, so every transition is unit-tested on its own and the terminal front end
(``tui.py``) and the autosave (``store.py``) stay thin. A ``Session`` is immutable: each
transition returns a new one, which makes "save the state the respondent just saw" trivially
correct and lets tests compare states with ``==``.

Phases run ``intro`` -> ``fields`` (respondent fields, skipped when there are none) -> ``items``
-> ``review`` -> ``complete``. An item id present in ``answers`` has been *visited*: its value is
a scale value (a number), a non-scored option id ("dont_know"), or ``None`` for a deliberate
skip. Items never reached are absent; a resumed interview continues at the first of those, so a
question someone chose to skip is not put in front of them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, TypeVar

from tila.questionnaire.model import Item, Questionnaire, RespondentField, Scale

Phase = Literal["intro", "fields", "items", "review", "complete"]
Answer = float | str | None

#: seconds per item when the questionnaire does not state ``minutes``
SECONDS_PER_ITEM = 12.0

V = TypeVar("V")


class SessionError(ValueError):
    """A transition that the current state does not allow: a bug in the caller, not the user."""


@dataclass(frozen=True)
class Note:
    """A consensus committee's note on one item and the evidence behind its rating."""

    note: str = ""
    evidence: str = ""

    def __bool__(self) -> bool:
        return bool(self.note or self.evidence)


@dataclass(frozen=True)
class Tally:
    """What the review screen summarizes; item numbers are 1-based, in questionnaire order."""

    answered: tuple[int, ...]
    skipped: tuple[int, ...]
    options: Mapping[str, tuple[int, ...]]  # non-scored option id -> item numbers
    not_reached: tuple[int, ...]


def _frozen(mapping: Mapping[str, V] | None = None) -> Mapping[str, V]:
    # read-only views: a Session is shared between the screen and the autosave
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Session:
    questionnaire: Questionnaire
    form: str | None = None
    consensus: bool = False
    phase: Phase = "intro"
    position: int = 0  # index of the current item
    field_position: int = 0  # index of the current respondent field
    fields: Mapping[str, str | None] = field(default_factory=_frozen)  # None: prefer not to say
    answers: Mapping[str, Answer] = field(default_factory=_frozen)
    notes: Mapping[str, Note] = field(default_factory=_frozen)
    help_visible: bool = False
    from_review: bool = False  # the current item was opened from the review screen

    def __post_init__(self) -> None:
        if self.form is not None and self.form not in {f.id for f in self.questionnaire.forms}:
            raise SessionError(f"questionnaire has no form {self.form!r}")

    # ---- what the respondent sees -------------------------------------------------------

    @property
    def items(self) -> tuple[Item, ...]:
        return self.questionnaire.items

    @property
    def current_item(self) -> Item:
        return self.items[self.position]

    @property
    def current_scale(self) -> Scale:
        return self.questionnaire.scale_of(self.current_item)

    @property
    def current_field(self) -> RespondentField:
        return self.questionnaire.respondent_fields[self.field_position]

    def text_of(self, item: Item) -> str:
        return item.text_for(self.form)

    def answer_of(self, item_id: str) -> Answer:
        return self.answers.get(item_id)

    def visited(self, item_id: str) -> bool:
        return item_id in self.answers

    def progress(self) -> tuple[int, int, float]:
        """(current item number, number of items, estimated seconds left)."""
        total = len(self.items)
        left = sum(1 for it in self.items if it.id not in self.answers)
        if self.phase == "items" and self.current_item.id in self.answers:
            left += 1  # the item on screen still takes a moment to reconsider
        return self.position + 1, total, left * self.seconds_per_item()

    def seconds_per_item(self) -> float:
        minutes = self.questionnaire.minutes
        return minutes * 60 / len(self.items) if minutes else SECONDS_PER_ITEM

    def tally(self) -> Tally:
        answered: list[int] = []
        skipped: list[int] = []
        not_reached: list[int] = []
        options: dict[str, list[int]] = {}
        for number, item in enumerate(self.items, start=1):
            if item.id not in self.answers:
                not_reached.append(number)
                continue
            value = self.answers[item.id]
            if value is None:
                skipped.append(number)
            elif isinstance(value, str):
                options.setdefault(value, []).append(number)
            else:
                answered.append(number)
        return Tally(tuple(answered), tuple(skipped),
                     MappingProxyType({k: tuple(v) for k, v in options.items()}),
                     tuple(not_reached))

    # ---- transitions ----------------------------------------------------------------------

    def begin(self) -> Session:
        """Leave the opening screen."""
        self._require("intro")
        if self.questionnaire.respondent_fields:
            return replace(self, phase="fields", field_position=0)
        return replace(self, phase="items", position=0)

    def answer_field(self, value: str | None) -> Session:
        """Record the current respondent field (``None``: prefer not to say) and move on."""
        self._require("fields")
        spec = self.current_field
        if value is not None:
            value = value.strip() or None
        if value is not None and spec.choices is not None and value not in spec.choices:
            raise SessionError(f"{value!r} is not a choice of field {spec.id!r}")
        if value is None and not spec.prefer_not_to_say and spec.choices is not None:
            raise SessionError(f"field {spec.id!r} does not offer 'prefer not to say'")
        fields = _frozen({**self.fields, spec.id: value})
        if self.field_position + 1 < len(self.questionnaire.respondent_fields):
            return replace(self, fields=fields, field_position=self.field_position + 1)
        return replace(self, fields=fields, phase="items", position=0)

    def answer(self, value: float | str) -> Session:
        """Record a scale value or a non-scored option id for the current item, then move on."""
        self._require("items")
        scale = self.current_scale
        if isinstance(value, str):
            if value not in {o.id for o in scale.non_scored}:
                raise SessionError(f"{value!r} is not a non-scored option of this scale")
        elif float(value) not in scale.values:
            raise SessionError(f"{value!r} is not a value of this scale")
        else:
            value = float(value)
        return self._record(value)

    def skip(self) -> Session:
        """Leave the current item unanswered on purpose (recorded as skipped) and move on."""
        self._require("items")
        return self._record(None)

    def keep(self) -> Session:
        """Move on from an item already visited without changing its answer."""
        self._require("items")
        if not self.visited(self.current_item.id):
            raise SessionError("the current item has no answer to keep")
        return self._advance()

    def back(self) -> Session:
        """One step back: previous item, last respondent field, or the opening screen."""
        if self.phase == "review":
            return replace(self, phase="items", position=len(self.items) - 1,
                           help_visible=False, from_review=False)
        if self.phase == "fields":
            if self.field_position == 0:
                return replace(self, phase="intro")
            return replace(self, field_position=self.field_position - 1)
        self._require("items")
        moved = replace(self, help_visible=False, from_review=False)
        if self.position > 0:
            return replace(moved, position=self.position - 1)
        n_fields = len(self.questionnaire.respondent_fields)
        if n_fields:
            return replace(moved, phase="fields", field_position=n_fields - 1)
        return replace(moved, phase="intro")

    def toggle_help(self) -> Session:
        self._require("items")
        return replace(self, help_visible=not self.help_visible)

    def go_to(self, number: int) -> Session:
        """Open item ``number`` (1-based); from the review screen, answering returns there."""
        if self.phase not in ("items", "review"):
            raise SessionError(f"cannot go to an item from the {self.phase} phase")
        if not 1 <= number <= len(self.items):
            raise SessionError(f"there is no item {number}")
        return replace(self, phase="items", position=number - 1, help_visible=False,
                       from_review=self.phase == "review" or self.from_review)

    def review(self) -> Session:
        if self.phase not in ("items", "review"):
            raise SessionError(f"cannot review from the {self.phase} phase")
        return replace(self, phase="review", help_visible=False, from_review=False)

    def set_note(self, note: str, evidence: str, item_id: str | None = None) -> Session:
        """Attach (or, with both empty, remove) the consensus note of an item (default: the
        current one). The front end records the rating first, so the note may come after the
        session has already moved on."""
        if item_id is None:
            self._require("items")
            item_id = self.current_item.id
        elif item_id not in self.questionnaire.item_ids:
            raise SessionError(f"unknown item {item_id!r}")
        notes = {k: v for k, v in self.notes.items() if k != item_id}
        entry = Note(note.strip(), evidence.strip())
        if entry:
            notes[item_id] = entry
        return replace(self, notes=_frozen(notes))

    def submit(self) -> Session:
        """Finish: every item not reached is recorded as skipped."""
        self._require("review")
        answers = {it.id: self.answers.get(it.id) for it in self.items}
        return replace(self, phase="complete", answers=_frozen(answers))

    def reopen(self) -> Session:
        """A finished interview opened again goes to its review screen."""
        self._require("complete")
        return replace(self, phase="review")

    def resumed(self) -> Session:
        """Where a restored interview continues: the first field or item not yet reached."""
        for i, spec in enumerate(self.questionnaire.respondent_fields):
            if spec.id not in self.fields:
                return replace(self, phase="fields", field_position=i, help_visible=False,
                               from_review=False)
        for i, item in enumerate(self.items):
            if item.id not in self.answers:
                return replace(self, phase="items", position=i, help_visible=False,
                               from_review=False)
        if self.phase == "complete":
            return self
        return replace(self, phase="review", help_visible=False, from_review=False)

    # ---- helpers --------------------------------------------------------------------------

    def _record(self, value: Answer) -> Session:
        answers = _frozen({**self.answers, self.current_item.id: value})
        return replace(self, answers=answers)._advance()

    def _advance(self) -> Session:
        moved = replace(self, help_visible=False)
        if self.from_review or self.position + 1 >= len(self.items):
            return replace(moved, phase="review", from_review=False)
        return replace(moved, position=self.position + 1)

    def _require(self, phase: Phase) -> None:
        if self.phase != phase:
            raise SessionError(f"not possible in the {self.phase} phase (needs {phase})")
