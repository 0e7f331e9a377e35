"""The gram matrix of [keyed answers | answered mask]: all the pairwise-complete item sums.

For k items it is (2k, 2k): pair counts (mask x mask), sums of x_i where j was answered
(x x mask) and sums of x_i x_j (x x x), over kept respondents. Every pairwise-complete
covariance follows from it (tila.statistics.pairwise_cov): the pairwise alpha and the item-rest
correlations, as R psych::alpha computes them by default. It is the pass's single most costly
product, kept here alone so a cheaper way to get the same sums is a change to this file.

Answers kept as bytes go to the compiled kernel (kernel.py) when it can take them; BLAS
otherwise, to the same sums.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from tila.scoring import kernel

if TYPE_CHECKING:
    from tila.scoring.sums import Moments


def add_block_gram(gram: Any, xm: Any, exact32: bool, xm8: Any = None) -> None:
    """Add one block's ``xm.T @ xm`` to ``gram`` (float64). ``xm`` is the block's
    column-major float32 [keyed x, zero where missing | answered mask], excluded rows zeroed;
    ``xm8``, when the answers are bytes, the same block as flat column-major uint8.

    The kernel takes ``xm8`` if it can (it declines a byte above 127). Otherwise numpy runs
    x.T @ x as one symmetric rank-k update (syrk); float32 is exact for the usual scales
    (Plan.gram32), otherwise the block is widened to float64 first."""
    if xm8 is not None and kernel.add_gram(xm8, xm.shape[0], xm.shape[1], gram):
        return
    if exact32:
        gram += xm.T @ xm
    else:
        wide = xm.astype(np.float64, order="F")
        gram += wide.T @ wide


def item_sums_from_gram(moments: Moments, k: int) -> None:
    """Per item answered count, keyed sum and sum of squares: the gram matrix's diagonals
    (float answers; byte answers get them from their answer counts instead)."""
    gram = moments.gram
    moments.item_n += np.diag(gram[k:, k:])
    moments.item_sum += np.diag(gram[:k, k:])
    moments.item_sq += np.diag(gram[:k, :k])
