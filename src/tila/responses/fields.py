"""Respondent ids and group fields of a frame: made-up ids for rows without one, duplicates
reported, and field values coded once for grouping."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.errors import Location, Problem
from tila.responses.cells import Cells
from tila.responses.labels import normalize_label

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire


DECLINED = {"prefer not to say", "prefer not to answer", "decline to answer", "decline to state",
            "rather not say"}


# Set by read_responses while it reads one of several files: ids made up for rows without one
# become ``<file>:row-N``, so two exports without ids can be combined (issue 16, defect 15).
# A context variable, because the platform readers between read_responses and here do not pass
# options down; the helper thread gets the value as an argument.
GENERATED_ID_PREFIX: ContextVar[str] = ContextVar("GENERATED_ID_PREFIX", default="")


def respondent_ids(frame: pl.DataFrame, column: str | None, row_base: int | None, file: str,
                   problems: list[Problem],
                   row_numbers: np.ndarray[Any, Any] | None = None,
                   prefix: str = "") -> pl.Series:
    """Ids as strings; a blank id becomes ``row-N`` (``<prefix>row-N``). Duplicates are found
    by polars, so a million ids cost one hash pass, and reported with the rows they occupy."""
    import polars as pl

    n = frame.height
    base = row_base if row_base is not None else 1

    def numbers() -> np.ndarray[Any, Any]:
        return np.arange(n) + base if row_numbers is None else np.asarray(row_numbers)

    if column is None:
        return pl.Series([f"{prefix}row-{int(i)}" for i in numbers()], dtype=pl.String)
    raw = frame.get_column(column).cast(pl.String).str.strip_chars()
    blank = raw.is_null() | raw.eq("")
    if blank.any():
        generated = pl.Series([f"{prefix}row-{int(i)}" for i in numbers()])
        raw = pl.select(pl.when(blank).then(generated).otherwise(raw)).to_series()
    # Distinct 64-bit hashes prove the ids distinct, at a fifth of the cost of comparing the
    # strings; only when hashes repeat are the strings themselves compared.
    dup = raw.is_duplicated() if raw.hash().n_unique() < n and raw.n_unique() < n else None
    if dup is not None:
        seen: dict[str, list[int]] = {}
        at = numbers()
        for r in np.flatnonzero(dup.to_numpy()):
            seen.setdefault(str(raw[int(r)]), []).append(int(r))
        for value, where in list(seen.items())[:20]:
            listed = ", ".join(str(int(at[r])) for r in where[:5])
            problems.append(Problem(
                code="duplicate-respondent",
                message=f"respondent id '{value}' appears {len(where)} times (rows {listed})",
                hint="each respondent must appear once; remove duplicate rows",
                location=Location(file=file, row=int(at[where[0]]) if row_base else None,
                                  field=column, respondent=value)))
    return raw


def id_array(ids: pl.Series) -> Callable[[], np.ndarray[Any, Any]]:
    """The ids as an array of Python strings, made only when something asks for them."""
    return lambda: ids.to_numpy().astype(object)


def field_values(frame: pl.DataFrame, column: str, q: Questionnaire, field_id: str,
                 cells: Cells) -> tuple[Callable[[], np.ndarray[Any, Any]],
                                         np.ndarray[Any, Any], tuple[str, ...]]:
    """Respondent field values (blank and "prefer not to say" become None, never a group),
    as a function that makes them (see LazyColumns), with each row's group code (-1 for None)
    and the sorted distinct values.

    A field has few distinct values (roles, sites), so each distinct value is normalised once
    in Python and the column is mapped in one hash pass, whatever the number of rows.
    """
    import polars as pl

    spec = next(f for f in q.respondent_fields if f.id == field_id)
    raw = frame.get_column(column).cast(pl.String)
    canon = {normalize_label(c): c for c in spec.choices} if spec.choices is not None else None
    mapping: dict[str, str | None] = {}
    unknown_values = []
    for value in raw.drop_nulls().unique().to_list():
        key = normalize_label(value)
        if not key or key in DECLINED:
            mapping[value] = None
        elif canon is None:
            mapping[value] = value.strip()
        elif key in canon:
            mapping[value] = canon[key]
        else:
            mapping[value] = None
            unknown_values.append(value)
    if unknown_values:
        rows = np.flatnonzero(raw.is_in(unknown_values).fill_null(False).to_numpy())
        cells.add("unknown-choice", rows, column, f"not one of the choices of '{field_id}'",
                  "allowed: " + ", ".join(spec.choices or ()) + ", or leave blank")
    categories = tuple(sorted({v for v in mapping.values() if v is not None}))
    index = {c: i for i, c in enumerate(categories)}
    code_of = {value: index[target] if target is not None else -1
               for value, target in mapping.items()}
    # An Enum of exactly the column's values numbers each cell by its value's position in
    # ``distinct``, a faster hash pass than replacing strings; a short array then turns those
    # positions into group codes (the last position is a blank cell's).
    distinct = list(code_of)
    positions = raw.cast(pl.Enum(distinct)).to_physical().fill_null(len(distinct)).to_numpy()
    codes = np.array([*code_of.values(), -1], dtype=np.int32)[positions]
    # Values from the codes: one lookup into a short array, not a million new strings.
    lookup = np.array([*categories, None], dtype=object)
    return lambda: lookup[codes], codes, categories


def text_column(frame: pl.DataFrame, column: str) -> np.ndarray[Any, Any]:
    """A column as an object array of stripped strings, None for blank cells."""
    import polars as pl

    s = frame.get_column(column).cast(pl.String).str.strip_chars()
    s = s.set(s == "", None) if s.len() else s
    return s.to_numpy().astype(object)
