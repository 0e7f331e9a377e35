"""The compiled byte kernel (_bytegram.c), when tila was installed with it.

Byte-coded answers are small whole numbers, and the pass's products over them are done in AVX2
byte arithmetic there, three to four times faster than the float32 BLAS products they stand in
for and exact: the pairwise gram matrix (gram.py), the complete-case sums and each target's raw
sum and answer count per respondent (worker.py). Each call returns False when the kernel cannot
take the block (not built: no C compiler at install time; a machine without AVX2; a byte above
127; a list of more than 257 columns); the caller then uses BLAS, which gives the same sums.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tila.scoring.plan import ColumnLists

try:
    from tila.scoring import _bytegram
except ImportError:  # installed without a C compiler: BLAS alone
    KERNEL = False
else:
    KERNEL = bool(_bytegram.SIMD)


def add_gram(flat: Any, rows: int, width: int, out: Any) -> bool:
    """``out += A.T @ A`` for A, (rows, width) uint8 stored flat in column-major order."""
    return KERNEL and _bytegram.add_gram(flat, rows, width, out)


def add_cross(a: Any, b: Any, rows: int, wa: int, wb: int, out: Any) -> bool:
    """``out += A.T @ B`` for A (rows, wa) and B (rows, wb), uint8 flat in column-major order;
    ``out`` is (wa, wb) float64."""
    return KERNEL and _bytegram.add_cross(a, b, rows, wa, wb, out)


def column_sums(flat: Any, rows: int, width: int, lists: ColumnLists, out: Any) -> bool:
    """Fill the columns ``lists.cols`` of ``out`` ((rows, n) float32, column-major) with the
    per-row sums of the lists of columns of A, (rows, width) uint8 flat in column-major order;
    the other columns of ``out`` are left as they were."""
    return KERNEL and _bytegram.column_sums(flat, rows, width, lists.index, lists.offsets,
                                            lists.cols, out.reshape(-1, order="F"),
                                            out.shape[1])
