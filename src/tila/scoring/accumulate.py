"""One pass over the answers that gathers everything scoring needs.

Memory traffic, not arithmetic, is what costs time at a million respondents: every full-size
temporary array is half a gigabyte to fault in and fill, and even a fresh half-megabyte
temporary per block is pages to fault in again each time. So the answers are visited once, in
blocks of rows copied into buffers that every block reuses, and each block yields at once:

- per-respondent weighted means for every target (principles, domains, overall) via one matrix
  product ``[keyed | answered] @ P``;
- which respondents are kept (enough answers overall) - excluded rows then contribute nowhere;
- per-item sums, sums of squares, answer distributions and status counts over kept respondents;
- complete-case moments per target (sums of x, x², total, total²) from which the complete-case
  Cronbach's alpha follows exactly, without a second pass (a counted target's total and total²
  follow from its histogram of keys);
- the gram matrix of [keyed answers | answered mask], from which the pairwise-complete
  covariances of every pair of items follow: the pairwise alpha and the item-rest correlations,
  both as R psych::alpha computes them by default (its diagonals are also the per-item sums of
  float answers; byte answers get them from their answer counts);
- each respondent's score key per target, counted for the organization and per group, from
  which the summaries follow (distribution.py).

Answers come as floats or, for most files, as one byte per cell (responses/codes.py), which the
pass reads directly. Blocks are independent, so worker threads share them (numpy releases the
GIL).

The pieces: plan.py (what is derived from the questionnaire once), worker.py (one thread's
blocks), bytecodes.py (reading byte codes), gram.py (the pairwise sums), distribution.py (score
keys), sums.py (what the pass returns). This module runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from tila._threads import thread_count
from tila.scoring.bytecodes import ByteBlocks
from tila.scoring.dense import DenseBlocks
from tila.scoring.distribution import complete_totals, key_plan
from tila.scoring.plan import BLOCK, make_plan
from tila.scoring.sums import Pass, empty_moments
from tila.scoring.worker import AnswerBlocks, Groupings, Slots, Worker

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.table import ResponseTable
    from tila.scoring.targets import Targets


def run_pass(q: Questionnaire, table: ResponseTable, targets: Targets,
             min_answered: float, *, threads: int | None = None,
             groupings: Groupings = (), keep_scores: bool = False,
             scores_only: bool = False) -> Pass:
    """Score everyone in one pass. ``groupings`` are per respondent group codes (-1: none)
    and the number of groups, one per field the results are broken down by; ``keep_scores``
    keeps every target's per-respondent scores, not only those the summaries need.
    ``scores_only`` (with ``keep_scores``) is for a second pass that wants the scores alone:
    it skips every sum (the gram matrix above all), so the Pass's moments stay zero."""
    assert keep_scores or not scores_only
    block = BLOCK  # read at call time: tests shrink it to make many blocks
    plan = make_plan(q, targets, min_answered, block)
    kp = None if keep_scores else key_plan(plan, max((size for _, size in groupings),
                                                     default=0) + 1)
    counted = set() if kp is None else set(kp.targets.tolist())
    columns = tuple(j for j in range(len(targets.ids)) if j not in counted)
    threads = thread_count(threads)
    n = table.n_respondents
    k, g = targets.weights.shape
    # Column-major: every later summary reads one target's scores, which is then contiguous.
    out = Pass(scores=np.empty((n, len(columns)), order="F"),
               answered=np.empty(n, dtype=np.int64), kept=np.empty(n, dtype=bool),
               moments=empty_moments(k, g, plan.points.shape[0], plan.n_status), keys=kp,
               score_columns=columns)
    starts = list(range(0, n, block))
    # The one place that asks which kind of answers the table holds.
    answers: AnswerBlocks = DenseBlocks(table.values, table.status, n) if table.codes is None \
        else ByteBlocks.of(q, table.codes, plan)
    slots = None if kp is None else Slots.of(groupings, kp.total + 1)
    workers = [Worker(plan, k, g, block, answers, kp, columns, slots, sums=not scores_only)
               for _ in range(max(1, min(threads, len(starts))))]
    share = len(workers)

    def blocks(i: int, w: Worker) -> None:
        for s in starts[i::share]:
            w.run(s, out)

    # Our threads split the rows; BLAS threads inside them would only fight for the same cores.
    # The limit holds for this block only (threadpoolctl restores it), never beyond score().
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(share) as pool:
        def on_every_worker(job: Callable[[int, Worker], None]) -> None:
            if share == 1:  # threads=1: no thread at all
                job(0, workers[0])
                return
            for f in [pool.submit(job, i, w) for i, w in enumerate(workers)]:
                f.result()

        on_every_worker(blocks)
        if not scores_only:  # a kind that counts by whole columns does it now
            dropped = np.flatnonzero(~out.kept)  # known once every block is done
            on_every_worker(lambda i, w: answers.count_columns(range(i, k, share), dropped,
                                                               w.moments))
    for w in workers:
        out.moments.add(w.moments)
    answers.item_sums(plan, out.moments)
    if kp is not None:
        hists = [np.sum([w.histograms[i] for w in workers], axis=0)
                 for i in range(len(workers[0].histograms))]
        if groupings:  # everyone is in one slot of the first grouping
            hists.insert(0, hists[0].reshape(-1, kp.total + 1).sum(axis=0))
        sums, squares = complete_totals(kp, plan.n_items, hists[0])
        out.moments.cc_t[kp.targets] = sums
        out.moments.cc_t2[kp.targets] = squares
        out = replace(out, histograms=tuple(hists))
    return out

