"""REDCap exports: raw (variable names and codes) or labels, with or without the data dictionary.

Recognised by REDCap's own columns (``redcap_event_name``, ``redcap_repeat_instrument``,
``redcap_survey_identifier``, ``<form>_complete``). The dictionary (``--dictionary``, the map's
``dictionary:``, or a ``*_dictionary``/``*DataDictionary*``/``*_metadata`` file next to the export)
gives field labels to match item text, choice labels to turn codes into scale values, and the
``Identifier?`` flag, whose fields are dropped as personal data. A label export (field labels as
headers, choice labels as values) is only read with the dictionary.

Longitudinal and repeating projects have one row per event or instance: the respondent id joins
record, event and instance, and rows with no answer to any mapped item (other events or
instruments) are dropped. A form whose ``<form>_complete`` is not 2 (Complete) is unfinished.
REDCap's missing-data codes (UNK, NASK, ...) count as missing answers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tila.errors import Location, Problem, ResponseError
from tila.responses.adapter import Export, Mask, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo, norm_text
from tila.responses.platforms.redcap_dictionary import (
    Field,
    find_dictionary,
    is_dictionary,
    read_dictionary,
)
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

SPECIAL = {"redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
           "redcap_survey_identifier", "redcap_data_access_group", "redcap_arm"}
LABEL_SPECIAL = {"event name", "repeat instrument", "repeat instance", "survey identifier",
                 "data access group"}
MISSING_CODES = ["NI", "INV", "UNK", "NASK", "ASKU", "NAV", "MSK", "NA", "NAVU", "NP", "QS",
                 "QI", "TRC", "UNC", "DER", "PINF", "NINF", "OTH"]
COMPLETE = {"2", "complete"}


def _is_label_export(header: list[str]) -> bool:
    return any(h.endswith("Complete?") for h in header)


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 1)
    if not rows:
        return False
    header = [h.casefold() for h in rows[0]]
    if is_dictionary(rows[0]):
        return True  # claimed so the user hears it is a dictionary, not data
    return bool(SPECIAL & set(header)) or any(h.endswith("_complete") for h in header) or \
        _is_label_export(rows[0]) or (header[:1] == ["record_id"] and
                                      find_dictionary(path) is not None)


def _dictionary(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Path | None:
    given = options.extra.get("dictionary")
    if isinstance(given, str | Path):
        return Path(given)
    if mapfile is not None and mapfile.dictionary is not None:
        return mapfile.dictionary
    return find_dictionary(path)


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    import polars as pl

    raw = read_raw(path, 1)
    header = raw.header[0]
    if is_dictionary(header):
        raise ResponseError([Problem(
            code="redcap-dictionary-given", location=Location(file=str(path)),
            message="this is a REDCap data dictionary, not the data",
            hint="give the data export; the dictionary is found next to it or given as "
                 "`dictionary`")])
    dict_path = _dictionary(path, options, mapfile)
    fields: dict[str, Field] = read_dictionary(dict_path) if dict_path else {}
    labels = _is_label_export(header)
    if labels and not fields:
        raise ResponseError([Problem(
            code="redcap-labels-need-dictionary", location=Location(file=str(path)),
            message="this REDCap export has labels instead of variable names and codes, and "
                    "no data dictionary was found",
            hint="export 'CSV (raw data)' instead, or give the data dictionary as "
                 "`dictionary`")])
    by_label = {norm_text(f.label): f.name for f in fields.values()} if labels else {}
    names = [by_label.get(norm_text(h), h) for h in header]
    keys = unique_keys(names)
    columns = []
    for i, (name, key) in enumerate(zip(names, keys, strict=True)):
        low = name.casefold()
        f = fields.get(name)
        if i == 0:
            role = "id"
        elif low in SPECIAL or low.endswith("_complete") or low.endswith("_timestamp") or \
                header[i].casefold() in LABEL_SPECIAL or header[i].endswith("Complete?"):
            role = "meta"
        else:
            role = "data"
        personal = None if role == "id" else \
            "identifier field" if f is not None and f.identifier else \
            personal_kind(name, f.label if f else None)
        columns.append(ColumnInfo(name=f"c{i}", key=key, role=role, personal=personal,
                                  texts=(f.label,) if f else (header[i],) if labels else (),
                                  values=dict(f.choices) if f and f.choices else None))
    raw = drop_personal(raw, columns)
    frame = raw.frame
    data_cols = [c.name for c in columns if c.role == "data" and not c.personal]
    frame = frame.with_columns(
        pl.when(pl.col(c).str.strip_chars().is_in(MISSING_CODES)).then(None)
        .otherwise(pl.col(c)).alias(c) for c in data_cols)
    # One respondent per record, event and repeat instance.
    special = [c.name for c, h in zip(columns, names, strict=True)
               if h.casefold() in {"redcap_event_name", "redcap_repeat_instrument",
                                   "redcap_repeat_instance"}]
    if special:
        frame = frame.with_columns(pl.concat_str(
            [pl.col("c0"), *(pl.col(c) for c in special)], separator="/", ignore_nulls=True)
            .alias("c0"))
    from dataclasses import replace

    raw = replace(raw, frame=frame)
    export = Export(platform="redcap", raw=raw, columns=columns, dictionary=dict_path,
                    unanswered_reason="without answers to these items (other events or forms)")
    forms = _forms(columns, fields)
    export.unfinished = lambda item_cols: _unfinished(raw.frame, forms, item_cols)
    return export


def _forms(columns: list[ColumnInfo], fields: dict[str, Field]) -> dict[str, str]:
    """Frame column -> the completion column of its form.

    REDCap writes each form's fields followed by its ``<form>_complete`` column ("Complete?" in
    label exports), so a field belongs to its dictionary form's column or, failing that, to the
    next completion column to its right.
    """
    def is_status(c: ColumnInfo) -> bool:
        return c.key.casefold().endswith("_complete") or c.key.startswith("Complete?")

    complete = {c.key.casefold(): c.name for c in columns if is_status(c)}
    out: dict[str, str] = {}
    pending: list[str] = []
    for c in columns:
        f = fields.get(c.key)
        if is_status(c):
            out.update(dict.fromkeys(pending, c.name))
            pending = []
        elif f is not None and f"{f.form}_complete".casefold() in complete:
            out[c.name] = complete[f"{f.form}_complete".casefold()]
        else:
            pending.append(c.name)
    return out


def _unfinished(frame: object, forms: dict[str, str], item_cols: list[str]) -> Mask | None:
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    status_cols = sorted({forms[c] for c in item_cols if c in forms})
    if not status_cols:
        return None
    done = [pl.col(c).str.strip_chars().str.to_lowercase().is_in(sorted(COMPLETE))
            .fill_null(False) for c in status_cols]
    mask = frame.select(pl.all_horizontal(done).alias("d")).get_column("d").to_numpy()
    return np.asarray(~mask.astype(bool))


register(PlatformReader("redcap", detect, load))
