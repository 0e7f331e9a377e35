"""One thread's share of the scoring pass: blocks of rows in, sums and scores out.

See accumulate.py for what the pass gathers and why it goes by blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from tila.scoring import kernel
from tila.scoring.distribution import block_keys
from tila.scoring.gram import add_block_gram
from tila.scoring.sums import F64, empty_moments

if TYPE_CHECKING:
    from tila.scoring.distribution import KeyPlan
    from tila.scoring.plan import Plan
    from tila.scoring.sums import Moments, Pass

Groupings = Sequence[tuple[npt.NDArray[np.integer], int]]


class AnswerBlocks(Protocol):
    """The answers as the pass reads them, a block of rows at a time. Two kinds: dense floats
    (dense.py) and byte codes (bytecodes.py); the worker never asks which it has."""

    @property
    def n(self) -> int:
        """Respondents (rows)."""

    def load(self, w: Worker, start: int, stop: int, x: Any, answered: Any) -> Any:
        """Fill ``x`` with rows start:stop keyed (zero where missing) and ``answered`` with
        1/0, both float32 (rows, k) column-major. Byte answers also return the block as bytes,
        [keyed | answered] flat in column-major order, for the byte kernel (kernel.py); dense
        answers return None."""

    def count_block(self, w: Worker, start: int, stop: int, x: Any, answered: Any,
                    dropped: npt.NDArray[np.bool_] | None) -> None:
        """Add the block's answer distribution and status counts over kept rows (``dropped``
        marks the others; ``x`` and ``answered`` are zero there), if this kind counts by
        block."""

    def count_columns(self, columns: range, dropped: npt.NDArray[np.intp],
                      moments: Moments) -> None:
        """The same, by whole columns after every block, if this kind counts that way."""

    def item_sums(self, plan: Plan, moments: Moments) -> None:
        """Per item answered counts, keyed sums and sums of squares, once every count is in."""


def column_counts(hit: npt.NDArray[np.bool_]) -> npt.NDArray[np.int32]:
    """True cells per column of a block (at most BLOCK rows, so int32 holds the count): summed
    as bytes, four times faster than np.count_nonzero along an axis."""
    counts: npt.NDArray[np.int32] = hit.view(np.uint8).sum(axis=0, dtype=np.int32)
    return counts



@dataclass(frozen=True)
class Slots:
    """Where each respondent's keys start in each grouping's histogram.

    A respondent's slot is their group, or the last slot when they did not state the field;
    its keys start at slot * (keys per slot). The first grouping's starts are float32, added
    to the keys while they are still floats (exact: histograms stay below MAX_BINS); every
    other grouping's are int64 and relative to the first's.
    """

    first: npt.NDArray[np.float32] | None
    shifts: tuple[npt.NDArray[np.int64], ...]
    sizes: tuple[int, ...]  # slots per grouping

    @classmethod
    def of(cls, groupings: Groupings, per_slot: int) -> Slots:
        if not groupings:
            return cls(None, (), ())
        slot = [np.where(codes < 0, size, codes) for codes, size in groupings]
        first = slot[0].astype(np.float32)
        first *= per_slot
        shifts = tuple((s - slot[0]).astype(np.int64) * per_slot for s in slot[1:])
        return cls(first, shifts, tuple(size + 1 for _, size in groupings))



class Worker:
    """Buffers for one thread, reused for every block it handles.

    Block arithmetic is float32: answers are small numbers, so sums of a block's answers are
    exact in float32 for integer scales, and half the bytes halve the memory traffic that
    dominates here. Divisions and the running totals across blocks are float64. Buffers are
    column-major like the tables, so loading a block copies contiguous runs (BLAS reads
    either layout).
    """

    def __init__(self, plan: Plan, k: int, g: int, block: int, answers: AnswerBlocks,
                 keys: KeyPlan | None = None,
                 score_columns: tuple[int, ...] | None = None,
                 slots: Slots | None = None, sums: bool = True) -> None:
        self.plan = plan
        self.block = block  # rows per block (Plan.gram32 was decided for this size)
        self.sums = sums  # False: scores only (run_pass's scores_only)
        self.k, self.g = k, g
        self.answers = answers
        self.keys = keys
        self.slots = slots or Slots(None, (), ())
        # Targets whose scores the pass keeps; None when it keeps them all. These are the
        # targets it does not count, whose sums of complete respondents' totals it adds too.
        self.score_columns = None if score_columns is None or len(score_columns) == g else \
            np.array(score_columns, dtype=np.intp)
        # One histogram per grouping, or the organization's when there is none (with
        # groupings it is the sum of the first one's slots).
        self.histograms = [] if keys is None else [
            np.zeros(n_slots * (keys.total + 1), dtype=np.int64)
            for n_slots in (self.slots.sizes or (1,))]

        # Every per-block array lives in a buffer reused for each block: a fresh temporary of
        # this size is a fresh mapping of pages to fault in on every block, which cost as much
        # as the arithmetic itself. Flat storage is shaped per block into a contiguous
        # column-major matrix: a row slice of one (BLOCK, k) matrix would be strided, which
        # BLAS copes with but some numpy 2.4 ufuncs do not (np.isnan into a one-row strided
        # view of 16+ columns writes the wrong cells).
        self._store: dict[str, Any] = {}
        self.ones = np.ones((1, block), dtype=np.float32)  # column sums as BLAS products
        self.ones64 = np.ones((1, block))
        self.offsets = np.arange(k, dtype=np.int32) * plan.width
        self.moments = empty_moments(k, g, plan.points.shape[0], plan.n_status)

    def buffer(self, name: str, rows: int, cols: int | None = None,
               dtype: type[Any] = np.float32) -> Any:
        """A (rows, cols) column-major work array, the same memory for every block."""
        cols = self.k if cols is None else cols
        store = self._store.get(name)
        if store is None:
            store = self._store[name] = np.empty(self.block * cols, dtype=dtype)
        return store[:rows * cols].reshape((rows, cols), order="F")

    def run(self, start: int, out: Pass) -> None:
        plan, g = self.plan, self.g
        stop = min(start + self.block, self.answers.n)
        rows = stop - start
        # Keyed answers and the answered mask side by side in one column-major buffer, so the
        # gram matrix of both (pairwise covariances) is a single product.
        xm = self.buffer("xm", rows, 2 * self.k)
        x, answered_f = xm[:, :self.k], xm[:, self.k:]
        xm8 = self.answers.load(self, start, stop, x, answered_f)
        num32 = self.buffer("num32", rows, plan.num_proj.shape[1])
        den32 = self.buffer("den32", rows, plan.den_proj.shape[1])
        if xm8 is None or not self._projections8(xm8, x, answered_f, num32, den32):
            np.matmul(x, plan.num_proj, out=num32)
            np.matmul(answered_f, plan.den_proj, out=den32)
        # Raw sums and counts are whole numbers well inside float32's exact range, so they are
        # used as they come; scores (divisions) are worked out in float64.
        raw, count = num32[:, :g], den32[:, :g]
        # No score for a target: too few of its items answered, or excluded altogether (too
        # few of all items, the last target).
        none = self.buffer("none", rows, g, np.bool_)
        np.less(count, plan.needed, out=none)
        dropped = none[:, -1].copy()
        any_dropped = bool(dropped.any())
        if any_dropped:
            none[dropped] = True
        kept = ~dropped
        # Scores themselves are needed only where they are kept: a counted target's summary
        # comes from its keys, which need only raw, count and ``none``.
        if self.score_columns is None:
            out.scores[start:stop] = self._scores(num32, den32, none)
        elif self.score_columns.size:
            out.scores[start:stop] = self._scores(num32, den32, none)[:, self.score_columns]
        out.answered[start:stop] = count[:, -1]
        out.kept[start:stop] = kept
        if not self.sums:
            return
        if self.keys is not None:
            self._distributions(start, raw, count, none)
        if any_dropped:  # excluded respondents contribute to no figure
            x[dropped] = 0.0
            answered_f[dropped] = 0.0
            if xm8 is not None:
                xm8.reshape(xm.shape, order="F")[dropped] = 0
        self.answers.count_block(self, start, stop, x, answered_f,
                                 dropped if any_dropped else None)
        add_block_gram(self.moments.gram, xm, plan.gram32, xm8)
        totals = raw  # a target's unweighted total is its raw sum, unless some of its items
        if plan.weighted.size:  # carry another weight
            totals = self.buffer("totals", rows, g)
            np.copyto(totals, raw)
            totals[:, plan.weighted] = x @ plan.weighted_members
        self._moments(xm, count, kept, totals, xm8)

    def _projections8(self, xm8: Any, x: Any, answered: Any, num32: Any, den32: Any) -> bool:
        """``x @ num_proj`` and ``answered @ den_proj`` from the byte block: the columns whose
        weights are 1 as sums in the byte kernel, any others by BLAS; False if the kernel
        cannot take the block (then BLAS does it all)."""
        plan, rows = self.plan, x.shape[0]
        for lists, out, src, proj in ((plan.num_lists, num32, x, plan.num_proj),
                                      (plan.den_lists, den32, answered, plan.den_proj)):
            if not kernel.column_sums(xm8, rows, 2 * self.k, lists, out):
                return False
            if lists.rest.size:
                out[:, lists.rest] = src @ proj[:, lists.rest]
        return True

    def _scores(self, num32: Any, den32: Any, none: Any) -> Any:
        """0-100 scores of a block (NaN where ``none``), in float64."""
        plan, g = self.plan, self.g
        rows = num32.shape[0]
        num = self.buffer("num", rows, num32.shape[1], np.float64)
        den = self.buffer("den", rows, den32.shape[1], np.float64)
        np.copyto(num, num32)
        np.copyto(den, den32)
        raw, count = num[:, :g], den[:, :g]
        nw = plan.weighted.size
        wsum = count
        if nw:
            wsum = self.buffer("wsum", rows, g, np.float64)
            np.copyto(wsum, count)
            wsum[:, plan.weighted] = den[:, g:g + nw]
        scores = self.buffer("scores", rows, g, np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            # score = (raw - min * weights) / span / weights * 100
            np.multiply(wsum, plan.lo, out=scores)
            np.subtract(raw, scores, out=scores)
            np.divide(scores, plan.span, out=scores)
            if plan.mixed.size:
                scores[:, plan.mixed] = num[:, g:] + den[:, g + nw:]
            np.divide(scores, wsum, out=scores)
            scores *= 100.0
        np.copyto(scores, np.nan, where=none)
        return scores

    def _distributions(self, start: int, raw: Any, count: Any, none: Any) -> None:
        """Count each respondent's score key, for the organization and for every group."""
        kp = self.keys
        assert kp is not None
        rows, d = raw.shape[0], kp.targets.size
        keys = self.buffer("keys64", rows, d, np.int64)
        first = self.slots.first
        block_keys(kp, raw, count, none, keys, self.buffer("keywork", rows, d),
                   None if first is None else first[start:start + rows, None])
        self.histograms[0] += np.bincount(keys.ravel(order="K"),
                                          minlength=self.histograms[0].size)
        grouped = self.buffer("groupkeys", rows, d, np.int64)
        for f, shifts in enumerate(self.slots.shifts, start=1):
            np.add(keys, shifts[start:start + rows, None], out=grouped)
            self.histograms[f] += np.bincount(grouped.ravel(order="K"),
                                              minlength=self.histograms[f].size)

    def _moments(self, xm: Any, count: F64, kept: npt.NDArray[np.bool_],
                 totals: npt.NDArray[np.float32], xm8: Any) -> None:
        plan, m, g, k = self.plan, self.moments, self.g, self.k
        rows = xm.shape[0]
        x, answered = xm[:, :k], xm[:, k:]
        # Column sums as a product with a row of ones run on BLAS, several times faster than
        # sum(axis=0) here; per block they are whole numbers well inside float32's exact range.
        ones = self.ones[:, :rows]
        # 1 where the respondent answered every item of the target (and was kept).
        complete = self.buffer("both", rows, g)
        flags = self.buffer("complete", rows, g, np.bool_)
        np.equal(count, plan.n_items, out=flags)
        flags &= kept[:, None]
        np.copyto(complete, flags)
        # The answered mask is not read again (the gram matrix has it): x squared takes its
        # place, so [x | x²] is one contiguous matrix and one product gives, for every target,
        # the sums of x and of x squared over its complete respondents, the complete-case sums
        # of alpha (only the target's own items are read later). Item-rest correlations come
        # from the gram matrix (pairwise, as psych), so there are no sums of x * total.
        # Byte answers do it as bytes, in the kernel, when it can take them.
        cc = np.zeros((2 * k, g))
        if xm8 is None or not plan.squares8 or not self._complete_sums8(xm8, flags, cc):
            np.multiply(x, x, out=answered)
            cc = xm.T @ complete  # (2k, g): BLAS is faster this way round than complete.T @ xm
        m.cc_x += cc[:k].T
        m.cc_x2 += cc[k:].T
        m.cc_n += (ones @ complete)[0]
        # Sums of complete respondents' totals and squared totals: a counted target's follow
        # from its histogram after the pass (complete_totals), the others' are summed here.
        sel = self.score_columns
        if sel is None or sel.size:
            picked = slice(None) if sel is None else sel
            # Squared totals reach 10^5 each: summed in float64, where a block's sum is exact.
            tc = self.buffer("tc", rows, g if sel is None else sel.size, np.float64)
            np.multiply(complete[:, picked], totals[:, picked], out=tc)
            m.cc_t[picked] += (self.ones64[:, :rows] @ tc)[0]
            tc *= totals[:, picked]
            m.cc_t2[picked] += (self.ones64[:, :rows] @ tc)[0]

    def _complete_sums8(self, xm8: Any, flags: npt.NDArray[np.bool_], cc: F64) -> bool:
        """``cc += [x | x²].T @ flags`` in the byte kernel, x² written over the answered mask
        (the gram matrix has it already); False if the kernel cannot take the block."""
        rows, k = flags.shape[0], self.k
        keyed, squares = xm8[:rows * k], xm8[rows * k:]
        np.multiply(keyed, keyed, out=squares)
        return kernel.add_cross(xm8, flags.reshape(-1, order="F"), rows, 2 * k,
                                flags.shape[1], cc)
