"""Answers kept as one byte per cell: the compact form of a large numeric response file.

Most response files hold small whole numbers (1-5, 0-4, a "Don't know" coded 9). Read straight
into bytes, a million respondents by sixty items is 60 MB instead of 240 MB of floats, polars
parses it twice as fast as floats, and the scoring pass reads the bytes directly: an answer is
a byte within its scale's run, and distributions are counts of each byte.

A cell holds the number written in the file, or ``BLANK`` when it was empty. ``value_of[j, c]``
is item ``j``'s scale value for code ``c`` (NaN when ``c`` is not a scale value) and
``status_of[j, c]`` its status (answered, skipped, or a non-scored option such as "Don't know").
The float matrix and status matrix the rest of tila reads are derived on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.responses.status import ANSWERED, NON_SCORED_BASE, SKIPPED

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire, Scale

BLANK = 255  # an empty cell; a file whose cells use 255 itself is read as floats instead
CodeMatrix = npt.NDArray[np.uint8]


def byte_codes(scale: Scale) -> dict[int, int] | None:
    """Code -> status for a scale whose values are a run of whole numbers within 0-254 (1-5,
    0-4...), with a byte for each non-scored option: its numeric code when it has one, else
    the highest byte still free (only answers given as labels use those).

    None for any other scale: such a scale is read as floats. A run lets the scoring pass tell
    an answer from a code by its distance from the scale's lowest value.
    """
    values = sorted(scale.values)
    lo = values[0]
    if lo != int(lo) or lo < 0 or values != [lo + i for i in range(len(values))] \
            or values[-1] >= BLANK:
        return None
    out = {int(v): ANSWERED for v in values}
    for j, opt in enumerate(scale.non_scored):
        if opt.code is None:
            continue
        if opt.code != int(opt.code) or not 0 <= opt.code < BLANK or int(opt.code) in out:
            return None
        out[int(opt.code)] = NON_SCORED_BASE + j
    if len(out) + len(scale.non_scored) > 200:
        return None  # the pass needs spare bytes to stand for "no such point or option"
    free = (b for b in range(BLANK - 1, -1, -1) if b not in out)
    for j, opt in enumerate(scale.non_scored):
        if opt.code is None:
            out[next(free)] = NON_SCORED_BASE + j
    return out


def option_bytes(scale: Scale) -> dict[int, int]:
    """Status (NON_SCORED_BASE + option index) -> its byte, for a scale ``byte_codes`` fits."""
    return {status: code for code, status in (byte_codes(scale) or {}).items()
            if status >= NON_SCORED_BASE}


def bytes_fit(q: Questionnaire) -> bool:
    """Whether every item of ``q`` can be stored as byte codes."""
    return all(byte_codes(q.scales[it.scale]) is not None for it in q.items)


@dataclass(frozen=True, eq=False)
class AnswerCodes:
    codes: CodeMatrix  # (n, k) the number written in each cell, BLANK when empty; any layout
    value_of: npt.NDArray[np.float32]  # (k, 256) scale value per code, NaN when none
    status_of: npt.NDArray[np.int8]  # (k, 256) status per code

    @property
    def shape(self) -> tuple[int, int]:
        n, k = self.codes.shape
        return int(n), int(k)

    @classmethod
    def for_items(cls, codes: CodeMatrix, scales: Sequence[Scale]) -> AnswerCodes:
        """Lookup tables for these items' scales. A code the scale does not know reads as
        skipped (the readers only build codes after checking every cell)."""
        k = len(scales)
        value_of = np.full((k, 256), np.nan, dtype=np.float32)
        status_of = np.full((k, 256), SKIPPED, dtype=np.int8)
        for j, scale in enumerate(scales):
            for code, st in (byte_codes(scale) or {}).items():
                status_of[j, code] = st
                if st == ANSWERED:
                    value_of[j, code] = code
        return cls(codes, value_of, status_of)

    def values(self) -> npt.NDArray[np.float32]:
        """The float matrix (NaN = missing), column-major like the readers' dense tables."""
        out = np.empty(self.codes.shape, dtype=np.float32, order="F")
        for j in range(self.codes.shape[1]):
            np.take(self.value_of[j], self.codes[:, j], out=out[:, j])
        return out

    def status(self) -> npt.NDArray[np.int8]:
        out = np.empty(self.codes.shape, dtype=np.int8, order="F")
        for j in range(self.codes.shape[1]):
            np.take(self.status_of[j], self.codes[:, j], out=out[:, j])
        return out

    def take(self, rows: npt.NDArray[np.intp] | npt.NDArray[np.bool_]) -> AnswerCodes:
        return AnswerCodes(self.codes[rows], self.value_of, self.status_of)

    def same_tables(self, other: AnswerCodes) -> bool:
        return bool(np.array_equal(self.value_of, other.value_of, equal_nan=True)
                    and np.array_equal(self.status_of, other.status_of))
