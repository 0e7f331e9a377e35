"""ResponseTable: every respondent's answers as one float matrix, ready for vectorized scoring.

Rows are respondents, columns are the questionnaire's items in questionnaire order. A value is the
scale value as answered (before reverse keying); NaN means missing for any reason. ``status`` says
why a cell is missing, so reports can show how often people chose "Don't know" or "Not
applicable" without those answers ever counting as a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tila.errors import Problem

#: status codes: answered, left blank, or the j-th non-scored option of the item's scale (2 + j)
ANSWERED = 0
SKIPPED = 1
NON_SCORED_BASE = 2

FloatMatrix = npt.NDArray[np.floating]
StatusMatrix = npt.NDArray[np.int8]
Strings = npt.NDArray[np.object_]


@dataclass(frozen=True)
class SourceInfo:
    """Where rows came from, for the data-quality summary and results."""

    path: str
    format: str  # csv, tsv, xlsx, parquet, json, jsonl, or a platform name
    rows_read: int
    rows_kept: int
    encoding: str | None = None
    delimiter: str | None = None
    dropped: dict[str, int] = field(default_factory=dict)  # reason -> count
    ignored_columns: tuple[str, ...] = ()
    mapped_columns: int = 0
    warnings: tuple[Problem, ...] = ()  # data-quality notes that did not stop reading


@dataclass(frozen=True, eq=False)
class ResponseTable:
    item_ids: tuple[str, ...]
    values: FloatMatrix  # (n_respondents, n_items), NaN = missing; any memory layout
    status: StatusMatrix  # same shape: ANSWERED, SKIPPED or NON_SCORED_BASE + option index
    respondent_ids: Strings  # (n_respondents,) str
    fields: dict[str, Strings] = field(default_factory=dict)  # field id -> str or None per row
    texts: dict[str, Strings] = field(default_factory=dict)  # free-text columns (comments...)
    sources: tuple[SourceInfo, ...] = ()
    form: str | None = None
    # field id -> (code per row, -1 when not stated; sorted distinct values). Readers fill it
    # from polars, which codes a million values in milliseconds; group_codes() computes it for
    # tables built by hand.
    field_codes: dict[str, tuple[npt.NDArray[np.int32], tuple[str, ...]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        n, k = self.values.shape
        if k != len(self.item_ids):
            raise ValueError("values must have one column per item id")
        if self.status.shape != (n, k):
            raise ValueError("status must have the shape of values")
        if len(self.respondent_ids) != n:
            raise ValueError("respondent_ids must have one entry per row")
        for name, col in (*self.fields.items(), *self.texts.items()):
            if len(col) != n:
                raise ValueError(f"column {name!r} must have one entry per row")

    @property
    def n_respondents(self) -> int:
        return int(self.values.shape[0])

    def group_codes(self, name: str) -> tuple[npt.NDArray[np.int32], tuple[str, ...]]:
        """Each row's group as an index into the sorted distinct values (-1: not stated)."""
        cached = self.field_codes.get(name)
        if cached is not None:
            return cached
        column = self.fields[name]
        stated = np.array([v is not None for v in column], dtype=bool)
        values, inverse = np.unique(column[stated].astype(str), return_inverse=True)
        codes = np.full(column.shape[0], -1, dtype=np.int32)
        codes[stated] = inverse
        return codes, tuple(str(v) for v in values)

    def take(self, rows: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> ResponseTable:
        """A table with only these rows (by index or boolean mask), same items."""
        return ResponseTable(
            item_ids=self.item_ids,
            values=self.values[rows],
            status=self.status[rows],
            respondent_ids=self.respondent_ids[rows],
            fields={k: v[rows] for k, v in self.fields.items()},
            texts={k: v[rows] for k, v in self.texts.items()},
            sources=self.sources,
            form=self.form,
            field_codes={k: (c[rows], cats) for k, (c, cats) in self.field_codes.items()},
        )


def concat(tables: Sequence[ResponseTable]) -> ResponseTable:
    """Stack tables read from several files (same questionnaire, so same items)."""
    if len(tables) == 1:
        return tables[0]
    first = tables[0]
    field_names = sorted({k for t in tables for k in t.fields})
    text_names = sorted({k for t in tables for k in t.texts})

    def column(t: ResponseTable, store: str, name: str) -> Strings:
        cols: dict[str, Strings] = getattr(t, store)
        if name in cols:
            return cols[name]
        return np.full(t.n_respondents, None, dtype=object)

    return ResponseTable(
        item_ids=first.item_ids,
        values=np.concatenate([t.values for t in tables]),
        status=np.concatenate([t.status for t in tables]),
        respondent_ids=np.concatenate([t.respondent_ids for t in tables]),
        fields={n: np.concatenate([column(t, "fields", n) for t in tables]) for n in field_names},
        texts={n: np.concatenate([column(t, "texts", n) for t in tables]) for n in text_names},
        sources=tuple(s for t in tables for s in t.sources),
        form=first.form,
    )
