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
pass reads directly. Blocks are independent, so two worker threads share them (numpy releases
the GIL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from tila._threads import thread_count
from tila.responses.codes import BLANK
from tila.responses.table import ANSWERED, SKIPPED, ResponseTable
from tila.scoring.distribution import KeyPlan, block_keys, complete_totals, key_plan

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.codes import AnswerCodes
    from tila.scoring.engine import Targets

F64 = npt.NDArray[np.float64]
Groupings = Sequence[tuple[npt.NDArray[np.integer], int]]
BLOCK = 8192  # rows per block: work arrays of 1-4 MB, and a block's float32 sums stay exact
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
    cc_t: F64  # (g,)
    cc_t2: F64  # (g,)
    # Gram matrix of [keyed x, zero where missing | answered] over kept respondents, (2k, 2k):
    # pair counts, sums of x_i where j was answered, and sums of x_i x_j, from which every
    # pairwise-complete covariance (pairwise alpha and item-rest correlations, as R
    # psych::alpha computes them) follows.
    gram: F64

    def add(self, other: Moments) -> None:
        for name in self.__dataclass_fields__:
            getattr(self, name).__iadd__(getattr(other, name))


@dataclass(frozen=True)
class Pass:
    scores: F64  # (n, len(score_columns)) 0-100, NaN = not enough answers or excluded
    answered: npt.NDArray[np.int64]  # (n,) scored answers per respondent
    kept: npt.NDArray[np.bool_]  # (n,)
    moments: Moments
    # Exact score distributions (see distribution.py): the organization's, then one per
    # grouping with a slot of ``keys.total + 1`` bins per group and a last slot for respondents
    # who did not state the field. None when no target qualifies.
    keys: KeyPlan | None = None
    histograms: tuple[npt.NDArray[np.int64], ...] = ()
    # The targets whose per-respondent scores are kept: by default those the histograms do not
    # summarise (a counted target needs no scores, and a million rows of them are 8 MB each).
    score_columns: tuple[int, ...] = ()

    def histogram(self, grouping: int | None = None,
                  group: int = 0) -> npt.NDArray[np.int64] | None:
        """Counted score keys of the organization, or of one group of one grouping (in the
        order the groupings were given); None when the pass counted none."""
        if self.keys is None:
            return None
        if grouping is None:
            return self.histograms[0]
        size = self.keys.total + 1
        return self.histograms[1 + grouping][group * size:(group + 1) * size]


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
    n_status: int
    # When every keyed scale value is a small whole number, answers are counted with one
    # bincount per block: bin (item * width + value) holds that item's count of that value.
    width: int  # 0 when counting must compare value by value instead
    point_bins: npt.NDArray[np.intp]  # (p, k) bin of scale point j of item i (-1: none)
    weighted_members: npt.NDArray[np.float32]  # (k, len(weighted)) for unweighted totals
    # Whether a block's gram matrix (pair sums of x_i x_j) is exact in float32: whole-number
    # keyed values whose squares, summed over a block, stay below 2^24. Otherwise (a 0-100
    # slider, halves) it is worked out in float64.
    gram32: bool


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
    # Counting key of a cell: its keyed value + 1 when answered, 0 when missing (so a scale
    # with the value 0 needs no special case).
    whole = bool(np.all(finite == np.round(finite)) and finite.min() >= 0 and finite.max() < 62)
    width = int(finite.max()) + 2 if whole else 0
    bins = np.full(points.shape, -1, dtype=np.intp)
    if width:
        ok = ~np.isnan(points)
        bins[ok] = (np.arange(k)[None, :] * width + np.nan_to_num(points) + 1)[ok].astype(np.intp)
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
        n_status=2 + max((len(s.non_scored) for s in q.scales.values()), default=0),
        width=width,
        point_bins=bins,
        weighted_members=member[:, weighted].astype(np.float32),
        gram32=bool(np.all(finite == np.round(finite))
                    and np.abs(finite).max() ** 2 * BLOCK < 2 ** 24),
    )


def reverse_key(x: Any, reverse: npt.NDArray[np.intp], lohi: Any) -> None:
    """Reverse-key in place: a reverse-keyed item scores ``min + max - value`` (NaN stays)."""
    if reverse.size:
        x[:, reverse] = lohi - x[:, reverse]


def _column_counts(hit: npt.NDArray[np.bool_]) -> npt.NDArray[np.int32]:
    """True cells per column of a block (at most BLOCK rows, so int32 holds the count): summed
    as bytes, four times faster than np.count_nonzero along an axis."""
    counts: npt.NDArray[np.int32] = hit.view(np.uint8).sum(axis=0, dtype=np.int32)
    return counts


def _empty_moments(k: int, g: int, p: int, s: int) -> Moments:
    z = np.zeros
    return Moments(z(k), z(k), z(k), z((k, p)), z((k, s)), z(g), z((g, k)), z((g, k)),
                   z(g), z(g), z((2 * k, 2 * k)))


@dataclass(frozen=True)
class ByteRules:
    """How the pass reads a table of byte codes (responses/codes.py).

    Every scale kept as bytes is a run of whole numbers, so a cell is an answer exactly when
    ``lo <= code <= hi`` for its item: byte arithmetic, no lookup. Answer distributions and
    status counts compare each column with one probe byte per item: the code of the j-th
    scale point, of a non-scored option, or BLANK (a byte the item never holds stands in when
    it has no such point or option); see count_codes."""

    lo: npt.NDArray[np.uint8]  # (k,)
    span: npt.NDArray[np.uint8]  # (k,) hi - lo
    lohi: npt.NDArray[np.uint8]  # (len(plan.reverse),) lo + hi of reverse-keyed items' codes
    points: tuple[npt.NDArray[np.uint8], ...]  # j-th scale point's code per item
    probes: tuple[tuple[int, npt.NDArray[np.uint8]], ...]  # (status, byte per item)

    @classmethod
    def build(cls, q: Questionnaire, codes: AnswerCodes, plan: Plan) -> ByteRules:
        answered = codes.status_of == ANSWERED
        k = answered.shape[0]
        lo = np.argmax(answered, axis=1).astype(np.uint8)
        hi = (255 - np.argmax(answered[:, ::-1], axis=1)).astype(np.uint8)
        # The readers leave only answers, option codes and BLANK in a byte table.
        absent = np.array([np.flatnonzero((codes.status_of[i] == SKIPPED)
                                          & (np.arange(256) != BLANK))[0] for i in range(k)],
                          dtype=np.uint8)
        points = []
        for j in range(plan.points.shape[0]):
            probe = absent.copy()
            for i, it in enumerate(q.items):
                values = q.scales[it.scale].values  # in the scale's own order
                if j < len(values):
                    probe[i] = int(values[j])
            points.append(probe)
        probes = [(SKIPPED, np.full(k, BLANK, dtype=np.uint8))]
        # A set, not np.unique: numpy 2 imports numpy.ma (15 ms) on a process's first unique.
        for status in sorted(set(codes.status_of[codes.status_of > SKIPPED].tolist())):
            probe = absent.copy()
            for i in range(k):
                hit = np.flatnonzero(codes.status_of[i] == status)
                if hit.size:
                    probe[i] = hit[0]
            probes.append((int(status), probe))
        # Byte arithmetic wraps: (lo + hi - code) mod 256 is the keyed answer even when
        # lo + hi itself does not fit a byte, as the answer does.
        rev = plan.reverse
        lohi = ((lo[rev].astype(np.int64) + hi[rev]) % 256).astype(np.uint8)
        return cls(lo, hi - lo, lohi, tuple(points), tuple(probes))


def count_codes(codes: npt.NDArray[np.uint8], rules: ByteRules, columns: Sequence[int],
                dropped: npt.NDArray[np.intp], moments: Moments) -> None:
    """Add the answer distribution and status counts of some columns of a byte table, over
    kept respondents (``dropped`` lists the others), to ``moments``.

    Done per whole column after the blocks rather than per block: comparing a million bytes
    with one probe and counting the hits is three times faster than the same work on
    (rows, items) blocks, where the hits must be summed along an axis.
    """
    hit = np.empty(codes.shape[0], dtype=np.bool_)

    def kept_with(column: npt.NDArray[np.uint8], gone: npt.NDArray[np.uint8],
                  byte: np.uint8) -> int:
        return int(np.count_nonzero(np.equal(column, byte, out=hit))
                   - np.count_nonzero(gone == byte))

    for i in columns:
        column = codes[:, i]
        gone = column[dropped]
        for j, probe in enumerate(rules.points):
            moments.counts[i, j] += kept_with(column, gone, probe[i])
        for status, probe in rules.probes:
            moments.status[i, status] += kept_with(column, gone, probe[i])


def item_moments(plan: Plan, moments: Moments) -> None:
    """Per-item answered counts, keyed sums and sums of squares from the answer
    distributions: exact, as every answer of a byte table is one of its scale's points."""
    keyed = np.nan_to_num(plan.points.astype(np.float64))  # (p, k); a missing point has count 0
    counts = moments.counts.T  # (p, k)
    moments.item_n += counts.sum(axis=0)
    moments.item_sum += (counts * keyed).sum(axis=0)
    moments.item_sq += (counts * keyed ** 2).sum(axis=0)


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


class _Worker:
    """Buffers for one thread, reused for every block it handles.

    Block arithmetic is float32: answers are small numbers, so sums of a block's answers are
    exact in float32 for integer scales, and half the bytes halve the memory traffic that
    dominates here. Divisions and the running totals across blocks are float64. Buffers are
    column-major like the tables, so loading a block copies contiguous runs (BLAS reads
    either layout).
    """

    def __init__(self, plan: Plan, k: int, g: int, rules: ByteRules | None = None,
                 keys: KeyPlan | None = None,
                 score_columns: tuple[int, ...] | None = None,
                 slots: Slots | None = None, sums: bool = True) -> None:
        self.plan = plan
        self.sums = sums  # False: scores only (run_pass's scores_only)
        self.k, self.g = k, g
        self.rules = rules
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
        self.ones = np.ones((1, BLOCK), dtype=np.float32)  # column sums as BLAS products
        self.ones64 = np.ones((1, BLOCK))
        self.offsets = np.arange(k, dtype=np.int32) * plan.width
        self.moments = _empty_moments(k, g, plan.points.shape[0], plan.n_status)

    def buffer(self, name: str, rows: int, cols: int | None = None,
               dtype: type[Any] = np.float32) -> Any:
        """A (rows, cols) column-major work array, the same memory for every block."""
        cols = self.k if cols is None else cols
        store = self._store.get(name)
        if store is None:
            store = self._store[name] = np.empty(BLOCK * cols, dtype=dtype)
        return store[:rows * cols].reshape((rows, cols), order="F")

    def run(self, table: ResponseTable, start: int, out: Pass) -> None:
        plan, g = self.plan, self.g
        stop = min(start + BLOCK, table.n_respondents)
        rows = stop - start
        # Keyed answers and the answered mask side by side in one column-major buffer, so the
        # gram matrix of both (pairwise covariances) is a single product.
        xm = self.buffer("xm", rows, 2 * self.k)
        x, answered_f = xm[:, :self.k], xm[:, self.k:]
        if self.rules is not None:
            assert table.codes is not None
            codes = table.codes.codes[start:stop]
            # An answer is lo <= code <= hi, tested as one wrapping subtraction: a code below
            # lo wraps to a large byte.
            above = np.subtract(codes, self.rules.lo,
                                out=self.buffer("above", rows, dtype=np.uint8))
            valid = np.less_equal(above, self.rules.span,
                                  out=self.buffer("hit", rows, dtype=np.bool_))
            np.copyto(answered_f, valid)
            # Keyed and zeroed where unanswered while still bytes (a quarter of the memory
            # traffic of floats), then widened. A reverse-keyed code that is not an answer
            # wraps around, harmlessly: it is zeroed.
            keyed = self.buffer("keyed", rows, dtype=np.uint8)
            np.copyto(keyed, codes)
            reverse_key(keyed, plan.reverse, self.rules.lohi)
            keyed *= valid.view(np.uint8)  # one type: no casting loop
            np.copyto(x, keyed)
        else:
            nan = np.isnan(table.values[start:stop],
                           out=self.buffer("nan", rows, dtype=np.bool_))
            np.copyto(x, table.values[start:stop], casting="unsafe")
            reverse_key(x, plan.reverse, plan.lohi)
            np.logical_not(nan, out=answered_f, casting="unsafe")
            np.copyto(x, 0.0, where=nan)  # NaN * 0 is NaN
        wide = plan.num_proj.shape[1], plan.den_proj.shape[1]
        num32 = np.matmul(x, plan.num_proj, out=self.buffer("num32", rows, wide[0]))
        den32 = np.matmul(answered_f, plan.den_proj, out=self.buffer("den32", rows, wide[1]))
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
        if self.rules is None:  # byte codes are counted by whole columns (count_codes)
            self._status(table.status[start:stop], dropped if any_dropped else None)
        if any_dropped:  # excluded respondents contribute to no figure
            x[dropped] = 0.0
            answered_f[dropped] = 0.0
        if self.rules is None:
            self._counts(x, answered_f)
        # numpy runs x.T @ x as one symmetric rank-k update (syrk); float32 is exact for the
        # usual scales (Plan.gram32).
        if plan.gram32:
            self.moments.gram += xm.T @ xm
        else:
            wide = xm.astype(np.float64, order="F")
            self.moments.gram += wide.T @ wide
        totals = raw  # a target's unweighted total is its raw sum, unless some of its items
        if plan.weighted.size:  # carry another weight
            totals = self.buffer("totals", rows, g)
            np.copyto(totals, raw)
            totals[:, plan.weighted] = x @ plan.weighted_members
        self._moments(xm, count, kept, totals)

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

    def _status(self, status: Any, dropped: npt.NDArray[np.bool_] | None) -> None:
        m = self.moments
        for c in range(1, self.plan.n_status):  # status 0 (answered) is item_n already
            hit = np.equal(status, c, out=self.buffer("hit", status.shape[0], dtype=np.bool_))
            m.status[:, c] += _column_counts(hit)
            if dropped is not None:
                m.status[:, c] -= _column_counts(hit[dropped])

    def _moments(self, xm: Any, count: F64, kept: npt.NDArray[np.bool_],
                 totals: npt.NDArray[np.float32]) -> None:
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

    def _counts(self, x: Any, answered: Any) -> None:
        plan, m = self.plan, self.moments
        rows = x.shape[0]
        if plan.width:
            keys = self.buffer("keys", rows, dtype=np.int32)
            np.add(x, answered, out=keys, casting="unsafe")  # keyed value + 1, or 0: missing
            keys += self.offsets
            counted = np.bincount(keys.ravel(order="K"), minlength=plan.width * self.k)
            hit = plan.point_bins >= 0
            m.counts.T[hit] += counted[plan.point_bins[hit]]
            return
        eq, kept = self.buffer("eq", rows, dtype=np.bool_), answered.astype(bool)
        for j in range(plan.points.shape[0]):
            np.equal(x, plan.points[j], out=eq)
            eq &= kept  # a zeroed missing cell must not count as the value 0
            m.counts[:, j] += eq.sum(axis=0)


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
    plan = make_plan(q, targets, min_answered)
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
               moments=_empty_moments(k, g, plan.points.shape[0], plan.n_status), keys=kp,
               score_columns=columns)
    starts = list(range(0, n, BLOCK))
    rules = None if table.codes is None else ByteRules.build(q, table.codes, plan)
    slots = None if kp is None else Slots.of(groupings, kp.total + 1)
    workers = [_Worker(plan, k, g, rules, kp, columns, slots, sums=not scores_only)
               for _ in range(max(1, min(threads, len(starts))))]
    share = len(workers)

    def blocks(i: int, w: _Worker) -> None:
        for s in starts[i::share]:
            w.run(table, s, out)

    # Our threads split the rows; BLAS threads inside them would only fight for the same cores.
    # The limit holds for this block only (threadpoolctl restores it), never beyond score().
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(share) as pool:
        def on_every_worker(job: Callable[[int, _Worker], None]) -> None:
            if share == 1:  # threads=1: no thread at all
                job(0, workers[0])
                return
            for f in [pool.submit(job, i, w) for i, w in enumerate(workers)]:
                f.result()

        on_every_worker(blocks)
        if table.codes is not None and rules is not None and not scores_only:
            codes, byte_rules = table.codes.codes, rules
            dropped = np.flatnonzero(~out.kept)  # known once every block is done
            on_every_worker(lambda i, w: count_codes(codes, byte_rules, range(i, k, share),
                                                     dropped, w.moments))
    for w in workers:
        out.moments.add(w.moments)
    if rules is not None:
        item_moments(plan, out.moments)
    else:  # per item answered, keyed sum and sum of squares: the gram matrix's diagonals
        gram = out.moments.gram
        out.moments.item_n += np.diag(gram[k:, k:])
        out.moments.item_sum += np.diag(gram[:k, k:])
        out.moments.item_sq += np.diag(gram[:k, :k])
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
