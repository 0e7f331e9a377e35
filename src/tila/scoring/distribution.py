"""Exact score distributions, counted during the scoring pass instead of sorted afterwards.

A target whose items share one whole-number scale and all weigh 1 gives each respondent a score
fixed by two whole numbers: ``c``, how many of its items they answered, and ``r``, their keyed
sum above the scale minimum (``raw - c * min``). The pass counts every respondent's pair as one
key ``c * radix + r``; afterwards the n, mean, SD and exact median of the target, for the
organization and for every group, follow from the counts of at most a few thousand distinct keys.
That replaces a partition of a million scores per target, and another per group, which was most
of the time left after the pass.

Each key's score is computed with the same float operations, in the same order, as the pass
computes a respondent's score, so a median is bit-for-bit the median of the scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tila.scoring.plan import Plan

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
# Per grouping; a questionnaire needing more is summarised from scores. Below 2**24, so every
# key is exact in float32.
MAX_BINS = 4_000_000


@dataclass(frozen=True)
class KeyPlan:
    targets: npt.NDArray[np.intp]  # target columns counted this way
    radix: I64  # per counted target: span * items + 1
    base: I64  # per counted target: offset of its keys in the shared histogram
    total: int  # keys in all counted targets; key ``total`` is the bin for "no score"
    lo: npt.NDArray[np.float64]  # scale minimum per counted target
    span: npt.NDArray[np.float64]


def key_plan(plan: Plan, groups: int = 1) -> KeyPlan | None:
    """Which targets can be counted, or None when none can (or the histograms would be huge).

    ``groups`` is the largest number of slots a grouping's histogram will hold.
    """
    if not np.all(plan.points[~np.isnan(plan.points)] % 1 == 0):
        return None  # a scale with fractional values: keys would not be whole numbers
    other = {*plan.weighted.tolist(), *plan.mixed.tolist()}
    plain = [j for j in range(plan.lo.shape[0])
             if j not in other and float(plan.lo[j]) % 1 == 0 and float(plan.span[j]) % 1 == 0]
    if not plain:
        return None
    targets = np.array(plain, dtype=np.intp)
    span = plan.span[targets]
    radix = (span * plan.n_items[targets] + 1).astype(np.int64)
    sizes = (plan.n_items[targets].astype(np.int64) + 1) * radix
    total = int(sizes.sum())
    if (total + 1) * max(1, groups) > MAX_BINS:
        return None
    base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return KeyPlan(targets, radix, base, total, plan.lo[targets].astype(np.float64),
                   span.astype(np.float64))


def block_keys(kp: KeyPlan, raw: Any, count: Any, none: Any, out: I64, work: Any,
               shift: Any = None) -> None:
    """Each respondent's key per counted target into ``out`` (rows, targets); ``kp.total``
    where the respondent has no score for the target (True in ``none``), plus the row's
    ``shift`` (rows, 1) when given: where its group's slot starts. Keys are whole numbers
    below MAX_BINS, exact in a float32 ``work`` buffer."""
    t = kp.targets
    every = t.size == raw.shape[1]  # all targets counted: plain views, no column copies
    c = count if every else count[:, t]
    # key = c * radix + (raw - c * min) + base, with constants of the buffer's own type so
    # numpy does not widen the block to float64 on the way
    np.multiply(c, (kp.radix - kp.lo).astype(work.dtype), out=work)
    work += raw if every else raw[:, t]
    work += kp.base.astype(work.dtype)
    np.copyto(work, kp.total, where=none if every else none[:, t])
    if shift is not None:  # in float32, a quarter of the cost of the same sum on int64 keys
        work += shift
    np.copyto(out, work, casting="unsafe")


def complete_totals(kp: KeyPlan, n_items: F64, hist: I64) -> tuple[F64, F64]:
    """Per counted target, the sum of totals and of squared totals over the respondents who
    answered all of its items (the complete cases of Cronbach's alpha): their keys are the
    run with ``c`` equal to the number of items, and a total is the raw sum, ``r + c * min``."""
    d = kp.targets.size
    sums, squares = np.zeros(d), np.zeros(d)
    for i in range(d):
        c = int(n_items[kp.targets[i]])
        radix = int(kp.radix[i])
        start = int(kp.base[i]) + c * radix
        counts = hist[start:start + radix].astype(np.float64)
        totals = np.arange(radix, dtype=np.float64) + c * kp.lo[i]
        sums[i] = counts @ totals
        squares[i] = counts @ totals ** 2
    return sums, squares


def stats(kp: KeyPlan, hist: I64) -> tuple[I64, F64, F64, F64]:
    """(n, mean, sd, median) per counted target from one histogram of keys."""
    d = kp.targets.size
    n: I64 = np.zeros(d, dtype=np.int64)
    mean: F64 = np.full(d, np.nan)
    sd: F64 = np.full(d, np.nan)
    median: F64 = np.full(d, np.nan)
    for i in range(d):
        size = int((kp.total if i == d - 1 else kp.base[i + 1]) - kp.base[i])
        counts = hist[kp.base[i]:kp.base[i] + size]
        keys = np.flatnonzero(counts)
        if keys.size == 0:
            continue
        weight = counts[keys]
        answered = (keys // kp.radix[i]).astype(np.float64)
        above = (keys % kp.radix[i]).astype(np.float64)
        # The pass's own arithmetic: ((raw - c * min) / span / c) * 100.
        raw = above + answered * kp.lo[i]
        values = (raw - answered * kp.lo[i]) / kp.span[i] / answered * 100.0
        order = np.argsort(values, kind="stable")
        values, weight = values[order], weight[order]
        total = int(weight.sum())
        n[i] = total
        mean[i] = float((weight * values).sum() / total)
        if total > 1:
            sd[i] = float(np.sqrt((weight * (values - mean[i]) ** 2).sum() / (total - 1)))
        cum = np.cumsum(weight)
        low = values[np.searchsorted(cum, (total - 1) // 2, side="right")]
        high = values[np.searchsorted(cum, total // 2, side="right")]
        median[i] = float((low + high) / 2.0)
    return n, mean, sd, median
