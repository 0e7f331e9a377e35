"""Answer labels to scale values: "Strongly agree", "SA" or a mapped code to 5, "Don't know" to
its status, case- and whitespace-insensitively, for a whole column at once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.responses.codes import BLANK, byte_codes, option_bytes
from tila.responses.table import ANSWERED, NON_SCORED_BASE

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Scale


def normalize_label(text: str) -> str:
    """Case- and whitespace-insensitive label: "  Strongly  AGREE" -> "strongly agree"."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


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


def label_maps(scale: Scale, value_map: Mapping[str, float | str] | None
               ) -> tuple[dict[str, float], dict[str, int]]:
    """Normalised text -> scale value, and -> non-scored status, for one item."""
    labels, ns = scale_maps(scale)
    for raw, target in (value_map or {}).items():
        key = normalize_label(raw)
        if not isinstance(target, str):
            labels[key] = float(target)
        elif normalize_label(target) in labels:
            labels[key] = labels[normalize_label(target)]
        elif option_status(scale, target):
            ns[key] = option_status(scale, target)
    return labels, ns


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class TextIndex:
    """Text columns as positions into each column's distinct texts, and what each text means.

    ``positions(j)`` is, per cell of column j, the position of its text in that column's
    lookup tables (the last position for an empty cell); ``tables[j]`` holds per position its
    scale value (NaN when none), non-scored status (0 when none) and whether it is blank.
    Positions are made one column at a time when asked for: the byte path turns each column
    straight into codes, so no matrix of positions is ever held.
    """

    frame: pl.DataFrame
    columns: list[str]
    enums: list[pl.DataType | None]  # per column: the Enum of its texts, or None when the
    offsets: list[int]  # column is categorical and a position is its code minus the offset
    tables: list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]]

    def position_expr(self, j: int) -> pl.Expr:
        """Column j's positions, as a polars expression."""
        import polars as pl

        empty = self.tables[j][0].size - 1
        cells = pl.col(self.columns[j])
        enum = self.enums[j]
        if enum is not None:
            # An Enum of exactly the column's texts: its codes are the positions (more than
            # twice as fast as a hash lookup per cell).
            return cells.cast(pl.String).cast(enum).to_physical().cast(pl.UInt32) \
                .fill_null(empty)
        lo = self.offsets[j]
        return (cells.to_physical().fill_null(lo + empty) - lo).cast(pl.UInt32)

    def positions(self, j: int) -> np.ndarray[Any, Any]:
        return self.frame.select(self.position_expr(j)).to_series().to_numpy()

    def cells(self, j: int) -> tuple[np.ndarray[Any, Any], ...]:
        """(values, non-scored status, blank) per cell of column j."""
        value, status, blank = self.tables[j]
        at = self.positions(j)
        return value[at], status[at], blank[at]


def map_texts(frame: pl.DataFrame, columns: list[str],
              maps: list[tuple[dict[str, float], dict[str, int]]]) -> TextIndex:
    """Decide what each distinct text of each column means, once.

    Answer columns hold a handful of distinct texts ("Agree", "4", "Don't know"), so each is
    normalised and looked up once in Python; polars then maps every column to the index of its
    text in two queries over all columns at once (it works on several columns in parallel).
    A label wins over a number; numbers may use a decimal comma.
    """
    import polars as pl

    if not columns:
        return TextIndex(frame, [], [], [], [])
    # A categorical column (see rawtable.read_raw) is already coded: its distinct texts come
    # with their physical codes, and a cell's position is its code minus the lowest one.
    # Codes are shared by every categorical in the process, so a column whose texts' codes
    # lie far apart is mapped from text instead.
    schema = frame.schema
    coded = [c for c in columns if schema[c] == pl.Categorical]
    texts_of = dict(zip(coded, frame.select(
        [pl.col(c).drop_nulls().unique().implode() for c in coded]).row(0),
        strict=True)) if coded else {}
    # The same texts cast to the column's categorical type get the same physical codes.
    pairs = {c: pl.Series(t, dtype=pl.String).cast(schema[c]).to_physical().to_list()
             for c, t in texts_of.items()}
    spans = {c: (min(p), max(p)) for c, p in pairs.items() if p and max(p) - min(p) < 4096}
    plain = [c for c in columns if c not in spans]
    distincts = dict(zip(plain, frame.select(
        [pl.col(c).cast(pl.String).drop_nulls().unique().implode() for c in plain]).row(0),
        strict=True)) if plain else {}
    tables = []
    enums: list[pl.DataType | None] = []
    offsets = []
    for col, (labels, ns) in zip(columns, maps, strict=True):
        if col in spans:
            lo, hi = spans[col]
            distinct, slots = texts_of[col], [p - lo for p in pairs[col]]
            size = hi - lo + 1
            enums.append(None)
            offsets.append(lo)
        else:
            distinct = distincts[col]
            slots, size = list(range(len(distinct))), len(distinct)
            enums.append(pl.Enum(distinct))
            offsets.append(0)
        # Lookup tables indexed by a cell's position; the last slot is for empty cells, and
        # slots no cell uses stay blank.
        value = np.full(size + 1, np.nan)
        status = np.zeros(size + 1, dtype=np.int8)
        blank = np.ones(size + 1, dtype=bool)
        for k, raw in zip(slots, distinct, strict=True):
            key = normalize_label(raw)
            blank[k] = not key
            if not key:
                continue
            if key in labels:
                value[k] = labels[key]
            elif key in ns:
                status[k] = ns[key]
            elif _NUMBER.match(key.replace(",", ".", 1)):
                value[k] = float(key.replace(",", ".", 1))
        tables.append((value, status, blank))
    return TextIndex(frame, list(columns), enums, offsets, tables)


def text_bytes(scale: Scale, table: tuple[np.ndarray[Any, Any], ...]
               ) -> np.ndarray[Any, Any] | None:
    """Each distinct text of a column as its byte code (see codes.py), or None when some text
    is not an answer on the scale: such a column takes the float path, which reports it."""
    fits = byte_codes(scale)
    if fits is None:
        return None
    options = option_bytes(scale)
    numbered = {float(o.code): NON_SCORED_BASE + j for j, o in enumerate(scale.non_scored)
                if o.code is not None}
    value, status, blank = table
    out = np.full(value.shape, BLANK, dtype=np.uint8)
    for k in range(value.size):
        if blank[k]:
            continue
        if status[k]:
            out[k] = options[int(status[k])]
        elif value[k] in numbered:
            out[k] = options[numbered[float(value[k])]]
        elif not np.isnan(value[k]) and int(value[k]) == value[k] and \
                fits.get(int(value[k])) == ANSWERED:
            out[k] = int(value[k])
        else:
            return None
    return out


def option_status(scale: Scale, target: str) -> int:
    for j, opt in enumerate(scale.non_scored):
        if normalize_label(target) in {normalize_label(opt.id), normalize_label(opt.label)}:
            return NON_SCORED_BASE + j
    return 0
