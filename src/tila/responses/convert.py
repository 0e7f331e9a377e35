"""Turn a polars frame into a ResponseTable: map labels, check values, report every bad cell.

Every reader ends here: the native readers build a ColumnPlan from column names, platform
adapters from their own layouts or a mapping file. Values are converted one column at a time with
polars expressions (never a Python loop over cells), so a million rows stay fast. Rows in
problems are numbered as a spreadsheet shows them: ``row_base`` is the number of the first data row.

The jobs live apart: labels.py (labels to values), cells.py (one item column, bad cells
reported), columns.py (the answer matrix), fields.py (ids and group fields). This module puts
them together.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from tila._threads import thread_count
from tila.errors import Location, Problem, ResponseError, Severity, raise_if_errors
from tila.responses.cells import Cells, convert_item
from tila.responses.codes import bytes_fit
from tila.responses.columns import ColumnPlan, byte_answers, fast_columns, float_answers
from tila.responses.fields import (
    GENERATED_ID_PREFIX,
    field_values,
    id_array,
    respondent_ids,
    text_column,
)
from tila.responses.labels import label_maps, map_texts
from tila.responses.table import ResponseTable, SourceInfo

if TYPE_CHECKING:
    import polars as pl

    from tila.questionnaire.model import Questionnaire


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
    cells, field_cells = (Cells(file=file, row_base=row_base, ids=ids_job.result,
                                 row_numbers=row_numbers, severity=invalid_cells)
                          for _ in range(2))
    fields_job = helper.submit(lambda: {fid: field_values(frame, col, q, fid, field_cells)
                                        for col, fid in plan.fields.items()})
    helper.shutdown(wait=False)
    by_item = {item: col for col, item in plan.items.items()}
    k = len(q.items)
    as_bytes = bytes_fit(q)
    fast = fast_columns(frame, q, plan, by_item, with_codes=as_bytes)
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
    codes = byte_answers(frame, q, by_item, fast, labelled, labels) if as_bytes else None
    if codes is not None:
        answers["codes"] = codes
    else:
        if as_bytes and len(fast) < k:  # the float path handles non-scored codes itself
            fast = fast_columns(frame, q, plan, by_item)
        answers = float_answers(frame, q, by_item, fast)
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
    texts = {tid: text_column(frame, col) for col, tid in plan.texts.items()}
    ids = ids_job.result()
    problems[:0] = id_problems  # reported first, as a duplicate id is usually the real issue
    problems.extend([*cells.finish(), *field_cells.finish()])
    warnings = raise_if_errors(problems, ResponseError)
    if warnings:  # the caller reports data-quality warnings from SourceInfo
        source = replace(source, warnings=(*source.warnings, *warnings),
                         invalid_cells=source.invalid_cells + sum(cells.counts.values())
                         + sum(field_cells.counts.values()))
    return ResponseTable.build(item_ids=q.item_ids, **answers,
                               respondent_ids=id_array(ids), fields=fields, texts=texts,
                               sources=(source,),
                               form=form, field_codes=field_codes)
