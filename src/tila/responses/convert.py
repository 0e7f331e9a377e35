"""Turn a polars frame into a ResponseTable: map labels, check values, report every bad cell.

Every reader ends here: the native readers build a ColumnPlan from column names, platform
adapters from their own layouts or a mapping file. Values are converted one column at a time with
polars expressions (never a Python loop over cells), so a million rows stay fast. Rows in
problems are numbered as a spreadsheet shows them: ``row_base`` is the number of the first data row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.errors import Location, Problem, ResponseError, raise_if_errors
from tila.responses.table import NON_SCORED_BASE, SKIPPED, ResponseTable, SourceInfo

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire, Scale

MAX_PER_CODE = 20  # bad cells listed per kind of problem; the rest are counted
DECLINED = {"prefer not to say", "prefer not to answer", "decline to answer", "decline to state",
            "rather not say"}


@dataclass(frozen=True)
class ColumnPlan:
    """Which frame column holds what. Keys are frame column names."""

    items: dict[str, str]  # column -> item id
    id_column: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # column -> respondent field id
    texts: dict[str, str] = field(default_factory=dict)  # column -> free-text id
    # item id -> {raw value as written -> scale value (float) or non-scored option id (str)}
    value_maps: dict[str, dict[str, float | str]] = field(default_factory=dict)


def normalize_label(text: str) -> str:
    """Case- and whitespace-insensitive label: "  Strongly  AGREE" -> "strongly agree"."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _norm_expr(col: pl.Expr) -> pl.Expr:
    return col.str.strip_chars().str.to_lowercase().str.replace_all(r"\s+", " ")


def scale_maps(scale: Scale) -> tuple[dict[str, float], dict[str, int]]:
    """Normalized label -> value, and normalized label/id -> status code for non-scored options."""
    values: dict[str, float] = {}
    for p in scale.points:
        for label in (p.label, *p.synonyms):
            values[normalize_label(label)] = p.value
    status: dict[str, int] = {}
    for j, opt in enumerate(scale.non_scored):
        for label in (opt.label, opt.id, *opt.synonyms):
            status[normalize_label(label)] = NON_SCORED_BASE + j
    return values, status


@dataclass
class _Cells:
    """Problems found while converting, capped per code so a bad file stays readable."""

    file: str
    row_base: int | None
    ids: Any  # respondent ids (array) once known
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, code: str, rows: np.ndarray[Any, Any], column: str, message: str,
            hint: str) -> None:
        for r in rows:
            self.counts[code] = self.counts.get(code, 0) + 1
            if self.counts[code] > MAX_PER_CODE:
                continue
            self.problems.append(Problem(code=code, message=message, hint=hint, location=Location(
                file=self.file,
                row=None if self.row_base is None else int(r) + self.row_base,
                field=column,
                respondent=None if self.ids is None else str(self.ids[int(r)]))))

    def finish(self) -> list[Problem]:
        extra = [Problem(code="more-problems", location=Location(file=self.file),
                         message=f"{n - MAX_PER_CODE} more cells with the same problem "
                         f"({code}) are not listed")
                 for code, n in self.counts.items() if n > MAX_PER_CODE]
        return self.problems + extra


def convert_item(frame: pl.DataFrame, column: str, scale: Scale,
                 value_map: Mapping[str, float | str] | None, cells: _Cells,
                 item_id: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(values, status) for one item column."""
    import polars as pl

    s = frame.get_column(column)
    n = s.len()
    allowed = np.array(scale.values)
    codes = {opt.code: NON_SCORED_BASE + j for j, opt in enumerate(scale.non_scored)
             if opt.code is not None}
    status = np.zeros(n, dtype=np.int8)
    if s.dtype.is_numeric() and not value_map:
        values = s.cast(pl.Float64).to_numpy().astype(np.float64, copy=True)
    else:
        labels, ns = scale_maps(scale)
        for raw, target in (value_map or {}).items():
            key = normalize_label(raw)
            if not isinstance(target, str):
                labels[key] = float(target)
            elif normalize_label(target) in labels:
                labels[key] = labels[normalize_label(target)]
            elif _option_status(scale, target):
                ns[key] = _option_status(scale, target)
        text = s.cast(pl.String)
        df = pl.DataFrame({"t": text}).lazy().select(
            norm=_norm_expr(pl.col("t"))).with_columns(
            value=pl.col("norm").replace_strict(labels, default=None, return_dtype=pl.Float64),
            ns=pl.col("norm").replace_strict(ns, default=None, return_dtype=pl.Int8),
            num=pl.col("norm").str.replace(",", ".").cast(pl.Float64, strict=False),
        ).collect()
        value = df.get_column("value").to_numpy()
        nsv = df.get_column("ns").fill_null(0).to_numpy().astype(np.int8)
        num = df.get_column("num").to_numpy()
        empty = df.get_column("norm").fill_null("").eq("").to_numpy()
        values = np.where(np.isnan(value), num, value)
        values[nsv > 0] = np.nan
        status[nsv > 0] = nsv[nsv > 0]
        unknown = np.isnan(values) & (nsv == 0) & ~empty
        if unknown.any():
            known = ", ".join(f"'{label}'" for label in [*(p.label for p in scale.points),
                                                          *(o.label for o in scale.non_scored)])
            cells.add("unknown-label", np.flatnonzero(unknown), column,
                      f"'{_short(text, int(np.flatnonzero(unknown)[0]))}' is not an answer on "
                      f"the scale of item '{item_id}'" if cells.counts.get("unknown-label", 0) == 0
                      else f"unknown answer label for item '{item_id}'",
                      f"use a number from {scale.min:g} to {scale.max:g} or one of: {known}; "
                      "or map labels with a mapping file")
            values[unknown] = np.nan
    for code, st in codes.items():
        hit = values == code
        status[hit] = st
        values[hit] = np.nan
    bad = ~np.isnan(values) & ~np.isin(values, allowed)
    if bad.any():
        rows = np.flatnonzero(bad)
        cells.add("out-of-range", rows, column,
                  f"value {values[rows[0]]:g} is outside the scale of item '{item_id}'",
                  f"allowed values: {', '.join(f'{v:g}' for v in allowed)}; leave the cell "
                  "blank for a skipped answer")
        values[bad] = np.nan
    status[(status == 0) & np.isnan(values)] = SKIPPED
    return values, status


def _option_status(scale: Scale, target: str) -> int:
    for j, opt in enumerate(scale.non_scored):
        if normalize_label(target) in {normalize_label(opt.id), normalize_label(opt.label)}:
            return NON_SCORED_BASE + j
    return 0


def _short(text: pl.Series, row: int) -> str:
    value = str(text[row])
    return value if len(value) <= 40 else value[:37] + "..."


def table_from_frame(
    frame: pl.DataFrame,
    q: Questionnaire,
    plan: ColumnPlan,
    source: SourceInfo,
    *,
    row_base: int | None = 2,
    form: str | None = None,
    missing_items: str = "error",
) -> ResponseTable:
    """Convert; raise ResponseError listing every bad cell (capped per kind) at once."""
    file = source.path
    if frame.height == 0:
        raise ResponseError([Problem(code="no-responses", message="the file has a header but "
                                     "no responses", hint="export the responses again",
                                     location=Location(file=file))])
    problems: list[Problem] = []
    ids = respondent_ids(frame, plan.id_column, row_base, file, problems)
    cells = _Cells(file=file, row_base=row_base, ids=ids)
    by_item = {item: col for col, item in plan.items.items()}
    n, k = frame.height, len(q.items)
    values = np.full((n, k), np.nan)
    status = np.full((n, k), SKIPPED, dtype=np.int8)
    for j, it in enumerate(q.items):
        col = by_item.get(it.id)
        if col is None:
            problems.append(Problem(
                code="missing-item", message=f"no column for item '{it.id}'",
                severity="error" if missing_items == "error" else "warning",
                hint="add a column named after the item id (it may be empty), or map a column "
                     "to it with a mapping file", location=Location(file=file, field=it.id)))
            continue
        values[:, j], status[:, j] = convert_item(frame, col, q.scales[it.scale],
                                                  plan.value_maps.get(it.id), cells, it.id)
    fields = {fid: field_values(frame, col, q, fid, cells) for col, fid in plan.fields.items()}
    texts = {tid: _strings(frame, col) for col, tid in plan.texts.items()}
    problems.extend(cells.finish())
    warnings = raise_if_errors(problems, ResponseError)
    del warnings  # the caller reports data-quality warnings from SourceInfo
    return ResponseTable(item_ids=q.item_ids, values=values, status=status,
                         respondent_ids=ids, fields=fields, texts=texts, sources=(source,),
                         form=form)


def respondent_ids(frame: pl.DataFrame, column: str | None, row_base: int | None, file: str,
                   problems: list[Problem]) -> np.ndarray[Any, Any]:
    n = frame.height
    base = row_base if row_base is not None else 1
    generated = np.array([f"row-{i + base}" for i in range(n)], dtype=object)
    if column is None:
        return generated
    raw = _strings(frame, column)
    ids = np.where(raw == None, generated, raw)  # noqa: E711
    uniq, first, counts = np.unique(ids.astype(str), return_index=True, return_counts=True)
    for value, idx, c in zip(uniq, first, counts, strict=True):
        if c > 1:
            rows = np.flatnonzero(ids.astype(str) == value)
            where = ", ".join(str(int(r) + base) for r in rows[:5])
            problems.append(Problem(
                code="duplicate-respondent",
                message=f"respondent id '{value}' appears {c} times (rows {where})",
                hint="each respondent must appear once; remove duplicate rows",
                location=Location(file=file, row=int(idx) + base if row_base else None,
                                  field=column, respondent=str(value))))
    return ids


def field_values(frame: pl.DataFrame, column: str, q: Questionnaire, field_id: str,
                 cells: _Cells) -> np.ndarray[Any, Any]:
    """Respondent field values; blank and "prefer not to say" become None (never a group)."""
    import polars as pl

    spec = next(f for f in q.respondent_fields if f.id == field_id)
    raw = frame.get_column(column).cast(pl.String).str.strip_chars()
    norm = raw.str.to_lowercase().str.replace_all(r"\s+", " ")
    declined = norm.is_in(list(DECLINED)).fill_null(True) | norm.eq("").fill_null(True)
    if spec.choices is None:
        out = raw.set(declined, None)
    else:
        canon = {normalize_label(c): c for c in spec.choices}
        out = norm.replace_strict(canon, default=None, return_dtype=pl.String)
        unknown = (out.is_null() & ~declined).to_numpy()
        if unknown.any():
            cells.add("unknown-choice", np.flatnonzero(unknown), column,
                      f"not one of the choices of '{field_id}'",
                      "allowed: " + ", ".join(spec.choices) + ", or leave blank")
        out = out.set(declined, None)
    return np.array(out.to_list(), dtype=object)


def _strings(frame: pl.DataFrame, column: str) -> np.ndarray[Any, Any]:
    """A column as an object array of stripped strings, None for blank cells."""
    import polars as pl

    s = frame.get_column(column).cast(pl.String).str.strip_chars()
    s = s.set(s == "", None) if s.len() else s
    return np.array(s.to_list(), dtype=object)
