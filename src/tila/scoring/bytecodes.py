"""How the scoring pass reads answers stored as one byte per cell (responses/codes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tila.responses.codes import BLANK
from tila.responses.table import ANSWERED, SKIPPED
from tila.scoring.plan import reverse_key

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.responses.codes import AnswerCodes
    from tila.scoring.plan import Plan
    from tila.scoring.sums import Moments
    from tila.scoring.worker import Worker


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
class ByteBlocks:
    """Byte-coded answers as the pass reads them. Blocks are keyed while still bytes; answer
    distributions and status counts are made per whole column after the blocks
    (count_codes)."""

    codes: npt.NDArray[np.uint8]  # (n, k)
    rules: ByteRules
    n: int

    @classmethod
    def of(cls, q: Questionnaire, codes: AnswerCodes, plan: Plan) -> ByteBlocks:
        return cls(codes.codes, ByteRules.build(q, codes, plan), codes.codes.shape[0])

    def load(self, w: Worker, start: int, stop: int, x: Any, answered: Any) -> Any:
        rows, rules, k = stop - start, self.rules, x.shape[1]
        codes = self.codes[start:stop]
        # [keyed | answered] as bytes side by side, flat: the byte kernel reads it as is.
        flat = w.buffer("xm8", rows, 2 * k, np.uint8).reshape(-1, order="F")
        keyed = flat[:rows * k].reshape((rows, k), order="F")
        valid = flat[rows * k:].view(np.bool_).reshape((rows, k), order="F")
        # An answer is lo <= code <= hi, tested as one wrapping subtraction: a code below lo
        # wraps to a large byte.
        above = np.subtract(codes, rules.lo, out=w.buffer("above", rows, dtype=np.uint8))
        np.less_equal(above, rules.span, out=valid)
        np.copyto(answered, valid)
        # Keyed and zeroed where unanswered while still bytes (a quarter of the memory traffic
        # of floats), then widened. A reverse-keyed code that is not an answer wraps around,
        # harmlessly: it is zeroed.
        np.copyto(keyed, codes)
        reverse_key(keyed, w.plan.reverse, rules.lohi)
        keyed *= valid.view(np.uint8)  # one type: no casting loop
        np.copyto(x, keyed)
        return flat

    def count_block(self, w: Worker, start: int, stop: int, x: Any, answered: Any,
                    dropped: npt.NDArray[np.bool_] | None) -> None:
        return None  # counted by whole columns (count_columns)

    def count_columns(self, columns: range, dropped: npt.NDArray[np.intp],
                      moments: Moments) -> None:
        count_codes(self.codes, self.rules, columns, dropped, moments)

    def item_sums(self, plan: Plan, moments: Moments) -> None:
        item_moments(plan, moments)
