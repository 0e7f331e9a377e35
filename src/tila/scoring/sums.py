"""What the scoring pass adds up (Moments) and everything it returns (Pass)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from tila.scoring.distribution import KeyPlan

F64 = npt.NDArray[np.float64]


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



def empty_moments(k: int, g: int, p: int, s: int) -> Moments:
    z = np.zeros
    return Moments(z(k), z(k), z(k), z((k, p)), z((k, s)), z(g), z((g, k)), z((g, k)),
                   z(g), z(g), z((2 * k, 2 * k)))

