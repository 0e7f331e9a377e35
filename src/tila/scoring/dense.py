"""Dense answers as the pass reads them: a float matrix (NaN = missing) and a status matrix.

Counted per block: each block's answer distribution (a bincount of keyed values, or a
comparison per scale point) and status counts, over the block's kept rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tila.scoring.gram import item_sums_from_gram
from tila.scoring.plan import reverse_key
from tila.scoring.worker import column_counts

if TYPE_CHECKING:
    from tila.responses.table import FloatMatrix, StatusMatrix
    from tila.scoring.plan import Plan
    from tila.scoring.sums import Moments
    from tila.scoring.worker import Worker


@dataclass(frozen=True)
class DenseBlocks:
    values: FloatMatrix  # (n, k) as answered, NaN = missing
    status: StatusMatrix  # (n, k)
    n: int

    def load(self, w: Worker, start: int, stop: int, x: Any, answered: Any) -> None:
        """Dense floats have no byte block for the byte kernel: None."""
        rows = stop - start
        nan = np.isnan(self.values[start:stop], out=w.buffer("nan", rows, dtype=np.bool_))
        np.copyto(x, self.values[start:stop], casting="unsafe")
        reverse_key(x, w.plan.reverse, w.plan.lohi)
        np.logical_not(nan, out=answered, casting="unsafe")
        np.copyto(x, 0.0, where=nan)  # NaN * 0 is NaN

    def count_block(self, w: Worker, start: int, stop: int, x: Any, answered: Any,
                    dropped: npt.NDArray[np.bool_] | None) -> None:
        self._status(w, self.status[start:stop], dropped)
        self._counts(w, x, answered)

    def count_columns(self, columns: range, dropped: npt.NDArray[np.intp],
                      moments: Moments) -> None:
        return None  # counted by block

    def item_sums(self, plan: Plan, moments: Moments) -> None:
        item_sums_from_gram(moments, plan.points.shape[1])

    @staticmethod
    def _status(w: Worker, status: Any, dropped: npt.NDArray[np.bool_] | None) -> None:
        m = w.moments
        for c in range(1, w.plan.n_status):  # status 0 (answered) is item_n already
            hit = np.equal(status, c, out=w.buffer("hit", status.shape[0], dtype=np.bool_))
            m.status[:, c] += column_counts(hit)
            if dropped is not None:
                m.status[:, c] -= column_counts(hit[dropped])

    @staticmethod
    def _counts(w: Worker, x: Any, answered: Any) -> None:
        plan, m = w.plan, w.moments
        rows = x.shape[0]
        if plan.width:
            keys = w.buffer("keys", rows, dtype=np.int32)
            np.add(x, answered, out=keys, casting="unsafe")  # keyed value + 1, or 0: missing
            keys += w.offsets
            counted = np.bincount(keys.ravel(order="K"), minlength=plan.width * w.k)
            hit = plan.point_bins >= 0
            m.counts.T[hit] += counted[plan.point_bins[hit]]
            return
        eq, kept = w.buffer("eq", rows, dtype=np.bool_), answered.astype(bool)
        for j in range(plan.points.shape[0]):
            np.equal(x, plan.points[j], out=eq)
            eq &= kept  # a zeroed missing cell must not count as the value 0
            m.counts[:, j] += eq.sum(axis=0)
