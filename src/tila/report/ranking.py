"""Which principles are strengths and which are growth areas: one rule, from the data.

A principle is a strength when it is clearly above the organization's overall index and a growth
area when it is clearly below it. "Clearly" means the 95% paired t interval of each person's
principle score minus their own overall score lies entirely above (or below) zero. The pairing
matters: people who rate everything low or high move both scores together, so comparing a
principle with the overall index person by person is much sharper than comparing two separate
intervals, and an organization whose principles all sit within chance of each other gets "about
the same as the others" instead of a ranking that means nothing.

Focus areas of the improvement plan are the growth areas, lowest score first (at most three).
The same module states the band a score is in (only when its whole interval lies in that band)
and the target for the next survey.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from tila.framework import PRINCIPLE_IDS
from tila.scoring.result import ScoreResult, Summary
from tila.statistics import t_quantile

Verdict = Literal["strength", "growth", "same", "unknown"]
MAX_FOCUS = 3
TARGET_STEP = 5.0  # points a principle aims to gain by the next survey
TARGET_REACH = 10.0  # the next band's start becomes the target when at most this far away

RULE = ("A principle is called a strength only when it is clearly above the organization's "
        "overall index, and a growth area only when it is clearly below it: for each person, "
        "their score for the principle minus their own overall score, and the 95% interval "
        "of the average of those differences (a paired t interval) lies wholly above or below "
        "zero. Otherwise the principle is “about the same as the others”. The focus areas of "
        "the improvement plan are the growth areas, lowest score first, at most three.")
TARGET_RULE = (f"The target for the next survey is {TARGET_STEP:g} points above today's score, "
               f"or the start of the next band when that is no more than {TARGET_REACH:g} "
               "points away, whichever is higher, and never above 100.")


class BandLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def min(self) -> float: ...
    @property
    def max(self) -> float: ...


@dataclass(frozen=True)
class Standing:
    id: str
    title: str
    score: float
    diff: float  # principle minus overall, averaged over people with both scores
    lo: float
    hi: float
    n: int  # people with both scores
    verdict: Verdict


def _paired(d: np.ndarray) -> tuple[float, float, float]:
    n = d.size
    mean = float(d.mean()) if n else math.nan
    if n < 2:
        return mean, math.nan, math.nan
    half = t_quantile(0.975, n - 1) * float(d.std(ddof=1)) / math.sqrt(n)
    return mean, mean - half, mean + half


def standings(result: ScoreResult) -> dict[str, Standing]:
    """Each scored principle's paired difference from the overall index and its verdict."""
    rs = result.respondent_scores()  # the report's callers score with per_respondent=True
    overall = rs.overall_score
    out = {}
    for j, pid in enumerate(rs.principle_ids):
        s = result.principles.get(pid)
        if s is None:
            continue
        p = rs.principle_scores[:, j]
        both = np.isfinite(p) & np.isfinite(overall)
        diff, lo, hi = _paired(p[both] - overall[both])
        verdict: Verdict = ("unknown" if math.isnan(lo) else "strength" if lo > 0
                            else "growth" if hi < 0 else "same")
        out[pid] = Standing(pid, s.title, s.score, diff, lo, hi, int(both.sum()), verdict)
    return out


def focus_ids(result: ScoreResult) -> tuple[str, ...]:
    """The plan's focus areas: the growth areas, lowest score first, at most three."""
    growth = [s for s in standings(result).values() if s.verdict == "growth"]
    growth.sort(key=lambda s: (s.score, PRINCIPLE_IDS.index(s.id)
                               if s.id in PRINCIPLE_IDS else 99))
    return tuple(s.id for s in growth[:MAX_FOCUS])


def band_of(bands: Sequence[BandLike], x: float) -> BandLike | None:
    for b in bands:
        if b.min <= x < b.max or (b.max == 100 and x == 100):
            return b
    return None


def band_words(bands: Sequence[BandLike], s: Summary) -> str:
    """'in the band “Trauma responsive”' when the whole interval is in it, else 'between …'.

    Without an interval (one person) no band is named: one answer cannot place a principle.
    """
    lo, hi = s.ci95
    if not bands or math.isnan(s.score):
        return "not placed in a band"
    if math.isnan(lo) or math.isnan(hi):
        return "not placed in a band (too few people for an interval)"
    a, b = band_of(bands, lo), band_of(bands, hi)
    if a is None or b is None:
        return "not placed in a band"
    if a.id == b.id:
        return f"in the band “{a.label}”"
    return f"between “{a.label}” and “{b.label}”"


def top_band(bands: Sequence[BandLike], s: Summary) -> bool:
    """Whether a score's whole interval is in the highest band (its plan sustains and shares).

    A score just over the line with an interval reaching below it is not called top-band: the
    plan would tell an organization that may still be in the band below to sustain itself.
    """
    lo = s.ci95[0]
    return bool(bands) and not math.isnan(lo) and lo >= bands[-1].min


def target(bands: Sequence[BandLike], score: float) -> float:
    """The score to aim for at the next survey (see TARGET_RULE)."""
    goal = score + TARGET_STEP
    nxt = next((b.min for b in bands if b.min > score), None)
    if nxt is not None and nxt - score <= TARGET_REACH:
        goal = max(goal, nxt)
    return min(100.0, goal)
