"""The answer matrix of a frame: numeric columns checked in one polars pass, then built as byte
codes (most files) or as values and statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.responses.codes import BLANK, AnswerCodes
from tila.responses.labels import TextIndex, text_bytes
from tila.responses.table import SKIPPED

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class ColumnPlan:
    """Which frame column holds what. Keys are frame column names."""

    items: dict[str, str]  # column -> item id
    id_column: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # column -> respondent field id
    texts: dict[str, str] = field(default_factory=dict)  # column -> free-text id
    # item id -> {raw value as written -> scale value (float) or non-scored option id (str)}
    value_maps: dict[str, dict[str, float | str]] = field(default_factory=dict)


def fast_columns(frame: pl.DataFrame, q: Questionnaire, plan: ColumnPlan,
                  by_item: dict[str, str], *, with_codes: bool = False) -> list[int]:
    """Items whose column is numeric and holds only scale values or blanks (and, with
    ``with_codes``, the numeric codes of non-scored options such as 9 for "Don't know").

    These skip per-cell label mapping: polars checks them all in one multithreaded pass, and
    any column that fails goes the slow way, which finds and reports the bad cells.
    """
    import polars as pl

    schema = frame.schema  # built anew on every access
    candidates = [j for j, it in enumerate(q.items)
                  if by_item.get(it.id) is not None and it.id not in plan.value_maps
                  and schema[by_item[it.id]].is_numeric()]
    if not candidates:
        return []
    # Most columns only need their range: a scale's values are usually a run of whole numbers,
    # and a column of whole numbers whose minimum and maximum lie within it holds nothing else.
    whole = [j for j in candidates if schema[by_item[q.items[j].id]].is_integer()]
    ranges = frame.select([e for j in whole for e in (
        pl.col(by_item[q.items[j].id]).min().cast(pl.Int64).alias(f"lo{j}"),
        pl.col(by_item[q.items[j].id]).max().cast(pl.Int64).alias(f"hi{j}"))]).row(0) \
        if whole else ()
    fine = set()
    for pos, j in enumerate(whole):
        lo, hi = ranges[2 * pos], ranges[2 * pos + 1]
        values = sorted(q.scales[q.items[j].scale].values)
        run = values == [int(values[0]) + i for i in range(len(values))]
        if lo is None or (run and values[0] <= lo and hi <= values[-1]):
            fine.add(j)
    candidates = [j for j in candidates if j not in fine]
    if not candidates:
        return sorted(fine)
    checks = []
    for j in candidates:
        scale = q.scales[q.items[j].scale]
        allowed = list(scale.values)
        if with_codes:
            allowed += [o.code for o in scale.non_scored if o.code is not None]
        col = pl.col(by_item[q.items[j].id])
        if schema[by_item[q.items[j].id]].is_integer():
            # Whole numbers compared as such (a fractional scale value can never match).
            col = col.cast(pl.Int64)
            allowed = [int(v) for v in allowed if v == int(v)]
            test = col.is_in(pl.lit(pl.Series(allowed, dtype=pl.Int64)).implode())
        else:
            col = col.cast(pl.Float64)
            test = col.is_in(pl.lit(pl.Series(allowed, dtype=pl.Float64)).implode())
        checks.append((col.is_not_null() & ~test).any().alias(str(j)))
    bad = frame.select(checks).row(0)
    return sorted(fine | {j for j, b in zip(candidates, bad, strict=True) if not b})


def value_dtype(q: Questionnaire) -> type[np.floating[Any]]:
    # float32 halves the memory of a large table and is exact for the values scales use
    # (integers, halves); a scale with other values keeps float64.
    exact = all(float(np.float32(v)) == v for s in q.scales.values() for v in s.values)
    return np.float32 if exact else np.float64


def byte_answers(frame: pl.DataFrame, q: Questionnaire, by_item: dict[str, str],
                  fast: list[int], labelled: list[int], texts: TextIndex) -> AnswerCodes | None:
    """Answers as byte codes when every cell is a checked number or a known label; None when
    some cell needs the float path (which reports it)."""
    import polars as pl

    position = {j: pos for pos, j in enumerate(labelled)}
    lookups = {}
    for j in labelled:
        lookup = text_bytes(q.scales[q.items[j].scale], texts.tables[position[j]])
        if lookup is None:
            return None
        lookups[j] = lookup
    fast_set = set(fast)
    if any(by_item.get(it.id) is not None and j not in fast_set and j not in lookups
           for j, it in enumerate(q.items)):
        return None
    # The matrix is numpy's, filled a column at a time. A numeric column's number is its code
    # (a blank is BLANK): each filled column is polars' temporary, freed before the next one,
    # so its allocator hands the same pages back every time, while numpy maps the matrix with
    # huge pages. Building the matrix in polars instead faulted in 140 MB of fresh pages and
    # took twice the CPU. Text columns pick each cell's byte from the column's lookup table
    # by position, in one multithreaded query; an absent column is all BLANK.
    matrix = np.empty((frame.height, len(q.items)), dtype=np.uint8, order="F")
    picks = []
    for j, it in enumerate(q.items):
        col = by_item.get(it.id)
        if col is None:
            matrix[:, j] = BLANK
        elif j in lookups:
            picks.append(pl.lit(pl.Series(lookups[j], dtype=pl.UInt8)).gather(
                texts.position_expr(position[j])).alias(str(j)))
        else:
            matrix[:, j] = frame.get_column(col).fill_null(BLANK).cast(pl.UInt8).to_numpy()
    if picks:
        picked = frame.select(picks)
        for name in picked.columns:
            matrix[:, int(name)] = picked.get_column(name).to_numpy()
    return AnswerCodes.for_items(matrix, [q.scales[it.scale] for it in q.items])


def float_answers(frame: pl.DataFrame, q: Questionnaire, by_item: dict[str, str],
                   fast: list[int]) -> dict[str, Any]:
    """Values and statuses of the fast numeric columns; the rest start out skipped."""
    import polars as pl

    n, k = frame.height, len(q.items)
    dtype = value_dtype(q)
    if len(fast) == k:
        # Column-major: polars copies each column (nulls become NaN) straight into place, about
        # 8x faster than building a row-major matrix, and without an intermediate copy. The
        # scoring pass reads blocks of rows, in which each column is a contiguous run.
        pl_dtype = pl.Float64 if dtype is np.float64 else pl.Float32
        values = frame.select([pl.col(by_item[it.id]).cast(pl_dtype)
                               for it in q.items]).to_numpy(order="fortran")
        return {"values": values, "status": np.isnan(values).view(np.int8)}  # 1 == SKIPPED
    values = np.full((n, k), np.nan, dtype=dtype, order="F")
    status = np.full((n, k), SKIPPED, dtype=np.int8, order="F")
    for j in fast:
        numbers = frame.get_column(by_item[q.items[j].id]).cast(pl.Float64).to_numpy()
        values[:, j] = numbers
        status[:, j] = np.isnan(numbers)
    return {"values": values, "status": status}
