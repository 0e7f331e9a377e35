"""REDCap data dictionary (CSV): the file *Project Setup > Data Dictionary > Upload* accepts.

Columns are REDCap's documented ones, in its order. Each statement is a radio field coded with
the scale's own values (``1, Strongly disagree | ... | 5, Strongly agree``) and the non-scored
options with codes above the scale (``8, Don't know``), grouped in one matrix per principle, so a
raw export's codes are scale values with or without the dictionary. Variable names are the item
ids where those follow REDCap's rules (lowercase letters, digits and underscores, starting with
a letter); the importer then finds each item by its column name, and by its label through the
dictionary for any id that had to be renamed.
"""

from __future__ import annotations

import re
from html import escape

from tila.deploy.survey import Survey, field_choices, non_scored_codes, whole
from tila.errors import OutputError, Problem
from tila.fileio import to_csv

HEADER = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
          "Choices, Calculations, OR Slider Labels", "Field Note",
          "Text Validation Type OR Show Slider Number", "Text Validation Min",
          "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
          "Required Field?", "Custom Alignment", "Question Number (surveys only)",
          "Matrix Group Name", "Matrix Ranking?", "Field Annotation"]
NAME_OK = re.compile(r"^[a-z][a-z0-9_]*$")
RECOMMENDED_LENGTH = 26  # REDCap warns above this; its hard limit is 100
# REDCap refuses variable names that are words reserved in its branching logic and JavaScript.
RESERVED = {"record", "event", "arm", "instance", "class", "new", "return", "var", "function",
            "switch", "case", "default", "delete", "this", "void", "with", "enum", "export",
            "import", "super", "document", "window", "option", "public", "private", "static"}


def variable_name(item_id: str) -> str:
    """An id as a REDCap variable name: unchanged when it already follows the rules."""
    name = re.sub(r"[^a-z0-9_]+", "_", item_id.lower()).strip("_")
    name = re.sub(r"_+", "_", name)
    if not name or not name[0].isalpha():
        name = "v_" + name
    if name in RESERVED or name.startswith("redcap_"):
        name = "tila_" + name
    return name[:100]


def form_name(survey: Survey) -> str:
    return variable_name(survey.q.id + (f"_{survey.form}" if survey.form else ""))


def choices_text(pairs: list[tuple[int, str]]) -> str:
    # REDCap splits choices on "|" and codes on the first ",": a label may hold commas but not
    # a bar, which would start a new choice.
    return " | ".join(f"{code}, {label.replace('|', '/')}" for code, label in pairs)


def data_dictionary(survey: Survey) -> str:
    form = form_name(survey)
    rows: list[list[object]] = []

    def row(name: str, kind: str, label: str, *, section: str = "", choices: str = "",
            note: str = "", required: str = "", matrix: str = "", annotation: str = "") -> None:
        rows.append([name, form, section, kind, label, choices, note, "", "", "", "", "",
                     required, "", "", matrix, "", annotation])

    row("record_id", "text", "Record ID",
        annotation=f"tila questionnaire {survey.stamp} @HIDDEN-SURVEY")
    # REDCap renders labels as HTML: the opening text is escaped, then laid out.
    intro = [f"<b>{_html(survey.title)}</b>", *map(_html, survey.opening),
             _html(survey.instructions), f"<small>{_html(survey.stamp)}</small>"]
    row("intro", "descriptive", "<br><br>".join(intro),
        annotation=f"tila questionnaire {survey.stamp}")
    names: dict[str, str] = {"record_id": "record_id", "intro": "intro"}

    def claim(name: str, what: str) -> str:
        if name in names:
            raise OutputError([Problem(
                code="name-clash", message=f"{what} and {names[name]} both become the REDCap "
                f"variable '{name}'", hint="give them ids that differ in letters or digits")])
        names[name] = what
        return name

    for f in survey.fields:
        name = claim(variable_name(f.id), f"respondent field {f.id}")
        options = field_choices(f)
        if options:
            row(name, "radio", f.label, note=f.help or "",
                choices=choices_text([(k + 1, c) for k, c in enumerate(options)]))
        else:
            row(name, "text", f.label, note=f.help or "")
    for sec in survey.sections:
        pairs = [(whole(p.value, "REDCap"), p.label) for p in sec.scale.points]
        pairs += non_scored_codes(sec.scale)
        matrix = variable_name(sec.id)
        for k, st in enumerate(sec.statements):
            name = claim(variable_name(st.id), f"item {st.id}")
            row(name, "radio", st.text, section=sec.title if k == 0 else "",
                choices=choices_text(pairs), matrix=matrix, annotation=f"tila item {st.id}")
    return to_csv(HEADER, rows)


def _html(text: str) -> str:
    return escape(text, quote=False)
