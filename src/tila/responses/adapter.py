"""What every survey-platform adapter shares: from a described export to a ResponseTable.

An adapter reads its layout into an ``Export``: the data rows as text (a ``RawTable``), one
``ColumnInfo`` per column (id, question text, metadata or personal), the rows its platform marks
for dropping (previews, tests, spam) and how to tell unfinished responses. ``finish`` does the
rest the same way for every platform: map columns to items (map file, item id, question text),
drop rows, convert every cell with ``convert.table_from_frame`` and record a data-quality summary
in the SourceInfo. Personal columns are removed from the frame before anything else reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.errors import Location, Problem, ResponseError
from tila.responses.mapping import ColumnInfo, Mapping, map_columns
from tila.responses.readers import ReadOptions
from tila.responses.table import ResponseTable, SourceInfo

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire
    from tila.responses.mapfile import MapFile
    from tila.responses.rawtable import RawTable

Mask = np.ndarray[Any, np.dtype[np.bool_]]
TITLES = {"qualtrics": "Qualtrics", "surveymonkey": "SurveyMonkey", "google-forms": "Google Forms",
          "ms-forms": "Microsoft Forms", "redcap": "REDCap", "limesurvey": "LimeSurvey",
          "csv": "table"}
MIN_MAPPED = 1 / 3  # below this share of items found, the export is probably another survey


@dataclass
class Export:
    platform: str
    raw: RawTable
    columns: list[ColumnInfo]
    drops: list[tuple[str, Mask]] = field(default_factory=list)  # reason, rows to drop
    # Rows that are unfinished, given the frame columns mapped to items (REDCap judges the
    # instruments holding them); dropped unless --include-incomplete.
    unfinished: Callable[[list[str]], Mask | None] | None = None
    unanswered_reason: str | None = None  # drop rows with no answer to any mapped item
    notes: list[Problem] = field(default_factory=list)  # layout warnings
    dictionary: Path | None = None  # REDCap data dictionary used

    @property
    def frame(self) -> pl.DataFrame:
        return self.raw.frame


@dataclass(frozen=True)
class PlatformReader:
    """A registered reader: ``detect`` looks at the file, ``load`` describes it."""

    name: str
    detector: Callable[[Path, bytes], bool]
    loader: Callable[[Path, ReadOptions, MapFile | None], Export]

    def detect(self, path: Path, head: bytes) -> bool:
        try:
            return self.detector(path, head)
        except (OSError, UnicodeError, ValueError):
            return False

    def read(self, path: Path, q: Questionnaire, options: ReadOptions) -> ResponseTable:
        mapfile = load_mapfile(options, q)
        return finish(self.loader(path, options, mapfile), path, q, options, mapfile)

    def infer(self, path: Path, q: Questionnaire,
              options: ReadOptions) -> tuple[Export, Mapping]:
        mapfile = load_mapfile(options, q)
        export = self.loader(path, options, mapfile)
        # Even a map with few items found is worth writing: it is where the user names them.
        return export, _mapping(export, path, q, options, mapfile, check_found=False)


def load_mapfile(options: ReadOptions, q: Questionnaire) -> MapFile | None:
    from tila.responses.mapfile import load_map

    return load_map(options.mapping, q) if options.mapping else None


def drop_personal(raw: RawTable, columns: list[ColumnInfo]) -> RawTable:
    """The raw table without personal columns: their cells are never read again."""
    gone = [c.name for c in columns if c.personal]
    return replace(raw, frame=raw.frame.drop(gone)) if gone else raw


def _mapping(export: Export, path: Path, q: Questionnaire, options: ReadOptions,
             mapfile: MapFile | None, *, check_found: bool = True) -> Mapping:
    m = map_columns(export.columns, q, mapfile, str(path))
    if m.errors:
        raise ResponseError(m.errors)
    found = len(m.items)
    if check_found and mapfile is None and found < max(1, MIN_MAPPED * len(q.items)):
        raise ResponseError([Problem(
            code="wrong-survey", location=Location(file=str(path)),
            message=f"only {found} of the {len(q.items)} items of {q.id} were found in this "
            f"{TITLES[export.platform]} export: it looks like an export of another survey, or "
            "its columns are named in a way tila cannot match",
            hint=f"check the file and `questionnaire={q.id}`; if the columns are named "
                 "differently, write a map with `write_map`, edit it, and pass it as `mapping`")])
    return m


def finish(export: Export, path: Path, q: Questionnaire, options: ReadOptions,
           mapfile: MapFile | None) -> ResponseTable:
    m = _mapping(export, path, q, options, mapfile)
    frame = export.frame
    n = frame.height
    keep = np.ones(n, dtype=bool)
    dropped: dict[str, int] = {}

    def drop(reason: str, mask: Mask | None) -> None:
        nonlocal keep
        if mask is None:
            return
        hit = mask & keep
        if hit.any():
            dropped[reason] = dropped.get(reason, 0) + int(hit.sum())
            keep &= ~hit

    for reason, mask in export.drops:
        drop(reason, mask)
    name_of = {c.key: c.name for c in export.columns}
    item_cols = [name_of[k] for k in m.plan.items]
    if export.unanswered_reason and item_cols:
        drop(export.unanswered_reason, _unanswered(frame, item_cols))
    if export.unfinished is not None and not options.include_incomplete:
        drop("unfinished", export.unfinished(item_cols))
    rows = np.flatnonzero(keep)
    info = SourceInfo(
        path=str(path), format=export.platform, rows_read=n, rows_kept=int(rows.size),
        encoding=export.raw.encoding, delimiter=export.raw.delimiter, dropped=dropped,
        ignored_columns=(*m.ignored, *(f"{c.key} (personal data: {c.personal})"
                                             for c in export.columns if c.personal)),
        mapped_columns=len(m.plan.items) + len(m.plan.fields),
        warnings=(*export.notes, *m.problems), dates=_completion_days(export, rows))
    if rows.size == 0:
        why = ", ".join(f"{k} {reason}" for reason, k in dropped.items())
        raise ResponseError([Problem(
            code="no-responses", location=Location(file=str(path)),
            message=f"no responses left to score: all {n} rows were dropped ({why})" if n else
            "the export has no responses",
            hint="`include_incomplete=True` keeps unfinished responses" if "unfinished" in dropped
            else "preview, test, spam and synthetic responses are never scored; export the "
                 "recorded responses" if dropped else "export the responses again")])
    frame = _by_key(frame, export.columns, m)  # first, so only the used columns are copied
    if rows.size < n:
        import polars as pl

        frame = frame.filter(pl.Series(keep))
    from tila.responses.convert import table_from_frame

    numbers = rows + export.raw.first_row
    if not options.strict:
        return table_from_frame(frame, q, m.plan, info, row_base=export.raw.first_row,
                                row_numbers=numbers, form=options.form, missing_items="warn",
                                invalid_cells="warning")
    strict = [replace(p, severity="error") for p in info.warnings]
    try:
        table = table_from_frame(frame, q, m.plan, replace(info, warnings=()),
                                 row_base=export.raw.first_row, row_numbers=numbers,
                                 form=options.form, missing_items="warn")
    except ResponseError as exc:
        raise ResponseError([*strict, *exc.problems]) from None
    if strict:
        raise ResponseError(strict)
    return table


def _completion_days(export: Export, rows: Any) -> tuple[str, str] | None:
    """First and last completion day of the kept rows, from the platform's completion-time
    column (Qualtrics EndDate, LimeSurvey submitdate, ...); only the range is kept."""
    from tila.responses.dates import COMPLETION_COLUMNS, day_span

    by_key = {c.key.casefold(): c for c in export.columns if not c.personal}
    col = next((by_key[k] for k in COMPLETION_COLUMNS if k in by_key), None)
    if col is None or col.name not in export.frame.columns:
        return None
    values = export.frame.get_column(col.name).to_list()
    return day_span(values[int(i)] for i in rows)


def _by_key(frame: pl.DataFrame, columns: list[ColumnInfo], m: Mapping) -> pl.DataFrame:
    """The columns the plan reads, renamed to their keys; field codes turned into choices."""
    import polars as pl

    used = {*m.plan.items, *m.plan.fields, *([m.plan.id_column] if m.plan.id_column else [])}
    exprs = []
    fields = dict(m.plan.fields.items())
    for c in columns:
        if c.key not in used:
            continue
        expr = pl.col(c.name)
        codes = m.field_values.get(fields.get(c.key, ""), {})
        if codes:
            expr = expr.cast(pl.String).str.strip_chars().replace(codes)
        exprs.append(expr.alias(c.key))
    return frame.select(exprs)


def _unanswered(frame: pl.DataFrame, columns: list[str]) -> Mask:
    import polars as pl

    # Empty cells only, compared by length: six times faster than trimming every cell. A row
    # of whitespace-only answers is not dropped here, but scoring excludes it as unanswered.
    blank = pl.all_horizontal([pl.col(c).cast(pl.String).fill_null("").str.len_bytes().eq(0)
                               for c in columns])
    return frame.select(blank.alias("b")).get_column("b").to_numpy().astype(bool)


def unique_keys(keys: list[str]) -> list[str]:
    """Make repeated column ids unique the way a reader can follow: ``Q1``, ``Q1#2``, ..."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def values_in(frame: pl.DataFrame, column: str, allowed: set[str]) -> Mask:
    """Rows whose cell (trimmed, case-folded) is one of ``allowed``."""
    return rows_with(frame.get_column(column), lambda key: key in allowed)


def rows_with(cells: pl.Series, wanted: Callable[[str], bool]) -> Mask:
    """Rows whose cell, trimmed and case-folded, is ``wanted``. A status column holds a few
    distinct texts, so each is normalised once rather than once per row."""
    hits = [v for v in cells.drop_nulls().unique().to_list()
            if wanted(str(v).strip().casefold())]
    return cells.is_in(hits).fill_null(False).to_numpy().astype(bool)


def inferred_map(path: Path, q: Questionnaire, options: ReadOptions, map_path: Path) -> str:
    """The column map tila infers for an export, as YAML text (``tila import --write-map``)."""
    import os

    from tila.responses.mapfile import Target, dump_map
    from tila.responses.readers import choose_reader

    reader = choose_reader(path, options)
    if not isinstance(reader, PlatformReader):
        from tila.responses.platforms.generic import GENERIC

        reader = GENERIC
    export, m = reader.infer(path, q, options)
    values: dict[str, dict[str, Target]] = {}
    for scale_id in q.scales:
        items = [i.id for i in q.items if i.scale == scale_id and i.id in m.plan.items.values()]
        maps = [m.values.get(i, {}) for i in items]
        if maps and maps[0] and all(mp == maps[0] for mp in maps):
            values[scale_id] = maps[0]  # one entry for the scale when every item agrees
        else:
            values.update({i: mp for i, mp in zip(items, maps, strict=True) if mp})
    dictionary = os.path.relpath(export.dictionary.resolve(), map_path.resolve().parent) \
        if export.dictionary else None
    return dump_map(q=q, source=reader.name, origin=path.name, id_column=m.id_key,
                    items=m.items, fields=m.fields, values=values, ignore=m.ignored,
                    dictionary=dictionary)
