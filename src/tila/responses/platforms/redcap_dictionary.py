"""REDCap data dictionaries: field labels, choices, forms and identifier flags.

Two layouts carry the same columns in the same order: the "Data Dictionary" download
(``Variable / Field Name``, ``Form Name``, ..., ``Identifier?``) and the API metadata export
(``field_name``, ``form_name``, ..., ``identifier``, with ``NA`` for empty cells). Columns are
therefore read by position. Choices read ``1, Strongly disagree | 2, Disagree | ...``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from tila.errors import Location, Problem, ResponseError
from tila.responses.sniff import sniff

NAME_HEADERS = {"variable / field name", "field_name"}


@dataclass(frozen=True)
class Field:
    name: str
    form: str
    type: str
    label: str
    choices: dict[str, str]  # code -> label
    identifier: bool


def is_dictionary(first_row: list[str]) -> bool:
    return bool(first_row) and first_row[0].strip().casefold() in NAME_HEADERS


def find_dictionary(data: Path) -> Path | None:
    """A dictionary saved next to the export: ``X_data.csv`` with ``X_dictionary.csv`` or
    ``X_metadata.csv``; REDCap's ``Proj_DATA_date.csv`` with ``Proj_DataDictionary_date.csv``."""
    m = re.match(r"(.*?)[_-]?(data|DATA|Data)([_-].*)?\.csv$", data.name)
    prefix = m.group(1) if m else data.stem
    found = [p for p in sorted(data.parent.glob(f"{glob_escape(prefix)}*.csv")) if p != data and
             re.search(r"dictionary|metadata", p.name, flags=re.IGNORECASE)]
    return found[0] if len(found) == 1 else None


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def read_dictionary(path: Path) -> dict[str, Field]:
    layout = sniff(path)
    try:
        text = path.read_bytes().decode(layout.encoding)
    except UnicodeDecodeError:
        raise ResponseError([Problem(code="bad-encoding", message="the data dictionary is not "
                                     f"valid {layout.encoding} text",
                                     location=Location(file=str(path)))]) from None
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=layout.delimiter))
    if not rows or not is_dictionary(rows[0]) or len(rows[0]) < 11:
        raise ResponseError([Problem(
            code="not-a-dictionary", location=Location(file=str(path)),
            message="this is not a REDCap data dictionary",
            hint="download it from REDCap's Project Setup > Data Dictionary")])
    fields: dict[str, Field] = {}
    for row in rows[1:]:
        if len(row) < 11 or not row[0].strip():
            continue
        cell = [("" if c.strip() == "NA" else c.strip()) for c in row]
        fields[cell[0]] = Field(name=cell[0], form=cell[1], type=cell[3].casefold(),
                                label=_plain(cell[4]), choices=choices(cell[3], cell[5]),
                                identifier=cell[10].casefold() == "y")
    return fields


def choices(field_type: str, text: str) -> dict[str, str]:
    kind = field_type.strip().casefold()
    if kind == "yesno":
        return {"1": "Yes", "0": "No"}
    if kind == "truefalse":
        return {"1": "True", "0": "False"}
    if kind not in {"radio", "dropdown", "checkbox"}:
        return {}
    out = {}
    for part in text.split("|"):
        code, _, label = part.partition(",")
        if code.strip():
            out[code.strip()] = _plain(label)
    return out


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())
