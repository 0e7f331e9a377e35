"""What is scored: every principle, domain and the overall index as a column of one weight matrix.

A respondent's weighted mean for every target is then a matrix product over the answered cells,
``sum(w * value) / sum(w)`` (see accumulate.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from tila.framework import domain, principle

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire


@dataclass(frozen=True)
class Targets:
    """What is scored: the column layout of the weight matrix."""

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    kinds: tuple[str, ...]  # "principle", "domain" or "overall"
    weights: npt.NDArray[np.float64]  # (items, targets)
    scale_min: npt.NDArray[np.float64]  # per target; NaN when its items mix scales
    scale_max: npt.NDArray[np.float64]


def build_targets(q: Questionnaire) -> Targets:
    items = q.items
    ids, titles, kinds, cols = [], [], [], []
    for pid in q.principles_used():
        ids.append(pid)
        titles.append(principle(pid).title)
        kinds.append("principle")
        cols.append([it.weights.get(pid, 0.0) for it in items])
    for did in q.domains_used():
        ids.append(did)
        titles.append(domain(did).title)
        kinds.append("domain")
        cols.append([1.0 if it.domain == did else 0.0 for it in items])
    ids.append("overall")
    titles.append("Overall index")
    kinds.append("overall")
    cols.append([1.0] * len(items))
    weights = np.array(cols, dtype=np.float64).T
    lo, hi = [], []
    for j in range(weights.shape[1]):
        used = {(q.scales[it.scale].min, q.scales[it.scale].max)
                for it, w in zip(items, weights[:, j], strict=True) if w > 0}
        (a, b), = used if len(used) == 1 else {(math.nan, math.nan)}
        lo.append(a)
        hi.append(b)
    return Targets(tuple(ids), tuple(titles), tuple(kinds), weights,
                   np.array(lo), np.array(hi))
