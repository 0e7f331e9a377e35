"""Write a ResponseTable in tila's native formats: CSV, Parquet or JSON Lines.

What ``tila import`` produces, and what ``tila score`` reads back to the same scores: a
respondent id, the respondent fields, one column per item holding the scale value, the label of a
non-scored option ("Don't know"), or nothing for a skipped answer. Personal columns never reached
the table, so they cannot reach these files. Every file is written atomically.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.errors import Location, OutputError, Problem
from tila.fileio import atomic_write
from tila.responses.table import NON_SCORED_BASE

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire
    from tila.responses.table import ResponseTable

FORMATS = ("csv", "parquet", "jsonl")


def _cells(q: Questionnaire, table: ResponseTable, *, ids: bool) -> list[list[Any]]:
    """Per item, a list of cells: float value, option label (or id when ``ids``), or None."""
    out = []
    for j, item in enumerate(q.items):
        scale = q.scales[item.scale]
        names = [o.id if ids else o.label for o in scale.non_scored]
        values = table.values[:, j]
        status = table.status[:, j]
        col: list[Any] = [None if np.isnan(v) else float(v) for v in values]
        for k in np.flatnonzero(status >= NON_SCORED_BASE):
            col[k] = names[int(status[k]) - NON_SCORED_BASE]
        out.append(col)
    return out


def native_frame(q: Questionnaire, table: ResponseTable, *, text: bool) -> pl.DataFrame:
    """The table as a frame, built column by column (no Python loop over cells).

    An item column holds the scale value, the label of a non-scored option, or null. With
    ``text`` every item column is text ("4", "Don't know"), as a CSV cell would be; otherwise a
    column without non-scored answers stays numeric.
    """
    import polars as pl

    field_ids = [f.id for f in q.respondent_fields if f.id in table.fields]
    data: dict[str, Any] = {
        "respondent_id": pl.Series(table.respondent_ids.astype(str), dtype=pl.String)}
    for f in field_ids:
        data[f] = pl.Series(table.fields[f].tolist(), dtype=pl.String)
    exprs = []
    for j, item in enumerate(q.items):
        scale = q.scales[item.scale]
        data[f"_v{j}"] = pl.Series(np.asarray(table.values[:, j], dtype=np.float64))
        data[f"_s{j}"] = pl.Series(np.asarray(table.status[:, j], dtype=np.int8))
        value = pl.col(f"_v{j}").fill_nan(None)
        whole = all(float(v).is_integer() for v in scale.values)
        number = value.cast(pl.Int64) if whole else value
        has_labels = bool(np.any(np.asarray(table.status[:, j]) >= NON_SCORED_BASE))
        if not text and not has_labels:
            exprs.append(number.alias(item.id))
            continue
        cell = number.cast(pl.String)
        for k, opt in enumerate(scale.non_scored):
            cell = pl.when(pl.col(f"_s{j}") == NON_SCORED_BASE + k).then(pl.lit(opt.label)) \
                .otherwise(cell)
        exprs.append(cell.alias(item.id))
    return pl.DataFrame(data).select(["respondent_id", *field_ids, *exprs])


def native_csv(q: Questionnaire, table: ResponseTable) -> str:
    from tila.fileio import formula_safe

    frame = native_frame(q, table, text=True)
    # Ids and field values come from respondents: defuse any a spreadsheet would run as a
    # formula. Item cells are numbers and the questionnaire's own labels, left as they are.
    people = ["respondent_id", *(f.id for f in q.respondent_fields if f.id in table.fields)]
    frame = frame.with_columns([formula_safe(c) for c in people])
    return frame.write_csv(line_terminator="\n")


def native_jsonl(q: Questionnaire, table: ResponseTable) -> str:
    field_ids = [f.id for f in q.respondent_fields if f.id in table.fields]
    cols = _cells(q, table, ids=True)
    lines = []
    for i in range(table.n_respondents):
        answers = {item: _number(c[i]) for item, c in zip(q.item_ids, cols, strict=True)}
        lines.append(json.dumps({
            "tila_response": 1, "questionnaire": {"id": q.id, "version": q.version},
            "respondent_id": str(table.respondent_ids[i]), "form": table.form,
            "fields": {f: table.fields[f][i] for f in field_ids}, "answers": answers,
            "notes": {}, "completed_at": None}, ensure_ascii=False))
    return "\n".join(lines) + "\n" if lines else ""


def _number(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def native_parquet(q: Questionnaire, table: ResponseTable) -> bytes:
    buf = io.BytesIO()
    native_frame(q, table, text=False).write_parquet(buf)
    return buf.getvalue()


def format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"ndjson": "jsonl"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise OutputError([Problem(code="unknown-output-format", location=Location(file=str(path)),
                                   message=f"cannot write '.{suffix}' files",
                                   hint="name the output .csv, .parquet or .jsonl")])
    return fmt


def write_native(path: Path, q: Questionnaire, table: ResponseTable) -> None:
    fmt = format_of(path)
    data: str | bytes = native_csv(q, table) if fmt == "csv" else \
        native_jsonl(q, table) if fmt == "jsonl" else native_parquet(q, table)
    atomic_write(path, data)
