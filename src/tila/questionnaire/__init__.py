"""Questionnaires: the pydantic format, YAML loading with locations, cross-checks, built-ins."""

from tila.questionnaire.model import (
    Band,
    Item,
    NonScoredOption,
    Questionnaire,
    RespondentField,
    Scale,
    ScalePoint,
    Scoring,
)

__all__ = [
    "Band",
    "Item",
    "NonScoredOption",
    "Questionnaire",
    "RespondentField",
    "Scale",
    "ScalePoint",
    "Scoring",
]
