"""Differences a report states: change since a baseline, leaders versus staff, self versus staff.

Two survey waves are treated as independent samples (staff answer anonymously, so answers cannot
be paired): the change in a mean score gets Welch's 95% interval for the difference of two
independent means, and an interval that includes zero reads "no reliable change".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tila.errors import Problem, ReportError
from tila.scoring.result import GroupBreakdown, ScoreResult, Summary
from tila.statistics import t_quantile

NAN = float("nan")


@dataclass(frozen=True)
class Difference:
    """``b - a`` for one principle (or the overall index), with its 95% interval."""

    id: str
    title: str
    a: float
    b: float
    diff: float
    lo: float
    hi: float

    @property
    def reliable(self) -> bool:
        return not (math.isnan(self.lo) or math.isnan(self.hi)) and (self.lo > 0 or self.hi < 0)


def welch(n1: int, m1: float, s1: float, n2: int, m2: float, s2: float) -> tuple[float, float,
                                                                                    float]:
    """``m2 - m1`` and its 95% Welch interval; NaN ends when either side has fewer than two."""
    diff = m2 - m1
    if n1 < 2 or n2 < 2 or math.isnan(s1) or math.isnan(s2):
        return diff, NAN, NAN
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    se = math.sqrt(v1 + v2)
    if se == 0:
        return diff, diff, diff
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    half = t_quantile(0.975, df) * se
    return diff, diff - half, diff + half


def summary_diff(a: Summary, b: Summary) -> Difference:
    diff, lo, hi = welch(a.n, a.score, a.sd, b.n, b.score, b.sd)
    return Difference(b.id, b.title, a.score, b.score, diff, lo, hi)


def check_same_version(current: ScoreResult, baseline: ScoreResult) -> None:
    qa, qb = current.questionnaire, baseline.questionnaire
    if (qa.id, qa.version) != (qb.id, qb.version):
        raise ReportError([Problem(
            code="baseline-version",
            message=f"the baseline was scored with {qb.id} {qb.version} but these responses "
                    f"with {qa.id} {qa.version}; scores from different versions are not "
                    f"comparable",
            hint="score both waves with the same questionnaire version")])


def baseline_change(current: ScoreResult, baseline: ScoreResult) -> tuple[Difference, ...]:
    """Per principle (then overall), the change from the baseline to now."""
    check_same_version(current, baseline)
    out = [summary_diff(baseline.principles[p], s) for p, s in current.principles.items()
           if p in baseline.principles]
    out.append(summary_diff(baseline.overall, current.overall))
    return tuple(out)


def is_leader(value: str) -> bool:
    """Role answers that mean the organization's leadership (Leadership, Executive, Director)."""
    v = value.casefold()
    return any(word in v for word in ("leader", "executive", "director"))


def _rest(total: Summary, part: Summary) -> Summary | None:
    """Everyone in ``total`` but not in ``part``: n, mean and SD recovered from the two."""
    n = total.n - part.n
    if n < 2 or part.n < 1 or math.isnan(total.sd):
        return None
    mean = (total.n * total.score - part.n * part.score) / n
    part_ss = (part.n - 1) * (0.0 if math.isnan(part.sd) else part.sd ** 2) + \
        part.n * part.score ** 2
    ss = (total.n - 1) * total.sd ** 2 + total.n * total.score ** 2 - part_ss
    var = max(0.0, (ss - n * mean * mean) / (n - 1))
    return Summary(id=total.id, title=total.title, n=n, mean=None, score=mean,
                   sd=math.sqrt(var), median=NAN, ci95=(NAN, NAN), band_id=None,
                   band_label=None, item_ids=total.item_ids)


@dataclass(frozen=True)
class LeaderGap:
    leaders: str  # the role value(s) counted as leaders
    n_leaders: int
    n_staff: int
    rows: tuple[Difference, ...]  # a = leaders, b = staff


def leader_gap(result: ScoreResult, breakdown: GroupBreakdown) -> LeaderGap | None:
    """Staff minus leaders per principle, when the leaders' group is large enough to show.

    "Staff" is everyone scored who is not a leader, including people who did not state a role.
    Nothing is shown when the leaders' group is suppressed or staff are fewer than the minimum
    group size, so the gap never reveals a small group.
    """
    leaders = [g for g in breakdown.groups if is_leader(g.value)]
    if len(leaders) != 1 or leaders[0].suppressed or leaders[0].principles is None:
        return None
    lead = leaders[0]
    rows = []
    for pid, total in result.principles.items():
        part = lead.principles.get(pid) if lead.principles else None
        rest = _rest(total, part) if part is not None else None
        if part is None or rest is None or rest.n < breakdown.min_group_size:
            continue
        diff, lo, hi = welch(part.n, part.score, part.sd, rest.n, rest.score, rest.sd)
        rows.append(Difference(pid, total.title, part.score, rest.score, diff, lo, hi))
    if not rows:
        return None
    return LeaderGap(lead.value, lead.n, result.respondents - lead.n, tuple(rows))


def self_gap(staff: ScoreResult, self_rating: ScoreResult) -> tuple[Difference, ...]:
    """Staff ratings minus the leader's self-rating per principle (a = self, b = staff).

    A self-rating usually comes from one person, so there is no interval: the gap is shown as a
    conversation starter, not a test.
    """
    check_same_version(staff, self_rating)
    out = []
    for pid, s in staff.principles.items():
        mine = self_rating.principles.get(pid)
        if mine is None or mine.n == 0:
            continue
        diff, lo, hi = welch(mine.n, mine.score, mine.sd, s.n, s.score, s.sd)
        out.append(Difference(pid, s.title, mine.score, s.score, diff, lo, hi))
    return tuple(out)
