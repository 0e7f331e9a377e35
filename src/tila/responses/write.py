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
from tila.fileio import atomic_write, to_csv
from tila.responses.table import NON_SCORED_BASE

if TYPE_CHECKING:
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


def native_csv(q: Questionnaire, table: ResponseTable) -> str:
    field_ids = [f.id for f in q.respondent_fields if f.id in table.fields]
    cols = _cells(q, table, ids=False)
    rows = []
    for i in range(table.n_respondents):
        rows.append([str(table.respondent_ids[i]), *(table.fields[f][i] for f in field_ids),
                     *(c[i] for c in cols)])
    return to_csv(["respondent_id", *field_ids, *q.item_ids], rows)


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
    import polars as pl

    field_ids = [f.id for f in q.respondent_fields if f.id in table.fields]
    data: dict[str, pl.Series] = {
        "respondent_id": pl.Series(table.respondent_ids.astype(str).tolist(), dtype=pl.String)}
    for f in field_ids:
        data[f] = pl.Series(table.fields[f].tolist(), dtype=pl.String)
    for item, col in zip(q.item_ids, _cells(q, table, ids=False), strict=True):
        if any(isinstance(v, str) for v in col):  # labels: a text column
            data[item] = pl.Series([None if v is None else v if isinstance(v, str) else f"{v:g}"
                                    for v in col], dtype=pl.String)
        else:
            data[item] = pl.Series(col, dtype=pl.Float64)
    buf = io.BytesIO()
    pl.DataFrame(data).write_parquet(buf)
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
