"""The suggestions-library format as frozen pydantic models.

A library folder holds two kinds of YAML file, told apart by a top-level ``kind`` key:
``kind: suggestions`` (improvement suggestions) and ``kind: references`` (the sources they cite).
Questionnaire files have no ``kind``. Field descriptions become editor tooltips through the JSON
Schema, so they are written for authors. Rules that need more than one file (references and item
ids that must exist, principle and domain ids) live in ``checks.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tila.questionnaire.model import Id, Text

Effort = Literal["low", "medium", "high"]
Horizon = Literal[30, 90, 365]
Owner = Literal["leadership", "supervisors", "hr", "all_staff", "ti_committee"]
#: The Missouri Model stages used as band ids by every built-in questionnaire.
BandId = Literal["aware", "sensitive", "responsive", "informed"]

ItemRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_.-]*:[a-z][a-z0-9_.-]*$", max_length=129),
    Field(description="An item of a built-in questionnaire as 'questionnaire:item', "
          "for example 'tila-leader:ldr07'."),
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Suggestion(_Model):
    """One improvement a team could start this month, for a principle at a given stage."""

    id: Id = Field(description="Stable id, unique across the library, e.g. saf-debrief-pilot.")
    title: Text = Field(max_length=100, description="A short imperative title.")
    principle: Id = Field(description="The SAMHSA principle id this suggestion serves.")
    domain: Id = Field(description="The SAMHSA implementation domain id it works through.")
    bands: tuple[BandId, ...] = Field(
        min_length=1,
        description="Stage bands where this suggestion fits: aware, sensitive, responsive "
        "or informed. A report offers it when the principle's score falls in one of them.",
    )
    why: Text = Field(max_length=400, description="One or two sentences: why this helps.")
    actions: tuple[Text, ...] = Field(
        min_length=3, max_length=5,
        description="Three to five concrete first steps someone could start this month.",
    )
    effort: Effort = Field(description="How much time and money it takes: low, medium, high.")
    horizon: Horizon = Field(description="Days until a visible result: 30, 90 or 365.")
    owner: Owner = Field(
        description="Who leads it: leadership, supervisors, hr, all_staff or ti_committee "
        "(a trauma-informed care committee)."
    )
    items: tuple[ItemRef, ...] = Field(
        default=(),
        description="Items whose low scores this suggestion answers directly, as "
        "'questionnaire:item' (for example 'tila-leader:ldr07').",
    )
    references: tuple[Id, ...] = Field(
        default=(), description="Ids of sources in a references file (kind: references)."
    )
    cost_of_inaction: Text | None = Field(
        default=None, max_length=400,
        description="What not acting costs (turnover, burnout, poorer care), for the case "
        "a director makes to a board.",
    )

    @cached_property
    def item_refs(self) -> tuple[tuple[str, str], ...]:
        """``items`` split into (questionnaire id, item id) pairs."""
        return tuple((ref.split(":", 1)[0], ref.split(":", 1)[1]) for ref in self.items)


class SuggestionsFile(_Model):
    kind: Literal["suggestions"] = Field(description="Marks a suggestions file.")
    format: Literal[1] = Field(default=1, description="Version of the suggestions format.")
    license: Text | None = Field(default=None, description="Licence of the content.")
    # "At least one" is checked in checks.py, not by min_length: pydantic would report a list
    # whose only entry is invalid as "too short" as well, which misleads the author.
    suggestions: tuple[Suggestion, ...] = Field(json_schema_extra={"minItems": 1})


class Reference(_Model):
    """A published source that suggestions cite."""

    id: Id = Field(description="Stable id that suggestions cite, e.g. samhsa-2014.")
    citation: Text = Field(description="The full citation as it appears in a report.")
    url: str | None = Field(default=None, description="Where a reader can find it.")
    note: Text | None = Field(default=None, description="What tila draws on it for.")


class ReferencesFile(_Model):
    kind: Literal["references"] = Field(description="Marks a references file.")
    format: Literal[1] = Field(default=1, description="Version of the suggestions format.")
    license: Text | None = None
    references: tuple[Reference, ...] = Field(json_schema_extra={"minItems": 1})


LibraryFile = Annotated[SuggestionsFile | ReferencesFile, Field(discriminator="kind")]


@dataclass(frozen=True, eq=False)
class Library:
    """Every suggestion and reference of a library folder, validated and cross-checked.

    Suggestions keep file order (files sorted by name), so selection that breaks ties by
    position is reproducible.
    """

    suggestions: tuple[Suggestion, ...]
    references: Mapping[str, Reference]

    def suggestion(self, id_: str) -> Suggestion:
        for s in self.suggestions:
            if s.id == id_:
                return s
        raise KeyError(id_)

    def for_principle(self, principle: str, band: str | None = None) -> tuple[Suggestion, ...]:
        """Suggestions serving ``principle`` (and fitting ``band`` when one is given)."""
        return tuple(
            s for s in self.suggestions
            if s.principle == principle and (band is None or band in s.bands)
        )

    def for_item(self, questionnaire: str, item: str) -> tuple[Suggestion, ...]:
        """Suggestions tied to one item, e.g. ``for_item("tila-leader", "ldr07")``."""
        return tuple(s for s in self.suggestions if (questionnaire, item) in s.item_refs)

    def references_of(self, suggestion: Suggestion) -> tuple[Reference, ...]:
        return tuple(self.references[r] for r in suggestion.references if r in self.references)
