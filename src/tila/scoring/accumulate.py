"""One pass over the answers that gathers everything scoring needs.

Memory traffic, not arithmetic, is what costs time at a million respondents: every full-size
temporary array is half a gigabyte to fault in and fill. So the answers are visited once, in
blocks of rows copied into small reusable buffers, and each block yields at once:

- per-respondent weighted means for every target (principles, domains, overall) via one matrix
  product ``[keyed | answered] @ P``;
- which respondents are kept (enough answers overall) - excluded rows then contribute nowhere;
- per-item sums, sums of squares and answer distributions over kept respondents;
- complete-case moments per target (sums of x, x², x·total, total, total²) from which Cronbach's
  alpha and item-rest correlations follow exactly, without a second pass.

Blocks are independent, so two worker threads share them (numpy releases the GIL).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from tila.responses.table import ResponseTable

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.scoring.engine import Targets

F64 = npt.NDArray[np.float64]
BLOCK = 16_384  # rows per block: buffers of ~8 MB stay in cache-friendly sizes
_EPS = 1e-9


@dataclass
class Moments:
    """Sums over kept respondents; ``k`` items, ``g`` targets, ``p`` answer points."""

    item_n: F64  # (k,) answered
    item_sum: F64  # (k,) keyed
    item_sq: F64  # (k,) keyed squared
    counts: F64  # (k, p) answers per scale point, as answered
    status: F64  # (k, s) cells per status code
    cc_n: F64  # (g,) respondents who answered every item of the target
    cc_x: F64  # (g, k) sum of keyed x over those respondents
    cc_x2: F64  # (g, k)
    cc_xt: F64  # (g, k) sum of x * total
    cc_t: F64  # (g,)
    cc_t2: F64  # (g,)

    def add(self, other: Moments) -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).__iadd__(getattr(other, name))


@dataclass(frozen=True)
class Pass:
    scores: F64  # (n, g) 0-100, NaN = not enough answers or excluded
    answered: npt.NDArray[np.int64]  # (n,) scored answers per respondent
    kept: npt.NDArray[np.bool_]  # (n,)
    moments: Moments


@dataclass(frozen=True)
class Plan:
    """Constants derived from the questionnaire once, used by every block.

    The products are kept as small as the questionnaire allows: a target whose items share one
    scale needs only its weighted raw sum (its 0-100 score follows from it), and a target whose
    weights are all 1 needs only its count of answers (which is then its weight sum).
    """

    num_proj: npt.NDArray[np.float32]  # keyed0 -> [raw numerators (g) | unit numerators (mixed)]
    den_proj: npt.NDArray[np.float32]  # answered -> [counts (g) | wsums (weighted) | offsets]
    weighted: npt.NDArray[np.intp]  # targets with a weight other than 1
    mixed: npt.NDArray[np.intp]  # targets whose items use several scales
    lo: F64  # (g,) scale min per target (NaN when mixed)
    span: F64  # (g,) scale max - min per target (NaN when mixed)
    members: tuple[npt.NDArray[np.intp], ...]  # items of each target
    needed: F64  # (g,) answers needed per target
    n_items: F64  # (g,) items per target
    reverse: npt.NDArray[np.intp]  # indices of reverse-keyed items
    lohi: npt.NDArray[np.float32]  # (len(reverse),) min + max of those items' scales
    points: npt.NDArray[np.float32]  # (p, k) keyed value counted as scale point j (NaN: none)
    zero_is_answer: bool  # a scale has the value 0, so a zeroed missing cell is ambiguous
    n_status: int
    # When every keyed scale value is a small whole number, answers are counted with one
    # bincount per block: bin (item * width + value) holds that item's count of that value.
    width: int  # 0 when counting must compare value by value instead
    point_bins: npt.NDArray[np.intp]  # (p, k) bin of scale point j of item i (-1: none)
    weighted_members: npt.NDArray[np.float32]  # (k, len(weighted)) for unweighted totals


def make_plan(q: Questionnaire, targets: Targets, min_answered: float) -> Plan:
    items = q.items
    k = targets.weights.shape[0]
    lo = np.array([q.scales[it.scale].min for it in items])
    hi = np.array([q.scales[it.scale].max for it in items])
    span = hi - lo
    w = targets.weights
    member = w > 0
    weighted = np.flatnonzero([np.any(w[member[:, j], j] != 1.0) for j in range(w.shape[1])])
    mixed = np.flatnonzero(np.isnan(targets.scale_min))
    # For a mixed target: sum w*(x-lo)/span = keyed0 @ (w/span) - answered @ (w*lo/span).
    num = np.hstack([w, (w / span[:, None])[:, mixed]])
    den = np.hstack([member, w[:, weighted], (w * (lo / span)[:, None])[:, mixed]])
    rev = np.flatnonzero([it.reverse for it in items])
    p = max(len(s.points) for s in q.scales.values())
    points = np.full((p, k), np.nan)
    for i, it in enumerate(items):
        for j, v in enumerate(q.scales[it.scale].values):
            points[j, i] = lo[i] + hi[i] - v if it.reverse else v
    n_items = member.sum(axis=0).astype(np.float64)
    finite = points[~np.isnan(points)]
    whole = bool(np.all(finite == np.round(finite)) and finite.min() >= 0 and finite.max() < 64)
    width = int(finite.max()) + 2 if whole and not np.any(finite == 0) else 0
    bins = np.full(points.shape, -1, dtype=np.intp)
    if width:
        ok = ~np.isnan(points)
        bins[ok] = (np.arange(k)[None, :] * width + np.nan_to_num(points))[ok].astype(np.intp)
    return Plan(
        num_proj=num.astype(np.float32),
        den_proj=den.astype(np.float32),
        weighted=weighted,
        mixed=mixed,
        lo=targets.scale_min,
        span=targets.scale_max - targets.scale_min,
        members=tuple(np.flatnonzero(member[:, j]) for j in range(w.shape[1])),
        needed=np.maximum(1.0, min_answered * n_items - _EPS),
        n_items=n_items,
        reverse=rev,
        lohi=(lo + hi)[rev].astype(np.float32),
        points=points.astype(np.float32),
        zero_is_answer=bool(np.any(points == 0)),
        n_status=2 + max((len(s.non_scored) for s in q.scales.values()), default=0),
        width=width,
        point_bins=bins,
        weighted_members=member[:, weighted].astype(np.float32),
    )


def reverse_key(x: Any, reverse: npt.NDArray[np.intp], lohi: Any) -> None:
    """Reverse-key in place: a reverse-keyed item scores ``min + max - value`` (NaN stays)."""
    if reverse.size:
        x[:, reverse] = lohi - x[:, reverse]


def _empty_moments(k: int, g: int, p: int, s: int) -> Moments:
    z = np.zeros
    return Moments(z(k), z(k), z(k), z((k, p)), z((k, s)), z(g), z((g, k)), z((g, k)),
                   z((g, k)), z(g), z(g))


class _Worker:
    """Buffers for one thread, reused for every block it handles.

    Block arithmetic is float32: answers are small numbers, so sums of a block's answers are
    exact in float32 for integer scales, and half the bytes halve the memory traffic that
    dominates here. Divisions and the running totals across blocks are float64.
    """

    def __init__(self, plan: Plan, k: int, g: int) -> None:
        self.plan = plan
        self.k, self.g = k, g
        # Separate contiguous buffers: a strided view would push numpy's matrix products off
        # BLAS onto its slow generic loop.
        self.x = np.empty((BLOCK, k), dtype=np.float32)
        self.answered = np.empty((BLOCK, k), dtype=np.float32)
        self.sq = np.empty((BLOCK, k), dtype=np.float32)
        self.nan = np.empty((BLOCK, k), dtype=bool)
        self.eq = np.empty((BLOCK, k), dtype=bool)
        self.ones = np.ones((1, BLOCK), dtype=np.float32)  # column sums as BLAS products
        self.codes = np.empty((BLOCK, k), dtype=np.int32)
        self.offsets = np.arange(k, dtype=np.int32) * plan.width
        self.moments = _empty_moments(k, g, plan.points.shape[0], plan.n_status)

    def run(self, table: ResponseTable, start: int, out: Pass) -> None:
        plan, g = self.plan, self.g
        stop = min(start + BLOCK, table.n_respondents)
        rows = stop - start
        x, answered_f, nan = self.x[:rows], self.answered[:rows], self.nan[:rows]
        np.copyto(x, table.values[start:stop], casting="unsafe")
        reverse_key(x, plan.reverse, plan.lohi)
        np.isnan(x, out=nan)
        np.logical_not(nan, out=answered_f, casting="unsafe")
        np.copyto(x, 0.0, where=nan)
        num = (x @ plan.num_proj).astype(np.float64)
        den = (answered_f @ plan.den_proj).astype(np.float64)
        raw, count = num[:, :g], den[:, :g]
        nw = plan.weighted.size
        wsum = count.copy()
        wsum[:, plan.weighted] = den[:, g:g + nw]
        with np.errstate(invalid="ignore", divide="ignore"):
            unit = (raw - plan.lo * wsum) / plan.span
            if plan.mixed.size:
                unit[:, plan.mixed] = num[:, g:] + den[:, g + nw:]
            ok = count >= plan.needed
            scores = np.where(ok, unit / wsum * 100.0, np.nan)
        kept = ok[:, -1]
        dropped = ~kept
        any_dropped = bool(dropped.any())
        if any_dropped:
            scores[dropped] = np.nan
        out.scores[start:stop] = scores
        out.answered[start:stop] = count[:, -1]
        out.kept[start:stop] = kept
        self._status(table.status[start:stop], dropped if any_dropped else None)
        if any_dropped:  # excluded respondents contribute to no figure
            x[dropped] = 0.0
            answered_f[dropped] = 0.0
            nan[dropped] = True
        totals = raw.astype(np.float32)  # a target's unweighted total is its raw sum...
        if plan.weighted.size:  # ...unless some of its items carry another weight
            totals[:, plan.weighted] = x @ plan.weighted_members
        self._moments(x, answered_f, nan, count, kept, totals)

    def _status(self, status: Any, dropped: npt.NDArray[np.bool_] | None) -> None:
        m = self.moments
        for c in range(1, self.plan.n_status):  # status 0 (answered) is item_n already
            hit = status == c
            m.status[:, c] += hit.view(np.uint8).sum(axis=0, dtype=np.int64)
            if dropped is not None:
                m.status[:, c] -= hit[dropped].view(np.uint8).sum(axis=0, dtype=np.int64)

    def _moments(self, x: Any, answered: Any, nan: npt.NDArray[np.bool_], count: F64,
                 kept: npt.NDArray[np.bool_], totals: npt.NDArray[np.float32]) -> None:
        plan, m, g = self.plan, self.moments, self.g
        rows = x.shape[0]
        sq = self.sq[:rows]
        np.multiply(x, x, out=sq)
        # Column sums as a product with a row of ones run on BLAS, several times faster than
        # sum(axis=0) here; per block they are whole numbers well inside float32's exact range.
        ones = self.ones[:, :rows]
        m.item_n += (ones @ answered)[0]
        m.item_sum += (ones @ x)[0]
        m.item_sq += (ones @ sq)[0]
        self._counts(x, nan)
        complete = ((count == plan.n_items) & kept[:, None]).astype(np.float32)
        ct = complete * totals
        # Complete-case sums for alpha and item-rest: one product gives, for every target, the
        # sums of x and of x * total over its complete respondents (only its own items are
        # read later), a second the sums of x squared.
        both = (np.hstack([complete, ct]).T @ x).astype(np.float64)
        m.cc_x += both[:g]
        m.cc_xt += both[g:]
        m.cc_x2 += (complete.T @ sq).astype(np.float64)
        m.cc_n += complete.sum(axis=0, dtype=np.float64)
        m.cc_t += ct.sum(axis=0, dtype=np.float64)
        m.cc_t2 += (ct * totals).sum(axis=0, dtype=np.float64)

    def _counts(self, x: Any, nan: npt.NDArray[np.bool_]) -> None:
        plan, m = self.plan, self.moments
        rows = x.shape[0]
        if plan.width:
            codes = self.codes[:rows]
            np.copyto(codes, x, casting="unsafe")  # whole numbers; missing cells are 0
            codes += self.offsets
            counted = np.bincount(codes.ravel(), minlength=plan.width * self.k)
            hit = plan.point_bins >= 0
            m.counts.T[hit] += counted[plan.point_bins[hit]]
            return
        eq = self.eq[:rows]
        for j in range(plan.points.shape[0]):
            np.equal(x, plan.points[j], out=eq)
            if plan.zero_is_answer:  # a zeroed missing cell must not count as the value 0
                eq &= ~nan
            m.counts[:, j] += eq.view(np.uint8).sum(axis=0, dtype=np.int64)


def run_pass(q: Questionnaire, table: ResponseTable, targets: Targets,
             min_answered: float, *, threads: int | None = None) -> Pass:
    plan = make_plan(q, targets, min_answered)
    threads = threads or min(4, os.cpu_count() or 1)
    n = table.n_respondents
    k, g = targets.weights.shape
    # Column-major: every later summary reads one target's scores, which is then contiguous.
    out = Pass(scores=np.empty((n, g), order="F"),
               answered=np.empty(n, dtype=np.int64), kept=np.empty(n, dtype=bool),
               moments=_empty_moments(k, g, plan.points.shape[0], plan.n_status))
    starts = list(range(0, n, BLOCK))
    workers = [_Worker(plan, k, g) for _ in range(max(1, min(threads, len(starts))))]
    # Our threads split the rows; BLAS threads inside them would only fight for the same cores.
    with threadpool_limits(limits=1, user_api="blas"):
        if len(workers) == 1:
            for s in starts:
                workers[0].run(table, s, out)
        else:
            def loop(w: _Worker, mine: list[int]) -> None:
                for s in mine:
                    w.run(table, s, out)

            with ThreadPoolExecutor(len(workers)) as pool:
                futures = [pool.submit(loop, w, starts[i::len(workers)])
                           for i, w in enumerate(workers)]
                for f in futures:
                    f.result()
    for w in workers:
        out.moments.add(w.moments)
    return out
