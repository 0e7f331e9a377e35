"""One item column's cells to values and statuses, every bad cell reported (capped per kind)
with its file, row, column and respondent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.errors import Location, Problem, Severity
from tila.responses.labels import label_maps, map_texts
from tila.responses.table import NON_SCORED_BASE, SKIPPED

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Scale


MAX_PER_CODE = 20  # bad cells listed per kind of problem; the rest are counted


@dataclass
class Cells:
    """Problems found while converting, capped per code so a bad file stays readable."""

    file: str
    row_base: int | None
    ids: Callable[[], Any]  # the respondent ids, when a problem names its respondent
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Spreadsheet row number per frame row, when rows were filtered before conversion.
    row_numbers: Any = None
    severity: Severity = "error"  # platform imports report bad cells as warnings (not --strict)

    def row_of(self, r: int) -> int | None:
        if self.row_numbers is not None:
            return int(self.row_numbers[r])
        return None if self.row_base is None else r + self.row_base

    def add(self, code: str, rows: np.ndarray[Any, Any], column: str,
            message: str | Callable[[int], str], hint: str) -> None:
        """One problem per row; ``message`` may be made per row, so each quotes its own cell
        (one message built from a column's first bad cell once went on every bad row)."""
        for r in rows:
            self.counts[code] = self.counts.get(code, 0) + 1
            if self.counts[code] > MAX_PER_CODE:
                continue
            text = message if isinstance(message, str) else message(int(r))
            self.problems.append(Problem(code=code, message=text, hint=hint,
                                         severity=self.severity, location=Location(
                file=self.file,
                row=self.row_of(int(r)),
                field=column,
                respondent=str(self.ids()[int(r)]))))

    def finish(self) -> list[Problem]:
        extra = [Problem(code="more-problems", location=Location(file=self.file),
                         message=f"{n - MAX_PER_CODE} more cells with the same problem "
                         f"({code}) are not listed", severity=self.severity)
                 for code, n in self.counts.items() if n > MAX_PER_CODE]
        return self.problems + extra


def convert_item(frame: pl.DataFrame, column: str, scale: Scale,
                 value_map: Mapping[str, float | str] | None, cells: Cells,
                 item_id: str,
                 mapped: tuple[np.ndarray[Any, Any], ...] | None = None,
                 ) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(values, status) for one item column; ``mapped`` is its text mapping when done in bulk."""
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
        text = s.cast(pl.String)
        values, nsv, empty = mapped if mapped is not None else map_texts(
            frame, [column], [label_maps(scale, value_map)]).cells(0)
        values[nsv > 0] = np.nan
        status[nsv > 0] = nsv[nsv > 0]
        unknown = np.isnan(values) & (nsv == 0) & ~empty
        if unknown.any():
            known = ", ".join(f"'{label}'" for label in [*(p.label for p in scale.points),
                                                          *(o.label for o in scale.non_scored)])
            cells.add("unknown-label", np.flatnonzero(unknown), column,
                      lambda r: f"'{short_text(text, r)}' is not an answer on the scale of item "
                                f"'{item_id}'",
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
                  lambda r: f"value {values[r]:g} is outside the scale of item '{item_id}'",
                  f"allowed values: {', '.join(f'{v:g}' for v in allowed)}; leave the cell "
                  "blank for a skipped answer")
        values[bad] = np.nan
    status[(status == 0) & np.isnan(values)] = SKIPPED
    return values, status


def short_text(text: pl.Series, row: int) -> str:
    value = str(text[row])
    return value if len(value) <= 40 else value[:37] + "..."
