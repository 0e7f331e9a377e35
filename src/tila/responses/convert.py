"""Turn a polars frame into a ResponseTable: map labels, check values, report every bad cell.

Every reader ends here: the native readers build a ColumnPlan from column names, platform
adapters from their own layouts or a mapping file. Values are converted one column at a time with
polars expressions (never a Python loop over cells), so a million rows stay fast. Rows in
problems are numbered as a spreadsheet shows them: ``row_base`` is the number of the first data row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from tila._threads import thread_count
from tila.errors import Location, Problem, ResponseError, Severity, raise_if_errors
from tila.responses.codes import BLANK, AnswerCodes, byte_codes, bytes_fit, option_bytes
from tila.responses.table import ANSWERED, NON_SCORED_BASE, SKIPPED, ResponseTable, SourceInfo

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
        elif _option_status(scale, target):
            ns[key] = _option_status(scale, target)
    return labels, ns


def convert_item(frame: pl.DataFrame, column: str, scale: Scale,
                 value_map: Mapping[str, float | str] | None, cells: _Cells,
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
                      lambda r: f"'{_short(text, r)}' is not an answer on the scale of item "
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


def _option_status(scale: Scale, target: str) -> int:
    for j, opt in enumerate(scale.non_scored):
        if normalize_label(target) in {normalize_label(opt.id), normalize_label(opt.label)}:
            return NON_SCORED_BASE + j
    return 0


def _short(text: pl.Series, row: int) -> str:
    value = str(text[row])
    return value if len(value) <= 40 else value[:37] + "..."


def _fast_columns(frame: pl.DataFrame, q: Questionnaire, plan: ColumnPlan,
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


class _Inline(Executor):
    """An executor without a thread: each job runs when submitted (``threads=1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered by result(), as a thread's would be
            done.set_exception(exc)
        return done


def table_from_frame(
    frame: pl.DataFrame,
    q: Questionnaire,
    plan: ColumnPlan,
    source: SourceInfo,
    *,
    row_base: int | None = 2,
    form: str | None = None,
    missing_items: str = "error",
    row_numbers: np.ndarray[Any, Any] | None = None,
    invalid_cells: Severity = "error",
    threads: int | None = None,
) -> ResponseTable:
    """Convert; raise ResponseError listing every bad cell (capped per kind) at once.

    ``row_numbers`` gives each frame row's spreadsheet row when the caller dropped rows first
    (preview responses, other events); ``invalid_cells="warning"`` keeps reading past unknown
    labels and out-of-range values (they become missing) and returns them as warnings in the
    table's SourceInfo, for platform imports that report data quality instead of stopping.
    ``threads`` 1 does the helper thread's work (below) inline; see tila._threads.
    """
    file = source.path
    # A file whose every row was dropped on purpose (paused interviews) is an empty table,
    # counted in its SourceInfo; one that never had rows is a mistake.
    if frame.height == 0 and not source.dropped:
        raise ResponseError([Problem(code="no-responses", message="the file has a header but "
                                     "no responses", hint="export the responses again",
                                     location=Location(file=file))])
    problems: list[Problem] = []
    # Checking a million ids for duplicates and coding the group fields are polars work that
    # releases the GIL, so a helper thread does them beside the answer conversion below. The
    # fields report their bad cells on their own list, merged after the answers' problems.
    helper: Executor = ThreadPoolExecutor(1) if thread_count(threads) > 1 else _Inline()
    id_problems: list[Problem] = []
    ids_job = helper.submit(respondent_ids, frame, plan.id_column, row_base, file,
                            id_problems, row_numbers, GENERATED_ID_PREFIX.get())
    cells, field_cells = (_Cells(file=file, row_base=row_base, ids=ids_job.result,
                                 row_numbers=row_numbers, severity=invalid_cells)
                          for _ in range(2))
    fields_job = helper.submit(lambda: {fid: field_values(frame, col, q, fid, field_cells)
                                        for col, fid in plan.fields.items()})
    helper.shutdown(wait=False)
    by_item = {item: col for col, item in plan.items.items()}
    k = len(q.items)
    as_bytes = bytes_fit(q)
    fast = _fast_columns(frame, q, plan, by_item, with_codes=as_bytes)
    schema = frame.schema
    labelled = [j for j, it in enumerate(q.items)
                if j not in fast and by_item.get(it.id) is not None
                and (it.id in plan.value_maps or not schema[by_item[it.id]].is_numeric())]
    labels = map_texts(frame, [by_item[q.items[j].id] for j in labelled],
                       [label_maps(q.scales[q.items[j].scale], plan.value_maps.get(q.items[j].id))
                        for j in labelled])
    answers: dict[str, Any] = {}
    for it in q.items:
        if by_item.get(it.id) is None:
            problems.append(Problem(
                code="missing-item", message=f"no column for item '{it.id}'",
                severity="error" if missing_items == "error" else "warning",
                hint="add a column named after the item id (it may be empty), or map a column "
                     "to it with a mapping file", location=Location(file=file, field=it.id)))
    codes = _byte_answers(frame, q, by_item, fast, labelled, labels) if as_bytes else None
    if codes is not None:
        answers["codes"] = codes
    else:
        if as_bytes and len(fast) < k:  # the float path handles non-scored codes itself
            fast = _fast_columns(frame, q, plan, by_item)
        answers = _float_answers(frame, q, by_item, fast)
        position = {j: pos for pos, j in enumerate(labelled)}
        for j, it in enumerate(q.items):
            col = by_item.get(it.id)
            if col is None or j in fast:
                continue
            answers["values"][:, j], answers["status"][:, j] = convert_item(
                frame, col, q.scales[it.scale], plan.value_maps.get(it.id), cells, it.id,
                labels.cells(position[j]) if j in position else None)
    coded = fields_job.result()
    fields = {fid: v for fid, (v, _, _) in coded.items()}
    field_codes = {fid: (c, cats) for fid, (_, c, cats) in coded.items()}
    texts = {tid: _strings(frame, col) for col, tid in plan.texts.items()}
    ids = ids_job.result()
    problems[:0] = id_problems  # reported first, as a duplicate id is usually the real issue
    problems.extend([*cells.finish(), *field_cells.finish()])
    warnings = raise_if_errors(problems, ResponseError)
    if warnings:  # the caller reports data-quality warnings from SourceInfo
        source = replace(source, warnings=(*source.warnings, *warnings),
                         invalid_cells=source.invalid_cells + sum(cells.counts.values())
                         + sum(field_cells.counts.values()))
    return ResponseTable(item_ids=q.item_ids, **answers,
                         respondent_ids=_id_array(ids), fields=fields, texts=texts,
                         sources=(source,),
                         form=form, field_codes=field_codes)


def _byte_answers(frame: pl.DataFrame, q: Questionnaire, by_item: dict[str, str],
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


def _float_answers(frame: pl.DataFrame, q: Questionnaire, by_item: dict[str, str],
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


def _id_array(ids: pl.Series) -> Callable[[], np.ndarray[Any, Any]]:
    """The ids as an array of Python strings, made only when something asks for them."""
    return lambda: ids.to_numpy().astype(object)


def field_values(frame: pl.DataFrame, column: str, q: Questionnaire, field_id: str,
                 cells: _Cells) -> tuple[Callable[[], np.ndarray[Any, Any]],
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


def _strings(frame: pl.DataFrame, column: str) -> np.ndarray[Any, Any]:
    """A column as an object array of stripped strings, None for blank cells."""
    import polars as pl

    s = frame.get_column(column).cast(pl.String).str.strip_chars()
    s = s.set(s == "", None) if s.len() else s
    return s.to_numpy().astype(object)
