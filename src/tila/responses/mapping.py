"""Match export columns to questionnaire items and respondent fields.

In order: an explicit map file, then the item id (a column whose id *is* the item id, the usual
practice when a survey is built from a tila questionnaire), then the question text after
normalising case, whitespace and punctuation. Nothing is guessed silently: a text that matches two
columns or two items is reported as ambiguous and left unmapped, an item with no column is
reported, and a column whose text is merely close to an item's is pointed out, not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tila.errors import Location, Problem
from tila.responses.columns import ColumnPlan
from tila.responses.labels import normalize_label

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.mapfile import MapFile, Target


@dataclass(frozen=True)
class ColumnInfo:
    """One export column as its platform describes it."""

    name: str  # column in the frame
    key: str  # how maps and messages name it: the platform's column id, else its header
    texts: tuple[str, ...] = ()  # wordings to match against item text (question, statement)
    role: str = "data"  # data (a possible item), meta (platform bookkeeping) or id
    personal: str | None = None  # kind of personal data; such columns are never read
    values: dict[str, Target] | None = None  # the platform's own code -> label or value map
    guessed_values: bool = False  # ``values`` read from the codes themselves ("A3" -> 3)
    # Codes that may name an item or field by ``letters_digits(id)``: a LimeSurvey question or
    # subquestion code, which may hold letters and digits only (see ``tila deploy``).
    codes: tuple[str, ...] = ()


@dataclass
class Mapping:
    plan: ColumnPlan
    problems: list[Problem] = field(default_factory=list)  # warnings (errors with --strict)
    errors: list[Problem] = field(default_factory=list)  # the map names missing columns, ...
    items: dict[str, str] = field(default_factory=dict)  # column key -> item id, file order
    fields: dict[str, str] = field(default_factory=dict)  # column key -> field id
    id_key: str | None = None
    ignored: list[str] = field(default_factory=list)  # data columns not used
    values: dict[str, dict[str, Target]] = field(default_factory=dict)  # item id -> value map
    ambiguous: set[str] = field(default_factory=set)  # items already reported as ambiguous
    field_values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> code -> choice


def norm_text(text: str) -> str:
    """Question text for matching: no HTML, case, punctuation or extra whitespace."""
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def letters_digits(text: str) -> str:
    """An id as a LimeSurvey code (letters and digits only): ``peer_support`` -> ``peersupport``.
    ``tila deploy`` names LimeSurvey questions this way, and import reverses it."""
    return re.sub(r"[^A-Za-z0-9]+", "", text)


def map_columns(columns: list[ColumnInfo], q: Questionnaire, mapfile: MapFile | None,
                file: str) -> Mapping:
    by_key = {c.key: c for c in columns}
    by_norm: dict[str, ColumnInfo] = {}
    for c in columns:
        by_norm.setdefault(normalize_label(c.key), c)
    out = Mapping(plan=ColumnPlan(items={}))
    used: set[str] = set()  # column keys already given a meaning

    def find(key: str) -> ColumnInfo | None:
        return by_key.get(key) or by_norm.get(normalize_label(key))

    # 1. the explicit map
    item_col: dict[str, ColumnInfo] = {}
    field_col: dict[str, ColumnInfo] = {}
    id_col = next((c for c in columns if c.role == "id"), None)
    ignored = set()
    if mapfile is not None:
        for section, pairs in (("items", mapfile.items), ("fields", mapfile.fields)):
            for key, target in pairs.items():
                col = find(key)
                if col is None:
                    out.errors.append(_missing(mapfile.where(section, key), key))
                elif col.personal:
                    out.errors.append(Problem(
                        code="personal-column", location=mapfile.where(section, key),
                        message=f"column '{key}' holds personal data ({col.personal}); tila "
                        "never reads such columns", hint="remove it from the map"))
                else:
                    (item_col if section == "items" else field_col)[target] = col
                    used.add(col.key)
        if mapfile.id_column:
            id_col = find(mapfile.id_column)
            if id_col is None:
                out.errors.append(_missing(mapfile.where("id_column"), mapfile.id_column))
        for key in mapfile.ignore:
            col = find(key)
            if col is not None:
                ignored.add(col.key)
    free = [c for c in columns if c.role == "data" and not c.personal and c.key not in used
            and c.key not in ignored and (id_col is None or c.key != id_col.key)]
    # 2. item and field ids
    for c in list(free):
        k = normalize_label(c.key)
        coded = {normalize_label(x) for x in c.codes}
        item = next((i for i in q.item_ids if normalize_label(i) == k), None) or \
            _by_code(q.item_ids, coded)
        fid = next((f.id for f in q.respondent_fields if normalize_label(f.id) == k), None) or \
            _by_code([f.id for f in q.respondent_fields], coded)
        if item and item not in item_col:
            item_col[item] = c
            free.remove(c)
        elif fid and fid not in field_col:
            field_col[fid] = c
            free.remove(c)
    # 3. question text
    _match_texts(free, q, item_col, field_col, out, file)
    # the plan, in questionnaire order
    for it in q.items:
        col = item_col.get(it.id)
        if col is None:
            continue
        out.items[col.key] = it.id
        value_map = _value_map(it.id, q, col, mapfile)
        if value_map:
            out.values[it.id] = value_map
        _check_choices(it.id, q, col, file, out)
    covered = set(mapfile.values) if mapfile is not None else set()
    guessed = [c.key for i, c in item_col.items() if c.guessed_values
               and not {i, q.item(i).scale} & covered]
    if guessed:
        example = next(iter(item_col[out.items[guessed[0]]].values or {}))
        out.problems.append(Problem(
            code="answer-codes", severity="warning", location=Location(file=file),
            message=f"answer codes such as '{example}' were read as the number they carry "
            f"({len(guessed)} item columns)",
            hint="check the codes follow the scale (`write_map` shows them), or export full "
                 "answer texts"))
    out.fields = {c.key: fid for fid, c in field_col.items()}
    mapped = {c.key for c in (*item_col.values(), *field_col.values())}
    out.ignored = [c.key for c in columns if c.role == "data" and c.key not in mapped
                   and not c.personal and (id_col is None or c.key != id_col.key)]
    out.id_key = id_col.key if id_col else None
    # The plan names columns by key: the frame is renamed to keys before conversion, so every
    # problem names a column the way the user sees it in the export.
    out.plan = ColumnPlan(items={item_col[i].key: i for i in q.item_ids if i in item_col},
                          id_column=id_col.key if id_col else None,
                          fields={c.key: fid for fid, c in field_col.items()},
                          value_maps={i: dict(m.items())
                                      for i, m in out.values.items()})
    for fid, c in field_col.items():
        fmap: dict[str, Target] = dict(c.values or {})
        if mapfile is not None:
            fmap.update(mapfile.values.get(fid, {}))
        if fmap:
            out.field_values[fid] = {k: str(v) for k, v in fmap.items()}
    _report_unmapped(q, item_col, free, out, file)
    return out


def _by_code(ids: tuple[str, ...] | list[str], coded: set[str]) -> str | None:
    """The one id whose letters-and-digits code is among ``coded`` (None when none or two)."""
    hits = [i for i in ids if normalize_label(letters_digits(i)) in coded] if coded else []
    return hits[0] if len(hits) == 1 else None


def _missing(where: Location, key: str) -> Problem:
    return Problem(code="map-missing-column", location=where,
                   message=f"the map names column '{key}', which is not in the export",
                   hint="check the spelling against the export's first header row, or write a "
                        "fresh map with `write_map`")


def _match_texts(free: list[ColumnInfo], q: Questionnaire, item_col: dict[str, ColumnInfo],
                 field_col: dict[str, ColumnInfo], out: Mapping, file: str) -> None:
    targets: dict[str, list[tuple[str, str]]] = {}  # normalised text -> [(kind, id)]
    for it in q.items:
        if it.id in item_col:
            continue
        for text in {it.text, *(it.forms or {}).values()}:
            targets.setdefault(norm_text(text), []).append(("item", it.id))
    for f in q.respondent_fields:
        if f.id not in field_col:
            targets.setdefault(norm_text(f.label), []).append(("field", f.id))
    claims: dict[tuple[str, str], list[ColumnInfo]] = {}
    for c in free:
        hits = {t for text in c.texts for t in targets.get(norm_text(text), [])}
        if len(hits) > 1:
            out.problems.append(Problem(
                code="ambiguous-match", severity="warning", location=Location(file=file,
                                                                              field=c.key),
                message=f"the text of column '{c.key}' matches several items: "
                + ", ".join(sorted(i for _, i in hits)) + "; it is not used",
                hint="say which item it is in a map file (`mapping`)"))
            out.ambiguous.update(i for _, i in hits)
        elif hits:
            claims.setdefault(hits.pop(), []).append(c)
    for (kind, target), cols in claims.items():
        if len(cols) > 1:
            out.problems.append(Problem(
                code="ambiguous-match", severity="warning", location=Location(file=file,
                                                                              field=target),
                message=f"{len(cols)} columns match the text of {kind} '{target}': "
                + ", ".join(f"'{c.key}'" for c in cols) + "; none is used",
                hint="say which column it is in a map file (`mapping`)"))
            out.ambiguous.add(target)
            continue
        (item_col if kind == "item" else field_col)[target] = cols[0]
        free.remove(cols[0])


def _value_map(item_id: str, q: Questionnaire, col: ColumnInfo,
               mapfile: MapFile | None) -> dict[str, Target]:
    """Platform codes first, then the map's per-scale and per-item entries on top."""
    merged: dict[str, Target] = dict(col.values or {})
    if mapfile is not None:
        merged.update(mapfile.values.get(q.item(item_id).scale, {}))
        merged.update(mapfile.values.get(item_id, {}))
    return merged


def _check_choices(item_id: str, q: Questionnaire, col: ColumnInfo, file: str,
                   out: Mapping) -> None:
    """Say so when a platform's choice labels are not the scale's: codes are then read as values."""
    if not col.values:
        return
    scale = q.scales[q.item(item_id).scale]
    known = {normalize_label(t) for p in scale.points for t in (p.label, *p.synonyms)} | \
        {normalize_label(t) for o in scale.non_scored for t in (o.id, o.label, *o.synonyms)}
    strange = [v for v in col.values.values() if isinstance(v, str) and
               normalize_label(v) not in known]
    if strange:
        out.problems.append(Problem(
            code="choices-not-on-scale", severity="warning",
            location=Location(file=file, field=col.key),
            message=f"the choices of column '{col.key}' ({', '.join(strange[:3])}) are not "
            f"labels of the scale of item '{item_id}'; its codes are read as scale values",
            hint="if the codes differ from the scale values, give a value map in a map file"))


def _report_unmapped(q: Questionnaire, item_col: dict[str, ColumnInfo],
                     free: list[ColumnInfo], out: Mapping, file: str) -> None:
    import difflib  # only for platform exports with unmapped items: its import costs 6 ms

    leftovers = {norm_text(t): c for c in free for t in c.texts if t}
    for it in q.items:
        if it.id in item_col or it.id in out.ambiguous:
            continue
        close = difflib.get_close_matches(norm_text(it.text), list(leftovers), n=1, cutoff=0.8)
        hint = (f"column '{leftovers[close[0]].key}' has a similar text; if it is this item, "
                "map it with `mapping`" if close else
                "add the question to the survey, or map its column with `mapping`")
        out.problems.append(Problem(code="unmapped-item", severity="warning", hint=hint,
                                    message=f"no column for item '{it.id}': it is missing "
                                    "for every respondent", location=Location(file=file)))
