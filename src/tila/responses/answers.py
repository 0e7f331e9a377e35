"""A response table's answers: one interface, two kinds.

- ``DenseAnswers``: a float matrix of scale values as answered (NaN = missing) and a status
  matrix saying why a cell is missing. Holds any scale.
- ``AnswerCodes`` (codes.py): one byte per cell, for scales of small whole numbers: a quarter of
  the memory, and polars parses it twice as fast. Values and statuses are derived on request.

Readers choose the kind (bytes when every item's scale fits, see codes.bytes_fit); whatever
needs floats asks for ``values()`` and ``status()``, and the scoring pass reads either kind
directly (tila.scoring.dense and tila.scoring.bytecodes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from tila.responses.codes import AnswerCodes
from tila.responses.status import FloatMatrix, StatusMatrix

Rows = npt.NDArray[np.intp] | npt.NDArray[np.bool_]


class Answers(Protocol):
    @property
    def shape(self) -> tuple[int, int]:
        """(respondents, items)"""
        ...

    def values(self) -> FloatMatrix:
        """Scale values as answered, NaN = missing; column-major."""
        ...

    def status(self) -> StatusMatrix:
        """Per cell ANSWERED, SKIPPED or NON_SCORED_BASE + option index."""
        ...

    def take(self, rows: Rows) -> Answers:
        """The same kind, with only these rows (by index or boolean mask)."""
        ...


@dataclass(frozen=True, eq=False)
class DenseAnswers:
    value_matrix: FloatMatrix
    status_matrix: StatusMatrix

    def __post_init__(self) -> None:
        if self.status_matrix.shape != self.value_matrix.shape:
            raise ValueError("status must have the shape of values")

    @property
    def shape(self) -> tuple[int, int]:
        n, k = self.value_matrix.shape
        return int(n), int(k)

    def values(self) -> FloatMatrix:
        return self.value_matrix

    def status(self) -> StatusMatrix:
        return self.status_matrix

    def take(self, rows: Rows) -> DenseAnswers:
        return DenseAnswers(self.value_matrix[rows], self.status_matrix[rows])


def concat_answers(parts: Sequence[Answers]) -> Answers:
    """Answers of several tables, stacked: still byte codes when every part is coded with the
    same tables, else dense."""
    coded = [p for p in parts if isinstance(p, AnswerCodes)]
    if len(coded) == len(parts) and all(c.same_tables(coded[0]) for c in coded):
        return replace(coded[0], codes=np.concatenate([c.codes for c in coded]))
    return DenseAnswers(np.concatenate([p.values() for p in parts]),
                        np.concatenate([p.status() for p in parts]))
