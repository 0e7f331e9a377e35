"""What the scoring pass derives from the questionnaire once, before reading any answer.

The Plan holds the projections that turn a block of keyed answers into every target's sums, the
reverse-keying constants and how answers are counted; every block of every thread reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.scoring.targets import Targets

F64 = npt.NDArray[np.float64]
BLOCK = 8192  # rows per block: work arrays of 1-4 MB, and a block's float32 sums stay exact
_EPS = 1e-9


@dataclass(frozen=True)
class ColumnLists:
    """Output columns that are plain sums of lists of a byte block's columns, for the byte
    kernel (kernel.column_sums): column ``cols[c]`` is the sum of block columns
    ``index[offsets[c]:offsets[c + 1]]``. The output's other columns (``rest``) need weights
    other than 1 and come from BLAS."""

    index: npt.NDArray[np.int32]
    offsets: npt.NDArray[np.int32]
    cols: npt.NDArray[np.int32]
    rest: npt.NDArray[np.intp]

    @classmethod
    def of(cls, lists: dict[int, npt.NDArray[np.intp]], width: int) -> ColumnLists:
        """``lists`` maps an output column to its block columns; ``width`` output columns."""
        cols = sorted(lists)
        sizes = [len(lists[c]) for c in cols]
        index = np.concatenate([lists[c] for c in cols]) if cols else np.zeros(0)
        return cls(index.astype(np.int32), np.concatenate([[0], np.cumsum(sizes)]).astype(
            np.int32), np.array(cols, dtype=np.int32),
            np.array([c for c in range(width) if c not in lists], dtype=np.intp))


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
    # Whether keyed values are whole numbers 0-11, so a byte holds their squares (at most 121)
    # and the byte kernel can take the complete-case sums of squares (worker.py).
    squares8: bool
    # The per-respondent products as sums of a byte block's columns ([keyed | answered]) where
    # the weights are 1: each target's raw sum (unless weighted) and its count of answers.
    num_lists: ColumnLists
    den_lists: ColumnLists


def make_plan(q: Questionnaire, targets: Targets, min_answered: float,
              block: int = BLOCK) -> Plan:
    """The plan for a questionnaire; ``block`` is the pass's rows per block (see gram32)."""
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
                    and np.abs(finite).max() ** 2 * block < 2 ** 24),
        squares8=whole and bool(finite.max() <= 11),
        num_lists=ColumnLists.of({j: np.flatnonzero(member[:, j]) for j in range(w.shape[1])
                                  if j not in set(weighted.tolist())}, num.shape[1]),
        den_lists=ColumnLists.of({j: np.flatnonzero(member[:, j]) + k
                                  for j in range(w.shape[1])}, den.shape[1]),
    )



def reverse_key(x: Any, reverse: npt.NDArray[np.intp], lohi: Any) -> None:
    """Reverse-key in place: a reverse-keyed item scores ``min + max - value`` (NaN stays)."""
    if reverse.size:
        x[:, reverse] = lohi - x[:, reverse]

