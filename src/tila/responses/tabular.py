"""Read CSV, TSV, XLSX and Parquet files into polars frames, and tila's native wide tables.

A native table has a respondent id column, respondent field columns, and one column per item id
(matched case-insensitively). Item columns are read straight into floats when every cell is a
number, the fast path for large numeric exports; a column holding labels is read as text and
mapped by ``convert.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from tila.errors import Location, Problem, ResponseError
from tila.responses.codes import bytes_fit
from tila.responses.columns import ColumnPlan, value_dtype
from tila.responses.convert import table_from_frame
from tila.responses.labels import normalize_label
from tila.responses.sniff import TextLayout, sniff, text_source
from tila.responses.table import ResponseTable, SourceInfo

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire

ID_COLUMNS = ("respondent_id", "respondent", "id", "response_id", "responseid")
TEXT_SUFFIXES = ("_comment", "_comments", "_note", "_notes", "_evidence")
TEXT_COLUMNS = {"comment", "comments", "note", "notes"}
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ".xlsx", ".xlsm", ".parquet"}


def _fail(path: Path, code: str, message: str, hint: str) -> ResponseError:
    return ResponseError([Problem(code=code, message=message, hint=hint,
                                  location=Location(file=str(path)))])


NumberType = Literal["u8", "f32", "f64"]


def read_text_table(path: Path, *, numeric: set[str] | None = None, header_rows: int = 1,
                    layout: TextLayout | None = None,
                    number: NumberType = "f64",
                    while_parsing: Callable[[], None] | None = None,
                    ) -> tuple[pl.DataFrame, TextLayout]:
    """A delimited text file as a frame of strings; columns in ``numeric`` read as numbers of
    type ``number`` (bytes: whole numbers 0-255; or floats). ``while_parsing`` is called just
    before the parse (see ReadOptions.while_parsing).

    ``header_rows`` > 1 keeps the extra header rows as the first data rows (platform adapters
    read them). Falls back to all-text when a "numeric" column holds text.
    """
    import polars as pl

    layout = layout or sniff(path)
    source, skip = text_source(path, layout)

    def attempt(overrides: dict[str, Any]) -> pl.DataFrame:
        return pl.read_csv(source, separator=layout.delimiter, infer_schema=False,
                           schema_overrides=overrides or None, skip_rows=skip,
                           encoding="utf8", quote_char='"',
                           raise_if_empty=True, truncate_ragged_lines=False,
                           glob=False)  # a path is a file, never a pattern (issue 16)

    try:
        header = pl.read_csv(source, separator=layout.delimiter, n_rows=0, skip_rows=skip,
                             infer_schema=False, glob=False)
        if isinstance(source, io.BytesIO):
            source.seek(0)
        dtype = {"u8": pl.UInt8, "f32": pl.Float32, "f64": pl.Float64}[number]
        overrides = {c: dtype for c in header.columns if numeric and c in numeric}
        if header_rows > 1:
            overrides = {}
        if while_parsing is not None:
            while_parsing()
        try:
            frame = attempt(overrides)
        except (pl.exceptions.ComputeError, pl.exceptions.InvalidOperationError):
            if not overrides:
                raise
            if isinstance(source, io.BytesIO):
                source.seek(0)
            frame = attempt({})
    except pl.exceptions.NoDataError:
        raise _fail(path, "empty-file", "the file is empty", "export the responses again") \
            from None
    except (pl.exceptions.ComputeError, pl.exceptions.ShapeError) as exc:
        if "utf" in str(exc).lower() and layout.encoding.startswith("utf-8"):
            return read_text_table(path, numeric=numeric, header_rows=header_rows,
                                   number=number,
                                   layout=TextLayout("cp1252", layout.delimiter,
                                                     layout.skip_lines, False))
        from tila.responses.rawtable import malformed_problem

        raise ResponseError([malformed_problem(
            path, layout, "open it in a spreadsheet and save it again as CSV")]) from None
    from tila.responses.rawtable import without_trailing_blank_rows

    return without_trailing_blank_rows(frame), layout


def read_frame(path: Path, numeric: set[str] | None = None,
               number: NumberType = "f64",
               while_parsing: Callable[[], None] | None = None,
               ) -> tuple[pl.DataFrame, SourceInfo]:
    """Any supported table file as a frame, with what was learned about it."""
    import polars as pl

    suffix = path.suffix.lower()
    if not path.exists():
        raise _fail(path, "file-not-found", f"no such file: {path}",
                    "check the path and the current folder")
    if suffix in {".xlsx", ".xlsm"}:
        from tila.responses.rawtable import check_archive

        check_archive(path)
        frame, warnings = _read_workbook(path)
        return frame, SourceInfo(str(path), "xlsx", frame.height, frame.height,
                                 warnings=warnings)
    if suffix == ".parquet":
        try:
            frame = pl.read_parquet(path, glob=False)  # '[1]' in a name is literal
        except Exception:
            raise _fail(path, "not-a-table", "cannot read this Parquet file",
                        "check the file is complete") from None
        # A cell of a list, struct or binary column is no answer or field value: say which
        # column, instead of failing later on a conversion (a list column ended in exit 3).
        odd = [(c, t) for c, t in frame.schema.items()
               if t.is_nested() or t in (pl.Binary, pl.Object)]
        if odd:
            raise ResponseError([Problem(
                code="unsupported-column", message=f"column '{c}' holds {t} values, not "
                f"answers or text", hint="write answers as numbers or labels and fields as text",
                location=Location(file=str(path), field=c)) for c, t in odd])
        return frame, SourceInfo(str(path), "parquet", frame.height, frame.height)
    frame, layout = read_text_table(path, numeric=numeric, number=number,
                                    while_parsing=while_parsing)
    fmt = "tsv" if layout.delimiter == "\t" else "csv"
    return frame, SourceInfo(str(path), fmt, frame.height, frame.height,
                             encoding=layout.encoding, delimiter=layout.delimiter)


def _read_workbook(path: Path) -> tuple[pl.DataFrame, tuple[Problem, ...]]:
    """The chosen sheet of a workbook (sheets.py; readers.py says which when there are
    several), and what is wrong in words when it cannot be read (never a library's exception
    name)."""
    import polars as pl

    from tila.responses.sheets import pick, sheet_names

    names = sheet_names(path)
    index = pick(path, names)
    try:
        frame = pl.read_excel(path, engine="calamine", sheet_name=names[index],
                              infer_schema_length=0)
    except Exception:  # fastexcel raises its own error types
        raise _fail(path, "not-a-table", "this workbook is damaged, incomplete or "
                    "password-protected, and its sheets cannot be read", "check it opens in a "
                    "spreadsheet program, then save it again (without a password) or as CSV") \
            from None
    return frame, ()


def native_plan(columns: list[str], q: Questionnaire, path: Path) -> ColumnPlan:
    """Name every column or fail: an unknown column is more often a typo than extra data."""
    items = {normalize_label(i): i for i in q.item_ids}
    fields = {normalize_label(f.id): f.id for f in q.respondent_fields}
    plan_items: dict[str, str] = {}
    plan_fields: dict[str, str] = {}
    texts: dict[str, str] = {}
    id_column = None
    problems = []
    for col in columns:
        key = normalize_label(col)
        if key in items:
            plan_items[col] = items[key]
        elif key in fields:
            plan_fields[col] = fields[key]
        elif key in ID_COLUMNS and id_column is None:
            id_column = col
        elif key in TEXT_COLUMNS or key.endswith(TEXT_SUFFIXES) or key == "form":
            texts[col] = key
        else:
            import difflib  # only when a column is unknown: its import costs 6 ms

            close = difflib.get_close_matches(key, [*items, *fields], n=1, cutoff=0.5)
            problems.append(Problem(
                code="unknown-column",
                message=f"column '{col}' is not an item or respondent field of {q.id}",
                hint=(f"did you mean '{close[0]}'? " if close else "")
                + "rename or remove it; a survey export may need `source` or `mapping`",
                location=Location(file=str(path), row=1, field=col)))
    missing = len(q.items) - len(set(plan_items.values()))
    if missing > 10 and not problems:
        better = _best_builtin(columns, q.id)
        raise ResponseError([Problem(
            code="wrong-questionnaire", location=Location(file=str(path), row=1),
            message=f"this file does not look like responses to {q.id}: {missing} of its "
                    f"{len(q.items)} items have no column",
            hint=(f"its columns match {better}: try `questionnaire={better}`" if better else
                  "check `questionnaire` (tila questionnaires lists the built-ins), or add an "
                  "empty column "
                  "for each item nobody was asked"))])
    if len(problems) > 10 or (len(problems) > 3 and len(plan_items) < len(q.items) / 2):
        # Most columns fit nothing: a file for another questionnaire (or an export needing a
        # map). One sentence says so better than a line per column.
        names = ", ".join(f"'{p.location.field}'" for p in problems[:4])
        better = _best_builtin(columns, q.id)
        raise ResponseError([Problem(
            code="wrong-questionnaire", location=Location(file=str(path), row=1),
            message=f"this file does not look like responses to {q.id}: {len(problems)} "
                    f"columns are not its items or fields ({names}, ...); "
                    f"{len(plan_items)} of its {len(q.items)} items have a column",
            hint=(f"its columns match {better}: try `questionnaire={better}`" if better else
                  "check `questionnaire` (tila questionnaires lists the built-ins)")
            + "; for a survey platform export use `source` or `mapping`")])
    if problems:
        raise ResponseError(problems)
    return ColumnPlan(items=plan_items, id_column=id_column, fields=plan_fields, texts=texts)


def _best_builtin(columns: list[str], current: str) -> str | None:
    """The built-in questionnaire whose items and fields cover the most of these columns."""
    from tila.responses.identify import best_builtin

    return best_builtin(columns, current)


def read_native_table(path: Path, q: Questionnaire, *, form: str | None = None,
                      while_parsing: Callable[[], None] | None = None,
                      threads: int | None = None) -> ResponseTable:
    item_names = set(q.item_ids)
    numeric = item_names | {c.upper() for c in item_names}
    # Answers read straight into bytes when every scale uses small whole numbers (polars parses
    # those twice as fast as floats, and the table keeps them as codes), else into float32 when
    # the scale values are exact in it: half the memory of float64, no conversion afterwards.
    number: NumberType = "u8" if bytes_fit(q) else (
        "f32" if value_dtype(q) is np.float32 else "f64")
    frame, info = read_frame(path, numeric=numeric, number=number, while_parsing=while_parsing)
    if not frame.columns or frame.width == 0:
        raise _fail(path, "empty-file", "the file has no columns", "export the responses again")
    plan = native_plan(frame.columns, q, path)
    form = form or _form_column(frame, plan, path)
    texts = {c: t for c, t in plan.texts.items() if t != "form"}
    plan = ColumnPlan(items=plan.items, id_column=plan.id_column, fields=plan.fields, texts=texts)
    return table_from_frame(frame, q, plan, info, row_base=2, form=form, threads=threads)


def _form_column(frame: pl.DataFrame, plan: ColumnPlan, path: Path) -> str | None:
    col = next((c for c, t in plan.texts.items() if t == "form"), None)
    if col is None:
        return None
    forms = {v for v in frame.get_column(col).cast(str).drop_nulls().unique().to_list() if v}
    if len(forms) > 1:
        raise _fail(path, "mixed-forms", "the file mixes forms: " + ", ".join(sorted(forms)),
                    "put each form's responses in its own file")
    return forms.pop() if forms else None
