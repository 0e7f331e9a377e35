"""The questionnaire format as frozen pydantic models.

The YAML file maps one to one onto these models; ``tila schema`` prints their JSON Schema. Field
descriptions here become the editor tooltips, so they are written for questionnaire authors.
Structural rules that need the whole document (unique ids, references between sections, bands
covering 0 to 100) live in ``checks.py`` so every problem is reported at once with its line.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_.-]*$", min_length=1, max_length=64),
    Field(description="Lower-case identifier: letters, digits, '_', '-' and '.'."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class _Model(BaseModel):
    # Validators are built on first validation, not at import: a questionnaire taken from the
    # cache (cache.py) is never validated again, and building them costs about 0.07 s.
    # No .nan or .inf anywhere: a scale value of .nan would make every score NaN (issue 16).
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True,
                              defer_build=True, allow_inf_nan=False)


class ScalePoint(_Model):
    value: float = Field(description="Numeric value scored for this answer.")
    label: Text = Field(description="Label shown to respondents and used in reports.")
    synonyms: tuple[Text, ...] = Field(
        default=(), description="Other labels that mean this answer in survey exports."
    )


class NonScoredOption(_Model):
    """An answer such as "Don't know" that is recorded but counts as missing, never as zero."""

    id: Id = Field(description="Stable id, for example dont_know or not_applicable.")
    label: Text
    synonyms: tuple[Text, ...] = ()
    code: float | None = Field(
        default=None,
        description="Numeric code some exports use for this option (for example 8 or -99).",
    )
    key: str | None = Field(
        default=None,
        min_length=1,
        max_length=1,
        description="Key that chooses this option in the interactive interview (n, d, ...).",
    )


class Scale(_Model):
    label: Text | None = None
    points: tuple[ScalePoint, ...] = Field(
        min_length=2, description="Ordered answer points, lowest value first."
    )
    non_scored: tuple[NonScoredOption, ...] = Field(
        default=(), description="Answers that are recorded but count as missing."
    )

    @cached_property
    def min(self) -> float:
        return min(p.value for p in self.points)

    @cached_property
    def max(self) -> float:
        return max(p.value for p in self.points)

    @cached_property
    def values(self) -> tuple[float, ...]:
        return tuple(p.value for p in self.points)


class RespondentField(_Model):
    """A question about the respondent used to group results (role, program, site...)."""

    id: Id
    label: Text
    choices: tuple[Text, ...] | None = Field(
        default=None, description="Allowed answers; leave out to accept any value."
    )
    prefer_not_to_say: bool = Field(
        default=True, description='Offer "Prefer not to say"; it is never shown as a group.'
    )
    help: Text | None = None
    privacy: Text | None = Field(
        default=None,
        description="What is true about how this answer is reported, shown above the question "
        "in the interview instead of the general note that small groups are never shown (for "
        "example for a field naming the leader being rated).",
    )


class Band(_Model):
    """A stage band on the 0 to 100 score: ``min`` inclusive, ``max`` exclusive (100 inclusive)."""

    id: Id
    label: Text
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    description: Text | None = None


class Scoring(_Model):
    min_answered: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Fraction of a principle's (or domain's) items a respondent must answer "
        "for that score to count.",
    )
    bands: tuple[Band, ...] = Field(min_length=1)
    bands_note: Text | None = Field(
        default=None, description="How to read the bands, shown in reports."
    )
    min_items_per_principle: int = Field(
        default=3,
        ge=1,
        description="A principle measured by fewer items than this gets a warning. A short "
        "pulse survey with two items per principle sets 2 on purpose.",
    )


class Form(_Model):
    """A variant of the questionnaire with its own wording (a leader's self-rating, ...)."""

    id: Id
    label: Text
    description: Text | None = None


class Item(_Model):
    id: Id
    text: Text = Field(description="The statement respondents rate. One idea, plain words.")
    principle: Id | dict[Id, Annotated[float, Field(gt=0)]] = Field(
        description="The SAMHSA principle id, or a mapping of principle ids to weights "
        "(primary 1.0, a secondary lower)."
    )
    domain: Id = Field(description="The SAMHSA implementation domain id.")
    scale: Id = Field(description="Id of a scale defined under 'scales'.")
    reverse: bool = Field(
        default=False, description="Reverse-keyed: a higher answer means less of the principle."
    )
    help: Text | None = Field(default=None, description="Explanation shown on request.")
    forms: dict[Id, Text] | None = Field(
        default=None, description="Wording of this item per form id, when forms are defined."
    )

    @cached_property
    def weights(self) -> dict[str, float]:
        """Principle id to weight; a single principle has weight 1."""
        if isinstance(self.principle, str):
            return {self.principle: 1.0}
        return dict(self.principle)

    @cached_property
    def primary_principle(self) -> str:
        """The principle with the largest weight (the first one on a tie)."""
        weights = self.weights
        return max(weights, key=lambda k: weights[k])

    def text_for(self, form: str | None) -> str:
        if form and self.forms and form in self.forms:
            return self.forms[form]
        return self.text


class Questionnaire(_Model):
    format: Literal[1] = Field(default=1, description="Version of the tila questionnaire format.")
    id: Id
    version: Text = Field(description="Version of this questionnaire, for example 1.0.0.")
    title: Text
    description: Text | None = None
    language: Text = Field(default="en", description="BCP 47 language tag, for example en.")
    license: Text | None = Field(default=None, description="Licence of the content.")
    citation: Text | None = Field(default=None, description="How to cite this questionnaire.")
    validated: bool = Field(
        default=False,
        description="True only when published psychometric validation exists for this form.",
    )
    minutes: float | None = Field(default=None, gt=0, description="Typical time to complete.")
    support: Text | None = Field(
        default=None,
        description="Where respondents can find support if a statement brings up something "
        "hard, for example a person or helpline. Shown at the start, in help and at the end of "
        "the interview.",
    )
    privacy: Text | None = Field(
        default=None,
        description="Who will see the answers and how they are reported. Shown at the start of "
        "the interview.",
    )
    forms: tuple[Form, ...] = Field(
        default=(), description="Alternative forms sharing the items (for example self, staff)."
    )
    scales: dict[Id, Scale] = Field(min_length=1)
    respondent_fields: tuple[RespondentField, ...] = ()
    items: tuple[Item, ...] = Field(min_length=1)
    scoring: Scoring

    @cached_property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def scale_of(self, item: Item) -> Scale:
        return self.scales[item.scale]

    def principles_used(self) -> tuple[str, ...]:
        """Principle ids with at least one item, in the framework's order."""
        from tila.framework import PRINCIPLE_IDS

        used = {p for it in self.items for p in it.weights}
        return tuple(p for p in PRINCIPLE_IDS if p in used)

    def domains_used(self) -> tuple[str, ...]:
        from tila.framework import DOMAIN_IDS

        used = {it.domain for it in self.items}
        return tuple(d for d in DOMAIN_IDS if d in used)

    def band_for(self, score: float) -> Band | None:
        """The band holding a 0-100 score (None for a missing score)."""
        if score != score:  # NaN
            return None
        for band in self.scoring.bands:
            if band.min <= score < band.max or (band.max == 100 and score == 100):
                return band
        return None


