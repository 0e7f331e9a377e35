"""Column map files (``--map map.yaml``): which export column is which item, field or id.

A map names export columns by their key (the platform's column id, such as ``Q5_1`` in
Qualtrics or a REDCap variable, else the header text) and says what each holds::

    tila_map: 1
    questionnaire: tila-starter
    source: qualtrics            # optional: the platform, as --source would say
    id_column: ResponseId        # optional
    items: {Q1_1: saf1, Q1_2: saf2}
    fields: {Q7: role}           # respondent fields
    values:                      # raw answer -> scale value or non-scored option id,
      agree5: {"Somewhat agree": 4, "Unsure": dont_know}   # per scale id or item id
      role: {"1": Leadership}    # or, per respondent field, code -> choice
    ignore: [Q8]                 # columns never matched to items
    dictionary: project_DataDictionary.csv   # REDCap data dictionary (relative to this file)

It is read as YAML 1.2 (``load.read_yaml``), so every problem points at its line. ``dump_map``
writes the map tila inferred, for ``tila import --write-map``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tila.errors import Location, Problem, ResponseError
from tila.questionnaire.load import locate, read_yaml

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire

Target = float | str  # a scale value, or a label / non-scored option id
KEYS = ("tila_map", "questionnaire", "source", "id_column", "items", "fields", "values", "ignore",
        "dictionary")


@dataclass(frozen=True)
class MapFile:
    path: Path
    data: Any  # the parsed YAML, kept to locate problems found later (missing columns)
    questionnaire: str | None = None
    source: str | None = None
    id_column: str | None = None
    items: dict[str, str] = field(default_factory=dict)  # column key -> item id
    fields: dict[str, str] = field(default_factory=dict)  # column key -> field id
    values: dict[str, dict[str, Target]] = field(default_factory=dict)  # scale/item id -> map
    ignore: tuple[str, ...] = ()
    dictionary: Path | None = None

    def where(self, *loc: str | int) -> Location:
        return locate(self.data, loc, str(self.path))


def map_source(path: Path) -> str | None:
    """The ``source`` a map file names, without validating the rest (None when unreadable)."""
    data, problems = read_yaml(path)
    if problems or not isinstance(data, dict):
        return None
    source = data.get("source")
    return source if isinstance(source, str) else None


def load_map(path: Path, q: Questionnaire) -> MapFile:
    """Read and check a map file against the questionnaire; raise with every located problem."""
    data, problems = read_yaml(path)
    if problems:
        raise ResponseError(problems)
    file = str(path)

    def bad(loc: tuple[str | int, ...], code: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(code=code, message=message, hint=hint,
                                location=locate(data, loc, file)))

    if not isinstance(data, dict):
        raise ResponseError([Problem(code="map-not-a-mapping", message="a column map must be a "
                                     "YAML mapping with 'items', 'fields', ...",
                                     location=Location(file=file))])
    for key in data:
        if key not in KEYS:
            bad((key,), "map-unknown-key", f"unknown key '{key}'", "allowed: " + ", ".join(KEYS))
    if data.get("tila_map", 1) != 1:
        bad(("tila_map",), "map-version", "this map was written for another version of tila")
    if data.get("questionnaire") not in (None, q.id):
        bad(("questionnaire",), "map-questionnaire",
            f"this map is for '{data['questionnaire']}', not '{q.id}'",
            f"use a map written for {q.id}, or score with `questionnaire={data['questionnaire']}`")
    items = _str_map(data, "items", bad)
    for col, item in items.items():
        if item not in q.item_ids:
            bad(("items", col), "map-unknown-item", f"'{item}' is not an item of {q.id}")
    fields = _str_map(data, "fields", bad)
    field_ids = {f.id for f in q.respondent_fields}
    for col, fid in fields.items():
        if fid not in field_ids:
            bad(("fields", col), "map-unknown-field", f"'{fid}' is not a respondent field of "
                f"{q.id}", "fields: " + ", ".join(sorted(field_ids)) if field_ids else None)
    values = _values(data, q, bad)
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(c, str) for c in ignore):
        bad(("ignore",), "map-bad-ignore", "'ignore' must be a list of column names")
        ignore = []
    for key in ("id_column", "source", "dictionary"):
        if data.get(key) is not None and not isinstance(data.get(key), str):
            bad((key,), "map-bad-value", f"'{key}' must be text")
    if problems:
        raise ResponseError(problems)
    dictionary = data.get("dictionary")
    return MapFile(path=path, data=data, questionnaire=data.get("questionnaire"),
                   source=data.get("source"), id_column=data.get("id_column"), items=items,
                   fields=fields, values=values, ignore=tuple(ignore),
                   dictionary=(path.parent / dictionary) if dictionary else None)


def _str_map(data: dict[str, Any], key: str, bad: Any) -> dict[str, str]:
    section = data.get(key) or {}
    if not isinstance(section, dict):
        bad((key,), "map-bad-section", f"'{key}' must map column names to ids")
        return {}
    out: dict[str, str] = {}
    for col, target in section.items():
        if not isinstance(target, str):
            bad((key, col), "map-bad-value", f"'{col}' must map to an id, not {target!r}")
        else:
            out[str(col)] = target
    return out


def _values(data: dict[str, Any], q: Questionnaire, bad: Any) -> dict[str, dict[str, Target]]:
    from tila.responses.labels import normalize_label

    section = data.get("values") or {}
    if not isinstance(section, dict):
        bad(("values",), "map-bad-section", "'values' must map scale or item ids to value maps")
        return {}
    out: dict[str, dict[str, Target]] = {}
    for owner, mapping in section.items():
        spec = next((f for f in q.respondent_fields if f.id == owner), None)
        if spec is not None and isinstance(mapping, dict):  # field codes -> choices
            out[str(owner)] = {str(k): str(v) for k, v in mapping.items()}
            for raw, target in mapping.items():
                if spec.choices and normalize_label(str(target)) not in \
                        {normalize_label(c) for c in spec.choices}:
                    bad(("values", owner, raw), "map-bad-target", f"'{raw}' maps to "
                        f"{target!r}, which is not a choice of '{owner}'",
                        "choices: " + ", ".join(spec.choices))
            continue
        if owner in q.scales:
            scale = q.scales[owner]
        elif owner in q.item_ids:
            scale = q.scales[q.item(owner).scale]
        else:
            bad(("values", owner), "map-unknown-scale", f"'{owner}' is not a scale, item or "
                f"respondent field of {q.id}", "scales: " + ", ".join(q.scales))
            continue
        if not isinstance(mapping, dict):
            bad(("values", owner), "map-bad-section", "expected answer: value pairs")
            continue
        labels = {normalize_label(t) for p in scale.points for t in (p.label, *p.synonyms)}
        options = {normalize_label(t) for o in scale.non_scored for t in (o.id, o.label,
                                                                        *o.synonyms)}
        out[str(owner)] = {}
        for raw, target in mapping.items():
            ok = (isinstance(target, int | float) and not isinstance(target, bool)
                  and float(target) in scale.values) or \
                 (isinstance(target, str) and normalize_label(target) in labels | options)
            if not ok:
                bad(("values", owner, raw), "map-bad-target",
                    f"'{raw}' maps to {target!r}, which is not on the scale",
                    "use a scale value (" + ", ".join(f"{v:g}" for v in scale.values) +
                    ") or a label or non-scored option id")
                continue
            out[str(owner)][str(raw)] = float(target) if not isinstance(target, str) else target
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML 1.2 scalar


def dump_map(*, q: Questionnaire, source: str, origin: str, id_column: str | None,
             items: Mapping[str, str], fields: Mapping[str, str],
             values: Mapping[str, Mapping[str, Target]], ignore: list[str],
             dictionary: str | None = None) -> str:
    """The YAML text of a map; ``values`` keyed by scale or item id."""
    lines = [f"# Column map for {q.id} {q.version}, inferred by tila from {origin}.",
             "# Review it (every 'items' entry is scored as that item), then pass it with --map.",
             "tila_map: 1", f"questionnaire: {q.id}", f"source: {source}"]
    if id_column:
        lines.append(f"id_column: {_q(id_column)}")
    if dictionary:
        lines.append(f"dictionary: {_q(dictionary)}")
    lines.append("items:" if items else "items: {}")
    for col, item in items.items():
        text = " ".join(q.item(item).text.split())
        lines.append(f"  {_q(col)}: {item}  # {text[:70]}")
    lines.append("fields:" if fields else "fields: {}")
    lines.extend(f"  {_q(col)}: {fid}" for col, fid in fields.items())
    lines.append("values:" if values else "values: {}")
    for owner, mapping in values.items():
        lines.append(f"  {owner}:")
        lines.extend(f"    {_q(raw)}: {_target(t)}" for raw, t in mapping.items())
    lines.append("ignore:" if ignore else "ignore: []")
    lines.extend(f"  - {_q(col)}" for col in ignore)
    return "\n".join(lines) + "\n"


def _target(t: Target) -> str:
    return _q(t) if isinstance(t, str) else f"{t:g}"
