"""The JSON Schema of the questionnaire format, for editors and other tools.

The committed copy (questionnaires/schema/questionnaire.schema.json) is what built-in files point
at with their ``# yaml-language-server: $schema=...`` line; a test keeps it equal to this output.
"""

from __future__ import annotations

import json
from typing import Any

from tila.questionnaire.model import Questionnaire

SCHEMA_ID = "https://tila.invalid/schema/questionnaire.schema.json"


def questionnaire_schema() -> dict[str, Any]:
    schema = Questionnaire.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "tila questionnaire",
        "description": "A questionnaire scored against SAMHSA's six principles of a "
        "trauma-informed approach. See docs/authoring.md.",
        **{k: v for k, v in schema.items() if k not in {"title", "description"}},
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
