"""The change between waves: independent (Welch) or, for people in both waves, paired.

Most staff surveys are anonymous, so two waves are two samples and a change gets Welch's 95%
interval (report/compare.py's, the same one the baseline comparison uses). When respondent ids
recur across waves (a panel), the people in both waves can be compared with themselves: the
paired t interval on their differences is narrower because it removes how differently people
rate everything.

Paired figures carry a disclosure risk the independent ones do not. A wave's published mean and
n, with the panel's mean change, give the sum of the scores of the people who answered only one
of the two waves; if those are one or two people, that sum is theirs. So pairing is used only
when the panel has at least the minimum group size and, in each wave, the people outside the
panel are either none or at least the minimum group size. Otherwise the change is computed as
independent, and the reason is recorded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from tila.report.compare import welch
from tila.scoring.result import ScoreResult, Summary
from tila.statistics import t_quantile

Method = Literal["paired", "independent"]
#: Ids tila makes up for rows without one ("row-12", "survey-row-12"): equal ids across files
#: then mean equal row numbers, not the same person, and must never pair two answers.
GENERATED_ID = re.compile(r"(^|-)row-\d+$")
OVERALL = "overall"


@dataclass(frozen=True)
class Change:
    """``later - earlier`` for one principle (or the overall index), with its 95% interval."""

    earlier: str  # wave label
    later: str
    diff: float
    lo: float
    hi: float
    method: Method
    n_earlier: int
    n_later: int
    n_paired: int  # people in both waves behind a paired change; 0 for independent
    why: str  # why this method: a sentence fragment for the method notes

    @property
    def reliable(self) -> bool:
        """True when the 95% interval excludes zero as printed (one decimal): an interval
        printed as "-8.6 to 0.0" must not be called a reliable decline."""
        return math.isfinite(self.lo) and math.isfinite(self.hi) and \
            (round(self.lo, 1) > 0 or round(self.hi, 1) < 0)

    @property
    def verdict(self) -> str:
        # The words of the baseline chart (report/compare_charts.ChangeRow), so one report
        # never says the same thing two ways.
        if not self.reliable:
            return "no reliable change"
        return "reliable improvement" if self.diff > 0 else "reliable decline"


def column(r: ScoreResult, target: str) -> npt.NDArray[np.float64]:
    pr = r.respondent_scores()
    if target == OVERALL:
        return np.asarray(pr.overall_score, dtype=np.float64)
    return np.asarray(pr.principle_scores[:, pr.principle_ids.index(target)], dtype=np.float64)


def usable_ids(r: ScoreResult) -> dict[str, int] | None:
    """Id -> row for ids that can identify a person across waves; None when ids repeat."""
    ids = [str(i) for i in r.respondent_scores().ids]
    if len(set(ids)) != len(ids):
        return None
    return {i: k for k, i in enumerate(ids) if not GENERATED_ID.search(i)}


def panel_size(a: ScoreResult, b: ScoreResult) -> int:
    """How many usable respondent ids appear in both waves (scored or not)."""
    ia, ib = usable_ids(a), usable_ids(b)
    return 0 if ia is None or ib is None else len(ia.keys() & ib.keys())


def _summary(r: ScoreResult, target: str) -> Summary:
    return r.overall if target == OVERALL else r.principles[target]


def panel_rows(a: ScoreResult, b: ScoreResult, target: str, *, min_group_size: int
               ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], str]:
    """The rows of the people scored on ``target`` in both waves, in ``a`` and in ``b``, when
    this pair may be paired on its own; else two empty arrays and why not."""
    none = np.zeros(0, dtype=np.intp)
    ia, ib = usable_ids(a), usable_ids(b)
    if ia is None or ib is None:
        return none, none, ("respondent ids repeat within a wave, so people cannot be matched "
                            "across waves; the waves are compared as separate groups")
    common = sorted(ia.keys() & ib.keys())
    if not common:
        return none, none, ("no respondent id appears in both waves, so they are compared as "
                            "separate groups")
    sa, sb = _summary(a, target), _summary(b, target)
    xa, xb = column(a, target), column(b, target)
    rows_a = np.array([ia[i] for i in common], dtype=np.intp)
    rows_b = np.array([ib[i] for i in common], dtype=np.intp)
    both = ~np.isnan(xa[rows_a]) & ~np.isnan(xb[rows_b])
    n_p = int(both.sum())
    only_a, only_b = sa.n - n_p, sb.n - n_p
    if n_p < max(min_group_size, 2):
        return none, none, (f"only {n_p} people were scored in both waves (fewer than "
                            f"{max(min_group_size, 2)}), so the waves are compared as separate "
                            "groups")
    if 0 < only_a < min_group_size or 0 < only_b < min_group_size:
        return none, none, ("pairing would let the few people who answered only one of the "
                            "waves be singled out, so the waves are compared as separate groups")
    return rows_a[both], rows_b[both], ""


#: Why a pair that is safe alone is not paired: with the other paired changes it is not.
JOINTLY = ("pairing these waves as well as the others would let a few people who did not "
           "answer every wave be singled out, so these waves are compared as separate groups")


def change(a: ScoreResult, b: ScoreResult, target: str, labels: tuple[str, str], *,
           min_group_size: int, allow_paired: bool = True, jointly_safe: bool = True
           ) -> Change:
    """The change from wave ``a`` to wave ``b`` on one principle id (or ``"overall"``).

    ``jointly_safe`` False: this pair would be safe to pair alone, but not together with the
    other paired changes published beside it (pairing.py), so it is compared independently.
    """
    sa, sb = _summary(a, target), _summary(b, target)
    if not allow_paired:
        why = "independent comparison was asked for"
    else:
        rows_a, rows_b, why = panel_rows(a, b, target, min_group_size=min_group_size)
        if rows_a.size and not jointly_safe:
            why = JOINTLY
        elif rows_a.size:
            n_p = int(rows_a.size)
            d = column(b, target)[rows_b] - column(a, target)[rows_a]
            mean, sd = float(d.mean()), float(d.std(ddof=1))
            half = t_quantile(0.975, n_p - 1) * sd / math.sqrt(n_p)
            return Change(labels[0], labels[1], mean, mean - half, mean + half, "paired",
                          sa.n, sb.n, n_p, f"the {n_p} people scored in both waves are "
                          "compared with themselves (paired t interval)")
    diff, lo, hi = welch(sa.n, sa.score, sa.sd, sb.n, sb.score, sb.sd)
    return Change(labels[0], labels[1], diff, lo, hi, "independent", sa.n, sb.n, 0, why)
